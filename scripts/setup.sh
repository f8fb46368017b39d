#!/usr/bin/env bash
# Command 1: from a fresh Debian machine to the running app with a seeded
# backend. Idempotent; a second run is fast.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/build-release.sh
# the account service (MaMamia), production build: no test hooks
cargo build --quiet -p autan-compte --profile service
bash scripts/dev/stack.sh start
bash scripts/dev/stack.sh restart-account
python3 scripts/dev/seed.py --size "${AUTAN_SEED_SIZE:-2000}"
cat <<INFO

  Autan is running:  http://127.0.0.1:${AUTAN_EDGE_PORT}/
  Demo accounts (password: autan-demo)
    mdupont   Marie Dupont, professeure de lettres
    jmartin   Julien Martin, CPE
    sbernard  Sophie Bernard, secrétaire de direction
    fdurand, cmoreau, lpetit   MaMamia demo staff (NUMEN in scripts/dev/directory.py)
    pnouveau  first login: password = his NUMEN, 90E2468135PNO
  Mon compte (MaMamia):  http://127.0.0.1:${AUTAN_EDGE_PORT}/compte
  Stop:        bash scripts/dev/stack.sh stop
  Hot reload:  trunk serve   (http://127.0.0.1:8081/, JMAP through the stack)
INFO
