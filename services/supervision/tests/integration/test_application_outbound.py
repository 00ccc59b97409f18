"""outbound.py: every step the v1 contract has a model for becomes that event with its
fields; an interference record naming a case is reported at once by its place in the
chain and the case only (R35) — no event carries who interfered, what was asked, an
alert's note or closing reason, a matter's summary or a suggestion's reason."""

from __future__ import annotations

from datetime import date

from zhixing.contracts.events.supervision import v1
from zhixing.supervision.domain.values import AlertKind, MatterKind

from .app_kit import (  # noqa: F401  (fixtures)
    ASKED,
    CASE_ID,
    CASE_NUMBER,
    COURT,
    OFFICIAL,
    POST,
    UNIT,
    app_fixture,
    at_beijing_morning,
    calendar_fixture,
    clock_fixture,
    keys_fixture,
    make_app_fixture,
    node_alert,
    public_events,
    record,
    requeries_fixture,
)

PRIVATE = (OFFICIAL, UNIT, POST, ASKED, "本周内送达", "措施已依法续行", "案件长期未结",
           "拒不协助执行", "已责令整改")
"""Names, requests, notes and reasons that stay in the service."""


def _one(events, kind):
    [found] = [e for e in events if isinstance(e, kind)]
    return found


def _life(app, clock):
    """An alert acknowledged and closed by hand, another closed by its event; a matter
    received, extended and replied; two interference records (one naming the case); a
    suggestion sent and handled."""
    first = node_alert(app)
    app.acknowledge(first.id, by="officer-1", on=date(2026, 3, 3), note="本周内送达")
    app.close_by_hand(first.id, by="president-1", on=date(2026, 3, 4), reason="措施已依法续行")
    node_alert(app, "assign")
    app.close_alert(AlertKind.NODE_OVERDUE, court_code=COURT, case_id=CASE_ID, subject="assign",
                    on=date(2026, 3, 5), by_event="cn.zhixing.cases.v1.CaseAssigned")
    matter = app.receive_matter(MatterKind.SUGGESTION, court_code=COURT,
                                document_number="川检执建3号", procuratorate="武侯区检察院",
                                case_id=CASE_ID, case_number=CASE_NUMBER,
                                received_on=date(2026, 3, 2), summary="案件长期未结",
                                by="supervisor-1")
    at_beijing_morning(clock, date(2026, 6, 20))  # steps are recorded on or after their day
    app.extend_reply(matter.id, requested_on=date(2026, 6, 1), approved_by="president-1",
                     approved_on=date(2026, 6, 3))
    app.record_reply(matter.id, replied_on=date(2026, 6, 20), document_number="复函1号",
                     by="president-1")
    named = app.record_interference(COURT, record(), by="judge-7", recorded_on=date(2026, 3, 2))
    app.record_interference(COURT, record(case_id=""), by="judge-7",
                            recorded_on=date(2026, 3, 3))
    suggestion = app.send_suggestion(
        "judicial", court_code=COURT, recipient="某局上级主管部门", agency_id="agency-realty",
        case_id=CASE_ID, document_number="司建1号", reason="拒不协助执行",
        sent_on=date(2026, 3, 2), by="president-1", handle_by=date(2026, 4, 30))
    app.record_handling(suggestion.id, handled_on=date(2026, 5, 6), outcome="已责令整改",
                        by="president-1")
    return first, matter, named, suggestion


class TestOutbound:
    def test_one_event_per_step_is_published_in_order_when_the_service_acts(self, app, clock):
        _life(app, clock)
        # The case's register of open alerts and the second (caseless) record stay private.
        assert [type(e).__name__ for e in public_events(app)] == [
            "AlertRaised", "AlertAcknowledged", "AlertClosed", "AlertRaised", "AlertClosed",
            "ProcuratorialMatterReceived", "ProcuratorialReplyExtended",
            "ProcuratorialReplied", "InterferenceReported", "JudicialSuggestionSent",
            "JudicialSuggestionHandled"]

    def test_the_alert_events_carry_the_contracts_fields_when_an_alert_lives(self, app, clock):
        first, *_ = _life(app, clock)
        events = public_events(app)
        raised = next(e for e in events if isinstance(e, v1.AlertRaised))
        assert raised.model_dump() == {
            "alert_id": str(first.id), "court_code": COURT, "kind": "node_overdue",
            "rule": "R27", "case_id": CASE_ID, "case_number": CASE_NUMBER, "subject": "notice",
            "act_by_role": "officer", "act_by": "team-3", "due_on": "2026-02-27",
            "raised_on": "2026-03-02"}
        acknowledged = _one(events, v1.AlertAcknowledged)
        assert (acknowledged.alert_id, acknowledged.by, acknowledged.acknowledged_on) == (
            str(first.id), "officer-1", "2026-03-03")
        closed = [(c.closed_on, c.by, c.by_event) for c in events
                  if isinstance(c, v1.AlertClosed)]
        assert closed == [("2026-03-04", "president-1", ""),
                          ("2026-03-05", "", "cn.zhixing.cases.v1.CaseAssigned")]

    def test_the_matter_events_carry_the_reply_days_when_a_matter_is_received_and_extended(
            self, app, clock):
        _, matter, *_ = _life(app, clock)
        events = public_events(app)
        received = _one(events, v1.ProcuratorialMatterReceived)
        assert (received.matter_id, received.kind, received.document_number, received.case_id,
                received.case_number, received.received_on, received.reply_by) == (
            str(matter.id), "suggestion", "川检执建3号", CASE_ID, CASE_NUMBER, "2026-03-02",
            "2026-06-02")
        extended = _one(events, v1.ProcuratorialReplyExtended)
        assert (extended.reply_by, extended.approved_on) == ("2026-07-02", "2026-06-03")
        replied = _one(events, v1.ProcuratorialReplied)
        assert (replied.document_number, replied.replied_on, replied.within_limit) == (
            "复函1号", "2026-06-20", True)

    def test_a_record_naming_a_case_is_reported_by_its_chain_place_when_recorded(
            self, app, clock):
        _, _, named, _ = _life(app, clock)
        reported = _one(public_events(app), v1.InterferenceReported)
        assert reported.model_dump() == {
            "record_id": named.record_id, "court_code": COURT, "seq": 1,
            "chain_hash": named.hash, "case_id": CASE_ID, "case_number": CASE_NUMBER,
            "recorded_on": "2026-03-02"}

    def test_the_suggestion_events_carry_the_contracts_fields_when_sent_and_handled(
            self, app, clock):
        *_, suggestion = _life(app, clock)
        events = public_events(app)
        sent = _one(events, v1.JudicialSuggestionSent)
        assert (sent.suggestion_id, sent.kind, sent.recipient, sent.agency_id, sent.case_id,
                sent.document_number, sent.sent_on, sent.handle_by) == (
            str(suggestion.id), "judicial", "某局上级主管部门", "agency-realty", CASE_ID,
            "司建1号", "2026-03-02", "2026-04-30")
        handled = _one(events, v1.JudicialSuggestionHandled)
        assert (handled.handled_on, handled.within_limit) == ("2026-05-06", False)

    def test_no_event_carries_names_requests_or_reasons_when_published(self, app, clock):
        _life(app, clock)
        published = [e.model_dump_json() for e in public_events(app)]
        assert len(published) == 11
        leaked = [p for p in PRIVATE for text in published if p in text]
        assert leaked == []
