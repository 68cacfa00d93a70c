#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine that has rustup,
# Node 20 + npm and apt-get. Skips whatever is already installed. Nothing is
# downloaded as a prebuilt binary: Rust tools come from crates.io via
# `cargo install`, the browser from Debian's packages, JS tools from npm.
#
# `scripts/setup.sh --bench` also installs the benchmark suite's native peer (numpy and
# threadpoolctl from PyPI, pinned), which only the full `bench/run.sh` needs.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=0
[ "${1:-}" = "--bench" ] && BENCH=1
NUMPY_VERSION=2.4.6
THREADPOOLCTL_VERSION=3.8.0

TRUNK_VERSION=0.21.14 # trunk 0.22 needs rustc >= 1.96.1
# wasm-bindgen-cli must match the wasm-bindgen version locked in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "cargo install trunk@$TRUNK_VERSION (about 7 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "cargo install wasm-bindgen-cli@$WASM_BINDGEN_VERSION (test runner included)"
  # Not --locked: one dependency pinned in its lock file is no longer on crates.io.
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
if [ "$BENCH" = 1 ] && ! python3 -c "import numpy, threadpoolctl" >/dev/null 2>&1; then
  say "pip install numpy==$NUMPY_VERSION threadpoolctl==$THREADPOOLCTL_VERSION (the benchmark's native peer)"
  python3 -m pip install --quiet "numpy==$NUMPY_VERSION" "threadpoolctl==$THREADPOOLCTL_VERSION"
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $(chromium --version 2>/dev/null | head -n1), node $(node --version)"
