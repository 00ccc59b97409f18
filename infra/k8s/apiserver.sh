#!/usr/bin/env bash
# A real Kubernetes control plane on loopback for the chart's verification: etcd,
# kube-apiserver and kube-controller-manager, no nodes (Pods stay Pending), then the CRDs
# of infra/k8s/crds.sh applied server-side.
#   infra/k8s/apiserver.sh {up|down|status} [state-dir]     (default: <repo>/var/k8s)
# up      starts the three (free ports on 127.0.0.1), waits for /readyz and the CRDs to be
#         Established, writes <state-dir>/kubeconfig (user admin, group system:masters,
#         a bearer token; the server's certificate checked against <state-dir>/pki/ca.crt)
#         and <state-dir>/apiserver.env (KUBECONFIG=…, KUBECTL=…). A running one is left.
# down    stops them (idempotent); the state dir keeps keys and etcd data for the next up.
# status  one line; exit 0 only when the API server answers /readyz.
# Logs: <state-dir>/{etcd,kube-apiserver,kube-controller-manager}.log.
set -euo pipefail
PROG=apiserver.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd -- "$HERE/../.." && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

usage() { echo "usage: $PROG {up|down|status} [state-dir]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
CMD=$1
case "$CMD" in up|down|status) ;; *) usage ;; esac
STATE=$(abs_dir "${2:-$REPO/var/k8s}")
PKI=$STATE/pki
KUBECONFIG_FILE=$STATE/kubeconfig
COMPONENTS=(kube-controller-manager kube-apiserver etcd)   # the order they stop in
START_TIMEOUT=${ZHIXING_APISERVER_START_TIMEOUT:-120}

# The pid of COMPONENT if it is alive and was started from this state dir.
live_pid() {
  local pid
  pid=$(cat "$STATE/$1.pid" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STATE/" || return 1
  echo "$pid"
}

stop_one() {  # COMPONENT: TERM, then KILL after 30 s
  local pid i
  pid=$(live_pid "$1") || { rm -f "$STATE/$1.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    say "… $1 did not stop within 30 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
  rm -f "$STATE/$1.pid"
}

# Detached (setsid), output to <state>/<name>.log, pid in <state>/<name>.pid; fd 9 closed.
launch() {  # NAME BINARY ARGS...
  local name=$1; shift
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$STATE/$name.pid" "$@" \
    >"$STATE/$name.log" 2>&1 </dev/null 9>&- &
  wait_until 10 live_pid "$name" >/dev/null || die "$name did not start; see $STATE/$name.log"
}

# Keys once per state dir: a CA and the server certificate for 127.0.0.1, the
# service-account signing key, an admin bearer token in system:masters.
make_pki() {
  [ -f "$PKI/.ready" ] && return 0
  rm -rf "$PKI" && mkdir -p "$PKI" && chmod 700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=zhixing-test-ca"
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=kube-apiserver"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile server.ext -out server.crt
    openssl genrsa -out sa.key 2048 && openssl rsa -in sa.key -pubout -out sa.pub
    echo "$(openssl rand -hex 24),admin,admin,system:masters" >tokens.csv
  ) >"$STATE/pki.log" 2>&1 || die "openssl failed; see $STATE/pki.log"
  touch "$PKI/.ready"
}

write_kubeconfig() {  # PORT
  local token ca
  token=$(cut -d, -f1 "$PKI/tokens.csv")
  ca=$(base64 -w0 "$PKI/ca.crt")
  umask 077
  cat >"$KUBECONFIG_FILE.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: zhixing-test
  cluster: {server: "https://127.0.0.1:$1", certificate-authority-data: "$ca"}
users:
- name: admin
  user: {token: "$token"}
contexts:
- name: zhixing-test
  context: {cluster: zhixing-test, user: admin}
current-context: zhixing-test
YAML
  mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
}

ready() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" get --raw /readyz >/dev/null 2>&1; }
etcd_healthy() { curl -fsS "http://127.0.0.1:$1/health" 2>/dev/null | grep -q '"health":"true"'; }

start() {
  local etcd_port peer_port api_port kcm_port t0 ready_s
  t0=$(date +%s%N)
  make_pki
  etcd_port=$(free_port); peer_port=$(free_port "$etcd_port")
  api_port=$(free_port "$etcd_port" "$peer_port"); kcm_port=$(free_port "$etcd_port" "$peer_port" "$api_port")
  # Test data: no fsync (the control plane lives as long as the test session).
  launch etcd "$BIN/etcd" --name zhixing --data-dir "$STATE/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "zhixing=http://127.0.0.1:$peer_port"
  wait_until 30 etcd_healthy "$etcd_port" || die "etcd not healthy after 30 s; see $STATE/etcd.log"
  # --endpoint-reconciler-type=none: no node runs the "kubernetes" Service's endpoints.
  launch kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$PKI/server.crt" --tls-private-key-file "$PKI/server.key" \
    --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$PKI/sa.pub" \
    --service-account-signing-key-file "$PKI/sa.key" --service-cluster-ip-range 10.96.0.0/24 \
    --endpoint-reconciler-type none --enable-priority-and-fairness=false
  write_kubeconfig "$api_port"
  wait_until "$START_TIMEOUT" ready || die "kube-apiserver not ready after $START_TIMEOUT s; see $STATE/kube-apiserver.log"
  # No nodes: the node IPAM and lifecycle controllers have nothing to do.
  launch kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$KUBECONFIG_FILE" \
    --authentication-kubeconfig "$KUBECONFIG_FILE" --authorization-kubeconfig "$KUBECONFIG_FILE" \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --cert-dir "$STATE/kcm-certs" \
    --controllers '*,-nodeipam,-nodelifecycle' --leader-elect=false \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --use-service-account-credentials=false
  ready_s=$(since "$t0")
  apply_crds
  printf 'KUBECONFIG=%s\nKUBECTL=%s\n' "$KUBECONFIG_FILE" "$BIN/kubectl" >"$STATE/apiserver.env"
  printf '✓ kube-apiserver on https://127.0.0.1:%d ready in %s s, CRDs established in %s s — KUBECONFIG=%s\n' \
    "$api_port" "$ready_s" "$(since "$t0")" "$KUBECONFIG_FILE"
}

since() {  # T0 (ns): seconds since, one decimal
  local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
  printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100))
}

