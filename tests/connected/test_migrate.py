"""`zhixing <service> migrate` on a real PostgreSQL (issue 13, Operations): the Helm
chart's pre-install Job creates every table the roles need, and running it again (every
upgrade) changes nothing."""

from __future__ import annotations

import subprocess

import psycopg
import pytest

from testkit.processes import ZHIXING
from testkit.stack import process_env, stack_settings
from zhixing.runtime import runners
from zhixing.runtime.migrate import migrate as run_migrate
from zhixing.runtime.service import discover

pytestmark = pytest.mark.connected
SERVICES = sorted(discover())
SHARED = ("audit",)
"""The audit log's schema, which every service's build opens (R46)."""


def schema_shape(settings) -> dict[str, set[tuple[str, str, str]]]:
    """Every (table, column, type) of each of the suite's schemas."""
    names = [settings.schema(s) for s in (*SERVICES, *SHARED)]
    with psycopg.connect(settings.postgres_dsn) as conn:
        rows = conn.execute("SELECT table_schema, table_name, column_name, data_type "
                            "FROM information_schema.columns WHERE table_schema = ANY(%s)",
                            (names,)).fetchall()
    shape: dict[str, set[tuple[str, str, str]]] = {name: set() for name in names}
    for schema, table, column, kind in rows:
        shape[schema].add((table, column, kind))
    return shape


def migrate(settings, tmp_path, service: str, dsn: str = "") -> subprocess.CompletedProcess[str]:
    env = process_env(settings, ZHIXING_AUDIT_KEY_FILE=str(tmp_path / "keys" / "audit.keys"),
                      ZHIXING_AUDIT_CHECKPOINTS=str(tmp_path / "checkpoints.jsonl"))
    if dsn:
        env["ZHIXING_PG_DSN"] = dsn
    return subprocess.run([ZHIXING, service, "migrate"], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def start_every_role(settings, monkeypatch, tmp_path) -> None:
    """What the roles create when they start: each service built, its relay and its
    consumers constructed (not run)."""
    monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.keys"))
    monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "checkpoints.jsonl"))
    for instance in runners.build_all(settings, SERVICES):
        try:
            runners.relay_loops(instance, settings)
            runners.worker_loops(instance, settings)
        finally:
            instance.close()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """Every service migrated once, in a corner of the stack of its own."""
    tmp_path = tmp_path_factory.mktemp("migrate")
    settings = stack_settings(tmp_path)
    for service in SERVICES:
        done = migrate(settings, tmp_path, service)
        assert done.returncode == 0, done.stderr
        assert f"migrated {service}" in done.stdout
    return settings, tmp_path


class TestMigrate:
    def test_roles_find_every_table_when_migrate_ran_first(self, migrated, monkeypatch):
        settings, tmp_path = migrated
        before = schema_shape(settings)
        start_every_role(settings, monkeypatch, tmp_path)
        after_start = schema_shape(settings)
        assert all(before[settings.schema(s)] for s in SERVICES), "a schema was left empty"
        created_by_roles = {schema: sorted(after_start[schema] - before[schema])
                            for schema in after_start if after_start[schema] - before[schema]}
        assert created_by_roles == {}, "roles created what migrate did not"

    def test_second_run_changes_nothing_when_the_schema_is_current(self, migrated,
                                                                   monkeypatch):
        settings, tmp_path = migrated
        monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.keys"))
        monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "checkpoints.jsonl"))
        first = schema_shape(settings)
        for service in SERVICES:  # in this process: the command's own code, minus a start
            again = run_migrate(settings, service)
            assert again.schema == settings.schema(service) and again.tables
        assert schema_shape(settings) == first

    def test_names_the_setting_when_the_database_is_unreachable(self, settings, tmp_path):
        # Port 1 on loopback: refused at once; the password must not be echoed.
        done = migrate(settings, tmp_path, SERVICES[0],
                       dsn="postgresql://zhixing:pw-do-not-echo@127.0.0.1:1/zhixing")
        assert done.returncode == 1
        assert "ZHIXING_PG_DSN" in done.stderr and "127.0.0.1:1/zhixing" in done.stderr
        assert "pw-do-not-echo" not in done.stderr
        assert "Traceback" not in done.stderr
