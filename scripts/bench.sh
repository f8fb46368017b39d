#!/usr/bin/env bash
# Benchmark command (not part of the tests' pass/fail): release bundle sizes,
# then HTTP requests and milliseconds to the first inbox row in headless
# Chromium against the seeded stack: login to first row, opening a message,
# switching folder, rows in the DOM. AUTAN_BENCH_USER=agrand measures the
# 100,000-message mailbox (seeded on first use, ~8 min).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/build-release.sh
bash scripts/dev/stack.sh start
python3 scripts/dev/seed.py --size "${AUTAN_SEED_SIZE:-2000}"
if [ "${AUTAN_BENCH_USER:-mdupont}" = agrand ]; then
  python3 scripts/dev/seed.py --users agrand --size 100000 --marker seeded-scale.json
fi
(cd end2end && node bench.mjs "${1:-7}")
