#!/usr/bin/env bash
# PostgreSQL + Kafka for connected tests, benchmarks and `make cluster`.
#   infra/stack.sh {up|down|status|env} [state-dir]     (default: <repo>/var/stack)
# up      postgres start + kafka fetch + kafka start, then writes <state-dir>/stack.env:
#           export ZHIXING_PG_DSN='postgresql://zhixing@127.0.0.1:<port>/zhixing'
#           export ZHIXING_KAFKA_BOOTSTRAP='127.0.0.1:<port>'
#           export ZHIXING_KAFKA_CP='<cache>/kafka/libs/*'
#         Re-runnable: a running stack is left as it is.
# down    stops both (idempotent; the data stays for the next up).
# status  one line per server; exit 0 only when both run.
# env     prints stack.env (use: eval "$(infra/stack.sh env)").
set -euo pipefail
PROG=stack.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd -- "$HERE/.." && pwd -P)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

usage() { echo "usage: $PROG {up|down|status|env} [state-dir]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
CMD=$1
case "$CMD" in up|down|status|env) ;; *) usage ;; esac
STATE=$(abs_dir "${2:-$REPO/var/stack}")
ENVF="$STATE/stack.env"

# KEY=VALUE lines -> export KEY='VALUE'
as_exports() { sed -n "s/^\([A-Z_][A-Z0-9_]*\)=\(.*\)$/export \1='\2'/p" "$@"; }

case "$CMD" in
  up)
    t0=$(date +%s%N)
    "$HERE/postgres/postgres.sh" start "$STATE"
    "$HERE/kafka/kafka.sh" fetch >/dev/null
    "$HERE/kafka/kafka.sh" start "$STATE"
    as_exports "$STATE/postgres.env" "$STATE/kafka.env" >"$ENVF.tmp"
    mv "$ENVF.tmp" "$ENVF"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    printf '✓ stack up in %d.%01d s — env: %s  (eval "$(%s env)")\n' \
      $((ms / 1000)) $((ms % 1000 / 100)) "$ENVF" "$0"
    ;;
  down)
    rc=0
    "$HERE/kafka/kafka.sh" stop "$STATE" || rc=1
    "$HERE/postgres/postgres.sh" stop "$STATE" || rc=1
    exit "$rc"
    ;;
  status)
    rc=0
    pg=$("$HERE/postgres/postgres.sh" status "$STATE") || rc=3
    kf=$("$HERE/kafka/kafka.sh" status "$STATE") || rc=3
    echo "postgres: $pg"
    echo "kafka:    $kf"
    exit "$rc"
    ;;
  env)
    [ -f "$ENVF" ] || die "no $ENVF — run: $0 up"
    cat "$ENVF"
    ;;
esac
