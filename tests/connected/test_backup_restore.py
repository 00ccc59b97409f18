"""Backup and restore of one service's event store (issue 13, Operations;
docs/runbooks/backup-restore.md): `pg_dump` of the service's schema, `pg_restore` into a
fresh database, then the same events and, after a rebuild, the same read models.

The commands are the runbook's, with Debian's PostgreSQL client binaries (the ones
infra/postgres/postgres.sh runs the server with)."""

from __future__ import annotations

import glob
import io
import subprocess
import uuid
from dataclasses import replace

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from testkit.waiting import wait_until
from zhixing.cases.application import CasesApplication
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.sources import NotificationLogSource
from zhixing.runtime import rebuild, runners
from zhixing.runtime.lag import ConsumerLag, log_ends

pytestmark = pytest.mark.connected
PROJECTION = "case_index"
GROUP = "cases.case-index"


def client(name: str) -> str:
    """The newest Debian PostgreSQL client binary `name` (pg_dump, pg_restore)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(f"{name} not found under /usr/lib/postgresql/*/bin: install postgresql")
    return found[-1]


@pytest.fixture
def fresh_database(settings):
    """A new, empty database on the same server; dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(settings.postgres_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_conninfo(settings.postgres_dsn, dbname=name)
    with psycopg.connect(settings.postgres_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stored_events(dsn: str, schema: str) -> list[tuple[object, ...]]:
    """Every stored event as the store holds it (sealed bytes), in log order."""
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            f'SELECT notification_id, originator_id, originator_version, topic, state '
            f'FROM "{schema}".cases_events ORDER BY notification_id').fetchall()


def read_model(dsn: str, schema: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(f'SELECT * FROM "{schema}".{PROJECTION} ORDER BY case_id').fetchall()


def project_live(settings) -> None:
    """The read model as the live consumer keeps it, caught up with the log."""
    instance = runners.build_all(settings, ["cases"])[0]
    try:
        sub = next(s for s in instance.consumes if s.group == GROUP)
        followed = instance.outbox.view(sub.topic)
        consumer = TrackedConsumer(NotificationLogSource(followed), sub.handler,
                                   instance.store, group=GROUP)
        lag = ConsumerLag(consumer, log_ends([followed]))
        wait_until(lambda: consumer.run_once(timeout=0.1) >= 0
                   and all(each.behind == 0 for each in lag.lags()),
                   timeout=60, what="the case index to catch up with the log")
    finally:
        instance.close()


def domain_events(settings) -> list[object]:
    app = CasesApplication(settings)
    try:
        return [event for _id, event in app.read_notifications(0, limit=1000)]
    finally:
        app.close()


def dump_and_restore(settings, target_dsn: str, tmp_path) -> None:
    """The runbook's two commands."""
    dump = tmp_path / "cases.dump"
    subprocess.run([client("pg_dump"), "--format=custom", f"--schema={settings.schema('cases')}",
                    f"--file={dump}", f"--dbname={settings.postgres_dsn}"],
                   check=True, capture_output=True, timeout=120)
    subprocess.run([client("pg_restore"), "--exit-on-error", "--no-owner",
                    f"--dbname={target_dsn}", str(dump)],
                   check=True, capture_output=True, timeout=120)


class TestBackupRestore:
    @pytest.fixture
    def restored(self, settings, file_cases, fresh_database, tmp_path, monkeypatch):
        """Source: 30 cases and their read model; target: the dump restored."""
        monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "audit.keys"))
        monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "checkpoints.jsonl"))
        file_cases(30)
        # Followed from the store's own log (no broker): what a restore relies on.
        source = replace(settings, kafka_bootstrap="", var_dir=tmp_path / "source")
        project_live(source)
        dump_and_restore(settings, fresh_database, tmp_path)
        target = replace(source, postgres_dsn=fresh_database, var_dir=tmp_path / "target")
        return source, target

    def test_same_stored_events_when_restored_into_a_fresh_database(self, restored):
        source, target = restored
        schema = source.schema("cases")
        kept = stored_events(source.postgres_dsn, schema)
        assert len(kept) >= 30
        assert stored_events(target.postgres_dsn, schema) == kept
        assert domain_events(target) == domain_events(source)

    def test_same_read_model_when_rebuilt_from_the_restored_store(self, restored):
        source, target = restored
        schema = source.schema("cases")
        with psycopg.connect(target.postgres_dsn) as conn:  # nothing kept from the dump
            conn.execute(f'DELETE FROM "{schema}".{PROJECTION}')  # through its (simple) view
        assert read_model(target.postgres_dsn, schema) == []
        rebuild.run(target, "cases", PROJECTION, out=io.StringIO())
        rebuilt = read_model(target.postgres_dsn, schema)
        assert len(rebuilt) == 30
        assert rebuilt == read_model(source.postgres_dsn, schema)

    def test_new_events_follow_the_restored_log_when_the_store_is_written_again(
            self, restored, file_cases):
        source, target = restored
        head = stored_events(source.postgres_dsn, source.schema("cases"))[-1][0]
        app = CasesApplication(target)
        try:
            file_cases(1, app)
            assert app.max_notification_id() > head
        finally:
            app.close()
