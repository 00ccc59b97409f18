"""监督预警 — internal supervision watching the other contexts' events (R36): a breach
they report raises an alert naming the rule, the case, who must act and by when; the
event of the act it waited for closes it.

- cases NodeOverdue → node_overdue (subject: the node; the event's rule), closed by the
  node's act (CaseAssigned, ExecutionNoticeServed, PropertyReported, CaseConcluded,
  MoneyDisbursed; the investigation's NetworkInquiryCompleted) or a DeadlineExtended of
  it; CaseClosed closes the alerts waiting for an act in the case (`CLOSED_WITH_THE_CASE`),
  CaseResumed its re-query alerts (R18).
- assets (`watch_assets`): MeasureExpiring → measure_expiring, closed by MeasureRenewed,
  MeasureReleased, MeasureLapsed; MeasureLapsed (term ended) → measure_lapsed;
  MeasureTookEffect over the cap → over_seizure, closed by MeasureReleased (or the lapse);
  ExemptPropertyAttempted → exempt_property; AgencyAnswerOverdue → agency_overdue,
  closed by the late answer; a re-query's result closes requery_missing.
- credit ListingRemoved after its remove_by → removal_late (subject: the listing).
- relief ReliefStepOverdue → relief_overdue (`<application id>:<step>`), closed by the
  decision (approved, rejected, withdrawn) or ApplicantNotified.
Alerts no event closes (a lapse, a late removal, an exempt order) are closed by a person.

Raised once: the alert's id is the breach's (kind, case, subject), so a redelivered
event raises nothing more. A deadline that moved and was missed again (a node extended
by the president, a measure renewed) is another breach: it is raised again under the
subject `<subject>@<new due day>`, and closed with the first (subject prefix). The
sweep's own alerts (R18 re-query, R34, R37) are the application's; the re-query's is
closed here, by the re-query's result.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseResumed,
    DeadlineExtended,
    ExecutionNoticeServed,
    MoneyDisbursed,
    NodeOverdue,
    PropertyReported,
)
from zhixing.contracts.events.credit.v1 import ListingRemoved
from zhixing.contracts.events.relief.v1 import (
    ApplicantNotified,
    ReliefApproved,
    ReliefRejected,
    ReliefStepOverdue,
    ReliefWithdrawn,
)
from zhixing.kernel.errors import NotFound
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.values import AlertKind
from zhixing.supervision.policies.watch_kit import (
    INQUIRY_RESULT,
    INVESTIGATION,
    day,
    envelope_day,
    investigated_on,
)

GROUPS = {"cases": "supervision.watch-cases", "assets": "supervision.watch-assets",
          "credit": "supervision.watch-credit", "relief": "supervision.watch-relief"}
"""The consumer group of each topic's watch."""
CLOSED_WITH_THE_CASE = tuple(kind.value for kind in (
    AlertKind.NODE_OVERDUE, AlertKind.MEASURE_EXPIRING, AlertKind.REQUERY_MISSING,
    AlertKind.AGENCY_OVERDUE))
"""The alerts a closed case closes: those waiting for an act in the case, no longer owed.
A breach already done (a lapse, over-seizure, an exempt order, a late removal — 乱执行,
R36) waits for a person to look into it, and what is owed outside the case (relief R31,
a reply R34, a handling R37) for its own act."""
AGAIN = "@"
"""Between a subject and the new last day of a breach raised again (`notice@2026-05-06`)."""


class AlertDesk(Protocol):
    """What the watch needs of the supervision application (spec names)."""

    def raise_alert(self, kind: str, *, court_code: str, case_id: str, case_number: str,
                    subject: str, act_by_role: str, act_by: str, due_on: date,
                    source_event: str, rule: str = "") -> object | None:
        """The alert of a breach, raised once; None when raised before."""
        ...

    def close_alert(self, kind: str, *, court_code: str, case_id: str, subject: str,
                    on: date, by_event: str) -> bool:
        """Close the alert of a breach by the event of the act; False when none is open."""
        ...

    def close_case_alerts(self, case_id: str, *, on: date, by_event: str,
                          kinds: Iterable[str] | None = None,
                          subject_prefix: str = "") -> int:
        """Close a case's open alerts (of `kinds`, subjects starting with the prefix)."""
        ...

    def alert(self, alert_id: str) -> Alert:
        """The alert with that id; NotFound when there is none."""
        ...


