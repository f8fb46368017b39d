#!/usr/bin/env bash
# Builds the password-strength web worker into OUTDIR/strength/:
#   worker.js, autan_strength.js, autan_strength_bg.wasm, strength-data.txt
# The data file is generated from the @zxcvbn-ts npm packages (never committed).
# Usage: scripts/build-strength.sh OUTDIR
# Env: AUTAN_NODE_MODULES (default end2end/node_modules), CARGO_TARGET_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: scripts/build-strength.sh OUTDIR}"
NODE_MODULES="${AUTAN_NODE_MODULES:-$ROOT/end2end/node_modules}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_OPT="${WASM_OPT:-$ROOT/end2end/node_modules/.bin/wasm-opt}"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"
DEST="$OUT/strength"
mkdir -p "$DEST"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

python3 strength/gen_dict.py "$NODE_MODULES" "$DEST/strength-data.txt"

cargo build --quiet -p autan-strength --release --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-dir "$TMP" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/autan_strength.wasm"
# binaryen 132 from npm (Debian's 108 emits a broken module, see
# shared/notes/toolchain.md); features are read from the target_features
# section, which is why the release profile must not strip.
"$WASM_OPT" -Oz "$TMP/autan_strength_bg.wasm" -o "$DEST/autan_strength_bg.wasm"
cp "$TMP/autan_strength.js" "$DEST/autan_strength.js"
cp strength/worker.js "$DEST/worker.js"

printf '%-28s %10s %10s\n' file raw brotli
for f in worker.js autan_strength.js autan_strength_bg.wasm strength-data.txt; do
  printf '%-28s %10s %10s\n' "$f" "$(wc -c <"$DEST/$f")" "$(brotli -c -q 11 "$DEST/$f" | wc -c)"
done
