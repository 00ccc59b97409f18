"""What every command of the supervision application shares: loading and saving together,
the clock, the calendar (R62–R64), the interference register's chain keys (R35) and the
lookup of the re-queries due after 终本 (R18)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Protocol, TypeVar
from uuid import UUID

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock
from zhixing.kernel.errors import NotFound
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.chain import ChainKeys
from zhixing.supervision.domain.errors import (
    AlertNotFound,
    InvalidSupervision,
    MatterNotFound,
    SuggestionNotFound,
)
from zhixing.supervision.domain.interference import InterferenceRegister
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.suggestion import JudicialSuggestion

T = TypeVar("T")


class RequeryDue(Protocol):
    """A 终本 case whose re-query (R18) was due by `due_on` and not done — what
    `projections.case_kpis.RequeryDue` carries (a frozen dataclass there)."""

    @property
    def case_id(self) -> str: ...
    @property
    def case_number(self) -> str: ...
    @property
    def court_code(self) -> str: ...
    @property
    def due_on(self) -> date: ...


class RequeryLookup(Protocol):
    """Where the sweep finds the re-queries due (the KPI read model implements it from the
    cases and assets events; tests pass a plain class)."""

    def requeries_due(self, today: date) -> Sequence[RequeryDue]: ...


class Unit(Work):
    """The aggregates one supervision command loads and changes, saved together in one
    transaction: an alert with its case's register of open alerts, a matter or a
    suggestion with the alert it closes, a court's interference register."""

    def alert(self, alert_id: UUID | str) -> Alert:
        """The alert with that id; NotFound when there is none."""
        found = self.find(uuid_of(alert_id, "alert_id", AlertNotFound))
        if not isinstance(found, Alert):
            raise missing("alert_id", AlertNotFound)
        return found

    def case_alerts(self, case_id: str) -> CaseAlerts:
        """The open alerts of an enforcement case, started empty on its first alert."""
        found = self.find(CaseAlerts.create_id(case_id))
        return found or self.add(CaseAlerts(case_id=case_id))

    def matter(self, matter_id: UUID | str) -> ProcuratorialMatter:
        """The procuratorial matter with that id; NotFound when there is none."""
        found = self.find(uuid_of(matter_id, "matter_id", MatterNotFound))
        if not isinstance(found, ProcuratorialMatter):
            raise missing("matter_id", MatterNotFound)
        return found

    def register(self, court_code: str) -> InterferenceRegister:
        """The court's interference register (R35), opened empty before its first record."""
        found = self.find(InterferenceRegister.create_id(court_code))
        return found or self.add(InterferenceRegister(court_code=court_code))

    def suggestion(self, suggestion_id: UUID | str) -> JudicialSuggestion:
        """The judicial suggestion with that id; NotFound when there is none."""
        found = self.find(uuid_of(suggestion_id, "suggestion_id", SuggestionNotFound))
        if not isinstance(found, JudicialSuggestion):
            raise missing("suggestion_id", SuggestionNotFound)
        return found


class SupervisionStore(ServiceApplication):
    """Loading and saving through the one command unit (`self.unit`), with what every
    command of the supervision application reads."""

    clock: Clock
    calendar: WorkingCalendar
    chain_keys: ChainKeys
    requeries: RequeryLookup
    work_type = Unit

    def today(self) -> date:
        return self.clock.today()

    def not_after_today(self, day: date | None, field: str, rule: str) -> None:
        """A day an act was done on (received, replied, sent, handled…) is not after
        today: a receipt dated ahead would push its reply's last day out of reach (R34)."""
        if isinstance(day, date) and not hasattr(day, "hour") and day > self.today():
            raise InvalidSupervision(f"must not be after today ({self.today()})", rule=rule,
                                     field=field)

    def act(self, command: Callable[[Unit], T], lock: Iterable[UUID | str] = ()) -> T:
        """Run `command` on fresh aggregates and save all it changed in one transaction;
        again from fresh state if another process saved first (its checks run again)."""
        return self.unit.run(command, lock=lock)

    def loaded(self, aggregate_id: UUID | str, kind: type[T], field: str,
               error: type[NotFound]) -> T:
        """An aggregate read outside a command; NotFound naming `field` when absent."""
        found = self.get_or_none(uuid_of(aggregate_id, field, error))
        if not isinstance(found, kind):
            raise missing(field, error)
        return found


def uuid_of(value: UUID | str, field: str, error: type[NotFound]) -> UUID:
    """The id a text names; text that is no UUID names nothing (NotFound)."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise missing(field, error) from None


def text(value: object) -> object:
    """Free text as the domain keeps it (stripped), to tell a re-sent request from
    another one; anything else as it is (the domain refuses it naming the field)."""
    return value.strip() if isinstance(value, str) else value


def key_of(value: object) -> str:
    """An idempotency key as given (stripped); "" when none was given."""
    return value.strip() if isinstance(value, str) else ""


def missing(field: str, error: type[NotFound]) -> NotFound:
    """The answer for an id that names nothing (or nothing the caller may know of)."""
    return error(f"nothing with that {field}", field=field)


def case_key(case_id: str) -> str:
    """What commands on one case's alerts queue on within a process."""
    return f"case-alerts/{case_id}"
