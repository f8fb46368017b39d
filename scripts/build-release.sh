#!/usr/bin/env bash
# Release build: trunk (offline, pinned tools) then CSP clean-up, precompression
# and the size report (target/size-report.json).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
trunk build --release --quiet
python3 scripts/postbuild.py dist
