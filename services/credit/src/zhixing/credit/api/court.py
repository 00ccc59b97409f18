"""CreditService: the courts' credit decisions (R1–R15) and a debtor's record (R42).

Only the judges and president of the court that holds the case decide (R46); officers
see candidates and records of their court. Every command and read is audited with who,
why and when; identities in replies are masked (R60).
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, TypeAlias, TypeVar
from uuid import UUID

import grpc

from zhixing.contracts.pb.credit.v1 import credit_pb2 as pb
from zhixing.contracts.pb.credit.v1 import credit_pb2_grpc
from zhixing.credit.api.check import state_message
from zhixing.credit.api.policies import COURT
from zhixing.credit.application import CreditApplication
from zhixing.credit.application.listings import Decision
from zhixing.credit.application.partners import PartnerDesk
from zhixing.credit.domain.correction import Correction
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.record import LISTING, RESTRICTION, DebtorRecord
from zhixing.credit.domain.restriction import ConsumptionRestriction
from zhixing.credit.projections.cases_seen import CaseFacts, CasesSeenQueries
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.kernel.identity import PartyIdentity, canonical_identity
from zhixing.kernel.masking import mask_id_number
from zhixing.runtime.audited import AuditedServicer
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext
T = TypeVar("T")
SERVICE = "zhixing.credit.v1.CreditService"
POLICIES = COURT


class CreditServicer(AuditedServicer, credit_pb2_grpc.CreditServiceServicer):
    POLICIES = POLICIES

    def __init__(self, app: CreditApplication, audit: AuditLog, cases: CasesSeenQueries,
                 desk: PartnerDesk) -> None:
        super().__init__(audit)
        self.app = app
        self.cases = cases
        self.desk = desk

    # --- listings -----------------------------------------------------------------

    @maps_errors
    async def DecideListing(self, request: pb.DecideListingRequest,
                            context: Context) -> pb.DecideListingResponse:
        case, caller = await self._case(request.case_ref)
        decision = Decision(
            debtor_identity_number=canonical_identity(request.debtor_identity_number),
            grounds=list(request.grounds), facts=request.facts,
            decision_number=_required(request.decision_number, "decision_number", "R5"),
            decided_on=self._day(request.decided_on, "decided_on"),
            signed_by_president=request.signed_by_president,
            extension_years=request.extension_years,
            grace_months=request.grace_months or None,
            security_covers_debt=request.security_covers_debt,
            later_in_performance_order=request.later_in_performance_order,
            otherwise_unable=request.otherwise_unable,
            persons=[_person(p) for p in request.persons])
        listing = await self._act(caller, case.case_number, "失信决定",
                                  lambda: self.app.decide_listing(case, decision))
        return pb.DecideListingResponse(listing=_listing(listing))

    @maps_errors
    async def DeclineListing(self, request: pb.DeclineListingRequest,
                             context: Context) -> pb.DeclineListingResponse:
        case, caller = await self._case(request.case_ref)
        decided_on = self._day(request.decided_on, "decided_on")
        declined = await self._act(
            caller, case.case_number, "不予纳入失信",
            lambda: self.app.decline_listing(
                case, canonical_identity(request.debtor_identity_number), request.reason_rule,
                request.reason, decided_on))
        return pb.DeclineListingResponse(
            case_number=declined.case_number,
            debtor=mask_id_number(declined.debtor_identity_number),
            decided_on=declined.decided_on, reason_rule=declined.reason_rule)

    @maps_errors
    async def RemoveListing(self, request: pb.RemoveListingRequest,
                            context: Context) -> pb.RemoveListingResponse:
        listing, caller = await self._own(Listing, request.listing_id)
        triggered = self._day(request.triggered_on, "triggered_on")
        removed = await self._act(caller, listing.case_number, "删除失信信息",
                                  lambda: self.app.remove_listing(listing.id, request.reason,
                                                                  triggered))
        return pb.RemoveListingResponse(listing=await self._listing(removed))

    @maps_errors
    async def AdvanceCorrection(self, request: pb.AdvanceCorrectionRequest,
                                context: Context) -> pb.AdvanceCorrectionResponse:
        listing, caller = await self._own(Listing, request.listing_id)
        on = self._day(request.on, "on")
        after = await self._act(caller, listing.case_number,
                                f"失信纠正 {request.step}",
                                lambda: self.app.advance_correction(
                                    listing.id, request.step, request.upheld, on,
                                    remove=request.remove))
        return pb.AdvanceCorrectionResponse(listing=await self._listing(after))

    # --- restrictions -------------------------------------------------------------

    @maps_errors
    async def OrderRestriction(self, request: pb.OrderRestrictionRequest,
                               context: Context) -> pb.OrderRestrictionResponse:
        case, caller = await self._case(request.case_ref)
        issued_on = self._day(request.issued_on, "issued_on")
        order = _required(request.order_number, "order_number", "R12")
        restriction = await self._act(
            caller, case.case_number, "限制消费令",
            lambda: self.app.order_restriction(
                case, canonical_identity(request.debtor_identity_number), order, issued_on,
                [_person(p) for p in request.persons]))
        return pb.OrderRestrictionResponse(restriction=_restriction(restriction))

    @maps_errors
    async def LiftRestriction(self, request: pb.LiftRestrictionRequest,
                              context: Context) -> pb.LiftRestrictionResponse:
        restriction, caller = await self._own(ConsumptionRestriction,
                                              request.restriction_id)
        lifted_on = self._day(request.lifted_on, "lifted_on")
        after = await self._act(caller, restriction.case_number, "解除限消",
                                lambda: self.app.lift_restriction(
                                    restriction.id, request.ground, request.reference,
                                    lifted_on))
        return pb.LiftRestrictionResponse(restriction=_restriction(after))

    @maps_errors
    async def ReleasePerson(self, request: pb.ReleasePersonRequest,
                            context: Context) -> pb.ReleasePersonResponse:
        restriction, caller = await self._own(ConsumptionRestriction,
                                              request.restriction_id)
        on = self._day(request.released_on, "released_on")
        after = await self._act(caller, restriction.case_number, "解除四类人员限消",
                                lambda: self.app.release_person(
                                    restriction.id, canonical_identity(request.identity_number),
                                    request.evidence, on))
        return pb.ReleasePersonResponse(restriction=_restriction(after))

    # --- reads --------------------------------------------------------------------

    @maps_errors
    async def ListCandidates(self, request: pb.ListCandidatesRequest,
                             context: Context) -> pb.ListCandidatesResponse:
        caller = await self._authorize()
        court = caller.court if caller else ""
        found = await asyncio.to_thread(self.cases.candidates, court)
        await self._audit(caller, court, f"失信候选 {len(found)} 条")
        return pb.ListCandidatesResponse(candidates=[pb.Candidate(
            case_id=c.case_id, case_number=c.case_number,
            debtor=mask_id_number(c.identity_number), ground=c.ground, because=c.because,
            on=c.seen_on) for c in found])

    @maps_errors
    async def GetDebtorRecord(self, request: pb.GetDebtorRecordRequest,
                              context: Context) -> pb.GetDebtorRecordResponse:
        caller = await self._authorize()
        identity = canonical_identity(request.identity_number)
        PartyIdentity.parse(identity, "identity_number")  # a name or a typo: INVALID_ARGUMENT
        court = caller.court if caller else ""
        record = await asyncio.to_thread(self.app.get_or_none, DebtorRecord.create_id(identity))
        listings = [await asyncio.to_thread(self.app.repository.get, UUID(ref))
                    for ref in (record.refs(LISTING, court) if record else [])]
        restrictions = [await asyncio.to_thread(self.app.repository.get, UUID(ref))
                        for ref in (record.refs(RESTRICTION, court) if record else [])]
        # R46: the partners' reports are for the courts that listed or restricted the debtor.
        ours = bool(listings or restrictions)
        actions = await asyncio.to_thread(self.desk.actions, identity) if ours else []
        good_faith = [g["case_number"] for g in (record.good_faith if record else [])
                      if g["court_code"] == court]
        await self._audit(caller, mask_id_number(identity), "信用记录")
        state = record.state if record else None
        return pb.GetDebtorRecordResponse(
            state=state_message(state), listings=[await self._listing(x) for x in listings],
            restrictions=[_restriction(x) for x in restrictions],
            actions=[pb.PartnerAction(partner=a.partner, action=a.action, conduct=a.conduct,
                                      occurred_at=a.occurred_at, detail=a.detail)
                     for a in actions],
            good_faith_cases=good_faith)

    # --- helpers ------------------------------------------------------------------

    async def _listing(self, listing: Listing) -> pb.Listing:
        return _listing(listing, await asyncio.to_thread(self.app.correction_of, listing))

    async def _case(self, ref: str) -> tuple[CaseFacts, Identity | None]:
        """The case a decision is about, once the caller is of its court (R46); another
        court's case is answered as an unknown one."""
        def find() -> CaseFacts:
            found = self.cases.find(ref.strip())
            if found is None:
                raise _case_missing()
            return found

        case = await self._found(find)
        caller = await self._authorize_visible(case.court_code, case.case_number,
                                               _case_missing)
        return case, caller

    async def _own(self, kind: type[T], ref: str) -> tuple[Any, Identity | None]:
        """The listing or restriction, once the caller is of its court (R46); another
        court's is answered as an unknown one."""
        def missing() -> NotFound:
            return NotFound(f"no such {kind.__name__}", field="id")

        key = _uuid(ref)

        def find() -> Any:
            found = self.app.get_or_none(key)
            if not isinstance(found, kind):
                raise missing()
            return found

        found = await self._found(find)
        caller = await self._authorize_visible(found.court_code, found.case_number, missing)
        return found, caller

    def _day(self, text: str, field: str) -> date:
        if not text:
            return self.app.today()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInput("a date is YYYY-MM-DD", field=field) from None


