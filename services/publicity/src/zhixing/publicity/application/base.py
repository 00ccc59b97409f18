"""What every command of the publicity application shares: loading and saving together,
the clock and the calendar (R62–R64)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar
from uuid import UUID

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.kernel.errors import NotFound

T = TypeVar("T")


class Unit(Work):
    """The aggregates one publicity command loads and changes, saved in one transaction."""


class PublicityStore(ServiceApplication):
    """Loading and saving through the one command unit (`self.unit`)."""

    clock: Clock
    calendar: WorkingCalendar
    work_type = Unit

    def today(self) -> date:
        return self.clock.today()

    def act(self, command: Callable[[Unit], T], lock: Iterable[UUID | str] = ()) -> T:
        """Run `command` on fresh aggregates and save all it changed in one transaction;
        again from fresh state if another process saved first (its checks run again)."""
        return self.unit.run(command, lock=lock)

    def loaded(self, aggregate_id: UUID | str, kind: type[T], field: str,
               error: type[NotFound] = NotFound) -> T:
        """An aggregate read outside a command; NotFound naming `field` when absent."""
        found = self.get_or_none(uuid_of(aggregate_id, field, error))
        if not isinstance(found, kind):
            raise error(f"nothing with that {field}", field=field)
        return found


def uuid_of(value: UUID | str, field: str, error: type[NotFound] = NotFound) -> UUID:
    """The id a text names; text that is no UUID names nothing (NotFound)."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise error(f"nothing with that {field}", field=field) from None
