"""Specification of the quarterly summary of interference (R35): a nil report (零报告) for
a quarter with nothing recorded; otherwise the records counted by means, the cases they
name and the corrections — nothing personal — with the register's head at quarter end."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.domain.chain import GENESIS, quarter_bounds, quarter_summary
from zhixing.supervision.domain.errors import RecordInvalid
from zhixing.supervision.domain.interference import InterferenceRegister
from zhixing.supervision.domain.values import InterferenceMeans

from .supervision_fixtures import ASKED, COURT, NAME, a_record

KEY = KeyRing.ephemeral().current


def register() -> InterferenceRegister:
    """Q2 2026: a call about case-1, a letter about case-1, a visit naming no case, and a
    correction of the call; Q3: one call about case-2."""
    reg = InterferenceRegister(court_code=COURT)
    reg.record("r-1", a_record(), date(2026, 4, 2), "judge-1", KEY)
    reg.record("r-2", a_record(means="letter"), date(2026, 5, 6), "judge-1", KEY)
    reg.record("r-3", a_record(means="in_person", case_id="", case_number=""),
               date(2026, 6, 30), "officer-1", KEY)
    reg.record("r-4", a_record(who_post="局长", corrects="r-1"), date(2026, 6, 30), "judge-1",
               KEY)
    reg.record("r-5", a_record(case_id="case-2", occurred_on=date(2026, 7, 1)),
               date(2026, 7, 1), "judge-1", KEY)
    return reg


class TestNilReport:
    def test_nil_when_nothing_was_recorded_in_the_quarter(self):
        summary = register().summary(2026, 1)
        assert (summary.nil, summary.count, summary.cases_named, summary.corrections) == (
            True, 0, 0, 0)
        assert set(summary.by_means.values()) == {0}
        assert (summary.head_seq, summary.head_hash) == (0, GENESIS)

    def test_nil_when_the_register_is_empty(self):
        summary = quarter_summary(COURT, [], 2026, 2)
        assert summary.nil and summary.count == 0

    def test_not_nil_when_a_record_was_entered_in_the_quarter(self):
        assert register().summary(2026, 3).nil is False


class TestFigures:
    def test_records_counted_by_means_with_the_cases_named(self):
        summary = register().summary(2026, 2)
        assert (summary.count, summary.cases_named, summary.corrections) == (3, 1, 1)
        assert summary.by_means == {
            InterferenceMeans.LETTER: 1, InterferenceMeans.CALL: 1,
            InterferenceMeans.IN_PERSON: 1, InterferenceMeans.VIA_RELATIVES: 0,
            InterferenceMeans.VIA_STAFF: 0, InterferenceMeans.OTHER: 0}

    def test_head_at_the_quarters_end(self):
        reg = register()
        summary = reg.summary(2026, 2)
        assert (summary.head_seq, summary.head_hash) == (4, reg.entries[3].hash)
        assert (summary.court_code, summary.year, summary.quarter) == (COURT, 2026, 2)

    def test_nothing_personal_in_the_summary(self):
        shown = repr(register().summary(2026, 2))
        assert NAME not in shown and ASKED not in shown and "case-1" not in shown


class TestQuarterBounds:
    @pytest.mark.parametrize(("quarter", "first", "last"), [
        (1, date(2026, 1, 1), date(2026, 3, 31)), (2, date(2026, 4, 1), date(2026, 6, 30)),
        (3, date(2026, 7, 1), date(2026, 9, 30)), (4, date(2026, 10, 1), date(2026, 12, 31)),
    ])
    def test_first_and_last_day(self, quarter, first, last):
        assert quarter_bounds(2026, quarter) == (first, last)

    @pytest.mark.parametrize(("year", "quarter", "field"), [
        (2026, 0, "quarter"), (2026, 5, "quarter"), (1999, 1, "year")])
    def test_refused_naming_the_field_when_out_of_bounds(self, year, quarter, field):
        with pytest.raises(RecordInvalid, match=rf"\[{field}\]"):
            quarter_bounds(year, quarter)
