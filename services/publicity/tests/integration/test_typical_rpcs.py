"""Typical cases (典型案例) over real gRPC on SQLite: drafted by the court's press role
and redacted on the way in (R60), reviewed by its president or a judge — never the
author (R46) — published on the portal, withdrawn off it at once (R61); court-scoped and
audited; the public reads published ones only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from zhixing.contracts.pb.publicity.v1 import desk_pb2 as desk
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb

from .typical_support import ID, OTHER_COURT, Publicity, publicity_served


@pytest.fixture
def publicity(tmp_path) -> Iterator[Publicity]:
    with publicity_served(tmp_path) as served:
        yield served


def refusal(call: Any) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as refused:
        call()
    return refused.value


class TestDesk:
    def test_the_draft_comes_back_redacted_when_drafted(self, publicity):
        draft = publicity.draft()
        assert (draft.status, draft.title) == ("draft", "张某隐匿存款案")
        assert ID not in draft.body and "张三" not in draft.body + draft.summary
        assert "0123" in draft.body and draft.redactions == 5
        assert draft.author == "press-1" and draft.court_code == "川0104"

    def test_its_author_may_not_review_it_naming_r46_when_also_a_judge(self, publicity):
        case_id = publicity.draft(title="标题").typical_case_id
        publicity.call("SubmitTypicalCase", desk.SubmitTypicalCaseRequest(typical_case_id=case_id))
        refused = refusal(lambda: publicity.call(
            "ReviewTypicalCase", desk.ReviewTypicalCaseRequest(typical_case_id=case_id,
                                                               approve=True),
            role="judge", user="press-1"))
        assert refused.code() is grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in refused.details()

    def test_the_press_role_may_not_review_when_it_submitted(self, publicity):
        case_id = publicity.draft().typical_case_id
        publicity.call("SubmitTypicalCase", desk.SubmitTypicalCaseRequest(typical_case_id=case_id))
        refused = refusal(lambda: publicity.call("ReviewTypicalCase", desk.ReviewTypicalCaseRequest(
            typical_case_id=case_id, approve=True), user="press-2"))
        assert refused.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_another_courts_case_is_answered_as_unknown_when_named(self, publicity):
        case_id = publicity.draft().typical_case_id
        refused = refusal(lambda: publicity.call(
            "SubmitTypicalCase", desk.SubmitTypicalCaseRequest(typical_case_id=case_id),
            court=OTHER_COURT))
        unknown = refusal(lambda: publicity.call(
            "SubmitTypicalCase", desk.SubmitTypicalCaseRequest(
                typical_case_id="00000000-0000-4000-8000-000000000999")))
        assert refused.code() is unknown.code() is grpc.StatusCode.NOT_FOUND
        assert refused.details() == unknown.details()

    def test_a_title_beyond_its_bound_is_refused_naming_the_field_when_drafted(self, publicity):
        refused = refusal(lambda: publicity.draft(title="案" * 101))
        assert refused.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "title" in refused.details() and "100" in refused.details()

    def test_every_step_is_audited_when_taken(self, publicity):
        case_id = publicity.published().typical_case_id
        publicity.call("WithdrawTypicalCase", desk.WithdrawTypicalCaseRequest(
            typical_case_id=case_id, reason="当事人异议"))
        steps = [(e.action.rsplit("/", 1)[-1], e.outcome) for e in publicity.audit()
                 if e.target == case_id]
        assert steps == [("DraftTypicalCase", "ok"), ("SubmitTypicalCase", "ok"),
                         ("ReviewTypicalCase", "ok"), ("WithdrawTypicalCase", "ok")]

    def test_the_courts_cases_are_listed_in_every_state_when_asked(self, publicity):
        publicity.draft(title="草稿一")
        publicity.published(title="已发布一")
        publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest())  # drains
        listed = publicity.call("ListTypicalCaseDrafts", desk.ListTypicalCaseDraftsRequest())
        assert sorted((d.title, d.status) for d in listed.drafts) == [
            ("已发布一", "published"), ("草稿一", "draft")]
        elsewhere = publicity.call("ListTypicalCaseDrafts", desk.ListTypicalCaseDraftsRequest(),
                                   court=OTHER_COURT)
        assert list(elsewhere.drafts) == []


class TestPortal:
    def test_a_published_case_is_listed_and_read_when_approved(self, publicity):
        draft_only = publicity.draft(title="仅草稿").typical_case_id
        case_id = publicity.published().typical_case_id
        listed = publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest())
        assert [c.typical_case_id for c in listed.cases] == [case_id]
        assert listed.cases[0].body == "" and listed.cases[0].court_name
        found = publicity.read("GetTypicalCase", pb.GetTypicalCaseRequest(
            typical_case_id=case_id)).typical_case
        assert found.published_on == "2026-03-02" and "张某" in found.body
        assert ID not in found.body
        hidden = refusal(lambda: publicity.read("GetTypicalCase", pb.GetTypicalCaseRequest(
            typical_case_id=draft_only)))
        assert hidden.code() is grpc.StatusCode.NOT_FOUND

    def test_a_withdrawn_case_is_gone_when_withdrawn(self, publicity):
        case_id = publicity.published().typical_case_id
        assert publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest()).cases
        publicity.call("WithdrawTypicalCase", desk.WithdrawTypicalCaseRequest(
            typical_case_id=case_id, reason="当事人异议"), role="president")
        assert list(publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest()).cases) == []
        gone = refusal(lambda: publicity.read("GetTypicalCase", pb.GetTypicalCaseRequest(
            typical_case_id=case_id)))
        assert gone.code() is grpc.StatusCode.NOT_FOUND

    def test_pages_follow_each_other_when_more_are_published(self, publicity):
        ids = {publicity.published(title=f"案例{n}").typical_case_id for n in range(3)}
        first = publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest(page_size=2))
        second = publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest(
            page_size=2, page_token=first.next_page_token))
        assert len(first.cases) == 2 and first.next_page_token
        assert {c.typical_case_id for c in [*first.cases, *second.cases]} == ids
        assert second.next_page_token == ""


class TestCaseNamed:
    def test_the_case_number_is_kept_when_it_is_of_the_courts_own(self, publicity):
        assert publicity.draft(case_number="(2026)川0104执7号").case_number == "(2026)川0104执7号"

    def test_a_case_of_another_court_is_refused_naming_the_field_when_drafted(self, publicity):
        refused = refusal(lambda: publicity.draft(case_number="(2026)渝0103执7号"))
        assert refused.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "case_number" in refused.details() and "R46" in refused.details()
        assert "渝0103" not in refused.details()
