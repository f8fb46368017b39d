#!/usr/bin/env bash
# Installs everything Autan needs on a fresh Debian 12 machine (as root, or
# with sudo), idempotently: Debian packages (Cyrus, Chromium, brotli), the
# wasm32 target, trunk, wasm-bindgen-cli, and the npm tools (wasm-opt,
# Playwright, axe-core). A second run only checks versions.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

log() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

PKGS=(cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin xapian-tools slapd ldap-utils chromium chromium-driver brotli curl ca-certificates python3-venv)
# Node may come with the base image; only install Debian's if there is none.
command -v npm >/dev/null || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the postinsts of Cyrus and slapd from starting system-wide daemons
  # (all interfaces, default ports): a temporary policy-rc.d denying starts.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d; own_policy=1
  fi
  rc=0
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; } || rc=$?
  [ "$own_policy" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || { echo "install: apt-get install failed" >&2; exit 1; }
fi
# Debian's postinst may start a system-wide Cyrus (all interfaces, default
# ports); our stack runs its own on loopback, so stop any master that is not ours.
for pid in $(pgrep -f '^/usr/lib/cyrus/bin/master' || true); do
  grep -qa "${AUTAN_STACK_DIR:-autan-stack}" "/proc/$pid/cmdline" 2>/dev/null || $SUDO kill "$pid" 2>/dev/null || true
done

# The same for a slapd that is not our stack's (ours runs with its own -f).
for pid in $(pgrep -x slapd || true); do
  grep -qa "${AUTAN_STACK_DIR:-autan-stack}" "/proc/$pid/cmdline" 2>/dev/null || $SUDO kill "$pid" 2>/dev/null || true
done

export PATH="$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # Without --locked: its lockfile pins a webpki-roots the registry lacks.
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
fi
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  log "npm ci (wasm-opt 132, Playwright, axe-core; no browser download)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi
log "toolchain ready"
