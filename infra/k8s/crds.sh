#!/usr/bin/env bash
# The CustomResourceDefinitions the chart's custom resources need, from their projects'
# own sources, and the JSON schemas kubeconform validates against — built once under
# $ZHIXING_K8S_CACHE (default ~/.cache/zhixing/k8s), outside the clone.
#   infra/k8s/crds.sh        prints three lines for the callers (scripts/chart.sh, tests/deploy):
#     crds=<dir of CRD manifests, applied by apiserver.sh>
#     schemas=<dir: kubeconform's -schema-location templates are relative to it>
#     kubernetes_version=<the Kubernetes version of the bundled JSON schemas>
# Sources (../shared/infra/KUBERNETES.md records why these versions):
#   Strimzi      Maven io.strimzi:api + crd-generator, run with a Java 21+ JDK (class file 65)
#   KEDA         the Go module zip github.com/kedacore/keda/v2 (config/crd/bases)
#   Prometheus   the Go module zip github.com/prometheus-operator/prometheus-operator
#                (example/prometheus-operator-crd; newer versions are refused by the proxy)
#   Kubernetes   the schemas bundled by the kubernetes-validate dev dependency (.venv)
#   CRD schemas  kubeconform's own scripts/openapi2jsonschema.py (its module zip)
set -euo pipefail
PROG=crds.sh
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd -- "$HERE/../.." && pwd -P)
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

CACHE=${ZHIXING_K8S_CACHE:-$HOME/.cache/zhixing/k8s}
STRIMZI=1.2.0
KEDA=v2.20.2
PROMETHEUS_OPERATOR=v0.85.0
KUBECONFORM=v0.8.0
# kubernetes-validate 1.37.0 bundles 1.25–1.37; 1.37 matches the kube-apiserver tools.sh builds.
KUBERNETES_SCHEMAS=v1.37.0
JAVA=${ZHIXING_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PY=$REPO/.venv/bin/python
KEY="strimzi-$STRIMZI keda-$KEDA prometheus-operator-$PROMETHEUS_OPERATOR kubeconform-$KUBECONFORM kubernetes-$KUBERNETES_SCHEMAS"
OUT=$CACHE/crds
STAMP=$OUT/.ready

[ -x "$PY" ] || die "$PY missing: run 'make venv' (scripts/uv.sh sync --locked) first"

# The extracted module directory of MODULE@VERSION (downloaded once into GOMODCACHE).
go_module_dir() {
  need_command go golang-go
  GOFLAGS=-mod=mod go mod download -json "$1" \
    | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error")))' \
    || die "go mod download $1 failed"
}

strimzi_crds() {  # DIR: KafkaTopic, KafkaUser, KafkaMirrorMaker2 and the kinds they point at
  local work=$CACHE/src/strimzi-$STRIMZI dir=$1 model=io.strimzi.api.kafka.model kind args=()
  [ -x "$JAVA" ] || die "$JAVA missing: Strimzi $STRIMZI's classes need Java 21+ (set ZHIXING_JAVA)"
  need_command mvn maven
  mkdir -p "$work"
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>zhixing.local</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI</version></dependency>
  </dependencies>
</project>
POM
  (cd "$work" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=classpath.txt) \
    >"$CACHE/logs/strimzi-maven.log" 2>&1 || die "Maven could not resolve Strimzi $STRIMZI; see $CACHE/logs/strimzi-maven.log"
  for kind in topic.KafkaTopic user.KafkaUser mirrormaker2.KafkaMirrorMaker2 kafka.Kafka \
      nodepool.KafkaNodePool connect.KafkaConnect connector.KafkaConnector; do
    args+=("$model.$kind=$dir/kafka.strimzi.io_$(echo "${kind#*.}" | tr '[:upper:]' '[:lower:]')s.yaml")
  done
  "$JAVA" -cp "$(cat "$work/classpath.txt")" io.strimzi.crdgenerator.CrdGenerator --yaml \
    --crd-api-version v1 --api-versions v1 --storage-version v1 "${args[@]}" \
    >"$CACHE/logs/strimzi-crds.log" 2>&1 || die "Strimzi's CrdGenerator failed; see $CACHE/logs/strimzi-crds.log"
}

build() {
  local tmp=$OUT.tmp keda prom kubeconform
  rm -rf "$tmp" && mkdir -p "$tmp/crds" "$tmp/schemas/crds" "$CACHE/logs"
  say "… CRDs: Strimzi $STRIMZI (crd-generator), KEDA $KEDA, Prometheus operator $PROMETHEUS_OPERATOR"
  strimzi_crds "$tmp/crds"
  keda=$(go_module_dir "github.com/kedacore/keda/v2@$KEDA")
  cp "$keda"/config/crd/bases/*.yaml "$tmp/crds/"
  prom=$(go_module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR")
  cp "$prom"/example/prometheus-operator-crd/*.yaml "$tmp/crds/"
  chmod u+w "$tmp"/crds/*.yaml
  say "… kubeconform schemas: Kubernetes $KUBERNETES_SCHEMAS (kubernetes-validate) and the CRDs (openapi2jsonschema.py)"
  "$PY" "$HERE/schemas.py" "$KUBERNETES_SCHEMAS" "$tmp/schemas" \
    || die "copying the Kubernetes $KUBERNETES_SCHEMAS schemas failed"
  kubeconform=$(go_module_dir "github.com/yannh/kubeconform@$KUBECONFORM")
  # Strict like the server: unknown keys at the top of a custom resource are refused too.
  (cd "$tmp/schemas/crds" && FILENAME_FORMAT='{kind}_{fullgroup}_{version}' DENY_ROOT_ADDITIONAL_PROPERTIES=1 \
    "$PY" "$kubeconform/scripts/openapi2jsonschema.py" "$tmp"/crds/*.yaml) \
    >"$CACHE/logs/crd-schemas.log" 2>&1 || die "openapi2jsonschema.py failed; see $CACHE/logs/crd-schemas.log"
  echo "$KEY" >"$tmp/.ready"
  rm -rf "$OUT" && mv "$tmp" "$OUT"
}

mkdir -p "$CACHE/logs"
exec 8>"$CACHE/.crds.lock"
flock -w 600 8 || die "timed out waiting for $CACHE/.crds.lock"
[ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$KEY" ] || build
echo "crds=$OUT/crds"
echo "schemas=$OUT/schemas"
echo "kubernetes_version=${KUBERNETES_SCHEMAS#v}"
