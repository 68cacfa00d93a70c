#!/usr/bin/env bash
# Sets everything up (skipping what is installed), then builds and serves the page.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
PORT="${PORT:-8080}"
echo
echo "Serving the playground at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
echo
exec trunk serve --release --address 127.0.0.1 --port "$PORT"
