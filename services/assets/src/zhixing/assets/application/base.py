"""What every command of the assets application shares: loading, saving, now, policy."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.domain.inquiry import Deadlines
from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.sql import is_transient
from zhixing.eventstore.unit import Work
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

    def create_once(self, aggregate_id: UUID, make: Callable[[], T],
                    same: Callable[[T], object] | None = None) -> T:
        """The aggregate with that id, made and saved if it does not exist yet. When
        another process saves it first, theirs stands and is returned. `same`: checks
        that an existing one is what `make` would have made (a reused idempotency key
        for something else is refused there)."""

        def create(work: Work) -> T:
            existing = work.find(aggregate_id)
            if existing is None:
                return work.add(make())
            if same is not None:
                same(existing)
            return existing  # type: ignore[no-any-return]

        return self.unit.run(create, lock=[aggregate_id])

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

    def update(self, aggregate_id: UUID, as_kind: Callable[[Any], T],
               act: Callable[[T], Any]) -> T:
        """Load, act, save — again on fresh state if another process saved first.
        `as_kind`: the loaded aggregate (None when unknown) as the type `act` expects."""

        def command(work: Work) -> T:
            aggregate = as_kind(work.find(aggregate_id))
            act(aggregate)
            return aggregate

        return self.unit.run(command, lock=[aggregate_id])
