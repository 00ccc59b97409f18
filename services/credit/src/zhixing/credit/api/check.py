"""CreditCheckService: the partners' checks against the list (联合惩戒, R42).

Answers come from the process's `ListView` — an index that follows the decisions — so a
check of an identity not on the list costs no store access. Partners read the list, not
case files (R46): a state says listed / restricted / which conduct / since / how many
cases; a Check of an identity the list holds also names its bases (listed on which
grounds, restricted as the debtor, or bound as an organisation's person under R14), read
from the store — facts the list publishes anyway (R6). BatchCheck answers states alone:
as messages, or packed 8 bytes an identity when the partner asks (issue 19).
Every check is counted per partner and day; no identity is logged (R60).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, TypeAlias

import grpc
import numpy as np

from zhixing.contracts.pb.credit.v1 import check_pb2 as pb
from zhixing.contracts.pb.credit.v1 import check_pb2_grpc
from zhixing.credit.api.policies import CHECK
from zhixing.credit.application.bases import CheckBases
from zhixing.credit.application.list_feed import ListView
from zhixing.credit.application.partners import Action, PartnerDesk
from zhixing.credit.domain.basis import Basis
from zhixing.credit.domain.feedback import check_action, occurred_at
from zhixing.credit.domain.restriction import CONDUCT
from zhixing.credit.index import State, is_valid
from zhixing.credit.partners import PartnerRegistry
from zhixing.kernel.clock import Clock
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import canonical_identity
from zhixing.runtime.audited import AuditedServicer
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext
SERVICE = "zhixing.credit.v1.CreditCheckService"
POLICIES = CHECK
MAX_BATCH = 10_000
_CODES = list(CONDUCT)
_EPOCH = date(1970, 1, 1)
_NOT_LISTED = pb.CreditState()


class CreditCheckServicer(AuditedServicer, check_pb2_grpc.CreditCheckServiceServicer):
    """Registered partners only (R7, R42): a token naming another partner is refused, and
    the refusal audited (R46); checks themselves are counted, not audited."""

    POLICIES = POLICIES

    def __init__(self, view: ListView, desk: PartnerDesk, clock: Clock, *,
                 partners: PartnerRegistry, audit: AuditLog,
                 bases: CheckBases | None = None) -> None:
        super().__init__(audit)
        self.bases = bases
        """Names a Check's bases; None: states alone (a list without its store)."""
        self.partners = partners
        self.view = view
        self.desk = desk
        self.clock = clock
        self.feed = view.feed

    @maps_errors
    async def Check(self, request: pb.CheckRequest, context: Context) -> pb.CheckResponse:
        partner = _partner(await self._authorize())
        await self._ready()
        identity = canonical_identity(request.identity_number)
        self._count(partner, 1)
        if not is_valid(identity):
            return pb.CheckResponse(identity_number=identity, valid=False,
                                    state=_NOT_LISTED)
        state = self.view.get(identity)
        return pb.CheckResponse(identity_number=identity, valid=True, state=_message(state),
                                basis=await self._bases(identity) if state else ())

    @maps_errors
    async def BatchCheck(self, requests: AsyncIterator[pb.BatchCheckRequest],
                         context: Context) -> AsyncIterator[pb.BatchCheckResponse]:
        partner = _partner(await self._authorize())
        await self._ready()
        async for batch in requests:
            identities = batch.identity_numbers
            if len(identities) > MAX_BATCH:
                raise InvalidInput(f"a batch holds at most {MAX_BATCH} identities",
                                   rule="R42", field="identity_numbers")
            self._count(partner, len(identities))
            if batch.answer_form == pb.ANSWER_FORM_PACKED:
                yield pb.BatchCheckResponse(packed_states=self._packed(identities))
            else:
                yield pb.BatchCheckResponse(states=[_message(s)
                                                    for s in self._check_many(identities)])

    def _check_many(self, identities: Sequence[str]) -> list[State | None]:
        """One answer per identity; a malformed one is simply not listed (as in Check)."""
        try:
            return self.view.check_many(identities)
        except InvalidInput:  # the rare batch with a malformed entry: one by one
            cleaned = [canonical_identity(i) for i in identities]
            return [self.view.get(i) if is_valid(i) else None for i in cleaned]

    def _packed(self, identities: Sequence[str]) -> bytes:
        """The packed answer form (check.proto: little-endian uint64 an identity, 0 for
        one not listed, not restricted or malformed): no message per identity."""
        try:
            values = self.view.packed_many(identities)
        except InvalidInput:  # the rare batch with a malformed entry: the valid ones only
            cleaned = [canonical_identity(i) for i in identities]
            valid = [at for at, identity in enumerate(cleaned) if is_valid(identity)]
            values = np.zeros(len(cleaned), np.uint64)
            values[valid] = self.view.packed_many([cleaned[at] for at in valid])
        return values.astype("<u8", copy=False).tobytes()

    @maps_errors
    async def ReportAction(self, request: pb.ReportActionRequest,
                           context: Context) -> pb.ReportActionResponse:
        partner = _partner(await self._authorize())
        identity = canonical_identity(request.identity_number)
        if not is_valid(identity):
            raise InvalidInput("not a resident ID number or unified social credit code",
                               rule="R42", field="identity_number")
        if request.conduct and request.conduct not in CONDUCT:
            raise InvalidInput("conduct is one of the codes of R13", rule="R13",
                               field="conduct")
        action = check_action(request.action.strip())
        when = occurred_at(request.occurred_at, self.clock.now())
        recorded = await asyncio.to_thread(self.desk.report, Action(
            partner, request.report_id.strip(), identity, action, request.conduct,
            when.isoformat(), request.detail))
        return pb.ReportActionResponse(recorded=recorded)

    @maps_errors
    async def Follow(self, request: pb.FollowRequest,
                     context: Context) -> AsyncIterator[pb.FollowResponse]:
        """Every change after `after`, the caught-up mark, then new changes as they come
        (the log is polled: a mirror is seconds behind at most)."""
        await self._authorize()  # a registered partner (R42)
        position = max(request.after, 0)
        head = await asyncio.to_thread(self.feed.head)
        marked = False
        while True:
            changes = await asyncio.to_thread(self.feed.changes, position)
            for change in changes:
                yield pb.FollowResponse(
                    position=change.position, identity_number=change.identity_number,
                    state=state_message(change.state) if change.state else None)
                position = change.position
            if not marked and (not changes or position >= head):
                yield pb.FollowResponse(position=position, caught_up=True)
                marked = True
            if not changes:
                await asyncio.sleep(0.2)  # a poll interval, not synchronisation

    async def _bases(self, identity: str) -> list[pb.CheckBasis]:
        """Why the identity is listed or restricted (store reads, off the event loop)."""
        if self.bases is None:
            return []
        # The list's position first: bases read later are at least as new as it.
        as_of = self.view.position
        return [basis_message(b) for b in await asyncio.to_thread(self.bases.of, identity,
                                                                    as_of)]

    async def _ready(self) -> None:
        """The first lookup loads the list (off the event loop: it may be long)."""
        if not self.view.ready:
            await asyncio.to_thread(self.view.load)

    def _registered(self, member: str) -> bool:
        return member in self.partners

    def _count(self, partner: str, checks: int) -> None:
        self.desk.count(partner, self.clock.today().isoformat(), checks)


