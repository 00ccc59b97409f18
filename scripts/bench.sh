#!/usr/bin/env bash
# make bench: start PostgreSQL + Kafka, run the benchmarks (they print, never assert).
#   scripts/bench.sh [pipeline] [cases] [assets] [rebuild] [credit]   (default: the first
#   four; `cases` and `rebuild` alone start PostgreSQL only; `credit`, ~25 min at 10M debtors, only by name)
set -euo pipefail
cd "$(dirname "$0")/.."
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(pipeline cases assets rebuild)
kafka=no
for bench in "${benches[@]}"; do
  case "$bench" in
    pipeline|assets|credit) kafka=yes ;;
    cases|rebuild) ;;
    *) echo "unknown benchmark: $bench (pipeline, cases, assets, rebuild, credit)" >&2; exit 2 ;;
  esac
done
state="var/stack-bench"
trap 'infra/stack.sh down "$state" >/dev/null 2>&1 || true' EXIT
if [ "$kafka" = yes ]; then
  infra/stack.sh up "$state"
  # shellcheck disable=SC1091
  source "$state/stack.env"
else  # the cases and rebuild benchmarks need no Kafka: an idle broker would only add noise
  infra/postgres/postgres.sh start "$state"
  set -a
  # shellcheck disable=SC1091
  source "$state/postgres.env"
  set +a
fi
for bench in "${benches[@]}"; do
  .venv/bin/python "tests/perf/$bench/bench_$bench.py"
done
