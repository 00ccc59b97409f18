"""The interference register (R35): every record appended and chained, re-sends answered
with the entry they made, corrections as new records, the chain proved and each quarter
summarised — a nil report when nothing was recorded."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists, InvalidInput
from zhixing.supervision.domain.chain import GENESIS
from zhixing.supervision.domain.interference import InterferenceRegister
from zhixing.supervision.domain.values import InterferenceMeans

from .app_kit import (  # noqa: F401  (fixtures)
    ASKED,
    COURT,
    OFFICIAL,
    app_fixture,
    calendar_fixture,
    clock_fixture,
    keys_fixture,
    make_app_fixture,
    record,
    requeries_fixture,
    stored_count,
)


def recorded(app, rec=None, record_id=None, on=date(2026, 3, 2), court=COURT):
    return app.record_interference(court, rec or record(), by="judge-7", recorded_on=on,
                                   record_id=record_id)


class TestRecord:
    def test_entries_are_chained_in_order_when_recorded(self, app):
        first = recorded(app)
        second = recorded(app, record(case_id="", means=InterferenceMeans.LETTER))
        assert [(e.seq, e.prev_hash) for e in (first, second)] == [(1, GENESIS),
                                                                   (2, first.hash)]
        assert app.register_entries(COURT) == [first, second]

    def test_the_entry_made_then_is_returned_when_sent_again_with_its_record_id(self, app):
        first = recorded(app, record_id="rec-1")
        before = stored_count(app)
        assert recorded(app, record_id="rec-1") == first
        assert stored_count(app) == before

    def test_the_record_id_is_refused_when_reused_for_another_record(self, app):
        recorded(app, record_id="rec-1")
        with pytest.raises(AlreadyExists) as refused:
            recorded(app, record(means=InterferenceMeans.IN_PERSON), record_id="rec-1")
        assert refused.value.field == "record_id"
        assert len(app.register_entries(COURT)) == 1

    def test_a_correction_is_a_new_entry_when_it_names_an_earlier_record(self, app):
        first = recorded(app, record_id="rec-1")
        correction = recorded(app, record(corrects=first.record_id), record_id="rec-2")
        assert [e.record_id for e in app.register_entries(COURT)] == [first.record_id,
                                                                       correction.record_id]
        assert app.register_entries(COURT)[0] == first
        assert correction.record.corrects == first.record_id

    def test_the_id_is_a_uuid_not_the_callers_key_when_a_key_is_given(self, app):
        # The id is published (InterferenceReported): a name typed as the key must not be.
        entry = recorded(app, record_id=OFFICIAL)
        assert OFFICIAL not in entry.record_id
        assert str(uuid.UUID(entry.record_id)) == entry.record_id

    def test_nothing_is_stored_and_no_name_shown_when_a_correction_names_no_record(self, app):
        with pytest.raises(InvalidInput) as refused:
            recorded(app, record(corrects="rec-9"))
        assert (refused.value.rule, refused.value.field) == ("R35", "corrects")
        assert OFFICIAL not in str(refused.value) and ASKED not in str(refused.value)
        assert stored_count(app) == 0

    def test_each_court_keeps_its_own_chain_when_two_courts_record(self, app):
        recorded(app)
        other = recorded(app, court="川0105")
        assert (other.seq, other.prev_hash) == (1, GENESIS)


class TestVerifyAndSummary:
    def test_the_chain_is_proved_whole_when_nothing_was_changed(self, app, make_app):
        for _ in range(3):
            recorded(app)
        check = make_app().verify_register(COURT)
        assert (check.ok, check.checked, check.head_seq) == (True, 3, 3)

    def test_a_cut_tail_is_named_when_the_outside_head_is_longer(self, app):
        recorded(app)
        last = recorded(app)
        check = app.verify_register(COURT, head=(last.seq + 1, "f" * 64))
        assert not check.ok
        assert check.first_bad_seq == last.seq + 1

    def test_an_empty_register_verifies_when_nothing_was_recorded(self, app):
        check = app.verify_register(COURT)
        assert (check.ok, check.checked, check.head_hash) == (True, 0, GENESIS)
        assert stored_count(app) == 0

    def test_the_quarter_is_a_nil_report_when_nothing_was_recorded_in_it(self, app):
        recorded(app, on=date(2026, 3, 2))
        q1, q2 = app.quarter_summary(COURT, 2026, 1), app.quarter_summary(COURT, 2026, 2)
        assert (q1.count, q1.nil, q1.cases_named) == (1, False, 1)
        assert (q2.count, q2.nil) == (0, True)

    def test_a_correction_is_counted_as_one_when_summarised(self, app):
        first = recorded(app, record_id="rec-1")
        recorded(app, replace(record(), corrects=first.record_id), record_id="rec-2")
        assert app.quarter_summary(COURT, 2026, 1).corrections == 1


class TestSnapshots:
    def test_the_register_reads_back_whole_when_it_was_snapshotted(self, app, make_app):
        # A register is snapshotted every 100 events (its Opened event is the first).
        entries = [recorded(app, record_id=f"rec-{n}") for n in range(101)]
        register_id = InterferenceRegister.create_id(COURT)
        assert list(app.snapshots.get(register_id)), "no snapshot was taken"
        again = make_app()
        assert again.register_entries(COURT) == entries
        assert again.verify_register(COURT).ok
        following = recorded(again, record_id="rec-101")
        assert (following.seq, following.prev_hash) == (102, entries[-1].hash)