def _partner(caller: Identity | None) -> str:
    """The partner id of a caller the policy admitted (a registered partner's)."""
    return caller.agency if caller is not None else ""


def _message(state: State | None) -> pb.CreditState:
    return _NOT_LISTED if state is None else _listed_message(state)


@lru_cache(maxsize=1 << 16)
def _listed_message(state: State) -> pb.CreditState:
    """States repeat (same conduct, day, count): one message each, built once; its
    parts are cached too, for the many states that differ only in day or count."""
    return pb.CreditState(listed=state.listed, restricted=state.restricted,
                          conduct=_conduct(state.codes), since=_day(state.since),
                          cases=state.cases)


@cache
def _conduct(mask: int) -> list[str]:
    """R13 codes of a bitmask (at most 2^15 masks, in practice a handful)."""
    return [code for bit, code in enumerate(_CODES) if mask >> bit & 1]


@lru_cache(maxsize=1 << 16)
def _day(days: int) -> str:
    return (_EPOCH + timedelta(days=days)).isoformat() if days else ""


def state_message(state: dict[str, Any] | None) -> pb.CreditState:
    """A list record's state (`DebtorCreditState`'s fields) as the API says it; None: not
    listed, not restricted."""
    if not state:
        return _NOT_LISTED
    return pb.CreditState(listed=state["listed"], restricted=state["restricted"],
                          conduct=state["conduct"], since=state["since"],
                          cases=len(state["cases"]))


def basis_message(basis: Basis) -> pb.CheckBasis:
    """A basis as the API says it (D5): R1 grounds as their numbers "1".."6"."""
    return pb.CheckBasis(kind=basis.kind, grounds=[str(g) for g in basis.grounds],
                         case_number=basis.case_number, court_code=basis.court_code,
                         organisation_name=basis.organisation_name,
                         organisation_code=basis.organisation_code, role=basis.role,
                         conduct=basis.conduct, since=basis.since)
