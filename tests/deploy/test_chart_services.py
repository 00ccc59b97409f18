"""The chart's one `services` list against the services really installed (issue 13).

Every service registered under the `zhixing.services` entry points has a block in
helm/zhixing/values.yaml and a line in its schema, and no block names a service that
does not exist; each block runs the roles the service really has (a relay only for a
service that publishes, web pages only where it serves them) and lists, for KEDA, exactly
the consumer groups and topics its worker follows. No tools needed: PyYAML and the
services built in embedded mode under a temporary folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

from zhixing.eventstore.settings import Settings, new_cipher_key
from zhixing.runtime.ops_settings import MAX_RELAY_BATCH, SWEEP_SECONDS
from zhixing.runtime.rebuild import targets
from zhixing.runtime.service import ENTRY_POINT_GROUP, ServiceInstance, discover

CHART = Path(__file__).resolve().parents[2] / "helm" / "zhixing"


def _values() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((CHART / "values.yaml").read_text("utf-8"))
    return loaded


def _chart_services() -> dict[str, Any]:
    services: dict[str, Any] = _values()["services"]
    return services


def _registered() -> set[str]:
    return {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ServiceInstance]]:
    """Every registered service built as the embedded suite builds it, in a temporary
    folder (SQLite, a fresh key, the audit ring and checkpoints there too)."""
    home = tmp_path_factory.mktemp("services")
    patch = pytest.MonkeyPatch()
    for name, where in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                        ("HOME", "home")):
        patch.setenv(name, str(home / where))
    settings = Settings(var_dir=home / "var", cipher_key=new_cipher_key())
    instances = {name: definition.build(settings) for name, definition in discover().items()}
    yield instances
    for instance in instances.values():
        instance.close()
    patch.undo()


def test_every_registered_service_has_a_block_when_the_chart_is_rendered() -> None:
    missing = _registered() - set(_chart_services())
    assert not missing, f"helm/zhixing/values.yaml `services` has no block for {sorted(missing)}"


def test_no_block_names_an_unknown_service_when_the_chart_is_rendered() -> None:
    unknown = set(_chart_services()) - _registered()
    assert not unknown, f"helm/zhixing/values.yaml `services` names unknown {sorted(unknown)}"


def test_schema_admits_exactly_the_registered_services_when_values_are_checked() -> None:
    schema = json.loads((CHART / "values.schema.json").read_text("utf-8"))
    services = schema["properties"]["services"]
    assert services["additionalProperties"] is False
    assert set(services["properties"]) == _registered()


def test_each_block_runs_the_roles_its_service_has_when_deployed(
        built: dict[str, ServiceInstance]) -> None:
    for name, instance in built.items():
        expected = {"api"}
        if instance.outbox is not None:
            expected.add("relay")  # publishes its notification log
        if instance.consumes or instance.jobs:
            expected.add("worker")  # follows topics or runs periodic jobs
        roles = _chart_services()[name]["roles"]
        assert set(roles) == expected, name
        serves_pages = "httpPort" in (roles["api"] or {})
        assert serves_pages == (instance.web is not None), name


def test_worker_lag_triggers_are_the_service_subscriptions_when_keda_scales_it(
        built: dict[str, ServiceInstance]) -> None:
    for name, instance in built.items():
        subscribed = {(sub.group, sub.topic) for sub in instance.consumes}
        worker = _chart_services()[name]["roles"].get("worker") or {}
        listed = {(entry["group"], entry["topic"]) for entry in worker.get("consumerGroups", [])}
        assert listed == subscribed, f"{name}: chart {sorted(listed ^ subscribed)} differ"


def test_rebuild_lists_only_rebuildable_read_models_when_given(
        built: dict[str, ServiceInstance]) -> None:
    for name, instance in built.items():
        unknown = set(_chart_services()[name].get("rebuild", [])) - set(targets(instance))
        assert not unknown, f"{name}: no rebuildable read model {sorted(unknown)}"


def test_every_variable_the_chart_sets_is_one_the_suite_reads_when_a_pod_starts() -> None:
    # A misspelt name would be ignored silently and the process would run on its default.
    template = (CHART / "templates" / "_pod.tpl").read_text("utf-8")
    set_by_chart = set(re.findall(r'"?\b(ZHIXING_[A-Z_]+)\b"?', template))
    sources = Path(__file__).resolve().parents[2]
    read = "\n".join(path.read_text("utf-8") for folder in ("libs", "services")
                     for path in (sources / folder).glob("*/src/**/*.py"))
    unread = {name for name in set_by_chart if f'"{name}"' not in read}
    assert set_by_chart and not unread, f"the chart sets {sorted(unread)}, which nothing reads"


def test_schema_bounds_are_the_suites_when_settings_are_given() -> None:
    schema = json.loads((CHART / "values.schema.json").read_text("utf-8"))
    settings = schema["properties"]["settings"]["properties"]
    assert settings["relayBatch"]["maximum"] == MAX_RELAY_BATCH
    assert (settings["sweepSeconds"]["minimum"], settings["sweepSeconds"]["maximum"]) == SWEEP_SECONDS
