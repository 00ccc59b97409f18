#!/usr/bin/env bash
# The Kubernetes tool chain, built from the Go module proxy and Maven Central, once:
# every output lives under $ZHIXING_K8S_CACHE (default ~/.cache/zhixing/k8s), outside
# the clone, so a second run costs seconds (infra/README.md, ../shared/infra/KUBERNETES.md).
#   infra/k8s/tools.sh [tool...]   default: all; prints the bin directory last
# tools: helm kubeconform kube-score promtool kube-apiserver kubectl
#        kube-controller-manager etcd
set -euo pipefail
PROG=tools.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

CACHE=${ZHIXING_K8S_CACHE:-$HOME/.cache/zhixing/k8s}
BIN=$CACHE/bin
mkdir -p "$BIN" "$CACHE/logs"
export GOFLAGS="-buildvcs=false" GOTOOLCHAIN=local

HELM=helm.sh/helm/v4/cmd/helm@v4.3.2
KUBECONFORM=github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
KUBE_SCORE=github.com/zegl/kube-score/cmd/kube-score@v1.20.0
PROMTOOL=github.com/prometheus/prometheus/cmd/promtool@v0.316.0
KUBERNETES=v1.37.2          # kube-apiserver, kubectl, kube-controller-manager
ETCD=v3.7.3

# A binary appears in $BIN only once complete (built aside, then renamed), so a caller
# finding every tool present needs no lock (the fast path at the end).
# built NAME SECONDS-AT-START: move NAME in and record how long it took.
built() {
  mv -f "$BIN/.$1.tmp" "$BIN/$1"
  echo "$(date -u +%FT%TZ) $1 $(( $(date +%s) - $2 )) s" >>"$CACHE/logs/build-times.log"
}

# go_install NAME MODULE@VERSION: `go install` into $BIN unless built already.
go_install() {  # NAME MODULE@VERSION [go build flags...]
  local name=$1 pkg=$2 t0 gobin=$CACHE/gobin; shift 2
  [ -x "$BIN/$name" ] && return 0
  t0=$(date +%s)
  say "… building $name (${pkg##*@}) from the Go module proxy; log $CACHE/logs/$name.log"
  rm -rf "$gobin" && mkdir -p "$gobin"
  GOBIN=$gobin go install "$@" "$pkg" >"$CACHE/logs/$name.log" 2>&1 \
    || die "go install $pkg failed; see $CACHE/logs/$name.log"
  mv -f "$gobin/$name" "$BIN/.$name.tmp" && built "$name" "$t0"
}

# The k8s.io/kubernetes module zip has no staging/ tree: drop its replace block and pin
# each k8s.io/<x> v0.0.0 requirement to the published v0.<minor>.<patch>.
kubernetes_source() {
  local dir=$CACHE/src/kubernetes-$KUBERNETES
  if [ ! -f "$dir/.ready" ]; then
    local from
    from=$(go mod download -json "k8s.io/kubernetes@$KUBERNETES" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])') \
      || die "go mod download k8s.io/kubernetes@$KUBERNETES failed"
    rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && cp -r "$from" "$dir" && chmod -R u+w "$dir"
    python3 - "$dir/go.mod" "v0.${KUBERNETES#v1.}" <<'PY'
import re, sys
path, staged = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"\nreplace \((.|\n)*?\n\)\n", "\n", text)
text = re.sub(r"^(\s+k8s\.io/[\w.-]+) v0\.0\.0(?=[ \t]*(//.*)?$)", rf"\1 {staged}", text, flags=re.M)
open(path, "w").write(text)
PY
    touch "$dir/.ready"
  fi
  echo "$dir"
}

kube_build() {  # NAME: one command of k8s.io/kubernetes
  local name=$1 src version=k8s.io/component-base/version t0
  [ -x "$BIN/$name" ] && return 0
  t0=$(date +%s)
  src=$(kubernetes_source)
  local minor=${KUBERNETES#v1.}; minor=${minor%%.*}
  say "… building $name $KUBERNETES (the first build takes ~30 min on 2 cores); log $CACHE/logs/$name.log"
  (cd "$src" && GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" go build -o "$BIN/.$name.tmp" \
    -ldflags "-X $version.gitVersion=$KUBERNETES -X $version.gitMajor=1 -X $version.gitMinor=$minor -X $version.gitTreeState=clean" \
    "./cmd/$name") >"$CACHE/logs/$name.log" 2>&1 || die "building $name failed; see $CACHE/logs/$name.log"
  built "$name" "$t0"
}

# etcd: a four-line main around etcdmain.Main, built with the etcd server module.
etcd_build() {
  [ -x "$BIN/etcd" ] && return 0
  local dir=$CACHE/src/etcd-$ETCD t0
  t0=$(date +%s)
  mkdir -p "$dir"
  cat >"$dir/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  say "… building etcd $ETCD; log $CACHE/logs/etcd.log"
  (cd "$dir" && { [ -f go.mod ] || go mod init zhixing.local/etcd; } \
    && go get "go.etcd.io/etcd/server/v3@$ETCD" && go mod tidy && go build -o "$BIN/.etcd.tmp" .) \
    >"$CACHE/logs/etcd.log" 2>&1 || die "building etcd failed; see $CACHE/logs/etcd.log"
  built etcd "$t0"
}

build() {
  case "$1" in
    helm) go_install helm "$HELM" ;;
    kubeconform) go_install kubeconform "$KUBECONFORM" ;;
    kube-score) go_install kube-score "$KUBE_SCORE" ;;
    # Only `check rules` and `test rules` are used: without the cloud service discoveries
    # (Prometheus's own remove_all_sd tag) the cold build skips the AWS/Azure/GCE SDKs.
    promtool) go_install promtool "$PROMTOOL" -tags remove_all_sd ;;
    kube-apiserver|kubectl|kube-controller-manager) kube_build "$1" ;;
    etcd) etcd_build ;;
    *) die "unknown tool $1" ;;
  esac
}

tools=("$@")
[ ${#tools[@]} -gt 0 ] || tools=(kube-apiserver etcd helm kubeconform kube-score kubectl kube-controller-manager promtool)
present() { local t; for t in "${tools[@]}"; do [ -x "$BIN/$t" ] || return 1; done; }
# Every tool there: no lock, so a check never waits behind another tool's long build.
present || {
  need_command go golang-go
  exec 8>"$CACHE/.tools.lock"
  flock -w 3600 8 || die "timed out waiting for $CACHE/.tools.lock"
  for tool in "${tools[@]}"; do build "$tool"; done
}
echo "$BIN"
