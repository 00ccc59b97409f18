"""R9's deadlines counted from the steps a correction request took (R62–R64).

Each open deadline is counted from the step that started it, so it can be counted again
when the holiday schedule of its year is loaded: until then a working-day count (or a
last day moved off a rest day) in a year with no official schedule is provisional.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.periods import period_end


class Correction(Protocol):
    """The steps of a request that start and meet its deadlines (`correction.Correction`)."""

    @property
    def requested_on(self) -> str: ...
    @property
    def decide_by(self) -> str: ...
    @property
    def decided_on(self) -> str | None: ...
    @property
    def fix_by(self) -> str | None: ...
    @property
    def reconsider_apply_by(self) -> str | None: ...
    @property
    def reconsider_applied_on(self) -> str | None: ...
    @property
    def reconsider_decide_by(self) -> str | None: ...
    @property
    def reconsidered_on(self) -> str | None: ...
    @property
    def reconsider_upheld(self) -> bool | None: ...
    @property
    def corrected_on(self) -> str | None: ...


class CorrectionTerms(Protocol):
    """R9's numbers (`correction.CorrectionTerms`)."""

    @property
    def decision_days(self) -> int: ...
    @property
    def fix_working_days(self) -> int: ...
    @property
    def reconsideration_apply_days(self) -> int: ...
    @property
    def reconsideration_decision_days(self) -> int: ...


Counted = dict[str, Deadline]
"""Deadline name (`decide_by`, `fix_by`, ...) → its last day as counted now."""


def count_open(steps: Correction, terms: CorrectionTerms,
               calendar: WorkingCalendar) -> Counted:
    """Every deadline of `steps` not yet met, counted with `calendar` as it is now."""
    counted: Counted = {}
    for name, (start, count) in _starts(steps, terms).items():
        if getattr(steps, name) and start and not _met(steps, name):
            counted[name] = count(date.fromisoformat(start), calendar)
    return counted


def _starts(steps: Correction, terms: CorrectionTerms) -> dict[str, tuple[
        str | None, Callable[[date, WorkingCalendar], Deadline]]]:
    fixed_from = steps.reconsidered_on if steps.reconsider_upheld else steps.decided_on
    return {
        "decide_by": (steps.requested_on, _days(terms.decision_days)),
        "fix_by": (fixed_from, _working_days(terms.fix_working_days)),
        "reconsider_apply_by": (steps.decided_on, _days(terms.reconsideration_apply_days)),
        "reconsider_decide_by": (steps.reconsider_applied_on,
                                 _days(terms.reconsideration_decision_days)),
    }


def _met(steps: Correction, name: str) -> bool:
    done = {"decide_by": steps.decided_on, "fix_by": steps.corrected_on,
            "reconsider_apply_by": steps.reconsider_applied_on,
            "reconsider_decide_by": steps.reconsidered_on}[name]
    return bool(done)


def _days(days: int) -> Callable[[date, WorkingCalendar], Deadline]:
    return lambda on, calendar: period_end(on, days=days, calendar=calendar)


def _working_days(days: int) -> Callable[[date, WorkingCalendar], Deadline]:
    return lambda on, calendar: period_end(on, working_days=days, calendar=calendar)
