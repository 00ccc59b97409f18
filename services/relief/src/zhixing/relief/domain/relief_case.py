"""司救执 — one relief application, from filing to payment and any recovery (R29–R32).

The methods read like the procedure of R31: file (a complete application, numbered in the
司救执 docket), review (the officer proposes), approve or reject (the relief committee or
the president decides, within 10 working days), disburse (finance pays), notify (the
applicant is told within 2 working days), and — relief obtained by fraud — revoke with a
recovery order followed until repaid (R32). The eligibility rules themselves are in
`eligibility`; deadlines arrive counted (`deadlines`), so a replay never depends on
today's calendar.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import Deadline
from zhixing.relief.domain.errors import InvalidRelief, WrongStep, yuan
from zhixing.relief.domain.values import (
    REASONS_MAX,
    ExceptionalDecision,
    Hardship,
    RecoverySource,
    ReliefStatus,
    Returned,
    Step,
    bounded_text,
    party_index_of,
    positive_fen,
    recovery_source,
    subject,
)
from zhixing.relief.domain.wage import WageEntry

NAMESPACE = UUID("e2f4a6b8-0c1d-5e3f-a5b7-c9d1e3f5a7b9")
REF_MAX = 100
"""Characters of a request's idempotency key or a recovery id."""
APPLIED, REVIEWED, APPROVED = ReliefStatus.APPLIED, ReliefStatus.REVIEWED, ReliefStatus.APPROVED
DISBURSED, NOTIFIED, REVOKED = ReliefStatus.DISBURSED, ReliefStatus.NOTIFIED, ReliefStatus.REVOKED
UNDECIDED = frozenset({APPLIED, REVIEWED})
PAID = frozenset({DISBURSED, NOTIFIED, REVOKED})
REJECTION_RULES = ("R29", "R30", "R31", "R32")
"""A rejection states the rule it rests on (R31)."""
ACT_BY_ROLE = {Step.DECISION: "president", Step.NOTIFICATION: "finance"}
"""Who must act on an overdue step (the relief committee decides with the president)."""


