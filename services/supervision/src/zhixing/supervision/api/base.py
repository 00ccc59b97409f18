"""What every SupervisionService method shares: the caller's scope over nested court
codes (R39), authorising against it (R46), finding what a call names and the day a
request means — on the runtime's one audited servicer base, which derives the RPC being
served, runs each application call off the event loop and audits it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.clock import Clock
from zhixing.kernel.courts import CourtCode
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.runtime.audited import AuditedServicer
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity, current_identity
from zhixing.supervision.api.policies import POLICIES
from zhixing.supervision.api.translate import parse_day
from zhixing.supervision.domain.values import courts_prefixes
from zhixing.supervision.projections.alert_index import AlertQueries
from zhixing.supervision.projections.board import BoardQueries
from zhixing.supervision.projections.kpi_queries import KpiQueries
from zhixing.supervision.projections.matter_index import MatterQueries
from zhixing.supervision.projections.suggestion_index import SuggestionQueries

T = TypeVar("T")


def within(court: str, scope: str) -> bool:
    """Whether `court` (or a court prefix) is inside the caller's `scope` (R39: a court
    code nests, 川 ⊃ 川01 ⊃ 川0104). A caller without a court has no scope."""
    return bool(scope) and court.startswith(scope)


@dataclass(frozen=True)
class Reads:
    """The read models the servicer answers from (the application's own state aside)."""

    kpis: KpiQueries
    """The figures (R33), the cases behind them and a case's own record."""
    alerts: AlertQueries
    """The alert index (R36): a scope's list, a case's alerts."""
    matters: MatterQueries
    """The procuratorial matters (R34) and the cases they name (what a procurator sees)."""
    suggestions: SuggestionQueries
    """The judicial suggestions (R37)."""
    board: BoardQueries
    """The command centre's court board and the agencies' answering (R41)."""


class ServicerBase(AuditedServicer):
    POLICIES = POLICIES

    def __init__(self, app: Any, audit: AuditLog, reads: Reads, clock: Clock) -> None:
        super().__init__(audit)
        self.app = app
        self.reads = reads
        self.clock = clock

    async def _authorize(self, court: str | None = None, target: str = "", *,
                         team: str | None = None, rpc: str = "") -> Identity | None:
        """The runtime's check, over nested courts: a caller of 川01 acts on 川0104 as
        on its own court (R39); any other court is refused as the runtime refuses it."""
        caller = current_identity()
        if court is not None and caller is not None and within(court, caller.court):
            court = caller.court
        return await super()._authorize(court, target, team=team, rpc=rpc)

    async def _scope(self, court_code: str, region: str = "", *,
                     names_case: str = "") -> tuple[tuple[str, ...], Identity | None]:
        """The court prefixes a call reads or acts in (a court, a region's prefixes, or
        the caller's own court), once the caller's scope holds every one of them and a
        court named is a court code (R39: no register, matter or suggestion is kept for
        a court that does not exist). A call naming a case (`names_case`) in a court
        beyond the caller's is answered as one naming an unknown case: the answer tells
        nothing of another court's cases."""
        caller = current_identity()
        if region.strip():
            prefixes = courts_prefixes(region.strip())
        else:
            prefixes = (court_code.strip() or (caller.court if caller else ""),)
        for prefix in prefixes:
            if names_case.strip():
                caller = await self._visible(prefix, prefix, case_missing)
            else:
                caller = await self._authorize(prefix, prefix)
        if court_code.strip():
            CourtCode.parse(court_code, field="court_code")
        return prefixes, caller

    async def _case_of(self, court: str, case_id: str, case_number: str) -> None:
        """R46, R39: a record, matter or suggestion of `court` names a case of that court
        (or of one nested in it). A case known to be of another court — by its filing,
        or by the court its 案号 carries — is answered exactly as an unknown case, and
        the attempt audited as one. A case whose filing has not reached the figures yet
        is taken as named (an interference is recorded when it happens, R35)."""
        courts: list[str] = []
        if case_id.strip():
            try:
                uuid.UUID(case_id.strip())
            except ValueError:
                raise InvalidInput("case_id is a case's id (a UUID), or empty",
                                   field="case_id") from None
            courts.append(await off_loop(self.reads.kpis.court_of, case_id.strip()))
        if case_number.strip():
            courts.append(_court_in(case_number))
        if any(found and not found.startswith(court) for found in courts):
            await self._record(current_identity(), court, "NotFound [case_id]", "denied")
            raise case_missing()

    async def _visible(self, court: str, target: str,
                       missing: Callable[[], NotFound]) -> Identity | None:
        """A thing of `court`, once the caller is of a court holding it; to a caller of
        another court it is answered exactly as an unknown id (`missing()`)."""
        return await self._authorize_visible(court, target, missing)

    async def _load(self, load: Callable[[], T | None], missing: Callable[[], NotFound]) -> T:
        """What a call names, off the event loop; None or NotFound answered `missing()`
        (audited as a denied attempt, as another court's is)."""
        def found() -> T:
            try:
                value = load()
            except NotFound:
                value = None
            if value is None:
                raise missing()
            return value

        return await self._found(found)

    def _day(self, text: str, field: str) -> date:
        """The day an act of the request happened (today when left empty): never after
        today (`parse_day`)."""
        return parse_day(text, field, self.clock.today(), past=True)


def case_missing() -> NotFound:
    """The answer to a case that is unknown, of another court, or not the caller's to see
    — one answer, so it tells nothing of other courts' cases (R46)."""
    return NotFound("no enforcement case with that id in the caller's courts", field="case_id")


def one_scope(court_code: str, region: str) -> None:
    """A call about figures names a court or a region, not both (R33)."""
    if court_code.strip() and region.strip():
        raise InvalidInput("name a court or a region, not both", rule="R33", field="region")


def _court_in(case_number: str) -> str:
    """The court a 案号 carries (R38); a text that is no 案号 names no case, refused."""
    try:
        return str(CaseNumber.parse(case_number.strip()).court)
    except (InvalidInput, ValueError):
        raise InvalidInput("case_number is a 案号 such as (2026)川0104执1234号, or empty",
                           rule="R38", field="case_number") from None


def by(caller: Identity | None) -> str:
    """The caller's subject, as the records keep who acted."""
    return caller.subject if caller else ""


async def off_loop(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A read off the event loop."""
    return await asyncio.to_thread(call, *args, **kwargs)
