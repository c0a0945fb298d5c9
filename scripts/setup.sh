#!/usr/bin/env bash
# Installs everything that building and testing Gradients needs (make test,
# CI), and only what is missing: the build tools (scripts/setup-build.sh),
# then Chromium and the test packages (scripts/setup-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-build.sh --node
bash scripts/setup-test.sh
