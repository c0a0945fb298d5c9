#!/usr/bin/env bash
# Early warning for meval's dependency: nom 1.2.4 trips the
# semicolon_in_expressions_from_macros lint, which Rust plans to make a hard
# error. This prints cargo's future-incompatibility report for the crate's
# dependencies (it does not fail the build; the day it breaks, see the README,
# "If meval stops compiling").
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p gradients 2>/dev/null
report=$(cargo report future-incompatibilities 2>&1)
if echo "$report" | grep -q "semicolon_in_expressions_from_macros\|nom@\|nom v"; then
  pkgs=$(echo "$report" | grep -o 'nom@[0-9.]*\|meval@[0-9.]*' | sort -u | tr '\n' ' ')
  echo "future-incompat: WARNING: ${pkgs:-a dependency} will stop compiling in a future Rust (semicolon_in_expressions_from_macros); only crate/src/parse.rs uses meval."
else
  echo "future-incompat: no report"
fi
