#!/usr/bin/env bash
# Builds the crate to wasm and writes the ES module into www/pkg/.
# Uses rustup's wasm32 target where it is installed, else Debian's rustc-web
# building std from source (see scripts/setup.sh and the README).
set -euo pipefail
cd "$(dirname "$0")/.."
# simd128 lets LLVM turn the block loops of compile.rs and fastmath.rs into
# two-lane f64 SIMD; every browser the page targets supports it.
export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128"
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  CARGO_TARGET_DIR=target/wasm cargo build -q --release --target wasm32-unknown-unknown -p gradients
else
  PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld \
  CARGO_TARGET_DIR=target/wasm \
    cargo build -q --release --target wasm32-unknown-unknown -p gradients -Zbuild-std=std,panic_abort
fi
wasm-bindgen --target web --no-typescript --out-dir www/pkg target/wasm/wasm32-unknown-unknown/release/gradients.wasm
# binaryen from npm (132): Debian's wasm-opt 108 breaks wasm-bindgen's
# externref table ("WebAssembly.Table.set(): Argument 1 is invalid").
# Optional: without Node.js the unoptimised wasm works, a little larger.
if node --version >/dev/null 2>&1 && [ -x node_modules/.bin/wasm-opt ]; then
  node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-reference-types --enable-multivalue \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
    www/pkg/gradients_bg.wasm -o www/pkg/gradients_bg.wasm
else
  echo "build: wasm-opt skipped (needs Node.js and npm's binaryen: scripts/setup-build.sh installs it)"
fi
echo "build: www/pkg/gradients_bg.wasm $(wc -c < www/pkg/gradients_bg.wasm) bytes"
