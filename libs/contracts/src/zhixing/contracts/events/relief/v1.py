"""Relief integration events, version 1 (topic `zhixing.relief.events.v1`).

Published by the relief service (国家司法救助 · 执行救助, R29–R32). The cases service
records an advance from `ReliefDisbursed` and repays it first from money later
recovered (R32); supervision raises alerts from `ReliefStepOverdue` (R31). Hardship facts
(sensitive personal information, R46) never travel in an event; names and identity
numbers neither: a party is named by its index in the enforcement case. A v1 model only
gains optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import Day, Fen, Index, Year
from zhixing.contracts.topics import RELIEF_EVENTS


class ReliefDisbursed(IntegrationEvent):
    """司法救助金 paid to an applicant of the case; recovered first from later money (R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefDisbursed"
    topic = RELIEF_EVENTS

    application_id: str
    """The relief application (idempotency key)."""
    case_id: str
    """The enforcement case the relief was paid in."""
    court_code: str
    """The court whose fund paid."""
    amount_fen: Fen
    """Amount paid to the applicant, in fen."""
    disbursed_on: Day
    """Date, YYYY-MM-DD."""
    relief_case_number: str | None = None
    """案号 of the relief case, e.g. "(2026)川0104司救执1号" (R38–R40)."""
    fund_year: Year | None = None
    """The year of the court's fund that paid (R32)."""
    notify_by: Day | None = None
    """Last day to notify the applicant that the funds arrived (R31: 2 working days)."""


class _ReliefCaseEvent(IntegrationEvent):
    """Fields every event about one application carries, so consumers need no lookup."""

    topic = RELIEF_EVENTS

    application_id: str
    """The relief application's id (UUID); also the Kafka key and `ce_subject`."""
    relief_case_number: str
    """案号 of the relief case, case type 司救执 (R38–R40)."""
    case_id: str
    """The enforcement case the relief is asked in."""
    court_code: str
    """The court deciding the relief (R39)."""


class ReliefApplied(_ReliefCaseEvent):
    """司法救助申请 — a creditor in hardship applied; a relief case was filed (R29, R38)."""

    event_type = "cn.zhixing.relief.v1.ReliefApplied"
    party_index: Index
    """The applicant's index among the enforcement case's parties."""
    requested_fen: Fen
    """The amount asked for, in fen."""
    applied_on: Day
    """Date the application was complete, YYYY-MM-DD."""
    decide_by: Day
    """Last day for the decision: 10 working days from the complete application (R31)."""


class ReliefApproved(_ReliefCaseEvent):
    """批准救助 — the relief committee or the president approved; the fund reserved the
    amount (R30, R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefApproved"
    amount_fen: Fen
    """The approved amount, in fen, reserved on the fund."""
    fund_year: Year
    """The year of the court's fund that reserved it."""
    decided_on: Day
    """Date of the decision, YYYY-MM-DD."""
    exceptional: bool = False
    """True when above the R30 cap by a recorded exceptional decision."""
    wage_year: Year | None = None
    """The year of the province's average monthly wage the R30 cap was read from (the
    year before the decision); absent for a decision that did not record it."""
    monthly_wage_fen: Fen | None = None
    """That year's average monthly wage, in fen, as it stood at the decision (R30)."""
    cap_fen: Fen | None = None
    """The cap the amount was checked against: 36 × that wage, in fen (R30)."""


class ReliefRejected(_ReliefCaseEvent):
    """不予救助 — the application was refused, naming the rule (R29–R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefRejected"
    rule: str
    """The rule the refusal rests on, e.g. "R29"."""
    decided_on: Day
    """Date of the decision, YYYY-MM-DD."""


class ReliefWithdrawn(_ReliefCaseEvent):
    """撤回 — the applicant withdrew the application before payment; a reservation the
    approval made on the fund is released (R32) and the party may apply again (R29)."""

    event_type = "cn.zhixing.relief.v1.ReliefWithdrawn"
    withdrawn_on: Day
    """Date of the withdrawal, YYYY-MM-DD."""
    released_fen: Fen
    """What the fund got back from the approval's reservation, in fen; 0 when it was
    withdrawn before approval (nothing was reserved)."""


class ApplicantNotified(_ReliefCaseEvent):
    """告知到账 — the applicant was told the relief funds arrived (R31: within 2 working
    days of the payment); the notification step is done."""

    event_type = "cn.zhixing.relief.v1.ApplicantNotified"
    notified_on: Day
    """Date the applicant was notified, YYYY-MM-DD."""


class ReliefRevoked(_ReliefCaseEvent):
    """撤销救助 — relief obtained by fraud was revoked with a recovery order (R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefRevoked"
    to_recover_fen: Fen
    """The amount the recovery order demands back, in fen."""
    revoked_on: Day
    """Date of the revocation, YYYY-MM-DD."""


class ReliefRecovered(_ReliefCaseEvent):
    """Money came back into the fund for this application: repaid from money later
    received in the case, or recovered after fraud (R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefRecovered"
    recovery_id: str
    """Unique reference of the recovery (the case's disbursement or the repayment)."""
    source: str
    """"case_account" (repaid from the case's money) or "fraud_recovery"."""
    amount_fen: Fen
    """Amount credited to the fund, in fen."""
    recovered_on: Day
    """Date, YYYY-MM-DD."""
    outstanding_fen: Fen
    """What is still owed back to the fund on this application after it, in fen."""


class FundCredited(IntegrationEvent):
    """司法救助资金 — a court's fund received a budget appropriation (财政拨款) or a social
    donation (社会捐助) (R32)."""

    event_type = "cn.zhixing.relief.v1.FundCredited"
    topic = RELIEF_EVENTS

    fund_id: str
    """The fund's id (UUID); also the Kafka key."""
    court_code: str
    """The court the fund belongs to."""
    year: Year
    """The fund's year."""
    kind: str
    """"appropriation" or "donation"."""
    entry_id: str
    """Unique reference of the ledger entry (idempotency key)."""
    document_number: str
    """The appropriation's or donation's document."""
    amount_fen: Fen
    """Amount credited, in fen."""
    credited_on: Day
    """Date, YYYY-MM-DD."""
    balance_fen: Fen
    """The fund's balance after it, in fen."""


class ReliefStepOverdue(_ReliefCaseEvent):
    """A step of the relief procedure passed its limit (R31): supervision raises an
    alert for the person named."""

    event_type = "cn.zhixing.relief.v1.ReliefStepOverdue"
    step: str
    """"decision" (10 working days from the complete application) or "notification"
    (2 working days from the funds' arrival)."""
    due_on: Day
    """The last day of the step, YYYY-MM-DD."""
    detected_on: Day
    """The day the sweep found it overdue, YYYY-MM-DD."""
    act_by_role: str
    """Who must act: "president" for a decision, "finance" for a notification."""
