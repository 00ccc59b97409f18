#!/usr/bin/env bash
# make chaos: every failure scenario under a larger bounded load, on a PostgreSQL and a
# Kafka of its own (var/chaos/stack; the chaos tests kill and stop both), with the suite
# in cluster mode as processes. Prints the table of figures and writes var/chaos/report.md
# (docs/chaos.md says how to read it). Loopback only; everything is stopped at the end.
#   CHAOS_RATE      ticks a second (a tick: FileCase; every other one also StartInquiry
#                   and RecordPayment), 0.5..20, default 4
#   CHAOS_SECONDS   load per scenario, 3..120, default 30
#   CHAOS_PAUSE     how long the broker stays SIGSTOPped, 11..120, default 75 (past the
#                   consumers' session timeout and the relay's publish deadline)
#   CHAOS_SCENARIOS "all" (default) or names separated by commas (see tests/testkit/chaos.py)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHAOS_SCENARIOS="${CHAOS_SCENARIOS:-all}"
export CHAOS_RATE="${CHAOS_RATE:-4}"
export CHAOS_SECONDS="${CHAOS_SECONDS:-30}"
export CHAOS_PAUSE="${CHAOS_PAUSE:-75}"
# The chaos stack is its own: the connected tests' stack (if one is up) is left alone.
unset ZHIXING_PG_DSN ZHIXING_KAFKA_BOOTSTRAP
echo "▶ chaos: scenarios=$CHAOS_SCENARIOS rate=$CHAOS_RATE/s seconds=$CHAOS_SECONDS pause=${CHAOS_PAUSE}s"
rc=0
.venv/bin/python -m pytest -q -p no:cacheprovider -m chaos tests/chaos || rc=$?
echo "▶ processes left (must be none):"
# This clone's suite processes and chaos servers only (other clones may be running theirs).
if pgrep -af "$PWD/var/chaos/stack|$PWD/.venv/bin/zhixing" | grep -v pgrep; then
  rc=1
else
  echo "  none"
fi
exit "$rc"
