"""The typical case (典型案例): its life draft → submitted → returned/published →
withdrawn, redaction on the way in (R60, names in the title and summary too), the
reviewer never its author (R46), and publishing refusing a number left in full (R60)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.errors import InvalidInput, PermissionDenied, PreconditionFailed
from zhixing.publicity.domain.typical_case import TypicalCase, TypicalCaseStatus

ON = date(2026, 3, 2)
ID = "510104199001011234"


def drafted(**changes) -> TypicalCase:
    fields = {"court_code": "川0104", "author": "press-1", "title": "张三隐匿财产案",
              "summary": "被执行人张三隐匿存款", "body": f"张三（身份证号{ID}）拒不履行。",
              "case_number": "", "redact_names": ["张三"]}
    return TypicalCase.draft(**{**fields, **changes})


def published() -> TypicalCase:
    case = drafted()
    case.submit("press-1")
    case.review("president-1", True, "", ON)
    return case


class TestRedactedOnTheWayIn:
    def test_names_are_replaced_in_title_summary_and_body_when_drafted(self):
        case = drafted()
        assert (case.title, case.summary) == ("张某隐匿财产案", "被执行人张某隐匿存款")
        assert "张三" not in case.body and ID not in case.body
        assert case.redactions == 4

    def test_no_event_holds_the_number_when_drafted(self):
        case = drafted()
        recorded = " ".join(e.model_dump_json() for e in case.collect_events())
        assert ID not in recorded

    def test_names_listed_before_are_replaced_again_when_revised(self):
        case = drafted()
        case.revise("press-1", "张三案（修订）", "", "张三与李四", ["李四"])
        assert (case.title, case.body) == ("张某案（修订）", "张某与李某")

    def test_a_title_too_long_is_refused_naming_the_bound_when_drafted(self):
        with pytest.raises(InvalidInput) as refused:
            drafted(title="案" * 101)
        assert refused.value.field == "title" and "100" in str(refused.value)

    def test_a_body_is_required_when_drafted(self):
        with pytest.raises(InvalidInput, match="body"):
            drafted(body="  ")


class TestLife:
    def test_it_is_published_on_the_day_when_approved(self):
        case = published()
        assert case.status is TypicalCaseStatus.PUBLISHED and case.published_on == ON

    def test_it_is_a_draft_again_when_returned_and_revised(self):
        case = drafted()
        case.submit("press-1")
        case.review("judge-1", False, "请补充典型意义", ON)
        assert case.status is TypicalCaseStatus.RETURNED
        assert case.review_comment == "请补充典型意义"
        case.revise("press-1", "标题", "", "正文")
        case.submit("press-1")
        assert case.status is TypicalCaseStatus.SUBMITTED

    def test_a_return_without_a_comment_is_refused_when_reviewed(self):
        case = drafted()
        case.submit("press-1")
        with pytest.raises(InvalidInput, match="comment"):
            case.review("judge-1", False, "", ON)

    def test_its_author_may_not_review_it_when_submitted(self):
        case = drafted()
        case.submit("press-1")
        with pytest.raises(PermissionDenied) as refused:
            case.review("press-1", True, "", ON)
        assert refused.value.rule == "R46"
        assert case.status is TypicalCaseStatus.SUBMITTED

    def test_a_draft_is_not_reviewed_when_not_submitted(self):
        with pytest.raises(PreconditionFailed):
            drafted().review("judge-1", True, "", ON)

    def test_a_published_case_is_not_revised_when_published(self):
        with pytest.raises(PreconditionFailed):
            published().revise("press-1", "t", "", "b")

    def test_it_is_withdrawn_with_a_reason_when_published(self):
        case = published()
        with pytest.raises(InvalidInput, match="reason"):
            case.withdraw("press-1", "")
        case.withdraw("press-1", "当事人异议")
        assert case.status is TypicalCaseStatus.WITHDRAWN

    def test_a_draft_is_not_withdrawn_when_never_published(self):
        with pytest.raises(PreconditionFailed):
            drafted().withdraw("press-1", "理由")


class TestPublishingChecksAgain:
    def test_publishing_is_refused_when_a_number_is_left_in_full(self):
        case = drafted()
        case.submit("press-1")
        case.body = f"身份证号 {ID}"  # as if redaction had been bypassed (defence in depth)
        with pytest.raises(PreconditionFailed) as refused:
            case.review("president-1", True, "", ON)
        assert (refused.value.rule, refused.value.field) == ("R60", "body")
        assert ID not in str(refused.value)
        assert case.status is TypicalCaseStatus.SUBMITTED
