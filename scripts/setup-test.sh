#!/usr/bin/env bash
# Installs what the browser tests need on top of scripts/setup-build.sh, and
# only what is missing: Debian's Chromium and the npm devDependencies
# (playwright-core drives Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup-lib.sh

if [ ! -x /usr/bin/chromium ]; then apt_install chromium; else say "chromium: present"; fi

runs npm || apt_install nodejs npm
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/gremlins.js ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (test packages)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
else
  say "npm test packages: present"
fi
# mpmath, for the correctly rounded reference values of crate/tests/exactmath.rs.
if python3 -c 'import mpmath' 2>/dev/null; then say "mpmath: present"
else say "installing mpmath (pip)"; python3 -m pip install -q mpmath || python3 -m pip install -q --user --break-system-packages mpmath || die "pip install mpmath failed"; fi
say "ready to test"
