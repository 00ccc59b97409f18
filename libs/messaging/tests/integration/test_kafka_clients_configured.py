"""Every Kafka client the suite makes takes its settings from `kafka_security`: a client
built anywhere else would connect without the credentials the chart wires, and be
refused by the cluster's ACLs only in production. Reads the suite's source (libs and
services); the agency simulator and the partner example are outside parties."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
CLIENTS = {"Producer", "Consumer", "AdminClient"}
DOCUMENTATION_ONLY = {"libs/messaging/src/zhixing/messaging/asyncapi.py"}
"""Its broker is never connected: it only renders the AsyncAPI document."""


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def unconfigured_clients(root: Path) -> list[str]:
    """`path:line` of each client made without `client_config`/`security_config`."""
    found = []
    for path in sorted([*root.glob("libs/*/src/**/*.py"), *root.glob("services/*/src/**/*.py")]):
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = _name(node.func)
            if called in CLIENTS:
                first = node.args[0] if node.args else None
                ok = isinstance(first, ast.Call) and _name(first.func) == "client_config"
            elif called == "KafkaBroker" and relative not in DOCUMENTATION_ONLY:
                ok = any(k.arg == "config" for k in node.keywords)
            else:
                continue
            if not ok:
                found.append(f"{relative}:{node.lineno}")
    return found


def test_every_kafka_client_takes_the_security_settings_when_the_suite_makes_one():
    assert unconfigured_clients(ROOT) == []


def test_the_check_finds_a_client_when_one_is_made_without_the_settings(tmp_path):
    source = tmp_path / "libs" / "x" / "src" / "x.py"
    source.parent.mkdir(parents=True)
    source.write_text('Consumer({"bootstrap.servers": "b"})\nKafkaBroker("b")\n'
                      'Producer(client_config("b"))\n', encoding="utf-8")
    assert unconfigured_clients(tmp_path) == ["libs/x/src/x.py:1", "libs/x/src/x.py:2"]