class CaseEvent(Protocol):
    """An event about a case of a court: what closing an alert by it reads."""

    event_type: str
    case_id: str
    court_code: str


class CaseNumbers(Protocol):
    """Where the 案号 of a case named only by id is found (the KPI read model)."""

    def case_number(self, case_id: str) -> str:
        """The case's 案号; "" (or NotFound) while its filing has not arrived."""
        ...


class Watch(TypedHandler):
    """What every topic's watch shares: raising once per breach, closing by event."""

    effect_elsewhere = True  # its commands go to the event store, keyed: idempotent

    def __init__(self, app: AlertDesk, numbers: CaseNumbers) -> None:
        self.app = app
        self.numbers = numbers

    def number_of(self, case_id: str) -> str:
        """The case's 案号 when known: an alert is raised without it rather than late."""
        try:
            return self.numbers.case_number(case_id) if case_id else ""
        except NotFound:
            return ""

    def raise_breach(self, kind: str, event: IntegrationEvent, *, court_code: str,
                     case_id: str, case_number: str, subject: str, act_by_role: str,
                     due_on: date, act_by: str = "", rule: str = "") -> bool:
        """Raise the alert of a breach; when its subject's alert was raised before for
        another last day (the deadline moved and was missed again), raise the new breach
        as `<subject>@<due_on>`. True when an alert was raised now."""

        def raise_as(about: str) -> bool:
            return self.app.raise_alert(
                kind, court_code=court_code, case_id=case_id, case_number=case_number,
                subject=about, act_by_role=act_by_role, act_by=act_by, due_on=due_on,
                source_event=event.event_type, rule=rule) is not None

        if raise_as(subject):
            return True
        if self._earlier_due(kind, court_code, case_id, subject) in (None, due_on):
            return False  # the same breach again (a redelivery): raised once
        return raise_as(f"{subject}{AGAIN}{due_on.isoformat()}")

    def _earlier_due(self, kind: str, court_code: str, case_id: str,
                     subject: str) -> date | None:
        try:
            return self.app.alert(str(Alert.breach_id(kind, court_code, case_id,
                                                      subject))).due_on
        except NotFound:
            return None

    def close(self, kind: str, event: CaseEvent, *, subject: str, on: date) -> int:
        """Close the event's case's alert of `kind` about `subject` (and its breaches
        raised again, `<subject>@…`): the act it waited for was recorded. How many."""
        closed = self.app.close_alert(kind, court_code=event.court_code,
                                      case_id=event.case_id, subject=subject, on=on,
                                      by_event=event.event_type)
        return int(closed) + self.close_prefix(kind, event, prefix=f"{subject}{AGAIN}", on=on)

    def close_prefix(self, kind: str, event: CaseEvent, *, prefix: str, on: date) -> int:
        """Close the event's case's open alerts of `kind` whose subject starts with
        `prefix` (none without a case)."""
        if not event.case_id:
            return 0
        return self.app.close_case_alerts(event.case_id, on=on, by_event=event.event_type,
                                          kinds=[kind], subject_prefix=prefix)


WatchPolicy = Watch
"""The spec's name for the watch: one class per topic here, all of them a `Watch`."""


