import itertools
import threading
from datetime import datetime

import pytest

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.security import AuditLog, AuditVerification, Identity, Role

OFFICER = Identity("officer-7", Role.OFFICER, court="2400")
CASE = "(2025)川0104执1234号"


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

    def test_detected_at_that_row_when_it_is_altered_and_its_hash_recomputed(
        self, log: AuditLog, store: SqlStore
    ) -> None:
        # The plain sha256 link was public knowledge: recomputing it after an edit passed
        # until row 3 (issue 12 item 9); the key makes row 2 itself fail.
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
        result = log.verify()
        assert (result.ok, result.first_bad_seq) == (False, 2)
        assert result.problem == "row 2 does not match its MAC (edited)"

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
