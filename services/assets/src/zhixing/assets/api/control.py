"""AssetControlService: 查封、扣押、冻结、划拨 over gRPC (R20–R25, R28), thin translators.

Every call about a measure is bound to its case's court and team (R46) and audited.
The waiting list of an asset spans courts (R22): any court's staff see its ranks and
which courts hold them, but the details of a measure only when it is their own court's.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import TypeAlias

import grpc

from zhixing.assets.api.base import AssetsServicerBase
from zhixing.assets.api.policies import BENCH, CONTROL
from zhixing.assets.application.control_store import measure_missing
from zhixing.assets.application.expiry import REMINDER_POLICY, expiring_soon, window_provisional
from zhixing.assets.domain.control import ControlMeasure
from zhixing.assets.domain.control_terms import MeasureOrder
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.outbound.control import deduction_id
from zhixing.assets.projections.cases_seen import SeenCase
from zhixing.contracts.pb.assets.v1 import control_pb2 as pb
from zhixing.contracts.pb.assets.v1 import control_pb2_grpc
from zhixing.kernel.clock import aware_instant
from zhixing.kernel.identity import PartyIdentity, ResidentId, canonical_identity
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext
SERVICE = "zhixing.assets.v1.AssetControlService"
POLICIES = CONTROL


class AssetControlServicer(AssetsServicerBase, control_pb2_grpc.AssetControlServiceServicer):
    POLICIES = POLICIES

    @maps_errors
    async def ImposeMeasure(self, request: pb.ImposeMeasureRequest,
                            context: Context) -> pb.ImposeMeasureResponse:
        case, caller = await self._case(request.case_id)
        order = order_from(request, case, self.app.now())
        measure = await self._act(caller, case.case_number, "查封、扣押、冻结",
                                  lambda: self.app.impose_measure(
                                      case.ref, order, request.request_id,
                                      by=caller.subject if caller else ""))
        return pb.ImposeMeasureResponse(measure=measure_message(measure))

    @maps_errors
    async def RenewMeasure(self, request: pb.RenewMeasureRequest,
                           context: Context) -> pb.RenewMeasureResponse:
        case, caller, measure = await self._measure(request.measure_id)
        renewed = await self._act(caller, case.case_number, "续行",
                                  lambda: self.app.renew_measure(
                                      measure.id, request.request_id, request.term_months))
        return pb.RenewMeasureResponse(measure=measure_message(renewed))

    @maps_errors
    async def ReleaseMeasure(self, request: pb.ReleaseMeasureRequest,
                             context: Context) -> pb.ReleaseMeasureResponse:
        case, caller, measure = await self._measure(request.measure_id)
        released = await self._act(caller, case.case_number, "解除",
                                   lambda: self.app.release_measure(
                                       measure.id, request.ground, note=request.note))
        return pb.ReleaseMeasureResponse(measure=measure_message(released))

    @maps_errors
    async def ConvertPreservation(self, request: pb.ConvertPreservationRequest,
                                  context: Context) -> pb.ConvertPreservationResponse:
        case, caller = await self._case(request.case_id)
        # R46: the preservation is named by id, so its court is checked too — another
        # court's seizure cannot be taken over into this case, nor told from an unknown id.
        preservation = await self._found(lambda: self.app.get_measure(request.measure_id))
        await self._authorize_visible(preservation.court_code, case.case_number,
                                      measure_missing, team=case.team)
        converted = await self._act(caller, case.case_number,
                                    "保全转执行",
                                    lambda: self.app.convert_preservation(
                                        request.measure_id, case.ref, request.request_id,
                                        request.ruling_number))
        return pb.ConvertPreservationResponse(measure=measure_message(converted))

    @maps_errors
    async def Deduct(self, request: pb.DeductRequest, context: Context) -> pb.DeductResponse:
        case, caller, measure = await self._measure(request.measure_id)
        deducted = await self._act(caller, case.case_number, "划拨",
                                   lambda: self.app.deduct(measure.id, request.request_id,
                                                           request.amount_fen))
        return pb.DeductResponse(measure=measure_message(deducted), deduction_id=deduction_id(
            str(deducted.id), request.request_id.strip()))

    @maps_errors
    async def ListCaseMeasures(self, request: pb.ListCaseMeasuresRequest,
                               context: Context) -> pb.ListCaseMeasuresResponse:
        case, caller = await self._case(request.case_id)
        on = _day(request.as_of, "as_of") or self.app.today()
        ranked = await self._act(caller, case.case_number, "查看控制措施",
                                 lambda: [(m, self.app.rank_of(m))
                                          for m in self.app.measures_of_case(case.case_id)])
        window = self.app.policy_for(case.court_code).int(REMINDER_POLICY)
        return pb.ListCaseMeasuresResponse(
            measures=[measure_message(m, rank) for m, rank in ranked],
            expiring_measure_ids=expiring_soon((m for m, _ in ranked), on, self.app.calendar,
                                               window),
            reminder_working_days=window, as_of=on.isoformat(),
            provisional=window_provisional(on, self.app.calendar, window))

    @maps_errors
    async def GetAssetQueue(self, request: pb.GetAssetQueueRequest,
                            context: Context) -> pb.GetAssetQueueResponse:
        asset_id = request.asset_id.strip()
        caller = await self._authorize(None, target=asset_id)
        queue = await self._act(caller, asset_id, "查看轮候顺位",
                                lambda: self.app.queue_of(asset_id))
        shown = await asyncio.to_thread(lambda: [self._may_see(caller, m) for m in queue])
        return pb.GetAssetQueueResponse(places=[
            place_message(rank, m, see) for rank, (m, see) in enumerate(zip(queue, shown,
                                                                            strict=True))])

    def _may_see(self, caller: Identity | None, measure: ControlMeasure) -> bool:
        """R46: a measure's details are for its case's team and its court's bench."""
        if caller is None or caller.court != measure.court_code:
            return False
        case = self.cases.find(measure.case_id)
        return caller.role in BENCH or (case is not None and bool(case.team)
                                        and caller.team == case.team)

    async def _measure(self, measure_id: str
                       ) -> tuple[SeenCase, Identity | None, ControlMeasure]:
        """The measure a call is about, once the caller may act for its case (R46);
        another court's measure is answered as an unknown one."""
        measure = await self._found(lambda: self.app.get_measure(measure_id))
        case, caller = await self._case(measure.case_id, measure_missing)
        return case, caller, measure


