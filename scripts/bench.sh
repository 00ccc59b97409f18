#!/usr/bin/env bash
# make bench: start PostgreSQL + Kafka, run the benchmarks (they print, never assert).
#   scripts/bench.sh [pipeline] [cases] [assets] [rebuild] [relief] [supervision] [command] [publicity] [credit] [load]
#   (default: the first four; `cases`, `rebuild`, `relief`, `supervision`, `command` and `publicity` alone start
#   PostgreSQL only; `credit`, ~25 min at 10M debtors, and `load`, the embedded suite alone
#   for BENCH_LOAD_MINUTES (10), only by name)
set -euo pipefail
cd "$(dirname "$0")/.."
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(pipeline cases assets rebuild)
kafka=no
servers=no
for bench in "${benches[@]}"; do
  case "$bench" in
    pipeline|assets|credit) kafka=yes; servers=yes ;;
    cases|rebuild|relief|supervision|command|publicity) servers=yes ;;
    load) ;;  # embedded: SQLite under a temporary folder, no servers
    *) echo "unknown benchmark: $bench (pipeline, cases, assets, rebuild, relief, supervision, command, publicity, credit, load)" >&2; exit 2 ;;
  esac
done
state="var/stack-bench"
trap 'infra/stack.sh down "$state" >/dev/null 2>&1 || true' EXIT
if [ "$servers" = no ]; then
  :
elif [ "$kafka" = yes ]; then
  infra/stack.sh up "$state"
  # shellcheck disable=SC1091
  source "$state/stack.env"
else  # the cases, rebuild, relief, supervision, command and publicity benchmarks need no Kafka: an idle broker would only add noise
  infra/postgres/postgres.sh start "$state"
  set -a
  # shellcheck disable=SC1091
  source "$state/postgres.env"
  set +a
fi
for bench in "${benches[@]}"; do
  .venv/bin/python "tests/perf/$bench/bench_$bench.py"
done
