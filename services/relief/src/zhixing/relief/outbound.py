"""Domain events → integration events (DESIGN §4: the only place that knows both).

A relief case's steps go on `zhixing.relief.events.v1` with the fields every consumer
needs (number, enforcement case, court), read from the case as of the event; a fund's
credits go there with the balance after them. The hardship facts (category and narrative,
R46) never leave the service: no mapping reads them. Serials, claimants, wage entries,
reservations and a fund's side of a payment or repayment (the relief case's event says
it) map to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.relief import v1
from zhixing.kernel.calendar import Deadline
from zhixing.relief.domain.fund import Fund
from zhixing.relief.domain.relief_case import ACT_BY_ROLE, ReliefCase
from zhixing.relief.domain.values import Step

Mapping = Callable[[Any], list[IntegrationEvent]]
Load = Callable[[Any, int], Any]
"""`load(aggregate_id, version)`: the aggregate as it was right after that event."""



def day(value: date | Deadline | str) -> str:
    """YYYY-MM-DD of a date, a deadline's last day, or a date already in text."""
    if isinstance(value, Deadline):
        return value.date.isoformat()
    return value if isinstance(value, str) else value.isoformat()


def _head(case: ReliefCase) -> dict[str, Any]:
    """What every event about one application carries, so consumers need no lookup."""
    return {"application_id": str(case.id), "relief_case_number": case.relief_case_number,
            "case_id": case.case_id, "court_code": case.court_code}


def _applied(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ReliefApplied(**_head(case), party_index=case.party_index,
                             requested_fen=case.requested_fen, applied_on=day(case.applied_on),
                             decide_by=day(case.decide_by))]


def _approved(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    # The figures R30 checked; a decision stored before they were recorded has none.
    checked = ({"wage_year": case.wage_year, "monthly_wage_fen": case.monthly_wage_fen,
                "cap_fen": case.cap_fen} if case.cap_fen else {})
    return [v1.ReliefApproved(**_head(case), amount_fen=case.amount_fen,
                              fund_year=case.fund_year, decided_on=day(e.decided_on),
                              exceptional=e.exceptional is not None, **checked)]


def _rejected(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ReliefRejected(**_head(case), rule=e.rule, decided_on=day(e.decided_on))]


def _revoked(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ReliefRevoked(**_head(case), to_recover_fen=e.to_recover_fen,
                             revoked_on=day(e.revoked_on))]


def _withdrawn(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    # The amount is set only by an approval, which is what reserved it on the fund; a
    # withdrawal before approval released nothing (amount 0).
    return [v1.ReliefWithdrawn(**_head(case), withdrawn_on=day(e.on),
                               released_fen=case.amount_fen)]


def _notified(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ApplicantNotified(**_head(case), notified_on=day(e.notified_on))]


def _disbursed(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ReliefDisbursed(
        application_id=str(case.id), case_id=case.case_id, court_code=case.court_code,
        amount_fen=case.amount_fen, disbursed_on=day(e.disbursed_on),
        relief_case_number=case.relief_case_number, fund_year=case.fund_year,
        notify_by=day(e.notify_by))]


def _returned(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    return [v1.ReliefRecovered(**_head(case), recovery_id=e.recovery_id, source=str(e.source),
                               amount_fen=e.amount_fen, recovered_on=day(e.on),
                               outstanding_fen=case.outstanding_fen)]


def _overdue(e: Any, case: ReliefCase) -> list[IntegrationEvent]:
    step = Step(e.step)
    return [v1.ReliefStepOverdue(**_head(case), step=step.value, due_on=day(e.due_on),
                                 detected_on=day(e.detected_on),
                                 act_by_role=ACT_BY_ROLE[step])]


def _credited(e: Any, fund: Fund) -> list[IntegrationEvent]:
    return [v1.FundCredited(
        fund_id=str(fund.id), court_code=fund.court_code, year=fund.year, kind=str(e.kind),
        entry_id=e.entry_id, document_number=e.document_number, amount_fen=e.amount_fen,
        credited_on=day(e.credited_on), balance_fen=fund.balance_fen)]


_MAPPINGS: dict[type, Callable[[Any, Any], list[IntegrationEvent]]] = {
    ReliefCase.Filed: _applied,  # type: ignore[attr-defined]
    ReliefCase.Approved: _approved,  # type: ignore[attr-defined]
    ReliefCase.Rejected: _rejected,  # type: ignore[attr-defined]
    ReliefCase.Revoked: _revoked,  # type: ignore[attr-defined]
    ReliefCase.Disbursed: _disbursed,  # type: ignore[attr-defined]
    ReliefCase.Returned: _returned,  # type: ignore[attr-defined]
    ReliefCase.StepOverdue: _overdue,  # type: ignore[attr-defined]
    ReliefCase.Withdrawn: _withdrawn,  # type: ignore[attr-defined]
    ReliefCase.Notified: _notified,  # type: ignore[attr-defined]
    Fund.Credited: _credited,  # type: ignore[attr-defined]
}


def to_public(domain_event: Any, *, load: Load) -> list[IntegrationEvent]:
    """The integration events of one domain event (none for most)."""
    mapping = _MAPPINGS.get(type(domain_event))
    if mapping is None:
        return []
    return mapping(domain_event, load(domain_event.originator_id,
                                      domain_event.originator_version))


def mapping_for(app: Any) -> Mapping:
    """The outbound mapping of an application: each event reads its aggregate as of the
    event from the store (the repository's `version`)."""
    def load(aggregate_id: Any, version: int) -> Any:
        return app.repository.get(aggregate_id, version=version)

    return lambda domain_event: to_public(domain_event, load=load)
