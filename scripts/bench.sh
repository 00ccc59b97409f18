#!/usr/bin/env bash
# make bench: start PostgreSQL + Kafka, run the benchmarks (they print, never assert).
set -euo pipefail
cd "$(dirname "$0")/.."
state="var/stack-bench"
trap 'infra/stack.sh down "$state" >/dev/null 2>&1 || true' EXIT
infra/stack.sh up "$state"
# shellcheck disable=SC1091
source "$state/stack.env"
.venv/bin/python tests/perf/pipeline/bench_pipeline.py
