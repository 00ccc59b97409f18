"""What every command of the credit application shares: loading, saving together, the
clock, the calendar and each court's policy numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TypeVar

from zhixing.credit.domain.case_file import CaseCreditFile
from zhixing.credit.domain.record import DebtorRecord
from zhixing.credit.domain.terms import ListingTerms
from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.kernel.policy import PolicyTable

T = TypeVar("T")


@cache
def _terms(province: str) -> ListingTerms:
    return ListingTerms.from_policy(PolicyTable.load(province))


class Unit(Work):
    """The aggregates one credit command loads and changes; saved together in one
    transaction, so a listing, its restriction and the list's records never disagree."""

    def record(self, identity_number: str) -> DebtorRecord:
        found = self.find(DebtorRecord.create_id(identity_number))
        return found or self.add(DebtorRecord(identity_number=identity_number))  # type: ignore[no-any-return]

    def case_file(self, case_id: str) -> CaseCreditFile:
        found = self.find(CaseCreditFile.create_id(case_id))
        return found or self.add(CaseCreditFile(case_id=case_id))  # type: ignore[no-any-return]


class CreditStore(ServiceApplication):
    clock: Clock
    calendar: WorkingCalendar
    work_type = Unit
    command_stripes = 1
    """Credit commands are few and short next to the partners' reads: one at a time in a
    process (one stripe), so only other processes can conflict (then the retry takes
    over)."""

    def today(self) -> date:
        return self.clock.today()

    def terms_for(self, court_code: str) -> ListingTerms:
        """The listing numbers of the court's province (渝 courts use chongqing.toml)."""
        return _terms(court_code[:1])

    def act(self, command: Callable[[Unit], T]) -> T:
        """Run `command` on fresh aggregates and save all it changed; again from fresh
        state if another process saved first."""
        return self.unit.run(command, lock=["credit"])  # type: ignore[arg-type]
