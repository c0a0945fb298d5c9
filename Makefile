# The two commands a person needs are `make serve` and `make test`.
# Every target runs the set-up first; it installs only what is missing.
# build, serve and dist install only the build tools (scripts/setup-build.sh);
# test adds Chromium and the test packages (scripts/setup.sh runs both).
.PHONY: setup setup-build build serve test test-rust test-browser future-incompat fuzz bench audit dist clean
PORT ?= 8000

setup:
	@bash scripts/setup.sh

# dist needs Node.js (scripts/single-file.mjs); build and serve only use it for wasm-opt.
setup-build:
	@bash scripts/setup-build.sh $(SETUP_BUILD_ARGS)

build: setup-build
	@bash scripts/build-wasm.sh

serve: build
	@echo "Gradients: http://127.0.0.1:$(PORT)/"
	@python3 -m http.server $(PORT) --bind 127.0.0.1

test: setup test-rust future-incompat build test-browser

test-rust:
	cargo test --workspace

test-browser:
	npm test

# Reports (does not fail on) dependencies that a future Rust will reject.
future-incompat:
	@bash scripts/future-incompat.sh

# Speed, weight and memory figures, side by side in one run.
bench: setup dist
	@python3 -c "import numpy" 2>/dev/null || pip install -q numpy
	@node bench/bench.mjs

# The long fuzz run (30 minutes by default; SECONDS_TOTAL=... to change).
fuzz:
	@bash scripts/fuzz-long.sh

dist: SETUP_BUILD_ARGS = --node
dist: build
	@rm -rf dist && mkdir -p dist/www/pkg dist/www/figure dist/www/sections
	@cp index.html dist/
	@cp www/*.js www/*.css dist/www/
	@cp www/figure/*.js dist/www/figure/
	@cp www/sections/*.js dist/www/sections/
	@cp www/pkg/gradients.js www/pkg/gradients_bg.wasm dist/www/pkg/
	@node scripts/single-file.mjs
	@echo "dist/ is ready: copy the folder to any static web host, or share dist/gradients.html alone."

clean:
	rm -rf target www/pkg dist tests/output

# Lighthouse scores (mobile and desktop) for index.html and the single file,
# served gzip. Installs Lighthouse 12.2 into .audit/ on first use.
audit: setup dist
	@[ -d .audit/node_modules/lighthouse ] || (mkdir -p .audit && cd .audit && echo '{"name":"gradients-audit","private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error lighthouse@12.2.3)
	@node scripts/audit.mjs
