#!/usr/bin/env bash
# Autan's development backend: Debian's Cyrus IMAP 3.6 (JMAP, CalDAV, CardDAV,
# Xapian search) authenticating through saslauthd against OpenLDAP's slapd (the
# demo directory), the account service (MaMamia), a loopback SMTP sink and the
# same-origin edge server.
#
#   bash scripts/dev/stack.sh install      apt packages (only the missing ones)
#   bash scripts/dev/stack.sh start        config, start everything, provision users
#   bash scripts/dev/stack.sh stop         stop everything (by PID)
#   bash scripts/dev/stack.sh status
#   bash scripts/dev/stack.sh stop-cyrus   stop only Cyrus (data kept)
#   bash scripts/dev/stack.sh start-cyrus  start only Cyrus, wait for JMAP
#   bash scripts/dev/stack.sh restart-account   the account service, after a rebuild
#   bash scripts/dev/stack.sh reset        stop + wipe the state dir
#   bash scripts/dev/stack.sh verify       check text search and EmailSubmission (via the sink)
#
# Everything binds to 127.0.0.1; every process has a pid file under
# $AUTAN_STACK_DIR/run. Runs as root (Cyrus's master drops to user cyrus).
# Idempotent; quiet on success.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="${AUTAN_STACK_DIR:-/tmp/autan-stack}"
HTTP_PORT="${AUTAN_CYRUS_HTTP_PORT:-8008}"
IMAP_PORT="${AUTAN_CYRUS_IMAP_PORT:-8143}"
SMTP_PORT="${AUTAN_SMTP_PORT:-2525}"
EDGE_PORT="${AUTAN_EDGE_PORT:-8080}"
LDAP_PORT="${AUTAN_LDAP_PORT:-3389}"
ACCOUNT_PORT="${AUTAN_ACCOUNT_PORT:-8930}"
# The account service binary: scripts/setup.sh builds it without test hooks,
# scripts/test.sh with them (--features test-hooks).
ACCOUNT_BIN="${AUTAN_ACCOUNT_BIN:-$ROOT/target/service/autan-compte}"
DIST="${AUTAN_DIST:-$ROOT/dist}"
export AUTAN_STACK_DIR="$STATE" AUTAN_CYRUS_HTTP_PORT="$HTTP_PORT" AUTAN_CYRUS_IMAP_PORT="$IMAP_PORT" \
  AUTAN_SMTP_PORT="$SMTP_PORT" AUTAN_EDGE_PORT="$EDGE_PORT" AUTAN_LDAP_PORT="$LDAP_PORT" \
  AUTAN_ACCOUNT_PORT="$ACCOUNT_PORT"

CY="$STATE/cyrus"            # everything Cyrus owns (user cyrus at every level)
ETC="$CY/etc"
LIB="$CY/lib"                # configdirectory
RUN="$STATE/run"             # pid files
LOG="$STATE/log"
IMAPD_CONF="$ETC/imapd.conf"
CYRUS_CONF="$ETC/cyrus.conf"
LDAP_DIR="$STATE/ldap"
SLAPD_CONF="$LDAP_DIR/slapd.conf"
SLAPD_PID="$RUN/slapd.pid"
SASLAUTHD_DIR="$STATE/saslauthd"  # saslauthd's mux socket and its own pid file
SASLAUTHD_PID="$SASLAUTHD_DIR/saslauthd.pid"
ACCOUNT_PID="$RUN/account-service.pid"
MASTER_PID="$RUN/cyrus-master.pid"
SINK_PID="$RUN/smtp-sink.pid"
EDGE_PID="$RUN/edge.pid"
CYRUS_BIN=/usr/lib/cyrus/bin
PKGS=(cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin xapian-tools brotli slapd ldap-utils)

die() { echo "stack: $*" >&2; exit 1; }

