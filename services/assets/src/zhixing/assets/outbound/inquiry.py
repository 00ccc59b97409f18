"""Inquiry events as the public sees them: requests to agencies, results for the cases
service (NetworkInquiryCompleted feeds the 终本 checklist, R16(3))."""

from __future__ import annotations

from typing import Any

from zhixing.assets.domain.inquiry import Inquiry
from zhixing.assets.domain.investigation import Investigation
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1


def _started(e: Any) -> list[IntegrationEvent]:
    head = _head(e)
    return [v1.NetworkInquiryStarted(
        inquiry_id=str(e.originator_id), case_id=e.case_id, court_code=e.court_code,
        debtor_identity_number=e.debtor_identity_number, started_at=e.started_at,
        agency_ids=[r["agency_id"] for r in e.requests], requery=e.requery),
        *(_request(head, r, 1) for r in e.requests)]


def _resent(e: Any) -> list[IntegrationEvent]:
    return [_request(e.head, e.request, e.attempt)]


def _overdue(e: Any) -> list[IntegrationEvent]:
    r = e.request
    return [v1.AgencyAnswerOverdue(
        inquiry_id=str(e.originator_id), case_id=e.head["case_id"],
        court_code=e.head["court_code"], request_id=e.request_id, agency_id=r["agency_id"],
        agency_kind=r["agency_kind"], reply_by=r["reply_by"])]


def _completed(e: Any) -> list[IntegrationEvent]:
    return [_result(e, e.completed_at, revision=0)]


def _revised(e: Any) -> list[IntegrationEvent]:
    """A late answer revises the published result (R16(3) must see property found late)."""
    return [_result(e, e.revised_at, revision=e.revision)]


def _result(e: Any, at: str, revision: int) -> v1.NetworkInquiryCompleted:
    return v1.NetworkInquiryCompleted(
        inquiry_id=str(e.originator_id), case_id=e.head["case_id"],
        court_code=e.head["court_code"], debtor_identity_number=e.head["debtor_identity_number"],
        completed_on=at[:10], agency_kinds=e.kinds_answered,
        disposable_property_found=e.disposable_property_found, requery=e.head["requery"],
        overdue_agency_ids=e.overdue_agency_ids, revision=revision)


def _investigation(e: Any) -> list[IntegrationEvent]:
    return [v1.InvestigationRecorded(
        investigation_id=str(e.originator_id), case_id=e.case_id, court_code=e.court_code,
        measure=e.measure, recorded_on=e.recorded_on, property_found=e.property_found,
        outcome=e.outcome)]


def _head(e: Any) -> dict[str, Any]:
    return {"inquiry_id": str(e.originator_id), "case_id": e.case_id,
            "case_number": e.case_number, "court_code": e.court_code,
            "debtor_identity_number": e.debtor_identity_number, "debtor_name": e.debtor_name,
            "requery": e.requery}


def _request(head: dict[str, Any], r: dict[str, Any], attempt: int) -> v1.AgencyRequest:
    return v1.AgencyRequest(
        request_id=r["request_id"], agency_id=r["agency_id"], agency_kind=r["agency_kind"],
        action="query", inquiry_id=head["inquiry_id"], case_number=head["case_number"],
        court_code=head["court_code"], debtor_identity_number=head["debtor_identity_number"],
        debtor_name=head["debtor_name"], reply_by=r["reply_by"], attempt=attempt)


PUBLIC = {
    Inquiry.Started: _started,
    Inquiry.Resent: _resent,
    Inquiry.AnswerOverdue: _overdue,
    Inquiry.Completed: _completed,
    Inquiry.Revised: _revised,
    Investigation.Recorded: _investigation,
}