class ReliefCase(Aggregate):
    """One relief application and its 司救执 case (R29–R32, R38–R40)."""

    # What R30's check read, as of the approval (0 until then). Class defaults: a case
    # approved, or snapshotted, before the decision recorded them reads 0 ("not recorded").
    wage_year = 0
    """The year of the province's wage entry the cap was read from (the previous year)."""
    monthly_wage_fen = 0
    """That entry's average monthly wage, as it stood at the decision."""
    cap_fen = 0
    """The cap checked: 36 × that wage (R30)."""

    typed_state = MappingProxyType({
        "hardship": Hardship, "applied_on": date, "decide_by": Deadline,
        "status": ReliefStatus, "exceptional": ExceptionalDecision | None,
        "decided_on": date | None, "disbursed_on": date | None, "notify_by": Deadline | None,
        "notified_on": date | None, "revoked_on": date | None, "withdrawn_on": date | None,
        "returns": list[Returned], "overdue": dict[Step, date],
    })
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(court_code: str, request_id: str) -> UUID:
        """A request's idempotency key always names the same application (a key that is a
        UUID is the id itself; other keys are the court's own); none: a new id."""
        if not request_id:
            return uuid4()
        try:
            return UUID(request_id)
        except ValueError:
            return uuid5(NAMESPACE, f"application/{court_code}/{request_id}")

    @event("Filed")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 relief_case_number: str, party_index: int, requested_fen: int,
                 hardship: Hardship, other_organ_paid: bool, applied_on: date,
                 decide_by: Deadline, by: str, request_id: str) -> None:
        """司法救助申请 — a complete application, filed as a 司救执 case."""
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.relief_case_number = relief_case_number
        self.party_index = party_index
        self.requested_fen = requested_fen
        self.hardship = hardship
        self.other_organ_paid = other_organ_paid
        self.applied_on = applied_on
        self.decide_by = decide_by
        self.applied_by = by
        self.status = APPLIED
        self.proposed_fen = 0
        self.opinion = ""
        self.amount_fen = 0
        """The approved amount (0 until approved)."""
        self.exceptional: ExceptionalDecision | None = None
        self.fund_year = 0
        self.decided_on: date | None = None
        self.rejection_rule = ""
        self.rejection_reason = ""
        self.withdrawn_on: date | None = None
        self.revocation_reason = ""
        self.disbursed_fen = 0
        self.disbursed_on: date | None = None
        self.notify_by: Deadline | None = None
        self.notified_on: date | None = None
        self.revoked_on: date | None = None
        self.to_recover_fen = 0
        """The recovery order of a revocation (R32): disbursed − returned by then."""
        self.returns: list[Returned] = []
        self.overdue: dict[Step, date] = {}
        """Steps reported overdue (once each) → their last day."""

    @classmethod
    def file(cls, case_id: str, case_number: str, court_code: str, relief_case_number: str,
             party_index: int, requested_fen: int, hardship: Hardship, other_organ_paid: bool,
             applied_on: date, decide_by: Deadline, by: str,
             request_id: str = "") -> ReliefCase:
        """立案 — a complete application under its 司救执 number; the decision is due by
        `decide_by` (10 working days, R31)."""
        if not isinstance(hardship, Hardship):
            raise InvalidRelief("hardship facts are required", rule="R29", field="hardship")
        party_index_of(party_index)
        # The idempotency key is stored with the filing: bounded like every reference.
        key = bounded_text(request_id, "application_id", rule="R31", most=REF_MAX, least=0)
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   relief_case_number=relief_case_number, party_index=party_index,
                   requested_fen=positive_fen(requested_fen, "requested_fen"), hardship=hardship,
                   other_organ_paid=bool(other_organ_paid), applied_on=applied_on,
                   decide_by=decide_by, by=subject(by), request_id=key)

    # --- what it is -------------------------------------------------------------------

    @property
    def returned_fen(self) -> int:
        return sum(r.amount_fen for r in self.returns)

    @property
    def outstanding_fen(self) -> int:
        """Paid from the fund and not yet returned to it (R32)."""
        return self.disbursed_fen - self.returned_fen

    def knows(self, recovery_id: str) -> bool:
        return any(r.recovery_id == recovery_id for r in self.returns)

    # --- review and decision (R29–R31) --------------------------------------------------

    def review(self, proposed_fen: int, opinion: str, by: str) -> None:
        """审查 — the officer proposes an amount with an opinion (again, until decided)."""
        self._require(UNDECIDED, "review")
        self._reviewed(positive_fen(proposed_fen, "proposed_fen"),
                       bounded_text(opinion, "opinion", rule="R31", most=REASONS_MAX),
                       subject(by))

    @event("Reviewed")
    def _reviewed(self, proposed_fen: int, opinion: str, by: str) -> None:
        self.proposed_fen = proposed_fen
        self.opinion = opinion
        self.status = REVIEWED

    def approve(self, amount_fen: int, decided_on: date, by: str,
                exceptional: ExceptionalDecision | None, fund_year: int,
                checked_against: WageEntry) -> None:
        """批准 — after the officer's review (R31); the amount was checked against R29, R30
        and the fund (R32) by `eligibility.unmet_to_approve`. The decision records the
        wage figure and the cap it was checked against (R30), as they stood then: a later
        correction of the wage table does not change what was decided on."""
        self._require({REVIEWED}, "approve", hint="the officer reviews it first")
        self._not_before(decided_on, self.applied_on, "decided_on")
        if not 2000 <= fund_year <= 2199:
            raise InvalidRelief("must be 2000–2199", rule="R32", field="fund_year")
        decider = subject(by)
        # R30 records WHO decided the exception: the authenticated decider, never a name
        # typed into the request (neither value is echoed: they are people's subjects).
        if exceptional is not None and exceptional.decided_by != decider:
            raise InvalidRelief("an exceptional decision is recorded as the decider's own: "
                                "decided_by must be the caller's subject", rule="R30",
                                field="exceptional.decided_by")
        if not isinstance(checked_against, WageEntry):
            raise InvalidRelief("a decision is checked against the province's wage entry",
                                rule="R30", field="wage")
        self._approved(positive_fen(amount_fen, "amount_fen"), decided_on, decider,
                       exceptional, fund_year, wage_year=checked_against.year,
                       monthly_wage_fen=checked_against.monthly_wage_fen,
                       cap_fen=checked_against.cap_fen)

    class Approved(Aggregate.Event):
        """批准; the R30 figures checked (`wage_year`, `monthly_wage_fen`, `cap_fen`)
        were added later with defaults: an approval stored before reads 0 for them."""

        amount_fen: int
        decided_on: date
        by: str
        exceptional: ExceptionalDecision | None
        fund_year: int
        wage_year: int = 0
        monthly_wage_fen: int = 0
        cap_fen: int = 0

    @event(Approved)
    def _approved(self, amount_fen: int, decided_on: date, by: str,
                  exceptional: ExceptionalDecision | None, fund_year: int,
                  wage_year: int = 0, monthly_wage_fen: int = 0, cap_fen: int = 0) -> None:
        self.amount_fen = amount_fen
        self.decided_on = decided_on
        self.exceptional = exceptional
        self.fund_year = fund_year
        self.wage_year = wage_year
        self.monthly_wage_fen = monthly_wage_fen
        self.cap_fen = cap_fen
        self.status = APPROVED

    def reject(self, rule: str, reason: str, decided_on: date, by: str) -> None:
        """不予救助 — stating the rule it rests on (R29–R32)."""
        self._require(UNDECIDED, "reject")
        if rule not in REJECTION_RULES:
            raise InvalidRelief("a rejection states its rule: one of " +
                                ", ".join(REJECTION_RULES), rule="R31", field="rule")
        self._not_before(decided_on, self.applied_on, "decided_on")
        self._rejected(rule, bounded_text(reason, "reason", rule="R31", most=REASONS_MAX),
                       decided_on, subject(by))

    @event("Rejected")
    def _rejected(self, rule: str, reason: str, decided_on: date, by: str) -> None:
        self.rejection_rule = rule
        self.rejection_reason = reason
        self.decided_on = decided_on
        self.status = ReliefStatus.REJECTED

    def withdraw(self, on: date, by: str) -> int:
        """撤回 — the applicant withdraws before payment; the fen the fund reserved for it
        (to release), 0 when it was not approved yet."""
        self._require({*UNDECIDED, APPROVED}, "withdraw")
        self._not_before(on, self.decided_on or self.applied_on, "withdrawn_on")
        reserved = self.amount_fen if self.status is APPROVED else 0
        self._withdrawn(on, subject(by))
        return reserved

    @event("Withdrawn")
    def _withdrawn(self, on: date, by: str) -> None:
        self.withdrawn_on = on
        self.status = ReliefStatus.WITHDRAWN

    # --- payment (R31) ----------------------------------------------------------------

    def disburse(self, disbursed_on: date, notify_by: Deadline, by: str) -> None:
        """发放 — the approved amount is paid; the applicant is told by `notify_by`."""
        self._require({APPROVED}, "disburse", hint="approve it first")
        self._not_before(disbursed_on, self.decided_on, "disbursed_on")
        self._disbursed(self.amount_fen, disbursed_on, notify_by, subject(by))

    @event("Disbursed")
    def _disbursed(self, amount_fen: int, disbursed_on: date, notify_by: Deadline,
                   by: str) -> None:
        self.disbursed_fen = amount_fen
        self.disbursed_on = disbursed_on
        self.notify_by = notify_by
        self.status = DISBURSED

    def notify(self, notified_on: date, by: str) -> None:
        """告知 — the applicant was told the funds arrived (R31: within 2 working days)."""
        self._require({DISBURSED}, "record the notice", hint="disburse it first")
        self._not_before(notified_on, self.disbursed_on, "notified_on")
        self._notified(notified_on, subject(by))

    @event("Notified")
    def _notified(self, notified_on: date, by: str) -> None:
        self.notified_on = notified_on
        self.status = NOTIFIED

    # --- recovery (R32) ---------------------------------------------------------------

    def revoke(self, reason: str, revoked_on: date, by: str) -> int:
        """撤销 — relief obtained by fraud: the recovery order demands back what was paid
        and not yet returned; that figure."""
        self._require(PAID - {REVOKED}, "revoke", hint="only paid relief is revoked")
        self._not_before(revoked_on, self.disbursed_on, "revoked_on")
        to_recover = self.outstanding_fen
        self._revoked(bounded_text(reason, "reason", rule="R32", most=REASONS_MAX),
                      revoked_on, subject(by), to_recover)
        return to_recover

    @event("Revoked")
    def _revoked(self, reason: str, revoked_on: date, by: str, to_recover_fen: int) -> None:
        self.revoked_on = revoked_on
        self.revocation_reason = reason
        self.to_recover_fen = to_recover_fen
        self.status = REVOKED

    def returned(self, recovery_id: str, amount_fen: int, on: date,
                 source: RecoverySource | str) -> bool:
        """Money paid back to the fund on this relief (from the case account, or under the
        recovery order); never more than is outstanding. False for a recovery id seen."""
        self._require(PAID, "record money returned", hint="nothing was paid yet")
        ref = bounded_text(recovery_id, "recovery_id", rule="R32", most=REF_MAX)
        if self.knows(ref):
            return False
        amount = positive_fen(amount_fen, "amount_fen")
        if amount > self.outstanding_fen:
            raise InvalidRelief(f"{yuan(amount)} is more than the {yuan(self.outstanding_fen)} "
                                "outstanding", rule="R32", field="amount_fen")
        self._returned(ref, amount, on, recovery_source(source))
        return True

    @event("Returned")
    def _returned(self, recovery_id: str, amount_fen: int, on: date,
                  source: RecoverySource) -> None:
        self.returns.append(Returned(recovery_id, amount_fen, on, source))

    # --- limits (R31) -----------------------------------------------------------------

    def due(self, step: Step | str) -> Deadline | None:
        """The running limit of `step`: None once the step is done (or cannot run)."""
        if Step(step) is Step.DECISION:
            return self.decide_by if self.status in UNDECIDED else None
        return self.notify_by if self.status is DISBURSED else None

    def overdue_steps(self, today: date) -> list[Step]:
        """Steps past their last day on `today`, not yet reported."""
        return [step for step in Step if step not in self.overdue
                and (due := self.due(step)) is not None and today > due.date]

    def mark_overdue(self, step: Step | str, detected_on: date) -> bool:
        """Report a step past its limit, once per step: False when already reported."""
        step = Step(step)
        if step in self.overdue:
            return False
        due = self.due(step)
        if due is None or detected_on <= due.date:
            raise WrongStep(f"the {step.value} step is not overdue on {detected_on}")
        self._overdue(step, due.date, detected_on)
        return True

    @event("StepOverdue")
    def _overdue(self, step: Step, due_on: date, detected_on: date) -> None:
        self.overdue[step] = due_on

    def provisional_steps(self) -> dict[Step, date]:
        """Running steps whose last day was counted with no official holiday schedule
        for its year (暂定, R64) → the day their period runs from (R62)."""
        starts = {Step.DECISION: self.applied_on, Step.NOTIFICATION: self.disbursed_on}
        return {step: start for step, start in starts.items() if start is not None
                and (due := self.due(step)) is not None and due.provisional}

    def count_again(self, step: Step | str, due: Deadline) -> bool:
        """The step's last day as counted now (its year's schedule was loaded, R64).
        False when it is not running or did not change."""
        current = self.due(step)
        if current is None or current == due:
            return False
        self._counted(Step(step), due)
        return True

    @event("DeadlineCounted")
    def _counted(self, step: Step, due: Deadline) -> None:
        if step == Step.DECISION:
            self.decide_by = due
        else:
            self.notify_by = due
        # A step reported overdue against an earlier last day is not overdue any more.
        if step in self.overdue and due.date > self.overdue[step]:
            del self.overdue[step]

    # --- guards -----------------------------------------------------------------------

    def _require(self, allowed: set[ReliefStatus] | frozenset[ReliefStatus], act: str,
                 hint: str = "") -> None:
        if self.status not in allowed:
            extra = f": {hint}" if hint else ""
            raise WrongStep(f"cannot {act} an application that is {self.status.value}{extra}")

    @staticmethod
    def _not_before(day: date, earlier: date | None, field: str) -> None:
        if earlier is not None and day < earlier:
            raise InvalidRelief(f"must not be before {earlier} (the previous step)",
                                rule="R31", field=field)

