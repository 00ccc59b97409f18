"""OpenPartyCase and LeaveMessage in-process on SQLite (当事人查询, issue 17): a party's
code opens its case — the timeline, the deadlines ahead, its own messages with their
answers — and nothing of another party's; a wrong code and an unknown case answer alike;
the 6th wrong code within 15 minutes is refused with a retry-after."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID

import grpc
import pytest

from testkit.stored import BACKENDS, backend_settings
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import MeasureTookEffect
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseFiled,
    ExecutionNoticeServed,
    MoneyDisbursed,
    PartyAccessV1,
    PartyMessageAnswered,
    PartyV1,
)
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel import access_code
from zhixing.kernel.clock import FixedClock
from zhixing.publicity.api.servicer import PublicityServicer
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.publicity import PublicityApplication
from zhixing.publicity.outbound import mapping_for
from zhixing.publicity.projections import party_window_feeds as feeds
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.wrong_codes import WrongCodeLimiter

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
CASE_ID, NUMBER = "3b2a4416-2b94-5783-8ca4-5c20af5fa0e6", "(2026)川0104执1号"
APPLICANT_ID, RESPONDENT_ID = "510104199803121239", "91510104MA6CQ1W2E1"
CODES = ["K7QW-M3PX-2D9R", "H4NB-8TZV-6CJY"]
"""The applicant's (party 0) and the respondent's (party 1) codes."""
HEAD = {"case_id": CASE_ID, "case_number": NUMBER, "court_code": "川0104"}


def _events() -> list[IntegrationEvent]:
    parties = [PartyV1(role="applicant", kind="natural_person", name="张伟",
                       identity_number=APPLICANT_ID),
               PartyV1(role="respondent", kind="organisation", name="成都锦城建设有限公司",
                       identity_number=RESPONDENT_ID)]
    access = [PartyAccessV1(party_index=i, role=p.role, code_hash=access_code.hash_code(c))
              for i, (p, c) in enumerate(zip(parties, CODES, strict=True))]
    return [
        CaseFiled(**HEAD, case_type="执", filed_on="2026-03-02", basis_kind="judgment",
                  basis_document_number="(2025)川0104民初100号", parties=parties,
                  claim_total_fen=101_000_00, access=access),
        CaseAssigned(**HEAD, team="执行一组", lead_officer="officer-1",
                     assigned_on="2026-03-03", lead_officer_name="李明",
                     team_phone="028-85550101"),
        ExecutionNoticeServed(**HEAD, served_on="2026-03-04",
                              property_report_due="2026-03-11", listing_warning=True,
                              respondents=parties[1:]),
        MeasureTookEffect(measure_id="m1", case_id=CASE_ID, court_code="川0104",
                          asset_id="acct-6222020402001234567", kind="freeze",
                          asset_class="deposit", amount_fen=50_000_00,
                          effective_on="2026-03-05", expires_on="2027-03-04"),
        MoneyDisbursed(**HEAD, disbursement_id="d1", payee="applicant:0",
                       amount_fen=20_000_00, disbursed_on="2026-03-06",
                       received_total_fen=20_000_00, claim_total_fen=101_000_00),
        _left("a0000000-0000-4000-8000-000000000001", 0, "applicant", "款项何时到账？"),
        _left("a0000000-0000-4000-8000-000000000002", 1, "respondent", "我方申请分期履行"),
        PartyMessageAnswered(**HEAD, message_id="a0000000-0000-4000-8000-000000000001",
                             answer="已于3月6日发放。", answered_on="2026-03-06"),
    ]


def _left(message_id: str, index: int, role: str, text: str) -> PartyMessageLeft:
    return PartyMessageLeft(**HEAD, message_id=message_id, party_role=role, text=text,
                            left_at=f"2026-03-0{5 + index}T10:00:00+08:00", party_index=index)


def _feed(store: SqlStore, events: list[IntegrationEvent]) -> None:
    handlers = [CaseProgressProjection(CIPHER), feeds.PartyWindowProjection(CIPHER),
                feeds.PartyMeasuresProjection(), feeds.PartyMessagesProjection(CIPHER)]
    with store.transaction() as cur:
        for n, event in enumerate(events):
            cloud = CloudEvent(id=f"e{n}", source="s", type=event.event_type,
                               time="2026-03-06T02:00:00Z", subject=CASE_ID, court="川0104",
                               region="chengdu", sequence=n, position=n,
                               data=event.model_dump(mode="json"))
            for handler in handlers:
                if type(event) in handler.reads():
                    handler.handle(cloud, cur)


class Context:
    """What maps_errors needs of a servicer context, keeping the trailer it is given."""

    trailer: tuple[tuple[str, str], ...] = ()

    def peer(self) -> str:
        """The caller's address, as grpc gives it (the window counts wrong codes by it)."""
        return "ipv4:127.0.0.1:5000"

    async def abort(self, code: grpc.StatusCode, details: str,
                    trailing_metadata: tuple[tuple[str, str], ...] = ()) -> None:
        self.trailer = trailing_metadata
        raise grpc.RpcError(code, details)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 6, 2, 0, tzinfo=UTC))


