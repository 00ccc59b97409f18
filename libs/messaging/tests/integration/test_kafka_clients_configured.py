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
SECURITY = "libs/messaging/src/zhixing/messaging/kafka_security.py"
CONFIGURERS = {"client_config", "security_config"}
"""Defined there only: a look-alike elsewhere passes the check by name and may leave the
security out (dlq.py's fell back to plaintext when kafka_security was not importable)."""


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def unconfigured_clients(root: Path) -> list[str]:
    """`path:line` of each client made without `client_config`/`security_config`, and of
    each function of those names defined outside `kafka_security`."""
    found: list[str] = []
    for path in sorted([*root.glob("libs/*/src/**/*.py"), *root.glob("services/*/src/**/*.py")]):
        relative = path.relative_to(root).as_posix()
        lines: list[int] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in CONFIGURERS \
                    and relative != SECURITY:
                lines.append(node.lineno)
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
                lines.append(node.lineno)
        found += [f"{relative}:{line}" for line in sorted(lines)]
    return found


def test_every_kafka_client_takes_the_security_settings_when_the_suite_makes_one():
    assert unconfigured_clients(ROOT) == []


def test_the_check_finds_a_client_when_one_is_made_without_the_settings(tmp_path):
    source = tmp_path / "libs" / "x" / "src" / "x.py"
    source.parent.mkdir(parents=True)
    source.write_text('Consumer({"bootstrap.servers": "b"})\nKafkaBroker("b")\n'
                      'Producer(client_config("b"))\n'
                      'def client_config(b, extra):\n    return {"bootstrap.servers": b}\n',
                      encoding="utf-8")
    assert unconfigured_clients(tmp_path) == ["libs/x/src/x.py:1", "libs/x/src/x.py:2",
                                              "libs/x/src/x.py:4"]
