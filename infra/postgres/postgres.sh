#!/usr/bin/env bash
# A throwaway PostgreSQL server on a free loopback port, for tests and benchmarks.
#   infra/postgres/postgres.sh {start|stop|status} <state-dir>
# start  installs the server package when missing (apt-get), initdb's <state-dir>/pgdata
#        once (UTF8, locale C, trust auth, role + database "zhixing"), starts it on
#        127.0.0.1:<free port> and writes <state-dir>/postgres.env:
#          ZHIXING_PG_DSN=postgresql://zhixing@127.0.0.1:<port>/zhixing
#        A second start on a running server is a no-op (prints the same line).
# stop   fast shutdown (pg_ctl -m fast); idempotent.
# status prints "running <dsn>" (exit 0) or "stopped" (exit 3).
set -euo pipefail
PROG=postgres.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

usage() { echo "usage: $PROG {start|stop|status} <state-dir>" >&2; exit 2; }
[ $# -eq 2 ] || usage
CMD=$1
case "$CMD" in start|stop|status) ;; *) usage ;; esac
STATE=$(abs_dir "$2")

# ---- binaries -------------------------------------------------------------------------
find_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

ensure_server() {
  BINDIR=$(find_bindir || true)
  if [ -z "$BINDIR" ]; then
    [ "$(id -u)" -eq 0 ] || die "PostgreSQL server binaries missing (/usr/lib/postgresql/*/bin/initdb) and not root to apt-get install them"
    say "… installing the PostgreSQL server (apt-get install postgresql)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql >"$STATE/apt.log" 2>&1; then
      apt-get update -q >>"$STATE/apt.log" 2>&1 || die "apt-get update failed (see $STATE/apt.log)"
      apt-get install -y -q postgresql >>"$STATE/apt.log" 2>&1 || die "apt-get install postgresql failed (see $STATE/apt.log)"
    fi
    BINDIR=$(find_bindir || true)
    [ -n "$BINDIR" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
  fi
  PGVER=$(basename "$(dirname "$BINDIR")")
}

# ---- running as the postgres user -------------------------------------------------------
# PostgreSQL refuses to run as root: as root we run the server as "postgres"; as any other
# user we run it as that user.
if [ "$(id -u)" -eq 0 ]; then
  PGUSER_OS=postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  PGUSER_OS=$(id -un)
  as_pg() { "$@"; }
fi

# Where the data lives. Normally <state>/pgdata (as root: the state dir gets o+x and the
# sub-dirs postgres writes are chowned to it); if the postgres user still cannot reach
# the state dir (e.g. a parent is a 0700 home), a directory under ~postgres keyed by the
# state dir's path. The choice is recorded in <state>/postgres.datadir.
choose_dirs() {
  local rec="$STATE/postgres.datadir" base
  if [ -f "$rec" ]; then
    base=$(cat "$rec")
  elif [ "$(id -u)" -ne 0 ] || { chmod o+x "$STATE" 2>/dev/null; as_pg test -x "$STATE"; }; then
    base="$STATE"
  else
    local home key
    home=$(getent passwd "$PGUSER_OS" | cut -d: -f6)
    key=$(printf '%s' "$STATE" | sha1sum | cut -c1-12)
    base="$home/zhixing/$key"
    # A fresh state dir means fresh data: drop what an earlier state dir of this path left.
    as_pg rm -rf "$base"
    as_pg mkdir -p "$base"
  fi
  echo "$base" >"$rec"
  PGDATA="$base/pgdata"
  SOCKDIR="$base/pgsock"
  PGLOG="$base/postgres.log"
}

make_pg_dirs() {
  mkdir -p "$PGDATA" "$SOCKDIR"
  touch "$PGLOG"
  if [ "$(id -u)" -eq 0 ]; then chown "$PGUSER_OS": "$PGDATA" "$SOCKDIR" "$PGLOG"; fi
  chmod 700 "$PGDATA"
}

DSN_FILE="$STATE/postgres.env"

is_running() { [ -f "$PGDATA/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

current_port() { sed -n 's/^port = \([0-9]*\).*/\1/p' "$PGDATA/zhixing.conf" 2>/dev/null | tail -n 1; }

dsn_for() { echo "postgresql://zhixing@127.0.0.1:$1/zhixing"; }

write_conf() {
  local port=$1 f="$PGDATA/zhixing.conf"
  as_pg tee "$f" >/dev/null <<EOF
# written by infra/postgres/postgres.sh on every start
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKDIR'
max_connections = 400
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
logging_collector = off
log_min_messages = warning
EOF
}

do_initdb() {
  say "… initdb $PGDATA"
  as_pg "$BINDIR/initdb" -D "$PGDATA" -U postgres --encoding=UTF8 --locale=C \
        --auth=trust --no-instructions >"$STATE/initdb.log" 2>&1 \
    || die "initdb failed (see $STATE/initdb.log)"
  echo "include_if_exists = 'zhixing.conf'" | as_pg tee -a "$PGDATA/postgresql.conf" >/dev/null
}

bootstrap_sql() {
  local port=$1
  as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKDIR" -p "$port" -U postgres -d postgres >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhixing') THEN
    CREATE ROLE zhixing LOGIN SUPERUSER;
  END IF;
END $$;
SELECT 'CREATE DATABASE zhixing OWNER zhixing' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'zhixing')
\gexec
SQL
}

start() {
  ensure_server
  lock_state "$STATE" postgres
  choose_dirs
  make_pg_dirs
  [ -f "$PGDATA/PG_VERSION" ] || do_initdb
  local port
  if is_running; then
    port=$(current_port)
  else
    # Reuse the last port when it is still free (stable DSN across restarts).
    local tries=0 last
    last=$(current_port || true)
    while :; do
      if [ -n "$last" ] && [ "$tries" -eq 0 ] && ! port_in_use "$last"; then port=$last; else port=$(free_port); fi
      write_conf "$port"
      if as_pg "$BINDIR/pg_ctl" -D "$PGDATA" -l "$PGLOG" -w -t 60 -s start 9>&- >/dev/null 2>&1; then break; fi
      tries=$((tries + 1))
      if [ "$tries" -ge 3 ] || ! grep -q 'could not bind\|Address already in use' "$PGLOG"; then
        tail -n 15 "$PGLOG" >&2 || true
        die "PostgreSQL did not start (log: $PGLOG)"
      fi
    done
  fi
  bootstrap_sql "$port" || die "could not create the zhixing role/database (log: $PGLOG)"
  echo "ZHIXING_PG_DSN=$(dsn_for "$port")" >"$DSN_FILE.tmp" && mv "$DSN_FILE.tmp" "$DSN_FILE"
  say "▶ PostgreSQL $PGVER on 127.0.0.1:$port  (data $PGDATA)"
}

stop() {
  local rec="$STATE/postgres.datadir"
  [ -f "$rec" ] || { say "■ PostgreSQL: not set up in $STATE"; return 0; }
  BINDIR=$(find_bindir || true)
  [ -n "$BINDIR" ] || { say "■ PostgreSQL: no server binaries, nothing to stop"; return 0; }
  lock_state "$STATE" postgres
  choose_dirs
  if is_running; then
    as_pg "$BINDIR/pg_ctl" -D "$PGDATA" -m fast -w -t 60 -s stop 9>&- >/dev/null \
      || die "pg_ctl stop failed (log: $PGLOG)"
    say "■ PostgreSQL stopped"
  else
    say "■ PostgreSQL: not running"
  fi
}

status() {
  local rec="$STATE/postgres.datadir"
  BINDIR=$(find_bindir || true)
  if [ -f "$rec" ] && [ -n "$BINDIR" ]; then
    choose_dirs
    if is_running; then echo "running $(dsn_for "$(current_port)")"; return 0; fi
  fi
  echo "stopped"; exit 3
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