@pytest.fixture(params=BACKENDS)
def window(request, tmp_path, clock):
    """The servicer over the window's read models on SQLite (and PostgreSQL, connected)."""
    settings = backend_settings(request.param, tmp_path)
    store = settings.sql_store("publicity")
    CaseProgressProjection.migrate(store)
    feeds.migrate(store)
    WrongCodeLimiter.migrate(store)
    _feed(store, _events())
    app = PublicityApplication(settings, clock=clock)
    yield PublicityServicer(Portal.over(store, CIPHER, app)), app
    app.close()
    store.close()


def _open(servicer: PublicityServicer, code: str, number: str = NUMBER,
          context: Context | None = None) -> pb.OpenPartyCaseResponse:
    return asyncio.run(servicer.OpenPartyCase(
        pb.OpenPartyCaseRequest(case_number=number, access_code=code), context or Context()))


def _refusal(call) -> tuple[grpc.StatusCode, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(grpc.RpcError) as raised:
        call()
    return raised.value.args  # type: ignore[return-value]


class TestOpenPartyCase:
    def test_timeline_officer_and_deadlines_shown_when_the_applicants_code_is_right(
            self, window):
        servicer, _ = window
        answer = _open(servicer, CODES[0].lower().replace("-", " "))
        assert answer.party_role == "applicant" and answer.progress.case_number == NUMBER
        kinds = [(s.on, s.kind) for s in answer.timeline]
        assert kinds == [("2026-03-02", "filed"), ("2026-03-03", "assigned"),
                         ("2026-03-04", "notice_served"), ("2026-03-05", "measure"),
                         ("2026-03-06", "money_disbursed")]
        assert "李明" in answer.timeline[1].detail and "028-85550101" in answer.timeline[1].detail
        assert answer.timeline[3].label == "冻结被执行人存款"
        assert answer.timeline[4].amount_fen == 20_000_00
        assert [(d.node, d.due_on) for d in answer.deadlines] == [
            ("property_report", "2026-03-11"), ("close", "2026-09-02")]

    def test_only_its_own_messages_and_money_when_another_party_opens_the_case(self, window):
        servicer, _ = window
        mine = _open(servicer, CODES[0])
        theirs = _open(servicer, CODES[1])
        assert [(m.text, m.answer) for m in mine.messages] == [("款项何时到账？", "已于3月6日发放。")]
        assert [(m.text, m.answer) for m in theirs.messages] == [("我方申请分期履行", "")]
        assert theirs.party_role == "respondent"
        assert "money_disbursed" not in [s.kind for s in theirs.timeline]

    def test_no_full_identity_or_account_in_the_answer_when_a_party_opens_the_case(
            self, window):
        servicer, _ = window
        wire = _open(servicer, CODES[0]).SerializeToString()
        assert APPLICANT_ID.encode() not in wire and b"6222020402001234567" not in wire

    def test_numbers_masked_in_messages_and_answers_when_a_party_wrote_its_own_id(
            self, window):
        """R60: the party's words and the team's answer may spell an ID or an account;
        the window (an answer of PublicityService) shows their last 4 only."""
        servicer, _ = window
        store = servicer.portal.parties.store
        _feed(store, [
            _left("a0000000-0000-4000-8000-000000000003", 0, "applicant",
                  f"我的身份证号{APPLICANT_ID}，请核对"),
            PartyMessageAnswered(**HEAD, message_id="a0000000-0000-4000-8000-000000000003",
                                 answer="已汇入尾号账户 6222 0204 0200 1234 567",
                                 answered_on="2026-03-07")])
        answer = _open(servicer, CODES[0])
        wire = answer.SerializeToString()
        assert APPLICANT_ID.encode() not in wire
        assert b"6222 0204 0200 1234 567" not in wire
        [message] = [m for m in answer.messages if m.message_id.endswith("3")]
        assert message.text.endswith("1239，请核对") and message.answer.endswith("4567")

    def test_not_found_alike_when_the_code_is_wrong_or_the_case_unknown(self, window):
        servicer, _ = window
        wrong = _refusal(lambda: _open(servicer, "ZZZZ-ZZZZ-ZZZZ"))
        unknown = _refusal(lambda: _open(servicer, CODES[0], "(2026)川0104执999号"))
        assert wrong == unknown == (grpc.StatusCode.NOT_FOUND,
                                    "[access_code]: case number or access code wrong")

    def test_resource_exhausted_with_retry_after_when_a_sixth_wrong_code_comes_in_15_minutes(
            self, window, clock):
        servicer, _ = window
        for _ in range(5):
            assert _refusal(lambda: _open(servicer, "ZZZZ-ZZZZ-ZZZZ"))[0] is \
                grpc.StatusCode.NOT_FOUND
            clock.advance(timedelta(minutes=1))
        context = Context()
        code, details = _refusal(lambda: _open(servicer, CODES[0], context=context))
        assert code is grpc.StatusCode.RESOURCE_EXHAUSTED and "access_code" in details
        assert context.trailer == (("retry-after", str(10 * 60)),)
        clock.advance(timedelta(minutes=10))
        assert _open(servicer, CODES[0]).party_role == "applicant"

    def test_limited_alike_when_the_case_number_is_spelt_with_full_width_brackets(
            self, window):
        servicer, _ = window
        spellings = [NUMBER, f" {NUMBER.replace('(', '（').replace(')', '）')} "]
        for n in range(5):
            _refusal(lambda n=n: _open(servicer, "ZZZZ-ZZZZ-ZZZZ", spellings[n % 2]))
        code, _ = _refusal(lambda: _open(servicer, CODES[0], spellings[1]))
        assert code is grpc.StatusCode.RESOURCE_EXHAUSTED

    def test_wrong_codes_on_an_unknown_case_are_limited_alike(self, window):
        servicer, _ = window
        for _ in range(5):
            _refusal(lambda: _open(servicer, "ZZZZ-ZZZZ-ZZZZ", "(2026)川0104执999号"))
        code, _ = _refusal(lambda: _open(servicer, CODES[0], "(2026)川0104执999号"))
        assert code is grpc.StatusCode.RESOURCE_EXHAUSTED


class TestLeaveMessage:
    def test_published_for_the_team_with_the_partys_index_when_the_code_is_right(
            self, window):
        servicer, app = window
        receipt = asyncio.run(servicer.LeaveMessage(pb.LeaveMessageRequest(
            case_number=NUMBER, access_code=CODES[1], text=" 请联系我方财务 "), Context()))
        [left] = app.repository.event_store.get(UUID(receipt.message_id))
        [event] = mapping_for(app)(left)
        assert isinstance(event, PartyMessageLeft)
        assert (event.case_id, event.party_index, event.party_role, event.text) == (
            CASE_ID, 1, "respondent", "请联系我方财务")
        assert receipt.left_at == event.left_at == "2026-03-06T02:00:00+00:00"

    def test_not_found_and_nothing_stored_when_the_code_is_wrong(self, window):
        servicer, app = window
        code, _ = _refusal(lambda: asyncio.run(servicer.LeaveMessage(pb.LeaveMessageRequest(
            case_number=NUMBER, access_code="ZZZZ-ZZZZ-ZZZZ", text="hello"), Context())))
        assert code is grpc.StatusCode.NOT_FOUND
        assert list(app.notification_log.select(1, 10)) == []
