#!/usr/bin/env bash
# Command 2: every test. Exits non-zero on the first failure.
#   fmt, clippy -D warnings (wasm32 and native), native unit tests,
#   wasm-bindgen tests in headless Chromium, release build + size check,
#   Playwright end-to-end tests against the real seeded Cyrus.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
t0=$(date +%s)

step "install (idempotent)"
bash scripts/install.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy -D warnings (wasm32 app, native tests)"
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --quiet --all-targets -- -D warnings

step "native unit tests"
cargo test --quiet --lib

step "wasm-bindgen tests in headless Chromium"
cargo test --target wasm32-unknown-unknown --test web

step "release build, size report and size ceiling"
bash scripts/build-release.sh
python3 scripts/check_size.py target/size-report.json

step "end-to-end tests (Playwright, Debian Chromium, seeded Cyrus)"
export AUTAN_STACK_DIR="${AUTAN_STACK_DIR}"
cleanup() { bash scripts/dev/stack.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash scripts/dev/stack.sh start
python3 scripts/dev/seed.py --size "${AUTAN_SEED_SIZE:-2000}"
# The scale journey's mailbox: 100,000 messages for agrand (~8 min, once;
# its own marker keeps the teacher's seed untouched).
python3 scripts/dev/seed.py --users agrand --size "${AUTAN_SCALE_SIZE:-100000}" --marker seeded-scale.json
(cd end2end && AUTAN_SCALE_USER=agrand npx playwright test)

step "all tests passed in $(( $(date +%s) - t0 )) s"
