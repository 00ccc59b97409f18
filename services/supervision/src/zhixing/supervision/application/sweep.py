"""The duty nobody asks for: find the procuratorial matters past their reply's last day
(R34), the suggestions past their handling's (R37) and the re-queries after 终本 not done
in time (R18), and raise each one's alert once; count a provisional reply day again once
its year's holiday schedule is loaded (R64). Matters and suggestions are followed
from the application's own log; the re-queries come from the lookup (the KPI read
model, which sees the cases and assets events)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEvent

from zhixing.eventstore.watch import LogWatch, watch_of
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.application.alerts import Breach, raise_in
from zhixing.supervision.application.base import RequeryDue, SupervisionStore, Unit, case_key
from zhixing.supervision.application.matters import overdue_subject
from zhixing.supervision.domain.deadlines import reply_by, suggestion_handle_by
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.suggestion import JudicialSuggestion
from zhixing.supervision.domain.values import AlertKind, MatterStatus, SuggestionStatus

log = logging.getLogger(__name__)
SWEPT = "supervision.sweep"
"""The source of an alert the sweep raised (no event of another service did)."""


def events_of(aggregate: type) -> list[type]:
    """Every event class of an aggregate (what a watch reads from the log)."""
    return [v for v in vars(aggregate).values()
            if isinstance(v, type) and issubclass(v, DomainEvent)]


def _awaiting_reply(found: Any) -> date | None:
    """A matter's reply day while it awaits a reply not yet found overdue (else None:
    stop watching it)."""
    if not isinstance(found, ProcuratorialMatter) or found.replied_on or found.overdue:
        return None
    return found.reply_by.date


def _provisional(found: Any) -> bool | None:
    """Whether a matter awaits its reply, or a suggestion its handling, by a day counted
    provisionally (None: stop watching it)."""
    if isinstance(found, ProcuratorialMatter) and found.status is MatterStatus.AWAITING:
        return True if found.reply_by.provisional else None
    if isinstance(found, JudicialSuggestion) and found.status is SuggestionStatus.SENT:
        return True if found.handle_by.provisional else None
    return None


def _awaiting_handling(found: Any) -> date | None:
    """A suggestion's handling day while not handled nor found overdue (else None)."""
    if not isinstance(found, JudicialSuggestion) or found.handled_on or found.overdue:
        return None
    return found.handle_by.date


class SweepCommands(SupervisionStore):
    def sweep(self) -> int:
        """Mark every matter and suggestion whose last day has passed overdue (the day
        after, R62) and raise its alert; raise an alert for every re-query due (R18).
        Each is raised once; returns how many were raised now."""
        today = self.today()
        matters: LogWatch[date] = watch_of(self, "_matter_watch", lambda: LogWatch(
            self, events_of(ProcuratorialMatter), _awaiting_reply))
        suggestions: LogWatch[date] = watch_of(self, "_suggestion_watch", lambda: LogWatch(
            self, events_of(JudicialSuggestion), _awaiting_handling))
        raised = 0
        for watch, mark in ((matters, self._matter_overdue),
                            (suggestions, self._suggestion_overdue)):
            for found_id in watch.select(lambda last_day: last_day < today):
                raised += mark(found_id, today)
                watch.refresh(found_id)
        return raised + sum(self._requery_missing(due, today)
                            for due in self.requeries.requeries_due(today))

    def _requery_missing(self, due: RequeryDue, today: date) -> int:
        """R18's alert of one re-query due; one the lookup tells incompletely (a case
        whose filing it never saw has no court) is refused, logged by case id and left,
        so the cases after it are still raised (the refusal names the field, no data)."""
        try:
            return self._raise_requery(due, today)
        except InvalidInput as refused:
            log.warning("R18 re-query alert of case %s not raised: %s", due.case_id, refused)
            return 0

    def recount_provisional(self) -> int:
        """A holiday schedule was loaded (R64): count again the last days counted
        provisionally (暂定) of the matters awaiting a reply and of the suggestions awaiting
        their handling — they move to the official calendar and become final. Returns how
        many changed."""
        watch: LogWatch[bool] = watch_of(self, "_provisional_watch", lambda: LogWatch(
            self, [*events_of(ProcuratorialMatter), *events_of(JudicialSuggestion)],
            _provisional))
        changed = 0
        for found_id in watch.select(bool):
            changed += self._count_again(found_id)
            watch.refresh(found_id)
        return changed

    def _count_again(self, found_id: UUID) -> bool:
        def command(unit: Unit) -> bool:
            found = unit.get(found_id)
            if isinstance(found, ProcuratorialMatter):
                return found.count_again(reply_by(self.calendar, found.kind, found.received_on,
                                                  found.extended))
            # Only a day counted by default is provisional (a named day is kept as named).
            return bool(found.count_again(suggestion_handle_by(self.calendar, found.sent_on)))

        return self.act(command, lock=[found_id])

    def _matter_overdue(self, matter_id: UUID, today: date) -> int:
        def command(unit: Unit) -> int:
            matter = unit.matter(matter_id)
            # Replied or reported meanwhile (another process): nothing is left.
            if not matter.is_past_due(today) or not matter.mark_overdue(today):
                return 0
            return raise_in(unit, Breach(
                AlertKind.PROCURATORIAL_OVERDUE, matter.court_code, matter.case_id,
                matter.case_number, overdue_subject(matter, extended=matter.extended),
                "president", "", matter.reply_by.date,
                SWEPT), today) is not None

        return self.act(command, lock=_locks(matter_id, _case_of(self.get_or_none(matter_id))))

    def _suggestion_overdue(self, suggestion_id: UUID, today: date) -> int:
        def command(unit: Unit) -> int:
            suggestion = unit.suggestion(suggestion_id)
            if not suggestion.is_past_due(today) or not suggestion.mark_overdue(today):
                return 0
            return raise_in(unit, Breach(
                AlertKind.SUGGESTION_OVERDUE, suggestion.court_code, suggestion.case_id, "",
                str(suggestion.id), "president", "", suggestion.handle_by.date,
                SWEPT), today) is not None

        return self.act(command,
                        lock=_locks(suggestion_id, _case_of(self.get_or_none(suggestion_id))))

    def _raise_requery(self, due: RequeryDue, today: date) -> int:
        breach = Breach(AlertKind.REQUERY_MISSING, due.court_code, due.case_id,
                        due.case_number, f"requery:{due.due_on.isoformat()}", "officer", "",
                        due.due_on, SWEPT)
        return self.act(lambda unit: raise_in(unit, breach, today),
                        lock=_locks(breach.alert_id, due.case_id)) is not None


def _locks(aggregate_id: UUID, case_id: str) -> list[UUID | str]:
    return [aggregate_id, case_key(case_id)] if case_id else [aggregate_id]


def _case_of(found: Any) -> str:
    """The case an aggregate names ("" when none): what its alert's command queues on."""
    return str(getattr(found, "case_id", "") or "")
