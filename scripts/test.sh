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

step "clippy -D warnings (wasm32 app, native tests, strength worker, account service)"
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet -p autan-strength --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --quiet -p autan-strength --all-targets -- -D warnings
cargo clippy --quiet -p autan-compte --all-targets --all-features -- -D warnings

step "native unit tests (app, strength estimator, account service)"
cargo test --quiet --lib
cargo test --quiet -p autan-strength
cargo test --quiet -p autan-compte
cargo test --quiet -p autan-compte --all-features

step "wasm-bindgen tests in headless Chromium"
cargo test --target wasm32-unknown-unknown --test web

step "release build, size report and size ceiling"
bash scripts/build-release.sh
python3 scripts/check_size.py target/size-report.json

step "account service with its test hooks (the e2e journeys read captcha answers)"
# Built, then set apart: target/service/autan-compte stays the production
# build (no hooks), whatever happens to this run.
cargo build --quiet -p autan-compte --profile service --features test-hooks
# (a new file, then renamed: the running service may hold the old one)
cp target/service/autan-compte target/autan-compte-test-hooks.new
mv -f target/autan-compte-test-hooks.new target/autan-compte-test-hooks
cargo build --quiet -p autan-compte --profile service
export AUTAN_ACCOUNT_BIN="$ROOT/target/autan-compte-test-hooks"

step "end-to-end tests (Playwright, Debian Chromium, seeded Cyrus, slapd, account service)"
export AUTAN_STACK_DIR="${AUTAN_STACK_DIR}"
cleanup() { bash scripts/dev/stack.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash scripts/dev/stack.sh start
bash scripts/dev/stack.sh restart-account
python3 scripts/dev/seed.py --size "${AUTAN_SEED_SIZE:-2000}"
# The scale journey's mailbox: 100,000 messages for agrand (~8 min, once;
# its own marker keeps the teacher's seed untouched).
python3 scripts/dev/seed.py --users agrand --size "${AUTAN_SCALE_SIZE:-100000}" --marker seeded-scale.json
(cd end2end && AUTAN_SCALE_USER=agrand npx playwright test)

step "account service against its own contract (schemathesis)"
bash account-service/schemathesis.sh

step "all tests passed in $(( $(date +%s) - t0 )) s"
