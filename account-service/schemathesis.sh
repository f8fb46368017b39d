#!/usr/bin/env bash
# Schemathesis (property-based API tests) against account-service/openapi.yaml.
#
# Builds autan-compte (plain build: no test hooks), starts a SEPARATE instance
# on 127.0.0.1:${AUTAN_COMPTE_ST_PORT:-8931} with its own config (generous
# rate limits, lockout off, no identity-check delay, a throwaway SMTP sink so
# the dev sink gets no mail), against the dev directory (ldap://127.0.0.1:3389),
# runs schemathesis, stops what it started (trap) and exits non-zero on any
# failure.
#
# Env: AUTAN_STACK_DIR (default /tmp/autan-stack; the venv lives in its venv/),
#      AUTAN_LDAP_URL (ldap://127.0.0.1:3389), AUTAN_COMPTE_SECRET (the service
#      account's password file, default $AUTAN_STACK_DIR/ldap/compte.secret),
#      SCHEMATHESIS_MAX_EXAMPLES (default 100), SCHEMATHESIS_SEED, CARGO_TARGET_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
STATE=${AUTAN_STACK_DIR:-/tmp/autan-stack}
VENV=${AUTAN_SCHEMATHESIS_VENV:-$STATE/venv}
PORT=${AUTAN_COMPTE_ST_PORT:-8931}
SMTP_PORT=${AUTAN_COMPTE_ST_SMTP_PORT:-8932}
LDAP_URL=${AUTAN_LDAP_URL:-ldap://127.0.0.1:3389}
SECRET=${AUTAN_COMPTE_SECRET:-$STATE/ldap/compte.secret}
EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-100}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/autan-compte-st.XXXXXX")
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

say() { printf 'schemathesis.sh: %s\n' "$*" >&2; }

# 1. The directory must answer.
hostport=${LDAP_URL#ldap://}; hostport=${hostport%%/*}
ldap_host=${hostport%:*}; ldap_port=${hostport##*:}
[ "$ldap_port" = "$hostport" ] && ldap_port=389
if ! (exec 3<>"/dev/tcp/$ldap_host/$ldap_port") 2>/dev/null; then
  say "l'annuaire $LDAP_URL ne répond pas : lancez d'abord « bash scripts/dev/stack.sh start »."
  exit 2
fi
if [ ! -r "$SECRET" ]; then
  say "secret du compte de service introuvable : $SECRET (AUTAN_COMPTE_SECRET)."
  exit 2
fi

# 2. The venv (idempotent, quiet when present).
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q '4\.32\.5'; then
  say "installation de schemathesis 4.32.5 dans $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'schemathesis==4.32.5'
fi

# 3. Build: the production build (no test hooks), the profile the stack runs.
( cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build -q -p autan-compte --profile service )
BIN="$TARGET/service/autan-compte"

# 4. A throwaway SMTP sink (accepts and discards) and the instance's config.
python3 - "$SMTP_PORT" >"$WORK/smtp.log" 2>&1 <<'PY' &
import socketserver, sys
class H(socketserver.StreamRequestHandler):
    def handle(self):
        w = lambda s: self.wfile.write(s.encode() + b"\r\n")
        w("220 st-sink ESMTP")
        data = False
        for line in self.rfile:
            if data:
                if line in (b".\r\n", b".\n"):
                    data = False; w("250 OK")
                continue
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"): w("250-st-sink"); w("250 8BITMIME")
            elif cmd == b"DATA": data = True; w("354 go")
            elif cmd == b"QUIT": w("221 bye"); return
            else: w("250 OK")
socketserver.ThreadingTCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer.daemon_threads = True
socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
PIDS+=($!)

python3 - "$HERE/config.dev.json" "$WORK/config.json" "$PORT" "$LDAP_URL" "$SECRET" "$SMTP_PORT" <<'PY'
import json, sys
src, dst, port, url, secret, smtp = sys.argv[1:]
c = json.load(open(src))
c["listen"] = f"127.0.0.1:{port}"
c["ldap"]["url"] = url
c["ldap"]["servicePasswordFile"] = secret
c["rateLimits"] = {"perIp": {"max": 0, "windowSeconds": 60}, "perAccount": {"max": 0, "windowSeconds": 60}}
c["lockout"] = {"maxFailures": 0, "windowSeconds": 60, "lockSeconds": 60}
c["identityCheckMinMillis"] = 0
c["smtp"]["relay"] = f"127.0.0.1:{smtp}"
json.dump(c, open(dst, "w"), indent=2)
PY

"$BIN" --config "$WORK/config.json" >"$WORK/service.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/compte/v1/policy" 2>/dev/null; then break; fi
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/compte/v1/policy" || { say "le service n'a pas démarré :"; cat "$WORK/service.log" >&2; exit 1; }

# The production build has no test hook: a live captcha's answer is not readable.
cid=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$PORT/api/compte/v1/captcha" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
hook=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/compte/v1/test/captcha/$cid")
[ "$hook" = 404 ] || { say "la route de test des captchas répond ($hook) dans la version de production"; exit 1; }

# 5. The run. A 413 (body over 16 KiB, e.g. 4000 four-byte characters) is a
# rejection too: schemathesis' default list for negative data lacks it.
cat >"$WORK/schemathesis.toml" <<'TOML'
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "413", "415", "422"]
TOML
set +e
# From $WORK: schemathesis keeps a .schemathesis/ cache in its working directory.
(cd "$WORK" && "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$HERE/openapi.yaml" \
  --url "http://127.0.0.1:$PORT/api/compte/v1" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection,unsupported_method,allow_header_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" \
  --seed "${SCHEMATHESIS_SEED:-20261130}" \
  --workers 2 \
  --request-timeout 10 \
  --warnings off \
  --report junit --report-junit-path "$WORK/junit.xml")
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  say "échec (code $rc) ; journal du service :"
  tail -n 40 "$WORK/service.log" >&2
fi
exit "$rc"
