"""What the store keeps of each relief aggregate reads back the same, events and
snapshots alike: value objects, StrEnums, dates and deadlines keep their types."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.claim import CaseClaim
from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.docket import ReliefDocket

from .relief_fixtures import disbursed, from_snapshot, fund, replayed, wage


def a_relief_case():
    case = disbursed()
    case.returned("case:d-1", 1_000_00, date(2026, 4, 1), "case_account")
    case.mark_overdue("notification", date(2026, 3, 20))
    return case


def a_fund():
    found = fund()
    found.reserve("app-1", 3_000_00, date(2026, 3, 2))
    found.disburse("app-1", date(2026, 3, 9))
    return found


def a_claimant():
    party = Claimant(case_id="case-1", party_index=0)
    party.notify(date(2026, 3, 1))
    party.open("app-1")
    party.record_paid("app-1", date(2026, 3, 9))
    return party


def a_docket():
    docket = ReliefDocket(court_code="川0104", year=2026)
    docket.next_number()
    return docket


def a_wage():
    entry = wage()
    entry.correct(8_100_00, "更正", "admin-1")
    return entry


def a_claim():
    claim = CaseClaim(case_id="case-1")
    claim.record_approval("app-1", 3_000_00)
    claim.record_repayment("case:d-1", 1_000_00)
    return claim


BUILDERS = [a_relief_case, a_fund, a_claimant, a_docket, a_wage, a_claim]


def typed(aggregate):
    return {name: (value, type(value)) for name, value in vars(aggregate).items()}


class TestStoredForm:
    """Read back from the store, an aggregate is what it was (types included)."""

    @pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
    def test_same_state_when_read_back_from_a_snapshot(self, build):
        aggregate = build()
        assert typed(from_snapshot(aggregate)) == typed(aggregate)

    @pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
    def test_same_state_when_read_back_from_its_events(self, build):
        aggregate = build()
        expected = typed(aggregate)
        assert typed(replayed(aggregate)) == expected
