"""What partners do with the list (R42): how often each checks — counted, never logged
with the identity (R46, R60) — and the blocks they report back (自动反馈), which the
listing court sees on the debtor's record."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.unit import same_request
from zhixing.kernel.errors import InvalidInput

CHECKS_DDL = """CREATE TABLE IF NOT EXISTS credit_partner_checks (
    partner TEXT NOT NULL, day TEXT NOT NULL, checks BIGINT NOT NULL,
    PRIMARY KEY (partner, day))"""
ACTIONS_DDL = """CREATE TABLE IF NOT EXISTS credit_partner_actions (
    partner TEXT NOT NULL, report_id TEXT NOT NULL, identity_number TEXT NOT NULL,
    action TEXT NOT NULL, conduct TEXT NOT NULL, occurred_at TEXT NOT NULL,
    detail TEXT NOT NULL, PRIMARY KEY (partner, report_id))"""
ACTIONS_INDEX = """CREATE INDEX IF NOT EXISTS credit_partner_actions_identity
    ON credit_partner_actions (identity_number)"""


@dataclass(frozen=True)
class Action:
    partner: str
    report_id: str
    identity_number: str
    action: str
    conduct: str
    occurred_at: str
    detail: str


class PartnerDesk:
    """Partners' checks per day and the blocks they report (R42). A report is filed under
    the debtor's blind index, its free-text detail sealed (R60)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher
        self._pending: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(CHECKS_DDL, ACTIONS_DDL, ACTIONS_INDEX)

    def seal_earlier(self) -> None:
        """Reports an earlier release filed under the plain ID are re-keyed by its blind
        index and their detail sealed, on the first start."""
        seal_earlier_rows(self.store, "credit_partner_actions", ("partner", "report_id"),
                          ("identity_number", "detail"),
                          lambda row: (self.cipher.blind(row[0]), self.cipher.seal(row[1])))

    def count(self, partner: str, day: str, checks: int) -> None:
        """Counted in memory, written by `flush` (a check must not wait for a write)."""
        with self._lock:
            self._pending[(partner, day)] += checks

    def flush(self) -> int:
        with self._lock:
            pending, self._pending = self._pending, Counter()
        if not pending:
            return 0
        with self.store.transaction() as cur:
            for (partner, day), checks in sorted(pending.items()):
                cur.execute("INSERT INTO credit_partner_checks (partner, day, checks) "
                            "VALUES (%s, %s, %s) ON CONFLICT (partner, day) DO UPDATE SET "
                            "checks = credit_partner_checks.checks + excluded.checks",
                            (partner, day, checks))
        return sum(pending.values())

    def checks(self, partner: str) -> dict[str, int]:
        """Checks per day of one partner (flushed ones)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT day, checks FROM credit_partner_checks WHERE partner = %s "
                        "ORDER BY day", (partner,))
            return {str(day): int(n) for day, n in cur.fetchall()}

    def report(self, action: Action) -> bool:
        """Record a block once per (partner, report id); False when seen before. A report
        id reused for another report (debtor, action, conduct, detail) is refused."""
        for name in ("report_id", "identity_number", "action"):
            if not getattr(action, name).strip():
                raise InvalidInput(f"{name} is required", rule="R42", field=name)
        debtor = self.cipher.blind(action.identity_number)
        with self.store.transaction() as cur:
            cur.execute("INSERT INTO credit_partner_actions (partner, report_id, identity_number,"
                        " action, conduct, occurred_at, detail) VALUES (%s, %s, %s, %s, %s, %s,"
                        " %s) ON CONFLICT (partner, report_id) DO NOTHING",
                        (action.partner, action.report_id, debtor, action.action,
                         action.conduct, action.occurred_at, self.cipher.seal(action.detail)))
            if cur.rowcount:
                return True
            cur.execute("SELECT identity_number, action, conduct, detail FROM "
                        "credit_partner_actions WHERE partner = %s AND report_id = %s",
                        (action.partner, action.report_id))
            row = cur.fetchone()
        earlier = (str(row[0]), str(row[1]), str(row[2]), self.cipher.open(str(row[3]))) \
            if row else ()
        # occurred_at is left out: a re-send without it is stamped anew
        same_request("report_id", earlier, (debtor, action.action, action.conduct,
                                            action.detail))
        return False

    def actions(self, identity_number: str) -> list[Action]:
        """The blocks reported against the debtor (canonical ID), the latest first."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT partner, report_id, action, conduct, occurred_at, detail "
                        "FROM credit_partner_actions WHERE identity_number = %s "
                        "ORDER BY occurred_at DESC", (self.cipher.blind(identity_number),))
            rows = cur.fetchall()
        return [Action(str(partner), str(report), identity_number, str(act), str(conduct),
                       str(at), self.cipher.open(str(detail)))
                for partner, report, act, conduct, at, detail in rows]
