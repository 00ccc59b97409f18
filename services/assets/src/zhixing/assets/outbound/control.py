"""Control measures as the public sees them (R20–R25): each court learns what its own
measures do — take effect, wait, are renewed, near expiry, lapse, end — and the cases
service receives deducted money (FundsDeducted) for the case account (R28).

Only measure events are public, and one of the case ledger's: an order refused because it
named exempt property (R24), for supervision to flag (ExemptPropertyAttempted, R36). The
queue and the rest of the ledger are private bookkeeping; a conversion (R23) is announced
by the enforcement case's measure (`converted_from`), and a full deduction or disposal
ends the measure with ground "disposed".
"""

from __future__ import annotations

from typing import Any

from zhixing.assets.domain.control import ControlMeasure
from zhixing.assets.domain.over_seizure import CaseControl
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1


def _ids(e: Any, head: dict[str, Any]) -> dict[str, Any]:
    return {"measure_id": str(e.originator_id), "case_id": head["case_id"],
            "court_code": head["court_code"], "asset_id": head["asset_id"]}


def _imposed(e: Any) -> list[IntegrationEvent]:
    head = {"case_id": e.case_id, "court_code": e.court_code, "asset_id": e.asset_id}
    if e.status == "queued":
        return [v1.MeasureQueued(
            **_ids(e, head), rank=e.rank, served_at=e.served_at, kind=e.kind,
            asset_class=e.asset_class, amount_fen=e.amount_fen,
            converted_from=e.converted_from)]
    return [v1.MeasureTookEffect(
        **_ids(e, head), kind=e.kind, asset_class=e.asset_class, amount_fen=e.amount_fen,
        effective_on=e.effective_on, expires_on=e.expires_on,
        converted_from=e.converted_from, over_cap_flagged=e.over_cap_flagged)]


def _took_effect(e: Any) -> list[IntegrationEvent]:
    h = e.head
    return [v1.MeasureTookEffect(
        **_ids(e, h), kind=h["kind"], asset_class=h["asset_class"], amount_fen=h["amount_fen"],
        effective_on=e.effective_on, expires_on=e.expires_on, from_queue=True,
        converted_from=h["converted_from"], over_cap_flagged=h["over_cap_flagged"])]


def _renewed(e: Any) -> list[IntegrationEvent]:
    return [v1.MeasureRenewed(**_ids(e, e.head), expires_on=e.expires_on)]


def _reminded(e: Any) -> list[IntegrationEvent]:
    return [v1.MeasureExpiring(**_ids(e, e.head), expires_on=e.expires_on)]


def _lapsed(e: Any) -> list[IntegrationEvent]:
    return [v1.MeasureLapsed(**_ids(e, e.head), lapsed_on=e.lapsed_on, reason=e.reason)]


def _released(e: Any) -> list[IntegrationEvent]:
    return [v1.MeasureReleased(**_ids(e, e.head), ground=e.ground, released_on=e.released_on)]


def _disposed(e: Any) -> list[IntegrationEvent]:
    return [v1.MeasureReleased(**_ids(e, e.head), ground="disposed",
                               released_on=e.disposed_on)]


def _deducted(e: Any) -> list[IntegrationEvent]:
    # The receipt's idempotency key in the cases service: one per deduction request.
    return [v1.FundsDeducted(
        measure_id=deduction_id(str(e.originator_id), e.request_id),
        case_id=e.head["case_id"], court_code=e.head["court_code"], amount_fen=e.amount_fen,
        deducted_on=e.deducted_on)]


def _exempt_attempted(e: Any) -> list[IntegrationEvent]:
    return [v1.ExemptPropertyAttempted(
        attempt_id=e.attempt_id, case_id=e.case_id, court_code=e.court_code,
        asset_id=e.asset_id, ground=e.ground, attempted_on=e.attempted_on, by=e.by)]


def deduction_id(measure_id: str, request_id: str) -> str:
    """FundsDeducted's `measure_id`: "<measure id>:<request id>"."""
    return f"{measure_id}:{request_id}"


PUBLIC = {
    ControlMeasure.Imposed: _imposed,
    ControlMeasure.TookEffect: _took_effect,
    ControlMeasure.Renewed: _renewed,
    ControlMeasure.Reminded: _reminded,
    ControlMeasure.Lapsed: _lapsed,
    ControlMeasure.Released: _released,
    ControlMeasure.Disposed: _disposed,
    ControlMeasure.Deducted: _deducted,
    CaseControl.ExemptAttempted: _exempt_attempted,
}
