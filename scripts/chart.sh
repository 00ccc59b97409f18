#!/usr/bin/env bash
# make chart: helm/zhixing linted, rendered for every value set and verified by real tools
# and a real kube-apiserver (docs/chart-verification.md says what and what not).
#   scripts/chart.sh [pytest args...]
# 1. the tools (built once into ~/.cache/zhixing/k8s; the first build takes ~45 min)
# 2. the CRDs and kubeconform's schemas (infra/k8s/crds.sh, cached)
# 3. every value set rendered to var/chart/<value set>.yaml, for people to read
# 4. tests/deploy/test_chart_server.py (marker kubernetes): helm lint --strict, kubeconform,
#    kube-score, then etcd + kube-apiserver + kube-controller-manager on loopback: a server
#    dry run into a namespace enforcing "restricted", a real helm install, the refusals.
#    It ends with a summary per value set.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
out=var/chart
t0=$(date +%s)

echo "▶ Kubernetes tools (infra/k8s/tools.sh)"
bin=$(infra/k8s/tools.sh helm kubeconform kube-score kubectl etcd kube-apiserver kube-controller-manager | tail -n1)
echo "▶ CRDs (Strimzi, KEDA, Prometheus operator) and kubeconform's schemas (infra/k8s/crds.sh)"
infra/k8s/crds.sh | sed 's/^/  /'

echo "▶ rendering helm/zhixing into $out/"
rm -rf "$out" && mkdir -p "$out"
for set in default helm/zhixing/values/*.yaml; do
  [ -e "$set" ] || [ "$set" = default ] || continue
  name=$(basename "$set" .yaml)
  args=(); [ "$name" = default ] || args=(-f "$set")
  "$bin/helm" template zhixing helm/zhixing --namespace "zhixing-$name" "${args[@]}" >"$out/$name.yaml"
  printf '  %-16s %3d objects  %s\n' "$name" "$(grep -c '^kind:' "$out/$name.yaml")" "$out/$name.yaml"
done

echo "▶ lint, kubeconform, kube-score, a real kube-apiserver (tests/deploy/test_chart_server.py)"
$py -m pytest -q --tb=short -m kubernetes tests/deploy/test_chart_server.py "$@"
echo "✓ chart verified in $(( $(date +%s) - t0 )) s"
