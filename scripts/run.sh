#!/usr/bin/env bash
# make run: the whole suite embedded (SQLite under ./var, demo data), plus simulated
# assisting agencies (banks, registries, police, tax …) answering its network inquiries
# through the gRPC agency gateway, as a separate program would (log: var/agency-sim.log).
# Ctrl-C stops both. `ZHIXING_AGENCY_SIM=off make run` runs the suite alone.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${ZHIXING_GRPC_PORT:-50051}"
log="${ZHIXING_VAR:-var}/agency-sim.log"
mkdir -p "$(dirname "$log")"
scripts/debian-tools.sh --warn report  # Chinese fonts for the reports (zhixing supervise report)
.venv/bin/zhixing run &
suite=$!
sim=""
stop() { kill -TERM "$suite" $sim 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
if [ "${ZHIXING_AGENCY_SIM:-on}" != off ]; then
  # The simulator starts once the suite answers gRPC health checks (deadline 120 s).
  .venv/bin/python - "$port" <<'PY'
import sys, time, grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    with grpc.insecure_channel(f"127.0.0.1:{sys.argv[1]}") as channel:
        try:
            health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
            sys.exit(0)
        except grpc.RpcError:
            time.sleep(0.5)
sys.exit("zhixing: the suite did not start serving gRPC within 120 s")
PY
  ZHIXING_KAFKA_BOOTSTRAP="" .venv/bin/zhixing agency-sim --transport grpc \
    --target "127.0.0.1:$port" --progress-every 0 >"$log" 2>&1 &
  sim=$!
  echo "Simulated agencies answer network inquiries (log $log); try:"
  echo "  zhixing asset inquiries '(2026)川0104执3号' --role judge --agencies"
fi
wait "$suite"
