"""节点期限 — the node clock of a case (R26, R27, R28), computed from the policy table.

Deadlines are computed once, when the triggering act happens, and stored in the event,
so replaying a case never depends on today's policy table or calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from zhixing.cases.domain.values import Counted
from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.periods import period_end
from zhixing.kernel.policy import PolicyTable

if TYPE_CHECKING:
    from zhixing.cases.domain.account import CaseAccount
    from zhixing.cases.domain.case import EnforcementCase

# node → (rule, policy key, unit, Chinese label). Day-counted R27 limits count working
# days when the policy says so (`node_limits.count_working_days`).
NODES: dict[str, tuple[str, str, str, str]] = {
    "assign": ("R27", "node_limits.assign_days", "days", "分案"),
    "notice": ("R27", "node_limits.notice_days", "days", "发出执行通知书"),
    "leads_request": ("R27", "node_limits.leads_request_days", "days", "通知申请人提供财产线索"),
    "verify_lead": ("R27", "node_limits.lead_verify_days", "days", "核查财产线索"),
    "investigation": ("R27", "node_limits.investigation_months", "months", "完成财产调查"),
    "property_report": ("R5", "node_limits.property_report_days", "days", "被执行人报告财产"),
    "close": ("R26", "closing.close_months", "months", "执行期限"),
    "disburse": ("R28", "money.disbursement_days", "calendar_days", "执行款发放"),
    # Issue 17: a local practice, not a rule of law — no rule, never reported as
    # inaction (R36), shown on the worklist only.
    "party_message": ("", "node_limits.party_message_working_days", "working_days",
                      "答复当事人留言"),
}
NON_LITIGATION_BASES = frozenset({"arbitral_award", "notarised_debt"})
"""R26: 非诉执行 — enforcement of documents not made by a court closes within 3 months."""


def node_label(node: str) -> str:
    return NODES[node.split(":")[0]][3]


def node_rule(node: str) -> str:
    return NODES[node.split(":")[0]][0]


def is_local(node: str) -> bool:
    """A node set by local practice, not by a rule of law (no rule; no NodeOverdue)."""
    return node.split(":")[0] in NODES and not node_rule(node)


@dataclass(frozen=True)
class NodeClock:
    """Computes a node's last day from the act that starts it (R62–R64)."""

    policy: PolicyTable
    calendar: WorkingCalendar

    def due(self, node: str, start: date, *, basis_kind: str = "") -> date:
        """The node's last day (see `count` for whether it is provisional)."""
        return self.count(node, start, basis_kind=basis_kind).date

    def count(self, node: str, start: date, *, basis_kind: str = "") -> Deadline:
        """The node's last day counted from `start`, flagged provisional when a day it
        depends on lies in a year with no official holiday schedule (R64). `node` may
        carry its instance ("verify_lead:<lead id>")."""
        name = node.split(":")[0]
        _rule, key, unit, _label = NODES[name]
        if name == "close" and basis_kind in NON_LITIGATION_BASES:
            key = "closing.non_litigation_close_months"
        length = self.policy.int(key)
        if unit == "months":
            return period_end(start, months=length, calendar=self.calendar)
        if unit == "working_days" or (
                unit == "days" and self.policy.bool("node_limits.count_working_days")):
            return period_end(start, working_days=length, calendar=self.calendar)
        return period_end(start, days=length, calendar=self.calendar)

    def recount(self, case: EnforcementCase) -> dict[str, Counted]:
        """The case's provisional nodes counted again; only those that changed (R64)."""
        changed: dict[str, Counted] = {}
        for name, node in case.provisional_nodes().items():
            now = self.count(name, date.fromisoformat(node.counted_from),
                             basis_kind=case.basis.kind)
            if (now.date.isoformat(), now.provisional) != (node.due, node.provisional):
                changed[name] = Counted(now.date.isoformat(), now.provisional, node.counted_from)
        return changed

    def recount_receipts(self, account: CaseAccount) -> dict[str, Counted]:
        """The R28 deadlines of money held, counted provisionally, counted again; only
        those that changed (by receipt reference)."""
        changed: dict[str, Counted] = {}
        for receipt in account.unpaid_receipts():
            if receipt.provisional:
                now = self.count("disburse", date.fromisoformat(receipt.received_on))
                if (now.date.isoformat(), now.provisional) != (receipt.disburse_by, True):
                    changed[receipt.reference] = Counted(now.date.isoformat(), now.provisional,
                                                         receipt.received_on)
        return changed

    def requery_dates(self, concluded_on: date) -> list[str]:
        """R18: every 6 months for 5 years after 终本 (numbers from the policy table)."""
        every = self.policy.int("requery.interval_months")
        count = self.policy.int("requery.years") * 12 // every
        return [period_end(concluded_on, months=every * n, calendar=self.calendar).date.isoformat()
                for n in range(1, count + 1)]

    def months_after(self, start: date, months: int) -> date:
        """The last day of a period of `months` from `start` (R62, R63), not moved (R64
        applies to acts' last days, not to 'more than N months have passed')."""
        return period_end(start, months=months, procedural=False, calendar=self.calendar).date
