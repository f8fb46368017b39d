#!/usr/bin/env bash
# Benchmark command (not part of the tests' pass/fail): release bundle sizes,
# then HTTP requests and milliseconds to the first inbox row in headless
# Chromium against the seeded stack. AUTAN_SEED_SIZE=100000 for a big mailbox.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/build-release.sh
bash scripts/dev/stack.sh start
python3 scripts/dev/seed.py --size "${AUTAN_SEED_SIZE:-2000}"
(cd end2end && node bench.mjs "${1:-7}")