def _case_missing() -> NotFound:
    return NotFound("no case with that id or 案号 has reached the credit service",
                    field="case_ref")


def _uuid(ref: str) -> UUID:
    try:
        return UUID(ref.strip())
    except ValueError:
        raise NotFound("not an id", field="id") from None


def _required(value: str, field: str, rule: str) -> str:
    if not value.strip():
        raise InvalidInput(f"{field} is required", rule=rule, field=field)
    return value.strip()


def _person(p: pb.Person) -> dict[str, str]:
    return {"role": p.role, "name": p.name, "identity_number": canonical_identity(p.identity_number)}


def _listing(x: Listing, correction_steps: Correction | None = None) -> pb.Listing:
    correction = correction_steps.shown() if correction_steps else ""
    return pb.Listing(
        listing_id=str(x.id), case_number=x.case_number,
        debtor=mask_id_number(x.debtor_identity_number), grounds=x.grounds,
        decided_on=x.decided_on, publish_on=x.publish_on, published=bool(x.published_on),
        expires_on=x.expires_on, remove_by=x.remove_by, removed_on=x.removed_on,
        removal_reason=x.removal_reason or 0, correction=correction,
        remove_by_provisional=x.remove_by_provisional)


def _restriction(x: ConsumptionRestriction) -> pb.Restriction:
    return pb.Restriction(
        restriction_id=str(x.id), case_number=x.case_number,
        debtor=mask_id_number(x.debtor_identity_number), basis=x.basis, issued_on=x.issued_on,
        lifted_on=x.lifted_on, lift_ground=x.lift_ground,
        persons=[pb.Person(role=p["role"], name=p["name"],
                           identity_number=mask_id_number(p["identity_number"]))
                 for p in x.persons])
