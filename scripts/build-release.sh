#!/usr/bin/env bash
# Release build: trunk (offline, pinned tools), the strength worker, then CSP
# clean-up, precompression and the size report (target/size-report.json).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --quiet
# the password pages' strength worker (its own wasm and dictionaries)
bash scripts/build-strength.sh dist >/dev/null
python3 scripts/postbuild.py dist
