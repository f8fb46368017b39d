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
# Agenda and Contacts: bundles of their own too (agenda.html, contacts.html),
# so the mailbox's first load carries neither.
for area in agenda contacts; do
  trunk build --release --quiet "$area.html" --dist "target/dist-$area"
  cp "target/dist-$area/index.html" "dist/$area.html"
  cp "target/dist-$area/$area"-*.js "target/dist-$area/$area"-*_bg.wasm dist/
done
# the password pages' strength worker (its own wasm and dictionaries)
bash scripts/build-strength.sh dist >/dev/null
python3 scripts/postbuild.py dist
