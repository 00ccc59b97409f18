"""What every command of the cases application shares: loading, saving, today, deadlines."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.nodes import NodeClock
from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.kernel.policy import PolicyTable

T = TypeVar("T")


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


class CaseStore(ServiceApplication):
    """Loading and saving cases and their accounts, with the node clock of their court.

    Commands run through the one command unit (`self.unit`): commands on one case queue
    on its stripe within a process, and a conflict with another process is retried."""

    clock: Clock
    calendar: WorkingCalendar

    def today(self) -> date:
        return self.clock.today()

    def policy_for(self, court_code: str) -> PolicyTable:
        """Province overrides apply (渝 courts use chongqing.toml, R27 'stricter locally')."""
        return _policy(court_code[:1])

    def node_clock(self, court_code: str) -> NodeClock:
        return NodeClock(self.policy_for(court_code), self.calendar)

    def recount_provisional(self, case_ids: Iterable[str]) -> int:
        """Count the provisional deadlines of these cases again with the calendar as it
        is now (a holiday schedule was loaded, R64); returns how many cases changed."""
        changed = 0
        for case_id in case_ids:
            try:
                changed += self._recount(UUID(case_id))
            except CaseNotFound:
                continue  # another deployment's case on a shared index
        return changed

    def _recount(self, case_id: UUID) -> bool:
        """The case's node limits and its account's R28 deadlines, in one transaction."""
        today = self.today().isoformat()

        def command(work: Work) -> bool:
            case = case_in(work, case_id)
            clock = self.node_clock(case.court_code)
            nodes, account = clock.recount(case), self.account_of(case, work)
            receipts = clock.recount_receipts(account)
            if nodes:
                case.count_deadlines(nodes, today)
            if receipts:
                work.add(account).count_disbursements(receipts, today)
            return bool(nodes or receipts)

        return self.unit.run(command, lock=[case_id])

    def get_case(self, case_id: UUID) -> EnforcementCase:
        return _as_case(self.get_or_none(case_id))

    @staticmethod
    def account_id(case_id: UUID) -> UUID:
        return CaseAccount.create_id(str(case_id))

    def account_of(self, case: EnforcementCase, work: Work | None = None) -> CaseAccount:
        """The case's account (一案一账号), opened empty if no money moved yet (R28);
        in `work` when given (not added to it: a command adds it when it changes it)."""
        account_id = self.account_id(case.id)
        account = work.find(account_id) if work else self.get_or_none(account_id)
        if account is None:
            applicants = len(case.applicants)
            account = CaseAccount(str(case.id), case.case_number, case.court_code,
                                  case.claim, applicants)
        return account  # type: ignore[no-any-return]

    def update_case(self, case_id: UUID, act: Callable[[EnforcementCase], T]) -> EnforcementCase:
        """Load, act, save — again on fresh state if another process saved first."""

        def command(work: Work) -> EnforcementCase:
            case = case_in(work, case_id)
            act(case)
            return case

        return self.unit.run(command, lock=[case_id])

    def end_case(self, case_id: UUID,
                 act: Callable[[EnforcementCase, CaseAccount], list[Any] | None],
                 lock: Iterable[UUID | str] = ()) -> EnforcementCase:
        """An act that ends the case here (结案, 终本 resumed, 委托): the case, its closed
        account and whatever `act` returns are saved in one transaction (R28)."""

        def command(work: Work) -> EnforcementCase:
            case = case_in(work, case_id)
            account = work.add(self.account_of(case, work))
            for also in act(case, account) or []:
                work.add(also)
            if not account.closed_on:
                account.close(self.today().isoformat())
            return case

        return self.unit.run(command, lock=[case_id, *lock])

    def with_account(self, case_id: UUID, act: Callable[[EnforcementCase, CaseAccount], T]) -> T:
        """Load the case and its account, act on the account, save it if it changed."""

        def command(work: Work) -> T:
            case = case_in(work, case_id)
            return act(case, work.add(self.account_of(case, work)))

        return self.unit.run(command, lock=[case_id])



def provisional(counts: dict[str, Deadline]) -> tuple[str, ...]:
    """The nodes among `counts` counted with no official holiday schedule (R64): marked
    in the act's event, shown as such, counted again when the schedule is loaded."""
    return tuple(sorted(node for node, deadline in counts.items() if deadline.provisional))


def case_in(work: Work, case_id: UUID) -> EnforcementCase:
    """The case with that id, loaded in `work`."""
    return _as_case(work.find(case_id))


def case_uuid(text: str) -> UUID:
    """The case id an integration event names. Text that is no UUID names no case: the
    event is refused like one about an unknown case (and parked by its consumer, named),
    not failed with a bare ValueError (issue 12, consumer fuzz)."""
    try:
        return UUID(text)
    except ValueError:
        raise case_missing() from None


def case_missing() -> CaseNotFound:
    """The answer for a case id that names no case (or none the caller may know of)."""
    return CaseNotFound("no enforcement case with that id", field="case_id")


def _as_case(found: Any) -> EnforcementCase:
    if not isinstance(found, EnforcementCase):
        raise case_missing()
    return found