# ---------------------------------------------------------------- install
cmd_install() {
  local missing=() p
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  command -v python3 >/dev/null || missing+=(python3)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "stack: apt-get install ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Keep Debian's postinst from starting its own Cyrus (it would take port
  # 8008 with /etc/cyrus.conf) or slapd: a temporary policy-rc.d denying every start.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"; own_policy=1
  fi
  local rc=0
  { $sudo apt-get update -qq && \
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || rc=$?
  [ "$own_policy" = 1 ] && $sudo rm -f "$policy"
  [ "$rc" = 0 ] || die "apt-get install failed"
}

# ---------------------------------------------------------------- helpers
alive() { # pid -> 0 if running (a zombie waiting for init to reap it counts as gone)
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

pid_of() { # pidfile -> pid if that process is alive
  local f="$1" pid
  [ -s "$f" ] || return 1
  pid="$(tr -dc 0-9 <"$f")"
  [ -n "$pid" ] && alive "$pid" && { echo "$pid"; return 0; }
  return 1
}

wait_gone() { # pid seconds
  local pid="$1" n=$(( $2 * 20 ))
  while alive "$pid" && [ "$n" -gt 0 ]; do
    sleep 0.05; n=$((n - 1))
  done
  ! alive "$pid"
}

stop_pid() { # pidfile name
  local f="$1" name="$2" pid
  if pid="$(pid_of "$f")"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 10; then
      echo "stack: $name ($pid) ignored SIGTERM, kill -9" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  rm -f "$f"
}

our_cyrus_pids() { # live processes started with our imapd.conf (master, services, daemons)
  local d cmd
  for d in /proc/[0-9]*; do
    cmd="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
    case "$cmd" in
      *"-C $IMAPD_CONF"*) alive "${d#/proc/}" && echo "${d#/proc/}" ;;
    esac
  done
}

port_busy() { # port -> 0 if something listens on 127.0.0.1:port
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(0.5)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
sys.exit(0)
PY
}

# ---------------------------------------------------------------- cyrus config
write_if_changed() { # path (content on stdin)
  local tmp; tmp="$(mktemp)"
  cat >"$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv "$tmp" "$1"; fi
}

cyrus_config() {
  getent passwd cyrus >/dev/null || die "user cyrus missing (run: stack.sh install)"
  local d
  # The configdirectory layout Cyrus expects (mkimap's list), plus spool,
  # search partition and sieve dir: all created up front and owned by cyrus.
  mkdir -p "$STATE" "$RUN" "$LOG" "$STATE/smtp-sink"
  for d in "$CY" "$ETC" "$LIB" "$CY/spool" "$CY/search" "$CY/sieve" \
           "$LIB"/{db,log,msg,proc,ptclient,quota,sieve,socket,user,sync,lock,tls,backup,meta,zoneinfo} \
           "$LIB"/sync/squatter; do
    mkdir -p "$d"
  done
  chown cyrus:mail "$STATE"
  chmod 755 "$STATE"
  chown -R cyrus:mail "$CY"

  write_if_changed "$IMAPD_CONF" <<EOF
# Generated by scripts/dev/stack.sh: Autan's development Cyrus.
configdirectory: $LIB
defaultpartition: default
partition-default: $CY/spool
sievedir: $CY/sieve
servername: localhost
admins: cyrus
altnamespace: yes
unixhierarchysep: yes
virtdomains: off
hashimapspool: true
umask: 077
delete_mode: immediate
# authentication: the directory (slapd) through saslauthd, no cache, so a
# password changed in MaMamia is the one that works at the next request and
# the old one stops at once. Basic auth over loopback.
allowplaintext: yes
allowanonymouslogin: no
sasl_pwcheck_method: saslauthd
sasl_saslauthd_path: $SASLAUTHD_DIR/mux
sasl_mech_list: PLAIN LOGIN
# JMAP (RFC 8620/8621) + Cyrus's calendars/contacts/quota extensions
httpmodules: jmap caldav carddav
conversations: yes
conversations_db: twoskip
# one locked database for quotas: the per-file default raced under bulk
# imports (« failed to mmap quota/user.x » at 65,000 messages)
quota_db: twoskip
jmap_nonstandard_extensions: yes
jmap_preview_length: 256
specialusealways: yes
# text search: Xapian, indexed by a rolling squatter fed by sync_log
search_engine: xapian
search_index_headers: no
search_batchsize: 8192
defaultsearchtier: t1
t1searchpartition-default: $CY/search
sync_log: yes
sync_log_channels: squatter
# EmailSubmission/set goes to the loopback SMTP sink
smtp_backend: host
smtp_host: 127.0.0.1:$SMTP_PORT
# sockets inside the state dir
lmtpsocket: $LIB/socket/lmtp
idlesocket: $LIB/socket/idle
notifysocket: $LIB/socket/notify
syslog_prefix: autan-cyrus
EOF

  write_if_changed "$CYRUS_CONF" <<EOF
# Generated by scripts/dev/stack.sh. master -C does not pass -C on: every
# cmd carries its own.
START {
  recover     cmd="ctl_cyrusdb -C $IMAPD_CONF -r"
}
SERVICES {
  imap        cmd="imapd -C $IMAPD_CONF -U 30" listen="127.0.0.1:$IMAP_PORT" prefork=0 maxchild=50
  http        cmd="httpd -C $IMAPD_CONF -U 100" listen="127.0.0.1:$HTTP_PORT" prefork=2 maxchild=50
  lmtpunix    cmd="lmtpd -C $IMAPD_CONF" listen="$LIB/socket/lmtp" prefork=0 maxchild=10
}
EVENTS {
  checkpoint  cmd="ctl_cyrusdb -C $IMAPD_CONF -c" period=30
}
DAEMON {
  squatter    cmd="squatter -C $IMAPD_CONF -R"
  calalarmd   cmd="calalarmd -C $IMAPD_CONF"
}
EOF
  chown -R cyrus:mail "$ETC"
}

# ---------------------------------------------------------------- directory
wait_port() { # port name seconds
  local n=$(( $3 * 10 ))
  until port_busy "$1"; do
    n=$((n - 1)); [ "$n" -gt 0 ] || die "$2 is not answering on 127.0.0.1:$1 (see $LOG)"
    sleep 0.1
  done
}

ldap_config() {
  mkdir -p "$LDAP_DIR" "$RUN" "$LOG"
  chmod 700 "$LDAP_DIR"
  local rootpw
  rootpw="$(python3 "$HERE/directory.py" ssha ldap-admin-dev)"
  write_if_changed "$SLAPD_CONF" <<EOF
# Generated by scripts/dev/stack.sh: Autan's demo directory (slapd.conf form).
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $HERE/ldap/autan.schema
pidfile $SLAPD_PID
argsfile $LDAP_DIR/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
password-hash {SSHA}
loglevel none
sizelimit 500

database mdb
maxsize 268435456
suffix "dc=ac-toulouse,dc=fr"
rootdn "cn=admin,dc=ac-toulouse,dc=fr"
rootpw $rootpw
directory $LDAP_DIR/db
index objectClass eq
index uid eq
index autanBirthDate eq

# Passwords: the account service resets them (Password Modify as itself),
# people change their own, everyone may bind; nobody reads them.
access to attrs=userPassword
  by dn.exact="cn=compte,ou=services,dc=ac-toulouse,dc=fr" =wx
  by self =wx
  by anonymous auth
  by * none
# What proves who you are (NUMEN, birth date, birth name): the account
# service and the person only.
access to attrs=autanNumen,autanAgentNumber,autanBirthDate,autanBirthName
  by dn.exact="cn=compte,ou=services,dc=ac-toulouse,dc=fr" read
  by self read
  by * none
# saslauthd only needs to find a login's entry; the account service reads people.
access to *
  by dn.exact="cn=compte,ou=services,dc=ac-toulouse,dc=fr" read
  by dn.exact="cn=saslauthd,ou=services,dc=ac-toulouse,dc=fr" read
  by self read
  by * none
EOF
  printf '%s' compte-dev >"$LDAP_DIR/compte.secret"
  chmod 600 "$LDAP_DIR/compte.secret"
}

seed_ldap() { # the demo people (directory.py); reseeded only when that list changes
  local ldif="$LDAP_DIR/seed.ldif"
  python3 "$HERE/directory.py" ldif >"$ldif.new"
  if [ -f "$LDAP_DIR/.seeded" ] && cmp -s "$ldif.new" "$ldif"; then
    rm -f "$ldif.new"; return 0
  fi
  mv "$ldif.new" "$ldif"
  rm -rf "$LDAP_DIR/db"; mkdir -p "$LDAP_DIR/db"
  slapadd -q -f "$SLAPD_CONF" -l "$ldif" >>"$LOG/slapd.log" 2>&1 || die "slapadd failed (see $LOG/slapd.log)"
  touch "$LDAP_DIR/.seeded"
}

start_ldap() {
  if pid_of "$SLAPD_PID" >/dev/null; then return 0; fi
  [ -x /usr/sbin/slapd ] || die "slapd not installed (run: stack.sh install)"
  port_busy "$LDAP_PORT" && die "127.0.0.1:$LDAP_PORT is taken by another process; cannot start slapd"
  ldap_config
  seed_ldap
  rm -f "$SLAPD_PID"
  /usr/sbin/slapd -f "$SLAPD_CONF" -h "ldap://127.0.0.1:$LDAP_PORT/" >>"$LOG/slapd.log" 2>&1 \
    || die "slapd failed to start (see $LOG/slapd.log)"
  wait_port "$LDAP_PORT" slapd 10
}

restore_passwords() { # every start puts the demo passwords back (the MaMamia journeys change some)
  python3 "$HERE/directory.py" passwords | ldapmodify -x -H "ldap://127.0.0.1:$LDAP_PORT/" \
    -D "cn=admin,dc=ac-toulouse,dc=fr" -w ldap-admin-dev >>"$LOG/slapd.log" 2>&1 \
    || die "could not restore the demo passwords (see $LOG/slapd.log)"
}

start_saslauthd() {
  if pid_of "$SASLAUTHD_PID" >/dev/null; then return 0; fi
  mkdir -p "$SASLAUTHD_DIR"
  chmod 755 "$SASLAUTHD_DIR"   # Cyrus (user cyrus) connects to the mux socket
  write_if_changed "$SASLAUTHD_DIR/saslauthd.conf" <<EOF
ldap_servers: ldap://127.0.0.1:$LDAP_PORT/
ldap_bind_dn: cn=saslauthd,ou=services,dc=ac-toulouse,dc=fr
ldap_password: saslauthd-dev
ldap_search_base: dc=ac-toulouse,dc=fr
ldap_filter: (uid=%U)
ldap_auth_method: bind
ldap_timeout: 5
ldap_time_limit: 5
EOF
  chmod 600 "$SASLAUTHD_DIR/saslauthd.conf"
  rm -f "$SASLAUTHD_PID"
  # No -c: a cache would keep accepting a password MaMamia has just changed.
  /usr/sbin/saslauthd -a ldap -O "$SASLAUTHD_DIR/saslauthd.conf" -m "$SASLAUTHD_DIR" -n 4 \
    >>"$LOG/saslauthd.log" 2>&1 || die "saslauthd failed to start (see $LOG/saslauthd.log)"
  local n=50
  until [ -S "$SASLAUTHD_DIR/mux" ] && pid_of "$SASLAUTHD_PID" >/dev/null; do
    n=$((n - 1)); [ "$n" -gt 0 ] || die "saslauthd did not come up (see $LOG/saslauthd.log)"
    sleep 0.1
  done
}

start_account() {
  if pid_of "$ACCOUNT_PID" >/dev/null; then return 0; fi
  if [ ! -x "$ACCOUNT_BIN" ]; then
    echo "stack: $ACCOUNT_BIN is not built; the account pages will say the service is unavailable" >&2
    return 0
  fi
  port_busy "$ACCOUNT_PORT" && die "127.0.0.1:$ACCOUNT_PORT is taken by another process; cannot start the account service"
  mkdir -p "$RUN" "$LOG"
  rm -f "$ACCOUNT_PID"
  setsid "$ACCOUNT_BIN" --config "$ROOT/account-service/config.dev.json" </dev/null >>"$LOG/account-service.log" 2>&1 &
  echo $! >"$ACCOUNT_PID"
  wait_port "$ACCOUNT_PORT" "the account service" 10
}

start_cyrus() {
  if pid_of "$MASTER_PID" >/dev/null; then return 0; fi
  [ -x "$CYRUS_BIN/master" ] || die "Cyrus not installed (run: stack.sh install)"
  # leftovers of a crashed run would hold the ports or the databases
  local p
  for p in $(our_cyrus_pids); do kill -KILL "$p" 2>/dev/null || true; done
  for p in "$HTTP_PORT" "$IMAP_PORT"; do
    port_busy "$p" && die "127.0.0.1:$p is taken by another process (Debian's own Cyrus? see ss -ltnp)"
  done
  cyrus_config
  rm -f "$MASTER_PID"
  "$CYRUS_BIN/master" -C "$IMAPD_CONF" -M "$CYRUS_CONF" -p "$MASTER_PID" -d -L "$LOG/cyrus-master.log" \
    || die "Cyrus master failed to start (see $LOG/cyrus-master.log)"
  local n=50
  until pid_of "$MASTER_PID" >/dev/null; do
    n=$((n - 1)); [ "$n" -gt 0 ] || die "Cyrus master wrote no pid file (see $LOG/cyrus-master.log)"
    sleep 0.1
  done
}

stop_cyrus() {
  stop_pid "$MASTER_PID" "cyrus master"
  # services and daemons of ours that outlived master (or a master without pid file)
  local pids p n=50
  pids="$(our_cyrus_pids)"
  [ -z "$pids" ] && return 0
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  while [ -n "$(our_cyrus_pids)" ] && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
  for p in $(our_cyrus_pids); do kill -KILL "$p" 2>/dev/null || true; done
  n=30
  while [ -n "$(our_cyrus_pids)" ] && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
  return 0
}

# ---------------------------------------------------------------- sink & edge
start_py() { # name pidfile port script args...
  local name="$1" pidf="$2" port="$3" script="$4"; shift 4
  if pid_of "$pidf" >/dev/null; then return 0; fi
  port_busy "$port" && die "127.0.0.1:$port is taken by another process; cannot start $name"
  rm -f "$pidf"
  setsid python3 "$script" "$@" --pidfile "$pidf" </dev/null >>"$LOG/$name.log" 2>&1 &
  local n=50
  until port_busy "$port"; do
    n=$((n - 1))
    [ "$n" -gt 0 ] && kill -0 $! 2>/dev/null || die "$name failed to start (see $LOG/$name.log)"
    sleep 0.1
  done
}

start_sink() {
  mkdir -p "$STATE/smtp-sink" "$RUN" "$LOG"
  start_py smtp-sink "$SINK_PID" "$SMTP_PORT" "$HERE/smtp_sink.py" \
    --port "$SMTP_PORT" --dir "$STATE/smtp-sink" --lmtp "$LIB/socket/lmtp"
}

start_edge() {
  mkdir -p "$RUN" "$LOG"
  start_py edge "$EDGE_PID" "$EDGE_PORT" "$HERE/edge.py" \
    --dist "$DIST" --port "$EDGE_PORT" --backend "http://127.0.0.1:$HTTP_PORT" \
    --proxy "/api/compte=http://127.0.0.1:$ACCOUNT_PORT"
}

provision() { python3 "$HERE/provision.py" "$@"; }

# ---------------------------------------------------------------- commands
cmd_start() {
  local t0; t0=$(date +%s.%N)
  cmd_install         # only the missing packages; silent when none
  [ "$(id -u)" = 0 ] || die "start needs root (Cyrus's master switches to user cyrus)"
  start_sink          # before Cyrus: EmailSubmission needs it at session time
  start_ldap          # before Cyrus: every login is checked against it
  restore_passwords
  start_saslauthd
  start_cyrus
  provision wait --timeout 60
  provision setup     # users, INBOX, folders, quota (skipped when already done)
  start_account
  start_edge
  local dt; dt=$(python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)")
  cat <<EOF
autan stack up in ${dt}s  (state: $STATE)
  edge       http://127.0.0.1:$EDGE_PORT/   (dist: $DIST$( [ -d "$DIST" ] || echo ", missing" ))
  JMAP       http://127.0.0.1:$HTTP_PORT/jmap/   IMAP 127.0.0.1:$IMAP_PORT   SMTP sink 127.0.0.1:$SMTP_PORT
  LDAP       ldap://127.0.0.1:$LDAP_PORT/ dc=ac-toulouse,dc=fr (cn=admin, ldap-admin-dev)   account service 127.0.0.1:$ACCOUNT_PORT
  users      mdupont jmartin sbernard fdurand cmoreau lpetit, agrand (scale) (autan-demo),
             pnouveau (first login: his NUMEN 90E2468135PNO), admin cyrus (cyrus-admin-dev)
EOF
}

cmd_stop() {
  stop_pid "$EDGE_PID" edge
  stop_pid "$ACCOUNT_PID" account-service
  stop_pid "$SINK_PID" smtp-sink
  stop_cyrus
  stop_pid "$SASLAUTHD_PID" saslauthd
  stop_pid "$SLAPD_PID" slapd
}

cmd_stop_cyrus() { stop_cyrus; }

# After a rebuild of the account service (test.sh builds it with its test hooks).
cmd_restart_account() {
  stop_pid "$ACCOUNT_PID" account-service
  start_account
}

cmd_start_cyrus() {
  [ "$(id -u)" = 0 ] || die "start-cyrus needs root"
  start_cyrus
  provision wait --timeout 60 --user mdupont
}

cmd_status() {
  local rc=0 pid
  if pid="$(pid_of "$MASTER_PID")"; then
    echo "cyrus      running  pid $pid  http 127.0.0.1:$HTTP_PORT  imap 127.0.0.1:$IMAP_PORT  ($(our_cyrus_pids | wc -l) processes)"
  else echo "cyrus      stopped"; rc=3; fi
  if pid="$(pid_of "$SINK_PID")"; then
    echo "smtp-sink  running  pid $pid  127.0.0.1:$SMTP_PORT  ($(ls "$STATE/smtp-sink" 2>/dev/null | grep -c '\.eml$') messages)"
  else echo "smtp-sink  stopped"; rc=3; fi
  if pid="$(pid_of "$SLAPD_PID")"; then
    echo "slapd      running  pid $pid  ldap://127.0.0.1:$LDAP_PORT/"
  else echo "slapd      stopped"; rc=3; fi
  if pid="$(pid_of "$SASLAUTHD_PID")"; then
    echo "saslauthd  running  pid $pid  $SASLAUTHD_DIR/mux"
  else echo "saslauthd  stopped"; rc=3; fi
  if pid="$(pid_of "$ACCOUNT_PID")"; then
    echo "account    running  pid $pid  127.0.0.1:$ACCOUNT_PORT"
  else echo "account    stopped"; fi
  if pid="$(pid_of "$EDGE_PID")"; then
    echo "edge       running  pid $pid  http://127.0.0.1:$EDGE_PORT/"
  else echo "edge       stopped"; rc=3; fi
  if [ -f "$STATE/seeded.json" ]; then
    python3 - "$STATE/seeded.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
counts = ", ".join(f"{u} {v['emails']}" for u, v in s.get("stats", {}).items())
print(f"seeded     --size {s['size']} ({counts} messages) at {s.get('at')} in {s.get('seconds')}s")
PY
  fi
  return $rc
}

cmd_reset() {
  cmd_stop
  case "$STATE" in /|"") die "refusing to wipe '$STATE'";; esac
  rm -rf "$STATE"
}

case "${1:-}" in
  install)     cmd_install ;;
  start)       cmd_start ;;
  stop)        cmd_stop ;;
  status)      cmd_status ;;
  stop-cyrus)  cmd_stop_cyrus ;;
  start-cyrus) cmd_start_cyrus ;;
  restart-account) cmd_restart_account ;;
  reset)       cmd_reset ;;
  verify)      provision verify ;;
  *) echo "usage: $0 install|start|stop|status|stop-cyrus|start-cyrus|restart-account|reset|verify" >&2; exit 2 ;;
esac
