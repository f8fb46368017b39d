#!/usr/bin/env bash
# Release build: trunk (offline, pinned tools), the strength worker, then CSP
# clean-up, precompression and the size report (target/size-report.json).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --quiet
# « Mon compte »: a bundle of its own (compte.html → src/bin/compte.rs), built
# apart (Trunk empties its dist) and copied in beside the webmail's.
trunk build --release --quiet compte.html --dist target/dist-compte
cp target/dist-compte/index.html dist/compte.html
cp target/dist-compte/compte-*.js target/dist-compte/compte-*_bg.wasm dist/
# the password pages' strength worker (its own wasm and dictionaries)
bash scripts/build-strength.sh dist >/dev/null
python3 scripts/postbuild.py dist
