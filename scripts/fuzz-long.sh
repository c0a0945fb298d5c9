#!/usr/bin/env bash
# Long fuzz run of the whole core (parse → derive every variable → print →
# reparse → evaluate) on random strings, in batches with fresh random seeds,
# for SECONDS_TOTAL seconds (default 1800). Prints how many inputs ran.
# `make test` runs the same properties briefly with a fixed seed.
set -euo pipefail
cd "$(dirname "$0")/.."
total=${SECONDS_TOTAL:-1800}
batch=${BATCH:-200000}
cargo test -q --release --test hostile --no-run 2>/dev/null
end=$((SECONDS + total)); runs=0
while [ $SECONDS -lt $end ]; do
  if ! GRADIENTS_RANDOM=1 PROPTEST_CASES=$batch cargo test -q --release --test hostile -- arbitrary any_unicode > /tmp/fuzz-batch.log 2>&1; then
    cat /tmp/fuzz-batch.log; echo "fuzz: FAILED after $runs inputs"; exit 1
  fi
  runs=$((runs + 2 * batch))
done
echo "fuzz: $runs inputs in ${total}s, no panic, print → reparse kept every value"
