"""What every command of the assets application shares: loading, saving, now, policy."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.domain.inquiry import Deadlines
from zhixing.eventstore.application import ServiceApplication, retry_on_conflict
from zhixing.eventstore.sql import is_transient
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, china_tz
from zhixing.kernel.policy import PolicyTable

T = TypeVar("T")
log = logging.getLogger(__name__)


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


class AssetsStore(ServiceApplication):
    """Loading and saving the assets aggregates, with the policy of each court."""

    clock: Clock
    agencies: AgencyRegistry
    calendar: WorkingCalendar
    _stripes = tuple(threading.Lock() for _ in range(64))
    """Commands on one aggregate queue here within a process, so only commands from
    other processes can conflict (then the optimistic-concurrency retry takes over)."""

    def now(self) -> datetime:
        """Now, in China Standard Time (times on the wire carry the +08:00 offset)."""
        return self.clock.now().astimezone(china_tz())

    def today(self) -> date:
        return self.clock.today()

    def policy_for(self, court_code: str) -> PolicyTable:
        """Province overrides apply (渝 courts use chongqing.toml)."""
        return _policy(court_code[:1])

    def deadlines(self, court_code: str) -> Deadlines:
        policy = self.policy_for(court_code)
        return Deadlines(timedelta(hours=policy.int("network_inquiry.reply_hours")),
                         timedelta(minutes=policy.int("network_inquiry.resend_after_minutes")),
                         policy.int("network_inquiry.max_attempts"))

    def get_or_none(self, aggregate_id: UUID) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def create_once(self, aggregate_id: UUID, make: Callable[[], T]) -> T:
        """The aggregate with that id, made and saved if it does not exist yet. When
        another process saves it first, theirs stands and is returned."""
        with self.lock_for(aggregate_id):
            existing = self.get_or_none(aggregate_id)
            if existing is not None:
                return existing  # type: ignore[no-any-return]
            made = make()
            try:
                self.save(made)
            except IntegrityError:
                return self.repository.get(aggregate_id)  # type: ignore[no-any-return]
            return made

    def each(self, ids: list[UUID], act: Callable[[UUID], int], what: str) -> int:
        """`act` on every id, summed; one that fails is logged (by id) and left to the next
        sweep, so it never holds up the others. A store that is down stops the pass."""
        done = 0
        for aggregate_id in ids:
            try:
                done += act(aggregate_id)
            except Exception as error:
                if is_transient(error):
                    raise
                log.exception("%s failed; the next sweep tries again", what,
                              extra={"aggregate_id": str(aggregate_id)})
        return done

    def lock_for(self, aggregate_id: UUID) -> threading.Lock:
        return self._stripes[aggregate_id.int % len(self._stripes)]

    def update(self, aggregate_id: UUID, load: Callable[[UUID], T],
               act: Callable[[T], Any]) -> T:
        """Load, act, save — again on fresh state if another process saved first."""

        @retry_on_conflict()
        def attempt() -> T:
            aggregate = load(aggregate_id)
            act(aggregate)
            self.save(aggregate)
            return aggregate

        with self.lock_for(aggregate_id):
            return attempt()