# The Prometheus operator's own servers (Prometheus, PrometheusAgent, Alertmanager,
# ThanosRuler) are never an application chart's to create, and their CRDs are the largest
# (~0.6 MB each, ~10 s of the server's time to establish): kubeconform still has their
# schemas, the server does not get them.
OPERATOR_ONLY='monitoring.coreos.com_(prometheuses|prometheusagents|alertmanagers|thanosrulers)[.]yaml$'

apply_crds() {
  local crds files=()
  crds=$("$HERE/crds.sh" | sed -n 's/^crds=//p') || die "crds.sh failed"
  mapfile -t files < <(find "$crds" -name '*.yaml' | grep -Ev "$OPERATOR_ONLY" | sort)
  "$BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" apply --server-side --force-conflicts \
    "${files[@]/#/--filename=}" >"$STATE/crds.log" 2>&1 || die "applying the CRDs failed; see $STATE/crds.log"
  "$BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" wait --for condition=established --timeout 60s crd --all \
    >>"$STATE/crds.log" 2>&1 || die "the CRDs were not Established within 60 s; see $STATE/crds.log"
}

case "$CMD" in
  up)
    lock_state "$STATE" apiserver
    BIN=$("$HERE/tools.sh" etcd kube-apiserver kube-controller-manager kubectl 9>&- | tail -n1)
    if live_pid kube-apiserver >/dev/null && ready; then
      say "✓ kube-apiserver already running — KUBECONFIG=$KUBECONFIG_FILE"
      exit 0
    fi
    for c in "${COMPONENTS[@]}"; do stop_one "$c"; done
    start
    ;;
  down)
    lock_state "$STATE" apiserver
    for c in "${COMPONENTS[@]}"; do stop_one "$c"; done
    rm -f "$STATE/apiserver.env"
    ;;
  status)
    BIN=${ZHIXING_K8S_CACHE:-$HOME/.cache/zhixing/k8s}/bin
    if live_pid kube-apiserver >/dev/null && ready; then
      echo "kube-apiserver ready — KUBECONFIG=$KUBECONFIG_FILE"
    else
      echo "kube-apiserver not running ($STATE)"; exit 3
    fi
    ;;
esac
