#!/usr/bin/env bash
# Autan's development backend: Debian's Cyrus IMAP 3.6 (JMAP, CalDAV, CardDAV,
# Xapian search), a loopback SMTP sink and the same-origin edge server.
#
#   bash scripts/dev/stack.sh install      apt packages (only the missing ones)
#   bash scripts/dev/stack.sh start        config, start everything, provision users
#   bash scripts/dev/stack.sh stop         stop everything (by PID)
#   bash scripts/dev/stack.sh status
#   bash scripts/dev/stack.sh stop-cyrus   stop only Cyrus (data kept)
#   bash scripts/dev/stack.sh start-cyrus  start only Cyrus, wait for JMAP
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
DIST="${AUTAN_DIST:-$ROOT/dist}"
export AUTAN_STACK_DIR="$STATE" AUTAN_CYRUS_HTTP_PORT="$HTTP_PORT" AUTAN_CYRUS_IMAP_PORT="$IMAP_PORT" \
  AUTAN_SMTP_PORT="$SMTP_PORT" AUTAN_EDGE_PORT="$EDGE_PORT"

CY="$STATE/cyrus"            # everything Cyrus owns (user cyrus at every level)
ETC="$CY/etc"
LIB="$CY/lib"                # configdirectory
RUN="$STATE/run"             # pid files
LOG="$STATE/log"
IMAPD_CONF="$ETC/imapd.conf"
CYRUS_CONF="$ETC/cyrus.conf"
SASLDB="$CY/sasldb2"
MASTER_PID="$RUN/cyrus-master.pid"
SINK_PID="$RUN/smtp-sink.pid"
EDGE_PID="$RUN/edge.pid"
CYRUS_BIN=/usr/lib/cyrus/bin
PKGS=(cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin xapian-tools brotli)

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
  # 8008 with /etc/cyrus.conf): a temporary policy-rc.d denying every start.
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
# authentication: sasldb users, realm = servername, Basic auth over loopback
allowplaintext: yes
allowanonymouslogin: no
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $SASLDB
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

sasl_users() {
  # realm must equal servername (localhost); -p reads the password on stdin.
  local u
  printf '%s' cyrus-admin-dev | saslpasswd2 -p -c -u localhost -f "$SASLDB" cyrus
  for u in mdupont jmartin sbernard agrand; do
    printf '%s' autan-demo | saslpasswd2 -p -c -u localhost -f "$SASLDB" "$u"
  done
  chown cyrus:mail "$SASLDB"; chmod 640 "$SASLDB"
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
  [ -s "$SASLDB" ] && [ -f "$STATE/.sasl-ok-v2" ] || { sasl_users; touch "$STATE/.sasl-ok-v2"; }
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
    --dist "$DIST" --port "$EDGE_PORT" --backend "http://127.0.0.1:$HTTP_PORT"
}

provision() { python3 "$HERE/provision.py" "$@"; }

# ---------------------------------------------------------------- commands
cmd_start() {
  local t0; t0=$(date +%s.%N)
  cmd_install         # only the missing packages; silent when none
  [ "$(id -u)" = 0 ] || die "start needs root (Cyrus's master switches to user cyrus)"
  start_sink          # before Cyrus: EmailSubmission needs it at session time
  start_cyrus
  provision wait --timeout 60
  provision setup     # users, INBOX, folders, quota (skipped when already done)
  start_edge
  local dt; dt=$(python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)")
  cat <<EOF
autan stack up in ${dt}s  (state: $STATE)
  edge       http://127.0.0.1:$EDGE_PORT/   (dist: $DIST$( [ -d "$DIST" ] || echo ", missing" ))
  JMAP       http://127.0.0.1:$HTTP_PORT/jmap/   IMAP 127.0.0.1:$IMAP_PORT   SMTP sink 127.0.0.1:$SMTP_PORT
  users      mdupont jmartin sbernard, agrand (scale) (autan-demo), admin cyrus (cyrus-admin-dev)
EOF
}

cmd_stop() {
  stop_pid "$EDGE_PID" edge
  stop_pid "$SINK_PID" smtp-sink
  stop_cyrus
}

cmd_stop_cyrus() { stop_cyrus; }

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
  reset)       cmd_reset ;;
  verify)      provision verify ;;
  *) echo "usage: $0 install|start|stop|status|stop-cyrus|start-cyrus|reset|verify" >&2; exit 2 ;;
esac
