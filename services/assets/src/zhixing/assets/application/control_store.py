"""What the control-measure commands share: loading and saving together, the court's
term rules and cap, and the watch over running terms the sweep reads.

A command loads each aggregate it touches once (`ControlWork`), acts, and the one command
unit saves them all in one `save()` — again on fresh state if another process saved first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from zhixing.assets.application.base import AssetsStore
from zhixing.assets.application.inquiries import CaseRef
from zhixing.assets.domain.control import EFFECTIVE, ControlMeasure
from zhixing.assets.domain.control_terms import CLASSES, MeasureOrder, TermRules
from zhixing.assets.domain.errors import InvalidAssetInput, MeasureNotFound
from zhixing.assets.domain.over_seizure import Cap, CaseControl
from zhixing.assets.domain.queue import AssetQueue
from zhixing.eventstore.unit import Work, same_request
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


class ControlWork(Work):
    """A command's aggregates, with the control measures' own: measures, the asset's
    queue (R22) and the case's ledger (R21), each loaded once and saved together."""

    def measure(self, measure_id: UUID) -> ControlMeasure:
        measure = self.find(measure_id)
        if not isinstance(measure, ControlMeasure):
            raise measure_missing()
        return measure

    def queue(self, asset_id: str) -> AssetQueue:
        return self.find(AssetQueue.create_id(asset_id)) or self.add(AssetQueue(asset_id))

    def ledger(self, case_id: str) -> CaseControl:
        return self.find(CaseControl.create_id(case_id)) or self.add(CaseControl(case_id))


class ControlStore(AssetsStore):
    """Transactions, policy and the term watch of the control-measure commands."""

    work_type = ControlWork

    def terms(self, court_code: str) -> TermRules:
        policy = self.policy_for(court_code)
        return TermRules({c: policy.int(f"control_terms.{c}_months") for c in CLASSES},
                         policy.bool("periods.control_terms_calendar_dates"), self.calendar)

    def cap(self, case: CaseRef) -> Cap:
        return Cap(case.claim_total_fen,
                   self.policy_for(case.court_code).int("over_seizure.tolerance_percent"))

    def work(self) -> ControlWork:
        """A work for reads: measures loaded once each."""
        return ControlWork(self.repository)

    def _run(self, asset_id: str, case_id: str, act: Callable[[ControlWork], T], *,
             exists: UUID | None = None, also: str = "",
             same: Callable[[Any], object] | None = None) -> T:
        """Load, act, save everything changed at once — again on fresh state if another
        process saved first. `exists`: a creation that another call may have won
        (`same` checks it is the same request)."""

        def command(work: Work) -> T:
            if exists is not None and (won := work.find(exists)) is not None:
                if same is not None:
                    same(won)
                return won  # type: ignore[no-any-return]
            return act(work)  # type: ignore[arg-type]

        ids = [AssetQueue.create_id(asset_id), CaseControl.create_id(case_id)]
        return self.unit.run(command, lock=ids + ([CaseControl.create_id(also)] if also else []))

    def oldest_unlapsed_days(self, today: date) -> int:
        """Days past its last day of the oldest measure still in effect (0: none). After
        a sweep this is 0 unless a lapse failed to be recorded (R20): what an alert reads."""
        ended: list[date] = []

        def past(term: Term) -> bool:
            expires = date.fromisoformat(term.expires_on)
            if expires < today:
                ended.append(expires)
            return expires < today

        self._watch().select(past)
        return (today - min(ended)).days if ended else 0

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
        raise measure_missing() from None


def measure_missing() -> MeasureNotFound:
    """The answer for a measure id that names no measure (or none the caller may know
    of)."""
    return MeasureNotFound("no control measure with that id", field="measure_id")

# A request id names one request: the same again is answered as before, anything else
# under it is refused (ALREADY_EXISTS naming request_id).

def same_order(measure: ControlMeasure, order: MeasureOrder) -> ControlMeasure:
    """The measure imposed earlier under the request id, if this is that order again."""
    # An order that names no term asks for the longest allowed, which the measure has.
    same_request("request_id",
                 (measure.asset_id, measure.kind, measure.asset_kind, measure.ruling_number,
                  measure.amount_fen, measure.term_months),
                 (order.asset_id, order.kind, order.asset_kind, order.ruling_number,
                  order.amount_fen, order.term_months or measure.term_months))
    return measure


def same_conversion(measure: ControlMeasure, preservation_id: UUID,
                     ruling_number: str) -> ControlMeasure:
    """The measure converted earlier under the request id, if this is that conversion."""
    same_request("request_id", (measure.converted_from, measure.ruling_number),
                 (str(preservation_id), ruling_number))
    return measure


def check_resend(measure: ControlMeasure, request_id: str, kind: str, content: object) -> None:
    """A renewal or deduction request already applied to the measure must be this one."""
    if request_id in measure.deductions:
        same_request("request_id", ("deduction", measure.deductions[request_id]),
                     (kind, content))
    for renewal in measure.renewals:
        if renewal["request_id"] == request_id:
            same_request("request_id", ("renewal", renewal["months"]), (kind, content))
