"""The parties' window on the cases side (issue 17): an access code per party at filing,
given once and stored only as a hash; the officer's name and team phone as entered; a
party's message on the worklist until answered (a local practice, not a statutory limit)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from zhixing.cases.outbound import CaseOutbound
from zhixing.cases.policies.party_messages import PartyMessagePolicy
from zhixing.cases.projections.case_index import CaseIndexProjection, CaseIndexQueries
from zhixing.cases.sweep import NodeSweep
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseFiled,
    NodeOverdue,
    PartyMessageAnswered,
)
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.eventstore.settings import Settings
from zhixing.kernel import access_code
from zhixing.kernel.errors import RuleViolation

from ..cases_kit import executing_case, published
from .test_money import _conclude

MESSAGE_ID = "6f1c2b9e-2d4b-4c1e-9a57-1b2c3d4e5f60"


def _cloud(event: IntegrationEvent, n: int = 0) -> CloudEvent:
    return CloudEvent(id=f"e-{n}", source="/test", type=event.event_type,
                      time="2026-03-02T02:00:00Z", subject="", court="川0104", region="chengdu",
                      sequence=n, position=n, data=event.model_dump(mode="json"))


class Worklist:
    """The case index fed every event the app published so far; 执行一组's message items."""

    def __init__(self, app, store) -> None:  # type: ignore[no-untyped-def]
        self.app, self.store = app, store
        self.projection, self.outbound = CaseIndexProjection(app), CaseOutbound(app)
        self.queries = CaseIndexQueries(store)

    def items(self, within: int = 30) -> list:  # type: ignore[type-arg]
        with self.store.transaction() as cur:
            for _, domain_event in self.app.read_notifications(0):
                for event in self.outbound(domain_event):
                    self.projection.handle(_cloud(event), cur)
        return [i for i in self.queries.worklist("川0104", self.app.today(), team="执行一组",
                                                 due_within_days=within)
                if i.node.startswith("party_message:")]


@pytest.fixture
def worklist(app, tmp_path):
    store = Settings(var_dir=tmp_path).sql_store("cases")
    CaseIndexProjection.migrate(store)
    yield Worklist(app, store)
    store.close()


def _left(case_id: str, text: str = "请问执行款何时发放？我的身份证号510104199803121239",
          role: str = "applicant") -> PartyMessageLeft:
    return PartyMessageLeft(message_id=MESSAGE_ID, case_id=case_id,
                            case_number="(2026)川0104执1号", court_code="川0104",
                            party_role=role, text=text, left_at="2026-03-02T10:00:00+08:00",
                            party_index=0)


def _assigned_with_message(app, a_filing):  # type: ignore[no-untyped-def]
    case = app.file_case(a_filing())
    app.assign_case(case.id, "执行一组", "officer-1")
    PartyMessagePolicy(app).handle(_cloud(_left(str(case.id))), cursor=None)
    return case


class TestAccessCodes:
    def test_each_party_gets_a_code_only_its_hash_published_when_a_case_is_filed(
            self, app, a_filing):
        filed = app.file_case_with_codes(a_filing())
        assert [(c.party_index, c.role) for c in filed.codes] == [(0, "applicant"),
                                                                   (1, "respondent")]
        [event] = published(app, CaseFiled)
        hashes = {a.party_index: a.code_hash for a in event.access}
        for code in filed.codes:
            assert access_code.verify(code.access_code, hashes[code.party_index])
            assert code.access_code not in event.model_dump_json()
        assert not access_code.verify(filed.codes[0].access_code, hashes[1])

    def test_no_code_is_stored_in_the_event_store_when_a_case_is_filed(self, app, a_filing):
        filed = app.file_case_with_codes(a_filing())
        stored = b"".join(n.state for n in app.notification_log.select(1, 100))
        assert stored
        for code in filed.codes:
            assert code.access_code.encode() not in stored
            assert access_code.normalise(code.access_code).encode() not in stored

    def test_no_codes_again_when_the_same_filing_is_repeated_under_its_request_id(
            self, app, a_filing):
        first = app.file_case_with_codes(a_filing(), "req-1")
        again = app.file_case_with_codes(a_filing(), "req-1")
        assert again.case.id == first.case.id and len(first.codes) == 2
        assert again.codes == [], "the first codes stand; others would match no hash"


