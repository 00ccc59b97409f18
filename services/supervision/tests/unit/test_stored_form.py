"""What the store keeps of each supervision aggregate reads back the same, events and
snapshots alike: value objects, StrEnums, dates, deadlines and UUIDs keep their types."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.domain import deadlines
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.chain import verify
from zhixing.supervision.domain.interference import InterferenceRegister

from .supervision_fixtures import (
    CALENDAR,
    COURT,
    a_record,
    from_snapshot,
    raised,
    received,
    replayed,
    sent,
)

KEYS = KeyRing.ephemeral()


def an_alert():
    alert = raised()
    alert.acknowledge("officer-1", date(2026, 3, 11), "签收")
    alert.close(date(2026, 3, 12), by="president-1", reason="已处理")
    return alert


def case_alerts():
    alerts = CaseAlerts(case_id="case-1")
    alerts.opened(uuid4(), "node_overdue", "notice")
    alerts.opened(uuid4(), "measure_expiring", "m-1")
    return alerts


def a_matter():
    matter = received()
    matter.extend(date(2026, 5, 1), "president-1",
                  deadlines.extended_reply_by(CALENDAR, date(2026, 3, 2)))
    matter.reply(date(2026, 6, 20), "锦执复〔2026〕1号", "president-1")
    return matter


def a_register():
    register = InterferenceRegister(court_code=COURT)
    register.record("r-1", a_record(), date(2026, 4, 2), "judge-1", KEYS.current)
    register.record("r-2", a_record(corrects="r-1"), date(2026, 4, 3), "judge-1", KEYS.current)
    return register


def a_suggestion():
    suggestion = sent()
    suggestion.mark_overdue(date(2026, 5, 7))
    return suggestion


BUILDERS = [an_alert, case_alerts, a_matter, a_register, a_suggestion]


def typed(aggregate):
    return {name: (value, type(value)) for name, value in vars(aggregate).items()}


class TestStoredForm:
    @pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
    def test_same_state_when_read_back_from_a_snapshot(self, build):
        aggregate = build()
        assert typed(from_snapshot(aggregate)) == typed(aggregate)

    @pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
    def test_same_state_when_read_back_from_its_events(self, build):
        aggregate = build()
        expected = typed(aggregate)
        assert typed(replayed(aggregate)) == expected

    def test_chain_still_whole_when_read_back(self):
        assert verify(replayed(a_register()).entries, KEYS, court_code=COURT).ok
        assert verify(from_snapshot(a_register()).entries, KEYS, court_code=COURT).ok
