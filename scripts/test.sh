#!/usr/bin/env bash
# Sets everything up (skipping what is installed), then runs every check:
# formatting, clippy, native tests, wasm-bindgen tests in headless Chromium,
# the release build of the page, the Playwright end-to-end tests, and a
# smoke run of the benchmarks (so they cannot rot; no timing is asserted).
# Every suite runs even if an earlier one failed; the script exits non-zero
# if any failed, and names them.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1

passed=0
failed=()
# run NAME COMMAND...: runs one suite and records whether it passed.
run() {
  local name="$1"
  shift
  printf '\n\033[1;32m==> %s\033[0m\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
  else
    printf '\033[1;31m==> FAILED: %s\033[0m\n' "$name"
    failed+=("$name")
  fi
}

clippy_all() {
  cargo clippy --all-targets -- -D warnings &&
    cargo clippy --all-targets --features cli -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
}
wasm_tests() {
  CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" cargo test --target wasm32-unknown-unknown --test web
}

run "rustfmt" cargo fmt --all -- --check
run "clippy (native, native with the cli feature, wasm32; warnings are errors)" clippy_all
run "native tests (gradient checks, XOR, sizes, weight files, training, MNIST, the mnist CLI, views)" cargo test --features cli
run "wasm-bindgen tests in headless Chromium (simd128 kernels, bindings)" wasm_tests
run "trunk build --release" trunk build --release
run "Playwright end-to-end tests in headless Chromium" npm run --silent test:e2e
run "benchmark smoke run" bench/run.sh --smoke

echo
echo "suites: $passed passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failed[@]}"
  exit 1
fi
