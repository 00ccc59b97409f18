#!/usr/bin/env bash
# make cluster: PostgreSQL + Kafka on loopback, and each service as its own processes
# (api, relay, worker), as they run on Kubernetes. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
state="var/stack"
infra/stack.sh up "$state"
# shellcheck disable=SC1091
source "$state/stack.env"
export ZHIXING_VAR="$PWD/var/cluster"
mkdir -p var/cluster/logs
# Personal data is encrypted at rest (R60): a local key, kept outside the data folder
# (docs/keys.md); one an earlier release kept under var/cluster moves there.
keys="${XDG_CONFIG_HOME:-$HOME/.config}/zhixing"
mkdir -p -m 700 "$keys"
if [ -s var/cluster/cipher.key ] && [ ! -s "$keys/cluster-cipher.key" ]; then
  mv var/cluster/cipher.key "$keys/cluster-cipher.key" && chmod 600 "$keys/cluster-cipher.key"
fi
[ -s "$keys/cluster-cipher.key" ] || (umask 077 && .venv/bin/zhixing cipher-key > "$keys/cluster-cipher.key")
ZHIXING_CIPHER_KEY="$(cat "$keys/cluster-cipher.key")"
# Tokens are signed with a secret of this cluster's own (R46); `zhixing token` and every
# command read it with ZHIXING_JWT_SECRET_FILE=var/cluster/jwt.secret (README "Tokens and targets").
# Whoever reads it mints any role's token: the owner's alone, as the cipher key (R46).
[ -s var/cluster/jwt.secret ] || (umask 077 && .venv/bin/zhixing cipher-key > var/cluster/jwt.secret)
chmod 600 var/cluster/jwt.secret
ZHIXING_JWT_SECRET="$(cat var/cluster/jwt.secret)"
export ZHIXING_CIPHER_KEY ZHIXING_JWT_SECRET
pids=()
stop() {
  echo "▶ stopping services"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  infra/stack.sh down "$state"
}
trap stop EXIT INT TERM

metrics_port=9460  # each process its own /healthz, /readyz and /metrics: 9461, 9462, ...
start() {  # name, port (or -), args...
  local name=$1 port=$2; shift 2
  if [ "$port" != - ]; then export ZHIXING_GRPC_PORT=$port; fi
  local metrics=""
  if [ "$1" != agency-sim ]; then
    metrics_port=$((metrics_port + 1))
    export ZHIXING_METRICS_PORT=$metrics_port
    metrics="  metrics http://127.0.0.1:$metrics_port/metrics"
  fi
  .venv/bin/zhixing "$@" >"var/cluster/logs/$name.log" 2>&1 &
  pids+=($!)
  local where=""
  [ "$port" = - ] || where=" on 127.0.0.1:$port"
  echo "  $name$where$metrics  (log var/cluster/logs/$name.log)"
}

echo "▶ services"
start cases-api 50051 cases api
start cases-relay - cases relay
start cases-worker - cases worker      # case index, delegation, facts, node sweep
start assets-api 50053 assets api        # inquiry, control, disposal, agency gateway
start assets-relay - assets relay        # assets events + one request topic per agency kind
start assets-worker - assets worker      # auto inquiry, agency replies, sweep (R18, R20, R22)
start credit-api 50054 credit api        # listing, restriction, the partners' checks
start credit-relay - credit relay        # credit events + the compacted list
start credit-worker - credit worker      # removals on case events (R8), publication, sweep
start agency-sim - agency-sim --transport kafka --bootstrap "$ZHIXING_KAFKA_BOOTSTRAP"
start publicity-relay - publicity relay  # leads and parties' messages (issue 17)
start publicity-worker - publicity worker
# Two api processes serve web pages, each on a port of its own (one port would stop the
# second to bind it): publicity's portal on ZHIXING_HTTP_PORT (8080), supervision's
# command centre on the next.
web_port="${ZHIXING_HTTP_PORT:-8080}"
export ZHIXING_HTTP_PORT=$web_port
start publicity-api 50052 publicity api
start relief-api 50055 relief api        # funds, applications, decisions, disbursement (R29-R32)
start relief-relay - relief relay        # relief events
start relief-worker - relief worker      # case facts, recovery from case accounts, reports, sweep (R31)
export ZHIXING_HTTP_PORT=$((web_port + 1))
start supervision-api 50056 supervision api    # KPIs, alerts, procuratorial matters, interference records (R33-R37)
start supervision-relay - supervision relay    # supervision events
start supervision-worker - supervision worker  # KPIs and alerts from every context's events, sweep (R18, R34, R37)
echo "Tokens for this cluster: export ZHIXING_JWT_SECRET_FILE=$PWD/var/cluster/jwt.secret"
echo "File a case:   ZHIXING_GRPC_TARGET=127.0.0.1:50051 .venv/bin/zhixing case file --help"
echo "Its progress:  ZHIXING_GRPC_TARGET=127.0.0.1:50052 .venv/bin/zhixing progress '<case number>'"
echo "Relief:        ZHIXING_GRPC_TARGET=127.0.0.1:50055 ZHIXING_ROLE=finance .venv/bin/zhixing aid fund"
echo "Supervision:   ZHIXING_GRPC_TARGET=127.0.0.1:50056 .venv/bin/zhixing supervise alerts"
echo "Web:           http://127.0.0.1:$web_port/ (portal), http://127.0.0.1:$((web_port + 1))/command/ (command centre)"
echo "Probes:        curl 127.0.0.1:9461/readyz   (each process: /healthz, /readyz, /metrics)"
wait -n "${pids[@]}" || true  # set -e would leave before saying why
echo "a service exited; see var/cluster/logs" >&2