class TestAssignment:
    def test_officer_name_and_team_phone_published_as_entered_when_assigned(
            self, app, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1", lead_officer_name=" 李明 ",
                        team_phone="028-85550101")
        [event] = published(app, CaseAssigned)
        assert (event.lead_officer_name, event.team_phone) == ("李明", "028-85550101")


class TestPartyMessages:
    def test_on_the_worklist_with_role_and_masked_excerpt_when_a_party_leaves_one(
            self, app, a_filing, worklist):
        _assigned_with_message(app, a_filing)
        [item] = worklist.items()
        assert item.node == f"party_message:{MESSAGE_ID}"
        assert item.label == "答复当事人留言" and item.rule == ""
        assert item.due_on == "2026-03-09", "5 working days after Monday 2 March"
        assert item.detail.startswith("申请执行人留言：'请问执行款何时发放")
        assert "510104199803121239" not in item.detail

    def test_put_once_when_the_message_is_delivered_twice(self, app, a_filing, worklist):
        case = _assigned_with_message(app, a_filing)
        PartyMessagePolicy(app).handle(_cloud(_left(str(case.id)), 2), cursor=None)
        assert len(worklist.items()) == 1
        assert len(app.get_case(case.id).party_messages) == 1

    def test_leaves_the_worklist_and_the_answer_is_published_when_answered(
            self, app, a_filing, worklist):
        case = _assigned_with_message(app, a_filing)
        assert len(worklist.items()) == 1
        _, answered_on = app.answer_party_message(case.id, MESSAGE_ID, " 本周内发放。 ")
        assert worklist.items() == []
        [event] = published(app, PartyMessageAnswered)
        assert (event.message_id, event.answer, event.answered_on) == (
            MESSAGE_ID, "本周内发放。", answered_on)

    def test_refused_naming_message_id_when_answered_twice_or_unknown(self, app, a_filing):
        case = _assigned_with_message(app, a_filing)
        app.answer_party_message(case.id, MESSAGE_ID, "已答复")
        for message_id in (MESSAGE_ID, "no-such-message"):
            with pytest.raises(RuleViolation) as refused:
                app.answer_party_message(case.id, message_id, "again")
            assert refused.value.field == "message_id"

    def test_shown_overdue_but_never_reported_as_inaction_when_its_day_passes(
            self, app, clock, a_filing, worklist):
        """The limit is the court's own practice, not a rule of law (no R36 alert)."""
        _assigned_with_message(app, a_filing)
        worklist.items()
        clock.set(datetime(2026, 3, 10, 2, tzinfo=UTC))
        NodeSweep(app, worklist.queries).run()
        [item] = worklist.items()
        assert item.overdue
        assert not any(e.node.startswith("party_message") for e in published(app, NodeOverdue))


class TestPartyMessagesOnAConcludedCase:
    """终本 is no end of the case (R18 may resume it): its parties still write, and the
    team must see every message; only a closed case's may stay off the worklist."""

    def test_on_the_worklist_when_a_party_leaves_one_on_a_concluded_case(
            self, app, clock, a_filing, worklist):
        case = executing_case(app, a_filing)
        _conclude(app, clock, case)
        PartyMessagePolicy(app).handle(_cloud(_left(str(case.id))), cursor=None)
        [item] = worklist.items()
        assert item.node == f"party_message:{MESSAGE_ID}"

    def test_stays_on_the_worklist_when_the_case_is_concluded_before_it_is_answered(
            self, app, clock, a_filing, worklist):
        case = executing_case(app, a_filing)
        PartyMessagePolicy(app).handle(_cloud(_left(str(case.id))), cursor=None)
        _conclude(app, clock, case)
        [item] = worklist.items()
        assert item.node == f"party_message:{MESSAGE_ID}"
        app.answer_party_message(case.id, MESSAGE_ID, "已答复")
        assert worklist.items() == []

    def test_recorded_but_never_swept_when_a_party_leaves_one_on_a_closed_case(
            self, app, clock, a_filing, worklist):
        """A closed case's message may stay off the worklist, but no running limit may
        be left on it: the sweep would load the case on every run, for ever."""
        case = executing_case(app, a_filing)
        app.close_case(case.id, "withdrawn")
        PartyMessagePolicy(app).handle(_cloud(_left(str(case.id))), cursor=None)
        assert worklist.items() == []
        clock.advance(timedelta(days=30))
        assert worklist.queries.due_for_sweep(app.today()) == []
        assert MESSAGE_ID in app.get_case(case.id).party_messages
