"""What the relief benchmark measures on: a round's PostgreSQL schemas, the relief
application as an API process builds it, enforcement cases whose debtor cannot pay
(R29), one fund that can afford exactly the round's approvals (R32), and the check that
its ledger is exact afterwards."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from eventsourcing.domain import Aggregate, event

from zhixing.eventstore.settings import Settings, new_cipher_key
from zhixing.kernel.clock import FixedClock
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.facts import CaseFacts, CaseParty, CaseStage
from zhixing.relief.domain.values import Hardship, HardshipCategory

COURT, PROVINCE, YEAR = "川0104", "川", 2026
AMOUNT = 3_000_00
"""Each approval: ¥3,000.00, within 36 × the wage (R30) and the unpaid claim."""
CLAIM = 10_000_00
WAGE = 8_000_00


class Thing(Aggregate):
    """The baseline's aggregate: one event, saved by a plain eventsourcing Application."""

    @event("Made")
    def __init__(self, n: int) -> None:
        self.n = n


class ConcludedCases:
    """Case facts as relief's read model would give them: each case in 终本 (R29), an
    applicant at index 0, nothing received yet — fixed, so the benchmark measures the
    approvals and not a projection."""

    def __init__(self, case_ids: list[str]) -> None:
        self.known = {case_id: CaseFacts(
            case_id=case_id, case_number=f"(2026){COURT}执{n + 1}号", court_code=COURT,
            stage=CaseStage.CONCLUDED, claim_total_fen=CLAIM, received_total_fen=0,
            parties=(CaseParty(0, "applicant", "natural_person"),
                     CaseParty(1, "respondent", "organisation")),
            inquiries_completed=1) for n, case_id in enumerate(case_ids)}

    def get(self, case_id: str) -> CaseFacts | None:
        return self.known.get(case_id)


def fresh_settings(prefix: str) -> tuple[Settings, dict[str, Any]]:
    """A round's own schemas (`<prefix><hex>_relief`), AES at rest; also as plain values
    a spawned process builds the same settings from."""
    values: dict[str, Any] = {
        "var_dir": tempfile.mkdtemp(prefix="bench-relief-"),
        "postgres_dsn": os.environ["ZHIXING_PG_DSN"],
        "schema_prefix": prefix + uuid.uuid4().hex[:10], "cipher_key": new_cipher_key(),
        "jwt_secret": uuid.uuid4().hex}
    return settings_from(values), values


def settings_from(values: dict[str, Any]) -> Settings:
    return Settings(**{**values, "var_dir": Path(values["var_dir"])})


def build_app(settings: Settings, case_ids: list[str], now: datetime) -> ReliefApplication:
    """The relief application on the round's store, its clock fixed at `now`."""
    return ReliefApplication(settings, clock=FixedClock(now), facts=ConcludedCases(case_ids))


def discard(settings: Settings) -> None:
    """Drop the round's schemas and files, so rounds neither mix nor pile up."""
    import psycopg

    with psycopg.connect(settings.postgres_dsn, autocommit=True) as conn:
        schemas = [r[0] for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
            (settings.schema_prefix + "\\_%",))]
        for schema in schemas:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    shutil.rmtree(settings.var_dir, ignore_errors=True)


class Workload:
    """`count` applications filed and reviewed, and one fund credited with exactly
    `count` × AMOUNT: the last approval leaves it at zero available, never below (R32)."""

    def __init__(self, settings: Settings, count: int, now: datetime) -> None:
        self.count, self.today = count, now.date()
        self.case_ids = [str(uuid.uuid4()) for _ in range(count)]
        self.app = build_app(settings, self.case_ids, now)

    def prepare(self) -> list[str]:
        app, today = self.app, self.today
        app.enter_wage(PROVINCE, YEAR - 1, WAGE, "benchmark figure", "admin-bench",
                       demonstration=True)
        app.credit_fund(COURT, YEAR, "appropriation", "appr-bench", "川财救〔2026〕1号",
                        today, self.count * AMOUNT)
        hardship = Hardship(HardshipCategory.MEDICAL, "因病致贫（基准测试）")
        ids = []
        for case_id in self.case_ids:
            relief_case = app.apply(case_id, 0, AMOUNT, hardship, False, today, "officer-bench")
            application_id = str(relief_case.id)
            app.review(application_id, AMOUNT, "建议救助", "officer-bench")
            ids.append(application_id)
        return ids

    def check_ledger(self, application_ids: list[str]) -> None:
        """The fund after every approval: exact to the fen, else AssertionError (R32)."""
        fund = self.app.fund_of(COURT, YEAR)
        assert fund is not None, "the fund is gone"
        expected = self.count * AMOUNT
        assert (fund.income_fen, fund.disbursed_fen) == (expected, 0), vars(fund)
        assert (fund.reserved_fen, fund.available_fen) == (expected, 0), vars(fund)
        reserved = [line for line in fund.ledger if line.kind == "reserved"]
        assert sorted(str(line.ref) for line in reserved) == sorted(application_ids)
        assert all(line.amount_fen == AMOUNT for line in reserved)
        for application_id in application_ids:
            assert str(self.app.relief_case(application_id).status) == "approved"

    def close(self) -> None:
        self.app.close()
