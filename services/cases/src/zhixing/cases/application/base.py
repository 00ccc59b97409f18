"""What every command of the cases application shares: loading, saving, today, deadlines."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.nodes import NodeClock
from zhixing.eventstore.application import ServiceApplication, retry_on_conflict
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.kernel.policy import PolicyTable

T = TypeVar("T")


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


class CaseStore(ServiceApplication):
    """Loading and saving cases and their accounts, with the node clock of their court."""

    clock: Clock
    _stripes = tuple(threading.Lock() for _ in range(64))
    """Commands on one case queue here within a process, so only commands from other
    processes can conflict (then the optimistic-concurrency retry takes over)."""

    def case_lock(self, case_id: UUID) -> threading.Lock:
        return self._stripes[case_id.int % len(self._stripes)]

    def today(self) -> date:
        return self.clock.today()

    def policy_for(self, court_code: str) -> PolicyTable:
        """Province overrides apply (渝 courts use chongqing.toml, R27 'stricter locally')."""
        return _policy(court_code[:1])

    def node_clock(self, court_code: str) -> NodeClock:
        return NodeClock(self.policy_for(court_code), WorkingCalendar.default())

    def get_case(self, case_id: UUID) -> EnforcementCase:
        case = self._get_or_none(case_id)
        if not isinstance(case, EnforcementCase):
            raise CaseNotFound("no enforcement case with that id", field="case_id")
        return case

    @staticmethod
    def account_id(case_id: UUID) -> UUID:
        return CaseAccount.create_id(str(case_id))

    def account_of(self, case: EnforcementCase) -> CaseAccount:
        """The case's account (一案一账号), opened empty if no money moved yet (R28)."""
        account = self._get_or_none(CaseAccount.create_id(str(case.id)))
        if account is None:
            applicants = len(case.applicants)
            account = CaseAccount(str(case.id), case.case_number, case.court_code,
                                  case.claim, applicants)
        return account  # type: ignore[no-any-return]

    def update_case(self, case_id: UUID, act: Callable[[EnforcementCase], T]) -> EnforcementCase:
        """Load, act, save — again on fresh state if another process saved first."""

        @retry_on_conflict()
        def attempt() -> EnforcementCase:
            case = self.get_case(case_id)
            act(case)
            self.save(case)
            return case

        with self.case_lock(case_id):
            return attempt()

    def end_case(self, case_id: UUID,
                 act: Callable[[EnforcementCase, CaseAccount], list[Any] | None]
                 ) -> EnforcementCase:
        """An act that ends the case here (结案, 终本 resumed, 委托): the case, its closed
        account and whatever `act` returns are saved in one transaction (R28)."""

        @retry_on_conflict()
        def attempt() -> EnforcementCase:
            case = self.get_case(case_id)
            account = self.account_of(case)
            also = act(case, account) or []
            if not account.closed_on:
                account.close(self.today().isoformat())
            self.save(case, account, *also)
            return case

        with self.case_lock(case_id):
            return attempt()

    def _get_or_none(self, aggregate_id: UUID) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
