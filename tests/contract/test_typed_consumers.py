"""STYLE 16 kept: a consumer says what it reads (`@on(Model)`) and gets the parsed model.

Scans every service's policies/ and projections/ and fails on a return of the old ways:
comparing or looking up a CloudEvent's `.type`, reading `.data[...]` / `.data.get(...)`,
or parsing by hand (`parse_known`, `model_validate`, `singledispatchmethod`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(path for kind in ("policies", "projections")
                 for path in ROOT.glob(f"services/*/src/zhixing/*/{kind}/*.py"))
HAND_PARSING = {"parse_known", "model_for", "model_validate", "singledispatchmethod"}


def _is_type(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "type"


def _is_data(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "data"


def violations(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each way of reading a raw event in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(map(_is_type, [node.left, *node.comparators])):
            yield node.lineno, "compares .type"
        elif isinstance(node, ast.Subscript) and _is_type(node.slice):
            yield node.lineno, "looks .type up"
        elif isinstance(node, ast.Subscript) and _is_data(node.value):
            yield node.lineno, "subscripts .data"
        elif isinstance(node, ast.Attribute) and (_is_data(node.value) or _is_type(node.value)):
            yield node.lineno, f"calls .{node.value.attr}.{node.attr}"  # type: ignore[attr-defined]
        elif isinstance(node, ast.Name | ast.Attribute) and _name(node) in HAND_PARSING:
            yield node.lineno, f"parses by hand ({_name(node)})"
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in HAND_PARSING:
                    yield node.lineno, f"imports {alias.name}"


def _name(node: ast.Name | ast.Attribute) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr


class TestTheRuleHolds:
    def test_every_service_has_consumers_to_scan_when_the_tree_is_read(self):
        services = {path.parts[-3] for path in SOURCES}
        assert {"cases", "assets", "credit", "publicity"} <= services

    @pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_no_raw_event_is_read_when_a_consumer_is_scanned(self, path):
        found = [f"{path.name}:{line}: {what}" for line, what in violations(path.read_text())]
        assert found == [], "use @on(Model) from zhixing.messaging.typed (STYLE 16)"


class TestTheScanSeesTheOldWays:
    @pytest.mark.parametrize("source", [
        'if event.type == "cn.zhixing.cases.v1.CaseFiled": pass',
        "if event.type != CaseFiled.event_type: pass",
        "if event.type in _STATUS: pass",
        "status = _STATUS[event.type]",
        'if event.type.startswith("cn.zhixing.assets."): pass',
        'team = event.data["team"]',
        'case_id = event.data.get("case_id")',
        "payload = parse_known(event.type, event.data)",
        "filed = CaseFiled.model_validate(event.data)",
        "from functools import singledispatchmethod",
    ])
    def test_a_violation_is_reported_when_the_old_way_returns(self, source):
        assert list(violations(source)) != []

    def test_nothing_is_reported_when_a_handler_reads_its_model(self):
        source = ("@on(CaseAssigned)\n"
                  "def assigned(self, event: CaseAssigned, ctx: Context) -> None:\n"
                  "    ctx.cursor.execute('UPDATE t SET team = %s', (event.team,))\n")
        assert list(violations(source)) == []