def order_from(request: pb.ImposeMeasureRequest, case: SeenCase, now: datetime) -> MeasureOrder:
    """The ruling as the request states it; the debtor's kind decides whether the R24
    living minimum applies (not named: any natural-person debtor of the case)."""
    return MeasureOrder(
        asset_id=request.asset_id.strip(), kind=request.kind.strip(),
        asset_kind=request.asset_kind.strip(), ruling_number=request.ruling_number.strip(),
        amount_fen=request.amount_fen, served_at=_moment(request.served_at, now),
        term_months=request.term_months, exempt_category=request.exempt_category.strip(),
        balance_fen=request.balance_fen,
        natural_person=_natural_person(case, canonical_identity(request.debtor_identity_number)),
        preservation=request.preservation or case.case_type == "执保")


def _natural_person(case: SeenCase, debtor: str) -> bool:
    numbers = [d.identity_number for d in case.debtors]
    if debtor and debtor not in numbers:
        raise InvalidAssetInput("the case has no such debtor", field="debtor_identity_number")
    return any(isinstance(PartyIdentity.parse(n, "debtor_identity_number"), ResidentId)
               for n in ([debtor] if debtor else numbers))


def _moment(text: str, now: datetime) -> datetime:
    if not text.strip():
        return now
    moment = aware_instant(text)
    if moment is None:
        raise InvalidAssetInput("served_at must be ISO 8601 with its offset, e.g. "
                                "2026-03-02T10:00:00+08:00", rule="R25", field="served_at")
    return moment


def measure_message(m: ControlMeasure, rank: int | None = None) -> pb.ControlMeasure:
    """`rank`: the current place when known (the measure's own is as of its last change)."""
    return pb.ControlMeasure(
        measure_id=str(m.id), case_id=m.case_id, case_number=m.case_number,
        court_code=m.court_code, asset_id=m.asset_id, kind=m.kind, asset_kind=m.asset_kind,
        asset_class=m.asset_class, ruling_number=m.ruling_number, amount_fen=m.amount_fen,
        frozen_fen=m.frozen_fen, served_at=m.served_at, status=m.status,
        rank=m.rank if rank is None else rank,
        effective_on=m.effective_on, expires_on=m.expires_on, term_months=m.term_months,
        renewals=[pb.MeasureRenewal(months=r["months"], renewed_on=r["renewed_on"],
                                    expires_on=r["expires_on"]) for r in m.renewals],
        ended_on=m.ended_on, end_ground=m.ground, preservation=m.preservation,
        converted_from=m.converted_from, converted_to=m.converted_to,
        over_cap_flagged=m.over_cap_flagged, deducted_fen=m.amount_fen - m.frozen_fen)


def place_message(rank: int, m: ControlMeasure, detailed: bool) -> pb.AssetQueuePlace:
    """R46: a measure the caller may not see shows its rank, court and service time only."""
    return pb.AssetQueuePlace(rank=rank, court_code=m.court_code, served_at=m.served_at,
                              measure=measure_message(m, rank) if detailed else None)


def _day(text: str, field: str) -> date | None:
    """A day YYYY-MM-DD, or None when left empty."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidAssetInput("give a date as YYYY-MM-DD", field=field) from None
