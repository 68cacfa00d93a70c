#!/usr/bin/env bash
# Benchmarks (not tests): builds the wasm core for Node and prints the speed of a
# training step on the simd128 path side by side with the scalar path, in the
# same run. `--smoke` runs a few steps only, to prove the benchmark still works.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --lib --target wasm32-unknown-unknown
wasm-bindgen --target nodejs --out-dir target/bench-pkg target/wasm32-unknown-unknown/release/mlp.wasm
echo '{"type": "commonjs"}' > target/bench-pkg/package.json
node bench/step.mjs "$@"
