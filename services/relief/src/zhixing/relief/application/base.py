"""What every command of the relief application shares: loading and saving together, the
clock, the calendar and the enforcement-case facts it checks against (R29, R30)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol, TypeVar
from uuid import UUID

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.relief.domain.claim import CaseClaim
from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.docket import ReliefDocket
from zhixing.relief.domain.errors import InvalidRelief, ReliefNotFound
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.domain.fund import Fund
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.wage import WageEntry

T = TypeVar("T")


class CaseFactsLookup(Protocol):
    """What the relief service knows of an enforcement case (`projections.case_facts`
    implements it from the cases and assets events; tests pass a plain class)."""

    def get(self, case_id: str) -> CaseFacts | None: ...


class Unit(Work):
    """The aggregates one relief command loads and changes, saved together in one
    transaction: a relief case with its claimant, its docket serial and its fund's
    reservation, so two racing approvals never both spend the last of a fund (R32)."""

    def fund(self, court_code: str, year: int) -> Fund:
        """The court's fund of that year, opened empty if nothing was credited yet."""
        found = self.find(Fund.create_id(court_code, year))
        return found or self.add(Fund(court_code=court_code, year=year))

    def claimant(self, case_id: str, party_index: int) -> Claimant:
        """The party of the enforcement case as an applicant for relief (R29, R31)."""
        found = self.find(Claimant.create_id(case_id, party_index))
        return found or self.add(Claimant(case_id=case_id, party_index=party_index))

    def claim(self, case_id: str) -> CaseClaim:
        """The enforcement case's claim as relief stands against it (R30, R32): saved
        with every approval on the case, whatever its fund year."""
        found = self.find(CaseClaim.create_id(case_id))
        return found or self.add(CaseClaim(case_id=case_id))

    def docket(self, court_code: str, year: int) -> ReliefDocket:
        """The court's 司救执 serials of that year (R38)."""
        found = self.find(ReliefDocket.create_id(court_code, year))
        return found or self.add(ReliefDocket(court_code=court_code, year=year))

    def wage(self, province: str, year: int) -> WageEntry | None:
        """The province's average monthly wage of that year, or None (never invented, R30)."""
        return self.find(WageEntry.create_id(province, year))  # type: ignore[no-any-return]

    def relief_case(self, application_id: str | UUID) -> ReliefCase:
        """The application with that id; NotFound when there is none."""
        found = self.find(application_uuid(application_id))
        if not isinstance(found, ReliefCase):
            raise application_missing()
        return found


class ReliefStore(ServiceApplication):
    """Loading and saving through the one command unit (`self.unit`), with the clock,
    the calendar and the case facts every command of the relief application reads."""

    clock: Clock
    calendar: WorkingCalendar
    facts: CaseFactsLookup
    work_type = Unit

    def today(self) -> date:
        return self.clock.today()

    def not_after_today(self, day: date, field: str) -> date:
        """R31: a step is recorded when it was taken — a decision or a payment dated after
        the service's today is refused (its deadline would be met by a promise)."""
        today = self.today()
        if day > today:
            raise InvalidRelief(f"must not be after today ({today.isoformat()}): a step of "
                                "the procedure is recorded once it was taken", rule="R31",
                                field=field)
        return day

    def act(self, command: Callable[[Unit], T], lock: Iterable[UUID | str] = ()) -> T:
        """Run `command` on fresh aggregates and save all it changed in one transaction;
        again from fresh state if another process saved first (its checks run again)."""
        return self.unit.run(command, lock=lock)

    def relief_case(self, application_id: str | UUID) -> ReliefCase:
        """The relief case of an application (its hardship facts are read through
        `hardship_of`, audited by the caller, R46)."""
        found = self.get_or_none(application_uuid(application_id))
        if not isinstance(found, ReliefCase):
            raise application_missing()
        return found


def claim_key(case_id: str) -> str:
    """What approvals and repayments on one enforcement case queue on within a process
    (other processes conflict on the `CaseClaim` saved with them, R30)."""
    return f"claim/{case_id}"


def fund_key(court_code: str, year: int) -> str:
    """What commands on one fund queue on within a process (only other processes then
    conflict, and the unit's retry re-checks the balance)."""
    return f"fund/{court_code}/{year}"


def application_uuid(application_id: str | UUID) -> UUID:
    """The id an application is stored under (`apply` returns it). Text that is no UUID
    names none."""
    if isinstance(application_id, UUID):
        return application_id
    try:
        return UUID(application_id)
    except ValueError:
        raise application_missing() from None


def application_missing() -> ReliefNotFound:
    """The answer for an id that names no application (or none the caller may know of)."""
    return ReliefNotFound("no relief application with that id", field="application_id")


def funds_of(case: ReliefCase) -> list[str]:
    """The fund key of a decided relief case (none before a decision)."""
    return [fund_key(case.court_code, case.fund_year)] if case.fund_year else []
