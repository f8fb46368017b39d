# Sourced by the scripts: tool paths and the dev stack's defaults.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
export AUTAN_STACK_DIR="${AUTAN_STACK_DIR:-/tmp/autan-stack}"
export AUTAN_EDGE_PORT="${AUTAN_EDGE_PORT:-8080}"
export AUTAN_DIST="${AUTAN_DIST:-$ROOT/dist}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