class CasesWatch(Watch):
    """Follows the cases topic (group `supervision.watch-cases`): node limits (R26–R28).
    The investigation node's act is the assets service's (NetworkInquiryCompleted)."""

    @on(NodeOverdue)
    def overdue(self, e: NodeOverdue, ctx: Context) -> None:
        """R36: inaction — the node's act was not done by its last day (the event's own
        rule: R26, R27, R28 or R5). The investigation's act comes on another topic: when
        this watch saw it already, a result by the last day means the cases service had
        not heard of it yet (nothing to raise), a later one closes the alert at once."""
        due_on = day(e.due_on, "due_on")
        done_on = investigated_on(ctx.cursor, e.case_id) if e.node == INVESTIGATION else None
        if done_on is not None and done_on <= due_on:
            return
        self.raise_breach("node_overdue", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=e.case_number, subject=e.node, act_by_role="officer",
                          act_by=e.team, due_on=due_on, rule=e.rule)
        if done_on is not None:
            self.app.close_case_alerts(e.case_id, on=done_on, by_event=INQUIRY_RESULT,
                                       kinds=["node_overdue"], subject_prefix=INVESTIGATION)

    @on(CaseAssigned)
    def assigned(self, e: CaseAssigned, ctx: Context) -> None:
        self.close("node_overdue", e, subject="assign",
                   on=day(e.assigned_on, "assigned_on"))

    @on(ExecutionNoticeServed)
    def served(self, e: ExecutionNoticeServed, ctx: Context) -> None:
        self.close("node_overdue", e, subject="notice",
                   on=day(e.served_on, "served_on"))

    @on(PropertyReported)
    def reported(self, e: PropertyReported, ctx: Context) -> None:
        self.close("node_overdue", e, subject="property_report",
                   on=day(e.reported_on, "reported_on"))

    @on(MoneyDisbursed)
    def disbursed(self, e: MoneyDisbursed, ctx: Context) -> None:
        """R28: money paid out of the case account — the disbursement is no longer late."""
        self.close("node_overdue", e, subject="disburse",
                   on=day(e.disbursed_on, "disbursed_on"))

    @on(CaseConcluded)
    def concluded(self, e: CaseConcluded, ctx: Context) -> None:
        """终本 closes the case's round of enforcement: its time limit (R26) is met."""
        self.close("node_overdue", e, subject="close",
                   on=day(e.concluded_on, "concluded_on"))

    @on(DeadlineExtended)
    def extended(self, e: DeadlineExtended, ctx: Context) -> None:
        """R26: the president moved the node's last day — it is not missed any more."""
        self.close("node_overdue", e, subject=e.node, on=envelope_day(ctx))

    @on(CaseClosed)
    def closed(self, e: CaseClosed, ctx: Context) -> None:
        """结案: nothing is left to do in the case — the alerts waiting for an act in it
        close (`CLOSED_WITH_THE_CASE`); a breach already done and what is owed outside the
        case stay open."""
        self.app.close_case_alerts(e.case_id, on=day(e.closed_on, "closed_on"),
                                   by_event=e.event_type, kinds=CLOSED_WITH_THE_CASE)

    @on(CaseResumed)
    def resumed(self, e: CaseResumed, ctx: Context) -> None:
        """R18: enforcement goes on in a 执恢 case — the 终本 case's re-queries are over."""
        self.close_prefix("requery_missing", e, prefix="requery:",
                   on=day(e.resumed_on, "resumed_on"))


class CreditWatch(Watch):
    """Follows the credit topic (group `supervision.watch-credit`): removals (R8)."""

    @on(ListingRemoved)
    def removed(self, e: ListingRemoved, ctx: Context) -> None:
        """R8: a listing is removed within 3 working days of its ground; later is a
        breach (already over: a person closes it once looked into)."""
        remove_by, removed_on = day(e.remove_by, "remove_by"), day(e.removed_on, "removed_on")
        if removed_on <= remove_by:
            return
        self.raise_breach("removal_late", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=self.number_of(e.case_id), subject=e.listing_id,
                          act_by_role="officer", due_on=remove_by)


class ReliefWatch(Watch):
    """Follows the relief topic (group `supervision.watch-relief`): R31 steps."""

    @on(ReliefStepOverdue)
    def overdue(self, e: ReliefStepOverdue, ctx: Context) -> None:
        """R31: the decision (10 working days) or the notification (2) is late."""
        self.raise_breach("relief_overdue", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=self.number_of(e.case_id),
                          subject=f"{e.application_id}:{e.step}", act_by_role=e.act_by_role,
                          due_on=day(e.due_on, "due_on"))

    @on(ReliefApproved, ReliefRejected)
    def decided(self, e: ReliefApproved | ReliefRejected, ctx: Context) -> None:
        self._step_done(e, "decision", e.decided_on)

    @on(ReliefWithdrawn)
    def withdrawn(self, e: ReliefWithdrawn, ctx: Context) -> None:
        """No decision is awaited any more."""
        self._step_done(e, "decision", e.withdrawn_on)

    @on(ApplicantNotified)
    def notified(self, e: ApplicantNotified, ctx: Context) -> None:
        self._step_done(e, "notification", e.notified_on)

    def _step_done(self, e: ReliefApproved | ReliefRejected | ReliefWithdrawn
                   | ApplicantNotified, step: str, on: str) -> None:
        self.close("relief_overdue", e, subject=f"{e.application_id}:{step}",
                   on=day(on, "decided_on" if step == "decision" else "notified_on"))
