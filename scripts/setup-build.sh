#!/usr/bin/env bash
# Installs what building Gradients needs (make build, make serve, make dist),
# and only what is missing: a Rust compiler for wasm32, the wasm-bindgen CLI
# and, where Node.js is present, npm's binaryen for wasm-opt. Nothing for the
# tests (Chromium, playwright-core): scripts/setup-test.sh adds those.
# Safe to run again: every step first checks whether its tool is already there.
#
#   --node   Node.js is required too (make dist runs scripts/single-file.mjs).
#
# Route to wasm (see README "Building"): rustup's wasm32 target when it is
# installed; otherwise Debian's rustc-web + its std source, building std for
# wasm with -Zbuild-std (rustup cannot download the target on a closed
# network); otherwise `rustup target add wasm32-unknown-unknown`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup-lib.sh

NEED_NODE=0
[ "${1:-}" = "--node" ] && NEED_NODE=1

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crate/Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || die "cannot read the pinned wasm-bindgen version from crate/Cargo.toml"

# 1. A compiler that can target wasm32.
debian_route_missing() {
  missing=()
  [ -x /usr/bin/rustc ] || missing+=(rustc-web)
  [ -x /usr/bin/cargo ] || missing+=(cargo-web)
  [ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rust-web-src)
  [ -x /usr/lib/llvm-22/bin/wasm-ld ] || missing+=(lld-22)
}
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "wasm32 target: rustup (already installed)"
else
  debian_route_missing
  if [ ${#missing[@]} -eq 0 ]; then
    say "wasm32 route: Debian rustc-web (already installed)"
  elif command -v apt-get >/dev/null && apt_try "${missing[@]}"; then
    say "wasm32 route: Debian rustc-web (installed)"
  elif command -v rustup >/dev/null; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32 target (see the README, Building)"
  else
    die "no Rust compiler for wasm32: install rustup (https://rustup.rs), then run: rustup target add wasm32-unknown-unknown"
  fi
fi

# 2. The wasm-bindgen CLI, exactly the crate's pinned version.
if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  command -v cargo >/dev/null || die "cargo is needed to install wasm-bindgen-cli"
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" || die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed"
fi

# 3. Node.js: needed by make dist; for build and serve only for wasm-opt.
if ! runs npm; then
  if [ "$NEED_NODE" = 1 ]; then
    apt_try nodejs npm || die "make dist needs Node.js 18 or newer (https://nodejs.org, or: brew install node)"
  else
    say "no Node.js: the wasm is built without wasm-opt (it works, a little larger and slower)"
    say "ready to build"
    exit 0
  fi
fi

# 4. binaryen's wasm-opt from the lock file (Debian's version 108 breaks
#    wasm-bindgen's output). Only the build's packages: the test packages are
#    devDependencies, installed by scripts/setup-test.sh.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -d node_modules/playwright-core ]; then
    say "npm ci (the lock file changed)"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  else
    say "npm ci --omit=dev (binaryen for wasm-opt; no test packages)"
    npm ci --omit=dev --no-audit --no-fund --loglevel=error || die "npm ci failed"
  fi
else
  say "npm binaryen: present"
fi
say "ready to build"
