"""What the control-measure commands share: loading and saving together, the court's
term rules and cap, and the watch over running terms the sweep reads.

A command loads each aggregate it touches once (`Work`), acts, and saves them all in
one `save()` — again on fresh state if another process saved first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from zhixing.assets.application.base import AssetsStore
from zhixing.assets.application.inquiries import CaseRef
from zhixing.assets.domain.control import EFFECTIVE, ControlMeasure
from zhixing.assets.domain.control_terms import CLASSES, TermRules
from zhixing.assets.domain.errors import InvalidAssetInput, MeasureNotFound
from zhixing.assets.domain.over_seizure import Cap, CaseControl
from zhixing.assets.domain.queue import AssetQueue
from zhixing.eventstore.application import retry_on_conflict
from zhixing.eventstore.watch import LogWatch, watch_of

T = TypeVar("T")


@dataclass(frozen=True)
class Term:
    """One measure in effect: its court, the term's last day, the term last reminded."""

    court_code: str
    expires_on: str
    reminded_for: str

    def due(self, today: date, reminder_horizon: date) -> bool:
        """Past its last day (to lapse), or close enough to remind and not yet reminded."""
        expires = date.fromisoformat(self.expires_on)
        if expires < today:
            return True
        return self.reminded_for != self.expires_on and expires < reminder_horizon


def _term_of(measure: Any) -> Term | None:
    if isinstance(measure, ControlMeasure) and measure.status == EFFECTIVE:
        return Term(measure.court_code, measure.expires_on, measure.reminded_for)
    return None


def _measure_events() -> list[type]:
    return [cls for cls in vars(ControlMeasure).values()
            if isinstance(cls, type) and issubclass(cls, ControlMeasure.Event)]


class Work:
    """The aggregates one command loads and changes: each loaded once, saved together."""

    def __init__(self, app: ControlStore) -> None:
        self.app = app
        self.loaded: dict[UUID, Any] = {}

    def measure(self, measure_id: UUID) -> ControlMeasure:
        measure = self._load(measure_id)
        if not isinstance(measure, ControlMeasure):
            raise MeasureNotFound("no control measure with that id", field="measure_id")
        return measure

    def queue(self, asset_id: str) -> AssetQueue:
        queue_id = AssetQueue.create_id(asset_id)
        return self._load(queue_id) or self.add(AssetQueue(asset_id))

    def ledger(self, case_id: str) -> CaseControl:
        ledger_id = CaseControl.create_id(case_id)
        return self._load(ledger_id) or self.add(CaseControl(case_id))

    def add(self, aggregate: T) -> T:
        self.loaded[aggregate.id] = aggregate  # type: ignore[attr-defined]
        return aggregate

    def _load(self, aggregate_id: UUID) -> Any:
        if aggregate_id not in self.loaded:
            found = self.app.get_or_none(aggregate_id)
            if found is None:
                return None
            self.loaded[aggregate_id] = found
        return self.loaded[aggregate_id]


class ControlStore(AssetsStore):
    """Transactions, policy and the term watch of the control-measure commands."""

    def terms(self, court_code: str) -> TermRules:
        policy = self.policy_for(court_code)
        return TermRules({c: policy.int(f"control_terms.{c}_months") for c in CLASSES},
                         policy.bool("periods.control_terms_calendar_dates"), self.calendar)

    def cap(self, case: CaseRef) -> Cap:
        return Cap(case.claim_total_fen,
                   self.policy_for(case.court_code).int("over_seizure.tolerance_percent"))

    def _run(self, asset_id: str, case_id: str, act: Callable[[Work], T], *,
             exists: UUID | None = None, also: str = "") -> T:
        """Load, act, save everything changed at once — again on fresh state if another
        process saved first. `exists`: a creation that another call may have won."""

        @retry_on_conflict()
        def attempt() -> T:
            if exists is not None and (won := self.get_or_none(exists)) is not None:
                return won  # type: ignore[no-any-return]
            work = Work(self)
            result = act(work)
            self.save(*work.loaded.values())
            return result

        ids = [AssetQueue.create_id(asset_id), CaseControl.create_id(case_id)]
        with self._locked(ids + ([CaseControl.create_id(also)] if also else [])):
            return attempt()  # type: ignore[no-any-return]

    @contextlib.contextmanager
    def _locked(self, ids: list[UUID]) -> Iterator[None]:
        # Always in stripe order, so two commands taking two locks never deadlock.
        with contextlib.ExitStack() as stack:
            for stripe in sorted({i.int % len(self._stripes) for i in ids}):
                stack.enter_context(self._stripes[stripe])
            yield

    def _watch(self) -> LogWatch[Term]:
        """This process's watch over measures in effect and their terms."""
        return watch_of(self, "_term_watch", lambda: LogWatch(self, _measure_events(), _term_of))


def required(request_id: str) -> str:
    """The caller's idempotency key, trimmed; refused when blank."""
    if not request_id.strip():
        raise InvalidAssetInput("a request id (idempotency key) is required",
                                field="request_id")
    return request_id.strip()


def to_uuid(value: UUID | str) -> UUID:
    """A measure id from the wire; a malformed one names no measure."""
    try:
        return value if isinstance(value, UUID) else UUID(value.strip())
    except ValueError:
        raise MeasureNotFound("no control measure with that id", field="measure_id") from None
