#!/usr/bin/env bash
# make test: unit and contract tests, then the real PostgreSQL + Kafka stack for the
# connected and e2e layers; the servers are stopped whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
state="var/stack-test"
py=.venv/bin/python

echo "▶ lint: ruff, mypy (strict on the domain), import-linter contracts"
.venv/bin/ruff check --quiet .
$py -m mypy --no-error-summary libs/kernel/src services/cases/src/zhixing/cases/domain \
    services/assets/src/zhixing/assets/domain services/credit/src/zhixing/credit/domain \
    services/relief/src/zhixing/relief/domain services/supervision/src/zhixing/supervision/domain
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache

# Debian's chromium, Chinese fonts, pango and poppler: the report tests (unit, integration,
# e2e), the image test and the browser tests need them.
scripts/debian-tools.sh
echo "▶ unit and contract tests"
$py -m pytest -q -m "not connected and not e2e and not browser and not image and not kubernetes and not chaos" \
    libs services tools tests

echo "▶ Kubernetes tools (built once into ~/.cache/zhixing/k8s; the first build takes about 8 min on 2 cores)"
infra/k8s/tools.sh >/dev/null
echo "▶ the OpenID provider of the command centre's sign-in tests (built once into ~/.cache/zhixing/oidc; about 1 min)"
infra/oidc/provider.sh build >/dev/null
echo "▶ the image (buildah, podman) and the chart (helm, kubeconform, kube-score, a real kube-apiserver)"
$py -m pytest -q -m "image or kubernetes" tests/deploy

rm -rf "$state"
trap 'infra/stack.sh down "$state" >/dev/null 2>&1 || true' EXIT
echo "▶ starting PostgreSQL and Kafka on loopback"
infra/stack.sh up "$state"
# shellcheck disable=SC1091
source "$state/stack.env"

echo "▶ connected, e2e and browser tests (real PostgreSQL, real Kafka, Debian's Chromium)"
$py -m pytest -q -m "connected or e2e or browser" libs services tools tests

echo "▶ chaos, short: each component killed and stopped under a bounded load (make chaos: the full table)"
$py -m pytest -q -m chaos tests/chaos
