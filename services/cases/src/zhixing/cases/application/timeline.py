"""A case's full timeline: its own events and its account's, in the order they happened."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from zhixing.cases.application.base import CaseStore
from zhixing.kernel.masking import mask_id_number

LABELS = {
    "Filed": "立案", "Assigned": "分案", "NoticeServed": "送达执行通知书、报告财产令",
    "LeadsRequested": "通知申请人提供财产线索", "LeadReceived": "收到财产线索",
    "LeadVerified": "核查财产线索", "PropertyReported": "被执行人报告财产",
    "PropertyReportMissed": "被执行人逾期未报告财产", "NodeOverdue": "节点超期",
    "DeadlineExtended": "延长执行期限", "InquiryRecorded": "网络查控结果",
    "RestrictionRecorded": "限制消费", "ListingDecisionRecorded": "失信名单决定",
    "ApplicantInterviewed": "约谈申请执行人", "DebtorReportedMissing": "被执行人下落不明",
    "DebtorSearched": "查找被执行人", "Concluded": "终结本次执行程序", "Resumed": "恢复执行",
    "SettlementAgreed": "执行和解", "SettlementPerformed": "和解协议履行完毕",
    "SettlementDefaulted": "不履行和解协议", "SanctionDecided": "罚款/拘留决定",
    "Delegated": "委托执行", "DelegationResultReceived": "受托法院反馈结果", "Closed": "结案",
    "Opened": "开立案款账户", "MoneyReceived": "执行款到账", "MoneyDisbursed": "执行款发放",
    "ReliefAdvanceRegistered": "司法救助垫付", "DisbursementOverdue": "执行款发放超期",
    "AccountClosed": "案款账户关闭",
}
_HIDDEN = {"originator_id", "originator_version", "timestamp", "traceparent",
           "originator_topic", "parties", "basis", "nodes", "request_id", "applied", "key",
           "claim", "allocation"}


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    """UTC timestamp of the event, ISO 8601."""
    act: str
    label: str
    details: dict[str, str]


class TimelineQueries(CaseStore):
    def timeline(self, case_id: UUID) -> list[TimelineEntry]:
        """Every act on the case and its money, oldest first (R46: staff only)."""
        case = self.get_case(case_id)
        stored = [*self.repository.event_store.get(case.id),
                  *self.repository.event_store.get(self.account_id(case.id))]
        stored.sort(key=lambda e: e.timestamp)
        return [_entry(e) for e in stored if type(e).__name__ in LABELS]


def _entry(domain_event: object) -> TimelineEntry:
    name = type(domain_event).__name__
    fields = domain_event.model_dump(mode="json")  # type: ignore[attr-defined]
    if "link" in fields:  # shown as before `Filed` carried a `CaseLink` (version 2)
        link = fields.pop("link") or {}
        fields.update(linked_case_id=link.get("case_id", ""), link_kind=link.get("kind", ""))
    details = {k: _text(v) for k, v in fields.items() if k not in _HIDDEN}
    if "debtor" in details:  # the parties are on the case; the timeline needs no full ID
        details["debtor"] = mask_id_number(details["debtor"])
    return TimelineEntry(domain_event.timestamp.isoformat(), name,  # type: ignore[attr-defined]
                         LABELS[name], details)


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)
