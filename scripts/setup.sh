#!/usr/bin/env bash
# Installs what building and testing Gradients needs, and only what is missing.
# Safe to run again: every step first checks whether its tool is already there.
#
# Route to wasm (see README "Building"): rustup's wasm32 target when it is
# installed; otherwise Debian's rustc-web + its std source, building std for
# wasm with -Zbuild-std (rustup cannot download the target on a closed network).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crate/Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: cannot read the pinned wasm-bindgen version from crate/Cargo.toml" >&2; exit 1; }

say() { echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "need $* but there is no apt-get; install them by hand"
  if [ "$APT_UPDATED" = 0 ]; then say "apt-get update"; apt-get update -qq || die "apt-get update failed"; APT_UPDATED=1; fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

# 1. A compiler that can target wasm32.
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "wasm32 target: rustup (already installed)"
else
  missing=()
  [ -x /usr/bin/rustc ] || missing+=(rustc-web)
  [ -x /usr/bin/cargo ] || missing+=(cargo-web)
  [ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rust-web-src)
  [ -x /usr/lib/llvm-22/bin/wasm-ld ] || missing+=(lld-22)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; else say "wasm32 route: Debian rustc-web (already installed)"; fi
fi

# 3. Chromium for the browser tests.
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; else say "chromium: present"; fi

# 4. The wasm-bindgen CLI, exactly the crate's pinned version.
if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  command -v cargo >/dev/null || die "cargo is needed to install wasm-bindgen-cli"
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" || die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed"
fi

# 5. npm packages from the lock file: playwright-core for the browser tests and
#    binaryen's wasm-opt (Debian's version 108 breaks wasm-bindgen's output).
command -v npm >/dev/null || apt_install nodejs npm
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (test packages)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
else
  say "npm packages: present"
fi
say "ready"
