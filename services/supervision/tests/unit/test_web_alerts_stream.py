"""The live queue's cursor (what the page knows) and its events (R36, issue 16): new open
alerts are found by their ids, sent oldest first, each with the cursor the page knows
once it has it; a cursor is bounded; an event carries no more than the list's columns."""

from __future__ import annotations

import json

import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError
from zhixing.supervision.web.pages.alerts_stream import (
    CURSOR_IDS,
    FIELDS,
    Pacing,
    Streams,
    cursor_of,
    cursor_of_alerts,
    event,
    fresh,
    parse_cursor,
    short_id,
    subject_label,
)


def alert(n: int, **changes: str) -> pb.Alert:
    fields = {"alert_id": f"{n:08x}-0000-4000-8000-{n:012x}", "kind": "node_overdue",
              "label": "节点超期", "rule": "R27", "court_code": "川0104",
              "case_id": f"case-{n}", "case_number": f"(2026)川0104执{n}号",
              "subject": "assign", "act_by_role": "officer", "act_by": "执行一组",
              "due_on": "2026-03-09", "raised_on": "2026-03-12", "status": "open"}
    return pb.Alert(**{**fields, **changes})


class TestCursor:
    def test_round_trips_when_made_from_the_alerts_a_page_shows(self):
        shown = [alert(1), alert(2)]
        assert parse_cursor(cursor_of_alerts(shown)) == {short_id(a.alert_id) for a in shown}

    def test_is_empty_when_the_page_shows_no_alert(self):
        assert parse_cursor("") == frozenset()

    @pytest.mark.parametrize("text", ["<script>", "0123456789ab,", "0123456789AB",
                                      "0123456789a", ",".join(["0123456789ab"] * (CURSOR_IDS + 1))])
    def test_is_refused_naming_its_bound_when_malformed_or_too_long(self, text):
        with pytest.raises(PageError) as refused:
            parse_cursor(text, "Last-Event-ID")
        assert refused.value.status == 400
        assert "Last-Event-ID" in refused.value.message and str(CURSOR_IDS) in refused.value.message
        assert "<script>" not in refused.value.message  # never echoes what was sent

    def test_keeps_at_most_its_bound_when_made_from_more_ids(self):
        ids = [f"{n:012x}" for n in range(CURSOR_IDS + 10)]
        assert len(parse_cursor(cursor_of(ids))) == CURSOR_IDS


class TestFresh:
    def test_sends_only_the_unknown_alerts_oldest_first_when_new_ones_are_listed(self):
        polled = [alert(3), alert(2), alert(1)]  # newest first, as ListAlerts lists them
        known = frozenset({short_id(alert(1).alert_id)})
        found = fresh(polled, known)
        assert [a.alert_id for a, _ in found] == [alert(2).alert_id, alert(3).alert_id]

    def test_each_cursor_knows_the_alerts_sent_so_far_when_several_arrive(self):
        polled = [alert(3), alert(2), alert(1)]
        found = fresh(polled, frozenset({short_id(alert(1).alert_id)}))
        first, last = (parse_cursor(cursor) for _, cursor in found)
        assert first == {short_id(alert(n).alert_id) for n in (1, 2)}
        assert last == {short_id(alert(n).alert_id) for n in (1, 2, 3)}

    def test_forgets_known_alerts_no_longer_listed_when_they_left_the_open_list(self):
        gone, kept, new = alert(1), alert(2), alert(3)
        found = fresh([new, kept], frozenset(short_id(a.alert_id) for a in (gone, kept)))
        assert parse_cursor(found[-1][1]) == {short_id(kept.alert_id), short_id(new.alert_id)}

    def test_sends_nothing_when_the_page_knows_every_listed_alert(self):
        polled = [alert(2), alert(1)]
        assert fresh(polled, parse_cursor(cursor_of_alerts(polled))) == []


class TestEvent:
    def test_carries_the_columns_and_the_cursor_as_its_id_when_an_alert_is_sent(self):
        text = event(alert(7), "00000007abcd")
        lines = text.split("\n")
        assert lines[:2] == ["id: 00000007abcd", "event: alert"] and text.endswith("\n\n")
        data = json.loads(lines[2].removeprefix("data: "))
        assert set(data) == {*FIELDS, "status_label", "role_label", "subject_label"}
        assert (data["label"], data["status_label"], data["role_label"], data["subject_label"]
                ) == ("节点超期", "待处理", "执行员", "分案")

    def test_stays_one_data_line_when_a_value_holds_a_line_break(self):
        text = event(alert(8, subject="a\nid: forged\n\nevent: x"), "0" * 12)
        assert text.count("\n") == 4 and "\nid: forged" not in text


class TestStreams:
    def test_refuses_a_stream_beyond_the_bound_when_a_session_holds_the_most(self):
        clock = [0.0]
        pacing = Pacing(per_session=2, monotonic=lambda: clock[0])
        streams = Streams()
        taken = [streams.take("s", pacing), streams.take("s", pacing)]
        assert None not in taken and streams.take("s", pacing) is None
        assert streams.take("other", pacing) is not None
        streams.give_back("s", taken[0] or 0.0)
        assert streams.take("s", pacing) is not None

    def test_forgets_a_start_older_than_a_stream_lives_when_its_answer_never_began(self):
        clock = [0.0]
        pacing = Pacing(per_session=1, lifetime_seconds=20, monotonic=lambda: clock[0])
        streams = Streams()
        assert streams.take("s", pacing) is not None
        clock[0] = 60.0
        assert streams.take("s", pacing) is not None


class TestSubject:
    @pytest.mark.parametrize(("kind", "subject", "shown"), [
        ("node_overdue", "assign", "分案"), ("node_overdue", "later_node", "later_node"),
        ("agency_overdue", "2a52a926-e22c-54f7-b11a-5ba036099526:bank.icbc", "bank.icbc"),
        ("requery_missing", "requery:2026-09-01", "复查日 2026-09-01"),
        ("measure_expiring", "m-1", "m-1")])
    def test_reads_as_a_person_names_it_when_the_subject_is_a_code(self, kind, subject, shown):
        assert subject_label(alert(1, kind=kind, subject=subject)) == shown
