"""查封、扣押、冻结 — one control measure on one asset for one case (R20–R25).

A measure takes effect when the ruling and the assistance notice are served on the
agency (R25), for a term no longer than its class allows (R20): deposits 1 year,
movables 2 years, real property and other property rights 3 years. It may be renewed
(续行) up to the last day of the term, each renewal no longer than the same maximum;
a term that ends unrenewed lapses and the measure loses its place (R20). A measure on
an asset another measure already holds waits (轮候, R22; see `queue.AssetQueue`) and
gets its own term the day it takes effect. A preservation measure (保全) continues as
the enforcement case's measure with the same term and place (R23). A frozen deposit
is deducted (划拨) into the case account; deducting all of it ends the freeze.
Dates are legal dates (China Standard Time) as ISO strings, computed before the event
so that replay never depends on today's policy.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.control_terms import MeasureOrder, TermRules, served_text
from zhixing.assets.domain.errors import ControlRefused, InvalidAssetInput, TermRefused
from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import china_tz

QUEUED, EFFECTIVE, LAPSED, RELEASED, DISPOSED, CONVERTED = (
    "queued", "effective", "lapsed", "released", "disposed", "converted")
LIVE = frozenset({QUEUED, EFFECTIVE})
GROUNDS = {"third_party_property": "案外人财产", "withdrawn": "申请执行人撤回",
           "paid": "被执行人履行完毕", "security_accepted": "申请执行人接受担保",
           "case_closed": "结案", "disposed": "已处置", "over_seizure": "超标的查封",
           "other": "其他"}
"""R25 grounds for lifting (解除) a measure."""


class ControlMeasure(Aggregate):
    """查封/扣押/冻结 of one asset for one case."""

    @staticmethod
    def create_id(case_id: str, request_id: str) -> UUID:
        return uuid5(NAMESPACE, f"measure/{case_id}/{request_id}")

    @event("Imposed")
    def __init__(self, case_id: str, case_number: str, court_code: str, request_id: str,
                 asset_id: str, kind: str, asset_kind: str, asset_class: str,
                 ruling_number: str, amount_fen: int, served_at: str, term_months: int,
                 preservation: bool, status: str, rank: int, effective_on: str,
                 expires_on: str, over_cap_flagged: bool, converted_from: str) -> None:
        self.case_id, self.case_number, self.court_code = case_id, case_number, court_code
        self.asset_id, self.kind, self.asset_kind = asset_id, kind, asset_kind
        self.asset_class, self.ruling_number = asset_class, ruling_number
        self.amount_fen, self.served_at, self.term_months = amount_fen, served_at, term_months
        self.preservation, self.status, self.rank = preservation, status, rank
        self.effective_on, self.expires_on = effective_on, expires_on
        self.over_cap_flagged, self.converted_from = over_cap_flagged, converted_from
        self.renewals: list[dict[str, Any]] = []
        self.reminded_for = ""
        self.ended_on = ""
        self.ground = ""
        self.deductions: dict[str, int] = {}
        """Deduction request id → amount, fen."""
        self.converted_to = ""

    @classmethod
    def impose(cls, *, case_id: str, case_number: str, court_code: str, request_id: str,
               order: MeasureOrder, term_months: int, rank: int, expires_on: date | None,
               over_cap_flagged: bool) -> ControlMeasure:
        """Rank 0 takes effect on the day of service (R25) until `expires_on`; a higher
        rank waits (R22) and its term begins when it takes effect."""
        effective = rank == 0 and expires_on is not None
        served_on = order.served_at.astimezone(china_tz()).date().isoformat()
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   request_id=request_id, asset_id=order.asset_id, kind=order.kind,
                   asset_kind=order.asset_kind, asset_class=order.asset_class,
                   ruling_number=order.ruling_number, amount_fen=order.amount_fen,
                   served_at=served_text(order.served_at), term_months=term_months,
                   preservation=order.preservation, status=EFFECTIVE if effective else QUEUED,
                   rank=rank, effective_on=served_on if effective else "",
                   expires_on=expires_on.isoformat() if expires_on and effective else "",
                   over_cap_flagged=over_cap_flagged, converted_from="")

    @classmethod
    def continued(cls, preservation: ControlMeasure, *, case_id: str, case_number: str,
                  court_code: str, request_id: str, ruling_number: str, rank: int,
                  over_cap_flagged: bool) -> ControlMeasure:
        """R23: the enforcement case's measure, continuing the preservation's term,
        service time (its place in the queue) and remaining amount."""
        p = preservation
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   request_id=request_id, asset_id=p.asset_id, kind=p.kind,
                   asset_kind=p.asset_kind, asset_class=p.asset_class,
                   ruling_number=ruling_number, amount_fen=p.frozen_fen,
                   served_at=p.served_at, term_months=p.term_months, preservation=False,
                   status=p.status, rank=rank, effective_on=p.effective_on,
                   expires_on=p.expires_on, over_cap_flagged=over_cap_flagged,
                   converted_from=str(p.id))

    # --- what the measure knows ---------------------------------------------------------

    @property
    def live(self) -> bool:
        return self.status in LIVE

    @property
    def frozen_fen(self) -> int:
        """What the measure still controls: the amount less what was deducted."""
        return self.amount_fen - sum(self.deductions.values())

    def head(self) -> dict[str, Any]:
        """What every public event of the measure says about it."""
        return {"case_id": self.case_id, "court_code": self.court_code,
                "asset_id": self.asset_id, "kind": self.kind, "asset_class": self.asset_class,
                "amount_fen": self.frozen_fen, "served_at": self.served_at,
                "over_cap_flagged": self.over_cap_flagged, "converted_from": self.converted_from}

    def has_request(self, request_id: str) -> bool:
        return request_id in self.deductions or any(
            r["request_id"] == request_id for r in self.renewals)

    def ended(self, on: date) -> bool:
        """The term's last day is behind `on` (the measure lapses unless renewed)."""
        return self.status == EFFECTIVE and date.fromisoformat(self.expires_on) < on

    def due_for_reminder(self, today: date, calendar: WorkingCalendar, working_days: int) -> bool:
        """At most `working_days` working days remain in the term, and this term's reminder
        has not gone yet (once per term: a renewal starts a new one)."""
        if self.status != EFFECTIVE or self.reminded_for == self.expires_on:
            return False
        expires = date.fromisoformat(self.expires_on)
        return today <= expires and calendar.working_days_between(today, expires) <= working_days

    # --- the term (R20, R22) ------------------------------------------------------------

    def take_effect(self, on: date, expires_on: date) -> None:
        """The measure ahead of it ended: it now holds the asset, with its own term."""
        if self.status == QUEUED:
            self._took_effect(on.isoformat(), expires_on.isoformat(), self.head())

    @event("TookEffect")
    def _took_effect(self, effective_on: str, expires_on: str, head: dict[str, Any]) -> None:
        self.status, self.rank = EFFECTIVE, 0
        self.effective_on, self.expires_on = effective_on, expires_on

    def renew(self, request_id: str, months: int, on: date, terms: TermRules) -> None:
        """续行, registered no later than the term's last day (R20)."""
        if self.has_request(request_id):
            return
        self._require_running(on)
        months = terms.months(self.asset_class, self.kind, months)
        new_end = terms.end(date.fromisoformat(self.expires_on), months)
        self._renewed(request_id, months, on.isoformat(), new_end.isoformat(), self.head())

    def _require_running(self, on: date) -> None:
        if self.status == QUEUED:
            raise TermRefused("a waiting measure's term has not begun; it is renewed once it "
                              "takes effect", rule="R20", field="measure_id")
        if self.status != EFFECTIVE:
            raise TermRefused(f"the measure is {self.status} since {self.ended_on}: a renewal "
                              "cannot revive it", rule="R20", field="measure_id")
        if on > date.fromisoformat(self.expires_on):
            raise TermRefused(f"renewal must be registered before expiry: the term ended on "
                              f"{self.expires_on}; asked on {on.isoformat()}", rule="R20",
                              field="renewed_on")

    @event("Renewed")
    def _renewed(self, request_id: str, months: int, renewed_on: str, expires_on: str,
                 head: dict[str, Any]) -> None:
        self.renewals.append({"request_id": request_id, "months": months,
                              "renewed_on": renewed_on, "expires_on": expires_on})
        self.expires_on = expires_on

    def remind(self, today: date) -> None:
        """到期提醒: the court is told the term ends soon (once per term)."""
        if self.status == EFFECTIVE and self.reminded_for != self.expires_on:
            self._reminded(today.isoformat(), self.expires_on, self.head())

    @event("Reminded")
    def _reminded(self, reminded_on: str, expires_on: str, head: dict[str, Any]) -> None:
        self.reminded_for = expires_on

    def lapse(self, on: date, reason: str) -> None:
        """失效: the term ended unrenewed (`on` = the day after its last day), or the
        asset is gone. The measure loses its place for good (R20)."""
        if self.live:
            self._lapsed(on.isoformat(), reason, self.head())

    @event("Lapsed")
    def _lapsed(self, lapsed_on: str, reason: str, head: dict[str, Any]) -> None:
        self.status, self.ended_on, self.ground, self.rank = LAPSED, lapsed_on, reason, -1

    # --- ending it (R25) ----------------------------------------------------------------

    def release(self, ground: str, on: date, note: str = "") -> bool:
        """解除 on a ground of R25; False when it was already released (a retry)."""
        if ground not in GROUNDS:
            raise InvalidAssetInput(f"ground must be one of {', '.join(GROUNDS)}", rule="R25",
                                    field="ground")
        if self.status == RELEASED:
            return False
        if not self.live:
            raise ControlRefused(f"the measure is already {self.status} (since "
                                 f"{self.ended_on}); there is nothing to release",
                                 rule="R25", field="measure_id")
        self._released(ground, on.isoformat(), note[:200], self.head())
        return True

    @event("Released")
    def _released(self, ground: str, released_on: str, note: str, head: dict[str, Any]) -> None:
        self.status, self.ended_on, self.ground, self.rank = RELEASED, released_on, ground, -1

    def dispose(self, on: date, how: str) -> None:
        """The asset (or the frozen money) was turned into money for the case: the
        measure has done its work ("auction", "sale", "in_kind", "deducted")."""
        if self.status == EFFECTIVE:
            self._disposed(on.isoformat(), how, self.head())

    @event("Disposed")
    def _disposed(self, disposed_on: str, how: str, head: dict[str, Any]) -> None:
        self.status, self.ended_on, self.ground, self.rank = DISPOSED, disposed_on, how, -1

    def deduct(self, request_id: str, amount_fen: int, on: date) -> bool:
        """划拨 from a frozen deposit to the case account; never more than is frozen.
        Deducting all of it ends the freeze as disposed (the money is the asset, and
        it is now the case's). False for a repeated request."""
        if request_id in self.deductions:
            return False
        self._require_deductible(amount_fen)
        self._deducted(request_id, amount_fen, on.isoformat(), self.head())
        if self.frozen_fen == 0:
            self.dispose(on, "deducted")
        return True

    def _require_deductible(self, amount_fen: int) -> None:
        if self.kind != "freeze" or self.asset_class != "deposit":
            raise ControlRefused("only a frozen deposit is deducted; other property is "
                                 "disposed of by auction or sale", rule="R28", field="measure_id")
        if self.status != EFFECTIVE:
            raise ControlRefused(f"the freeze is {self.status}: only a freeze in effect can be "
                                 "deducted", rule="R22", field="measure_id")
        if not 0 < amount_fen <= self.frozen_fen:
            raise ControlRefused(f"at most the frozen {self.frozen_fen} fen may be deducted; "
                                 f"asked {amount_fen}", rule="R28", field="amount_fen")

    @event("Deducted")
    def _deducted(self, request_id: str, amount_fen: int, deducted_on: str,
                  head: dict[str, Any]) -> None:
        self.deductions[request_id] = amount_fen

    def require_convertible(self, case_id: str) -> None:
        """R23 converts a live preservation measure into another (the enforcement) case."""
        if not self.preservation:
            raise ControlRefused("only a preservation measure (执保/诉讼保全) converts into "
                                 "an enforcement measure", rule="R23", field="measure_id")
        if not self.live:
            raise ControlRefused(f"the preservation is {self.status} since {self.ended_on}: "
                                 "nothing is left to convert", rule="R23", field="measure_id")
        if case_id == self.case_id:
            raise ControlRefused("a preservation converts into the enforcement case, not "
                                 "into its own case", rule="R23", field="case_id")

    def convert_into(self, measure_id: str, on: date) -> None:
        """R23: the preservation continues as `measure_id` of the enforcement case."""
        self._converted(measure_id, on.isoformat())

    @event("Converted")
    def _converted(self, converted_to: str, converted_on: str) -> None:
        self.status, self.ended_on, self.converted_to, self.rank = (
            CONVERTED, converted_on, converted_to, -1)


def day_after(last_day: str) -> date:
    """The first day outside a term (R62: the term's own last day still counts)."""
    return date.fromisoformat(last_day) + timedelta(days=1)
