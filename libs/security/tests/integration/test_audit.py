import itertools
import os
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.security import AuditLog, AuditVerification, Identity, Role

OFFICER = Identity("officer-7", Role.OFFICER, court="2400")
CASE = "(2025)川0104执1234号"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """The same suite on SQLite and, when `ZHIXING_PG_DSN` is set, on PostgreSQL."""
    if request.param == "sqlite":
        yield SqlStore(sqlite_path=tmp_path / "audit.db")
        return
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        pytest.fail("ZHIXING_PG_DSN not set: run the connected tests with `make test`")
    schema = f"audit_test_{uuid.uuid4().hex[:12]}"
    admin = SqlStore(dsn=dsn)
    admin.migrate(f'CREATE SCHEMA "{schema}"')
    pg = SqlStore(dsn=dsn, schema=schema)
    yield pg
    pg.close()
    admin.migrate(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()


@pytest.fixture
def log(store: SqlStore) -> AuditLog:
    audit = AuditLog(store)
    for n in range(5):
        audit.record(
            OFFICER,
            "/zhixing.assets.v1.AssetsService/GetResults",
            CASE,
            f"{CASE} review {n}",
            "allowed",
        )
    return audit


class TestRecord:
    def test_seqs_are_contiguous_and_chained_when_recorded(self, log: AuditLog) -> None:
        entries = log.entries(limit=10)
        assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))

    def test_time_is_stored_in_utc_when_given_another_zone(self, store: SqlStore) -> None:
        from zoneinfo import ZoneInfo

        at = datetime(2025, 1, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        entry = AuditLog(store).record(OFFICER, "read", CASE, CASE, "allowed", at=at)
        assert entry.at == "2024-12-31T23:00:00.000000+00:00"

    def test_anonymous_actor_when_identity_is_none(self, store: SqlStore) -> None:
        entry = AuditLog(store).record(None, "read", "", "no token", "unauthenticated")
        assert (entry.actor, entry.role) == ("anonymous", "")

    def test_refused_when_target_looks_like_a_resident_id(self, log: AuditLog) -> None:
        with pytest.raises(InvalidInput, match="resident ID") as refused:
            log.record(OFFICER, "read", "51010419900101123X", CASE, "allowed")
        assert refused.value.rule == "R60"
        assert log.verify().checked == 5

    def test_no_gaps_when_threads_record_concurrently(self, store: SqlStore) -> None:
        audit = AuditLog(store)

        def write() -> None:
            for _ in range(20):
                audit.record(OFFICER, "read", CASE, CASE, "allowed")

        threads = [threading.Thread(target=write) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [e.seq for e in audit.entries(limit=200)] == list(range(1, 81))
        assert audit.verify().ok


class TestVerify:
    def test_ok_when_log_is_fresh(self, store: SqlStore) -> None:
        assert AuditLog(store).verify() == AuditVerification(ok=True, checked=0, first_bad_seq=None)

    def test_ok_with_count_when_untouched(self, log: AuditLog) -> None:
        result = log.verify()
        assert (result.ok, result.checked, result.first_bad_seq) == (True, 5, None)

    def test_detected_at_that_seq_when_a_row_is_altered(
        self, log: AuditLog, store: SqlStore
    ) -> None:
        with store.transaction() as cur:
            cur.execute("UPDATE audit_log SET outcome = %s WHERE seq = %s", ("denied", 3))
        result = log.verify()
        assert (result.ok, result.first_bad_seq, result.checked) == (False, 3, 2)

    def test_detected_when_a_row_is_altered_and_its_hash_recomputed(
        self, log: AuditLog, store: SqlStore
    ) -> None:
        forged = log.entries(limit=1, after_seq=1)[0]
        from dataclasses import asdict, replace

        forged = replace(forged, target="(2025)川0104执9999号")
        fields = {k: v for k, v in asdict(forged).items() if k not in ("prev_hash", "hash")}
        from zhixing.security.audit import chain_hash

        with store.transaction() as cur:
            cur.execute(
                "UPDATE audit_log SET target = %s, hash = %s WHERE seq = 2",
                (forged.target, chain_hash(forged.prev_hash, fields)),
            )
        assert log.verify().first_bad_seq == 3

    def test_detected_at_that_seq_when_a_row_is_deleted(
        self, log: AuditLog, store: SqlStore
    ) -> None:
        with store.transaction() as cur:
            cur.execute("DELETE FROM audit_log WHERE seq = %s", (4,))
        result = log.verify()
        assert (result.ok, result.first_bad_seq) == (False, 4)

    def test_detected_when_the_first_row_is_deleted(self, log: AuditLog, store: SqlStore) -> None:
        with store.transaction() as cur:
            cur.execute("DELETE FROM audit_log WHERE seq = 1")
        assert log.verify().first_bad_seq == 1
