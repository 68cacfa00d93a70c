#!/usr/bin/env bash
# The benchmark suite (not a test: nothing here asserts a time). One command:
#   bench/run.sh          full run: sets up what is missing (numpy included), measures
#                         everything, prints the table, writes bench/results/latest.json
#                         and bench/RESULTS.md (about 5 minutes on 2 cores)
#   bench/run.sh --smoke  seconds per part, every part and every installed peer exercised
#                         (used by scripts/test.sh so the suite cannot rot)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--smoke" ]; then
  scripts/setup.sh --bench
fi
cargo build --release --quiet --lib --target wasm32-unknown-unknown
wasm-bindgen --target nodejs --out-dir target/bench-pkg target/wasm32-unknown-unknown/release/mlp.wasm
echo '{"type": "commonjs"}' > target/bench-pkg/package.json
wasm-bindgen --target web --out-dir target/bench-web target/wasm32-unknown-unknown/release/mlp.wasm
node bench/suite.mjs "$@"
