#!/usr/bin/env bash
# Installs what the browser tests need on top of scripts/setup-build.sh, and
# only what is missing: Debian's Chromium and the npm devDependencies
# (playwright-core drives Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup-lib.sh

if [ ! -x /usr/bin/chromium ]; then apt_install chromium; else say "chromium: present"; fi

runs npm || apt_install nodejs npm
if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (test packages)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
else
  say "npm test packages: present"
fi
say "ready to test"
