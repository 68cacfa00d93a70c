#!/usr/bin/env bash
# Sets everything up (skipping what is installed), then runs every check:
# formatting, clippy, native tests, wasm-bindgen tests in headless Chromium,
# the release build of the page, the Playwright end-to-end tests, and a
# smoke run of the benchmarks (so they cannot rot; no timing is asserted).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }
passed=0

step "rustfmt"
cargo fmt --all -- --check && passed=$((passed + 1))

step "clippy (native and wasm32, warnings are errors)"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features cli -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
passed=$((passed + 1))

step "native tests (gradient checks, XOR, sizes, weight files, training, MNIST, the mnist CLI)"
cargo test --features cli && passed=$((passed + 1))

step "wasm-bindgen tests in headless Chromium (simd128 kernels, bindings)"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" cargo test --target wasm32-unknown-unknown --test web
passed=$((passed + 1))

step "trunk build --release"
trunk build --release && passed=$((passed + 1))

step "Playwright end-to-end tests in headless Chromium"
npm run --silent test:e2e && passed=$((passed + 1))

step "benchmark smoke run"
bench/run.sh --smoke && passed=$((passed + 1))

echo
echo "suites: $passed passed, 0 failed"
