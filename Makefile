# What humans and CI run. Every target sets up what it needs (venv, packages, servers).
SHELL := /bin/bash
UV := scripts/uv.sh
PY := .venv/bin/python

.PHONY: help venv run test test-unit cluster lint protos asyncapi bench bench-cases bench-assets bench-credit bench-rebuild bench-relief bench-supervision bench-command bench-publicity bench-load image chart chaos clean

help:
	@echo "make run      start the whole suite embedded (SQLite under ./var, demo data)"
	@echo "make test     all tests: unit, contract, connected (PostgreSQL + Kafka), e2e"
	@echo "make cluster  PostgreSQL + Kafka + each service as its own process"
	@echo "make lint     ruff, mypy, buf lint, import-linter"
	@echo "make image    build the one image (docker/) with buildah; ZHIXING_IMAGE names it"
	@echo "make chart    lint and render helm/zhixing for every value set, checked by a real kube-apiserver"
	@echo "make chaos    kill and stop each component under load; prints lost/duplicated/recovery figures"
	@echo "make protos   regenerate gRPC code from protos/"
	@echo "make asyncapi regenerate docs/asyncapi.json from the integration-event models"
	@echo "make bench    benchmarks under tests/perf (prints figures, asserts no time)"
	@echo "make bench-cases  only tests/perf/cases (PostgreSQL + SQLite, no Kafka), ~4 min"
	@echo "make bench-assets only tests/perf/assets (inquiry fan-out on PostgreSQL + Kafka)"
	@echo "make bench-credit only tests/perf/credit (10M-debtor index, gRPC, Kafka rebuild), ~25 min"
	@echo "make bench-rebuild only tests/perf/rebuild (projection rebuild vs raw log read, SQLite + PostgreSQL)"
	@echo "make bench-relief only tests/perf/relief (approvals by two processes on one fund vs raw save(), PostgreSQL)"
	@echo "make bench-supervision only tests/perf/supervision (KPI view vs raw log read, KPI queries vs raw SQL; SQLite + PostgreSQL), BENCH_SUPERVISION_EVENTS=1000000 for the issue's size"
	@echo "make bench-command only tests/perf/command (command-centre pages, RPCs and KPI queries vs raw SQL over a year of 20 courts; PostgreSQL), BENCH_COMMAND_EVENTS (1000000), BENCH_COMMAND_FILL=bulk, BENCH_COMMAND_KEEP=<prefix> (measure kept data again)"
	@echo "make bench-publicity only tests/perf/publicity (综合查询 p50/p99 over 1,000,000 listed debtors, DebtorSearch and SearchDebtor vs raw SQL; PostgreSQL), BENCH_PUBLICITY_DEBTORS, _REQUESTS, _CONCURRENCY, _RUNS"
	@echo "make bench-load   only tests/perf/load (embedded suite held under filings, /readyz each second), 10 min (BENCH_LOAD_MINUTES)"

venv:
	@$(UV) sync --locked --quiet

run: venv
	scripts/run.sh

test: venv
	scripts/test.sh

test-unit: venv
	$(PY) -m pytest -q -m "not connected and not e2e" libs services tools tests/contract

cluster: venv
	scripts/cluster.sh

lint: venv
	.venv/bin/ruff check .
	$(PY) -m mypy libs/kernel/src services/cases/src/zhixing/cases/domain services/assets/src/zhixing/assets/domain services/credit/src/zhixing/credit/domain services/relief/src/zhixing/relief/domain services/supervision/src/zhixing/supervision/domain services/publicity/src/zhixing/publicity/domain
	scripts/buf.sh lint protos
	.venv/bin/lint-imports

image: venv
	infra/image/build.sh

chart: venv
	scripts/chart.sh

chaos: venv
	scripts/chaos.sh

protos: venv
	$(PY) scripts/protos.py generate

asyncapi: venv
	$(PY) scripts/asyncapi.py generate

bench: venv
	scripts/bench.sh

bench-cases: venv
	scripts/bench.sh cases

bench-assets: venv
	scripts/bench.sh assets

bench-credit: venv
	scripts/bench.sh credit

bench-rebuild: venv
	scripts/bench.sh rebuild

bench-relief: venv
	scripts/bench.sh relief

bench-supervision: venv
	scripts/bench.sh supervision

bench-command: venv
	scripts/bench.sh command

bench-publicity: venv
	scripts/bench.sh publicity

bench-load: venv
	scripts/bench.sh load

clean:
	infra/stack.sh down || true
	rm -rf var
