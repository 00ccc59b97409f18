"""查封、扣押、冻结、划拨 — control measures and the waiting list (R20–R25).

Every command changes a measure together with the aggregates that must agree with it —
the asset's queue (R22) and the case's control ledger (R21) — in one `save()`, so the
queue, the ledger and the measures never disagree, whichever process saved first.
Commands that create something take the caller's `request_id`: a retry creates nothing.
"""

from __future__ import annotations

import contextlib
from datetime import date
from uuid import UUID

from zhixing.assets.application.control_store import (
    ControlStore,
    ControlWork,
    check_resend,
    required,
    same_conversion,
    same_order,
    to_uuid,
)
from zhixing.assets.application.inquiries import CaseRef
from zhixing.assets.domain.control import LIVE, ControlMeasure, day_after
from zhixing.assets.domain.control_terms import MeasureOrder, TermRules, served_text
from zhixing.assets.domain.errors import ControlRefused, ExemptProperty, InvalidAssetInput
from zhixing.assets.domain.exempt import check_living_minimum, check_not_exempt, exempt_ground
from zhixing.assets.domain.over_seizure import CaseControl
from zhixing.assets.domain.queue import AssetQueue


class ControlCommands(ControlStore):
    # --- reads --------------------------------------------------------------------------

    def get_measure(self, measure_id: UUID | str) -> ControlMeasure:
        return self.work().measure(to_uuid(measure_id))

    def measures_of_case(self, case_id: str) -> list[ControlMeasure]:
        """Every measure the case imposed or took over (R23), in that order."""
        ledger = self.get_or_none(CaseControl.create_id(case_id))
        work = self.work()
        return [work.measure(UUID(i)) for i in ledger.measures] if ledger else []

    def queue_of(self, asset_id: str) -> list[ControlMeasure]:
        """The asset's live measures across courts: [0] holds it, [n] is n-th in line."""
        queue = self.get_or_none(AssetQueue.create_id(asset_id))
        work = self.work()
        return [work.measure(UUID(e["measure_id"])) for e in queue.entries()] if queue else []

    def rank_of(self, measure: ControlMeasure) -> int:
        """Its place in the asset's queue now: 0 in effect, n waiting, -1 ended (the
        measure's own `rank` is as of its last change)."""
        queue = self.get_or_none(AssetQueue.create_id(measure.asset_id))
        place = queue.place_of(str(measure.id)) if queue else None
        return -1 if place is None else int(place)

    def holds_effective_measure(self, case_id: str, asset_id: str) -> bool:
        """True when a measure of this case is the one in effect on the asset (the case
        that may dispose of it, R22)."""
        queue = self.get_or_none(AssetQueue.create_id(asset_id))
        return bool(queue and queue.held_by_case(case_id))

    def controlled_class(self, case_id: str, asset_id: str) -> str:
        """The R20 class ("deposit", "movable", "real_property") of the measure by which
        this case holds the asset; "" when it does not hold it."""
        queue = self.get_or_none(AssetQueue.create_id(asset_id))
        if not (queue and queue.held_by_case(case_id)):
            return ""
        return self.get_measure(queue.holder["measure_id"]).asset_class

    # --- imposing (R20–R25) -------------------------------------------------------------

    def impose_measure(self, case: CaseRef, order: MeasureOrder,
                       request_id: str, by: str = "") -> ControlMeasure:
        """查封/扣押/冻结: in effect from the notice's service (R25) when the asset is
        free, else waiting its turn (R22); refused for exempt property (R24) — the
        attempt recorded for supervision (ExemptPropertyAttempted, by the user subject
        `by`) —, beyond the case's cap (R21) or for a term longer than the class allows
        (R20)."""
        request_id = required(request_id)
        measure_id = ControlMeasure.create_id(case.case_id, request_id)
        existing = self.get_or_none(measure_id)
        if existing is not None:
            return same_order(existing, order)
        order.check(self.now())
        try:
            self._check_exempt(case.court_code, order)
        except ExemptProperty:
            # R24 refuses the order; R36 wants the attempt seen: recorded (and published
            # by the outbox) before the refusal is answered exactly as without it.
            self._record_exempt_attempt(case, order, request_id, by)
            raise
        terms = self.terms(case.court_code)
        months = terms.months(order.asset_class, order.kind, order.term_months)

        def act(work: ControlWork) -> ControlMeasure:
            flagged = work.ledger(case.case_id).reserve(
                str(measure_id), order.amount_fen, self.cap(case), divisible=order.divisible)
            rank = work.queue(order.asset_id).enter(str(measure_id), case.case_id,
                                                    case.court_code, served_text(order.served_at))
            expires = self._first_term_end(order, terms, months) if rank == 0 else None
            return work.add(ControlMeasure.impose(
                case_id=case.case_id, case_number=case.case_number, court_code=case.court_code,
                request_id=request_id, order=order, term_months=months, rank=rank,
                expires_on=expires, over_cap_flagged=flagged))

        return self._run(order.asset_id, case.case_id, act, exists=measure_id,
                         same=lambda won: same_order(won, order))

    def _record_exempt_attempt(self, case: CaseRef, order: MeasureOrder, request_id: str,
                               by: str) -> None:
        attempt_id = CaseControl.attempt_id(case.case_id, request_id)

        def record(work: ControlWork) -> None:
            work.ledger(case.case_id).refuse_exempt(
                attempt_id, court_code=case.court_code, asset_id=order.asset_id,
                ground=exempt_ground(order), attempted_on=self.today().isoformat(), by=by)

        self.unit.run(record, lock=[CaseControl.create_id(case.case_id)])

    def _check_exempt(self, court_code: str, order: MeasureOrder) -> None:
        check_not_exempt(order.exempt_category)
        if order.asset_class == "deposit" and order.natural_person:
            check_living_minimum(
                amount_fen=order.amount_fen, balance_fen=order.balance_fen,
                minimum_fen=self.policy_for(court_code).int("control.living_minimum_fen"))

    def _first_term_end(self, order: MeasureOrder, terms: TermRules, months: int) -> date:
        served_on = date.fromisoformat(served_text(order.served_at)[:10])
        expires = terms.end(served_on, months)
        if expires < self.today():
            raise ControlRefused(f"served on {served_on}, a {months}-month term ended on "
                                 f"{expires}, before it was recorded", rule="R20",
                                 field="served_at")
        return expires

    # --- the term (R20) -----------------------------------------------------------------

    def renew_measure(self, measure_id: UUID | str, request_id: str, months: int = 0,
                      on: date | None = None) -> ControlMeasure:
        """续行 up to the term's last day, for at most the class maximum (R20)."""
        measure = self.get_measure(measure_id)
        day = on or self.today()

        def act(work: ControlWork) -> ControlMeasure:
            current = work.measure(measure.id)
            terms = self.terms(current.court_code)
            check_resend(current, required(request_id), "renewal",
                          terms.months(current.asset_class, current.kind, months))
            current.renew(required(request_id), months, day, terms)
            return current

        return self._run(measure.asset_id, measure.case_id, act)

    def sweep_measures(self, today: date) -> int:
        """Reminders before expiry, lapses of terms ended unrenewed, and the promotions
        they cause (R20, R22); returns how many measures changed. Safe to repeat."""
        horizons: dict[str, date] = {}

        def horizon(court_code: str) -> date:
            if court_code not in horizons:
                days = self.policy_for(court_code).int("control.expiry_reminder_working_days")
                horizons[court_code] = self.calendar.add_working_days(today, days + 1).date
            return horizons[court_code]

        due = self._watch().select(lambda term: term.due(today, horizon(term.court_code)))
        return self.each(due, lambda measure_id: self._sweep_one(measure_id, today),
                         "measure sweep")

    def _sweep_one(self, measure_id: UUID, today: date) -> int:
        measure = self.get_measure(measure_id)
        days = self.policy_for(measure.court_code).int("control.expiry_reminder_working_days")

        def act(work: ControlWork) -> int:
            current = work.measure(measure_id)
            if current.ended(today):
                lapsed_on = day_after(current.expires_on)
                current.lapse(lapsed_on, "term_ended")
                return 1 + self._after_end(work, current, lapsed_on)
            if current.due_for_reminder(today, self.calendar, days):
                current.remind(today)
                return 1
            return 0

        return self._run(measure.asset_id, measure.case_id, act)

    # --- ending a measure (R22, R25) ----------------------------------------------------

    def release_measure(self, measure_id: UUID | str, ground: str, on: date | None = None,
                        note: str = "") -> ControlMeasure:
        """解除 on a ground of R25; the next measure in line takes effect (R22). Releasing
        a released measure again changes nothing."""
        measure = self.get_measure(measure_id)
        day = on or self.today()

        def act(work: ControlWork) -> ControlMeasure:
            current = work.measure(measure.id)
            if current.release(ground, day, note):
                self._after_end(work, current, day)
            return current

        return self._run(measure.asset_id, measure.case_id, act)

    def release_case_measures(self, case_id: str, ground: str, on: date, *,
                              preservations: bool = True) -> int:
        """Release every live measure of a case (结案); returns how many were released.
        `preservations` False keeps preservation measures (保全): they run on into the
        enforcement case (R23) unless the application itself ends."""
        released = 0
        for measure in self.measures_of_case(case_id):
            if measure.live and (preservations or not measure.preservation):
                with contextlib.suppress(ControlRefused):  # it ended otherwise meanwhile
                    self.release_measure(measure.id, ground, on)
                    released += 1
        return released

    def asset_disposed(self, asset_id: str, whole: bool, on: date, case_id: str) -> int:
        """处置完成: the disposing case's measure has done its work. The whole asset gone,
        every measure waiting on it lapses; only part of it, they continue on the rest and
        the first in line takes effect (R22). Returns how many measures changed."""
        if not self.holds_effective_measure(case_id, asset_id):
            return 0  # not this case's to dispose of, or already applied (a redelivery)

        def act(work: ControlWork) -> int:
            queue = work.queue(asset_id)
            if not queue.held_by_case(case_id):
                return 0
            holder = work.measure(UUID(queue.holder["measure_id"]))
            holder.dispose(on, "disposed")
            if whole:
                return 1 + self._lapse_all(work, queue, on)
            return 1 + self._after_end(work, holder, on)

        return self._run(asset_id, case_id, act)

    def _lapse_all(self, work: ControlWork, queue: AssetQueue, on: date) -> int:
        lapsed = 0
        for entry in queue.clear():
            measure = work.measure(UUID(entry["measure_id"]))
            work.ledger(measure.case_id).free(str(measure.id))
            if measure.status in LIVE:
                measure.lapse(on, "asset_disposed")
                lapsed += 1
        return lapsed

    def _after_end(self, work: ControlWork, measure: ControlMeasure, on: date) -> int:
        """The measure controls nothing any more: out of its case's ledger and out of the
        queue, where the first in line takes effect with its own term (R22). Returns
        how many measures were promoted."""
        work.ledger(measure.case_id).free(str(measure.id))
        promoted = work.queue(measure.asset_id).leave(str(measure.id))
        if promoted is None:
            return 0
        follower = work.measure(UUID(promoted["measure_id"]))
        follower.take_effect(on, self.terms(follower.court_code).end(on, follower.term_months))
        return 1

    # --- conversion (R23) and deduction (划拨) -------------------------------------------

    def convert_preservation(self, measure_id: UUID | str, case: CaseRef, request_id: str,
                             ruling_number: str) -> ControlMeasure:
        """R23: the preservation measure continues as the enforcement case's measure —
        same term, same place in the queue; the preservation itself ends as converted."""
        request_id = required(request_id)
        new_id = ControlMeasure.create_id(case.case_id, request_id)
        existing = self.get_or_none(new_id)
        if existing is not None:
            return same_conversion(existing, to_uuid(measure_id), ruling_number)
        if not ruling_number.strip():
            raise InvalidAssetInput("the enforcement ruling's number is the converted "
                                    "measure's basis", rule="R25", field="ruling_number")
        preservation = self.get_measure(measure_id)

        def act(work: ControlWork) -> ControlMeasure:
            old = work.measure(preservation.id)
            old.require_convertible(case.case_id)
            flagged = work.ledger(case.case_id).reserve(
                str(new_id), old.frozen_fen, self.cap(case),
                divisible=old.asset_class == "deposit", by_law=True)
            rank = work.queue(old.asset_id).replace(str(old.id), str(new_id), case.case_id,
                                                    case.court_code)
            new = work.add(ControlMeasure.continued(
                old, case_id=case.case_id, case_number=case.case_number,
                court_code=case.court_code, request_id=request_id,
                ruling_number=ruling_number, rank=rank or 0, over_cap_flagged=flagged))
            old.convert_into(str(new_id), self.today())
            work.ledger(old.case_id).free(str(old.id))
            return new

        return self._run(preservation.asset_id, preservation.case_id, act, exists=new_id,
                         same=lambda won: same_conversion(won, preservation.id, ruling_number),
                         also=case.case_id)

    def deduct(self, measure_id: UUID | str, request_id: str, amount_fen: int,
               on: date | None = None) -> ControlMeasure:
        """划拨 from a frozen deposit into the case account (FundsDeducted, keyed
        "<measure id>:<request id>"); the same request never deducts twice. All of the
        frozen amount deducted, the freeze ends as disposed and the next in line takes
        effect on what the account still holds (R22)."""
        measure = self.get_measure(measure_id)
        day = on or self.today()

        def act(work: ControlWork) -> ControlMeasure:
            current = work.measure(measure.id)
            check_resend(current, required(request_id), "deduction", amount_fen)
            if current.deduct(required(request_id), amount_fen, day):
                work.ledger(current.case_id).deducted(str(current.id), amount_fen)
                if not current.live:
                    self._after_end(work, current, day)
            return current

        return self._run(measure.asset_id, measure.case_id, act)

