"""Chinese names for the codes the supervision RPCs answer with — a closure, an unmet R16
precondition, an alert's status or step, a measure, an agency kind — so no page shows a
code a court leader would have to look up. An unknown code is shown as it is (a newer
service may answer one this page does not know yet)."""

from __future__ import annotations

from zhixing.contracts.agencies import AGENCY_KINDS

CLOSURES: dict[str, str] = {
    "zhongben": "终结本次执行程序", "concluded": "终结本次执行程序",
    "executed_in_full": "执行完毕", "terminated": "终结执行", "not_enforced": "不予执行",
    "rejected": "驳回申请", "withdrawn": "撤回申请", "bankruptcy": "移送破产审查",
    "delegated": "委托执行",
}
"""How a case closed (CaseRow.closure)."""

UNMET_R16: dict[str, str] = {
    "R16(1)": "未送达执行通知书并责令申报财产",
    "R16(2)": "未限制消费或未依法纳入失信被执行人名单",
    "R16(3)": "财产调查未穷尽（网络查控、线索核查），或发现可供执行财产",
    "R16(4)": "立案未满三个月",
    "R16(5)": "未查找下落不明的被执行人或未惩戒妨害执行行为",
}
"""The five R16 preconditions of 终本, by the rule id GetCaseFile lists as unmet."""

ALERT_STATUS: dict[str, str] = {"open": "待处理", "acknowledged": "已签收", "closed": "已办结"}
"""An alert's status (R36)."""

STEPS: dict[str, str] = {"raised": "预警", "acknowledged": "签收", "closed": "办结"}
"""A step of an alert's life."""

MEASURES: dict[str, str] = {"seal": "查封", "detain": "扣押", "freeze": "冻结"}
"""A control measure's kind (R20)."""

NODES: dict[str, str] = {
    "assign": "分案", "notice": "发出执行通知书", "leads_request": "通知申请人提供财产线索",
    "verify_lead": "核查财产线索", "investigation": "完成财产调查",
    "property_report": "被执行人报告财产", "close": "执行期限", "disburse": "执行款发放",
}
"""A case's node (R26–R28, R5) as an alert's subject names it ("verify_lead:<lead>")."""


def subject(code: str) -> str:
    """"notice" → 发出执行通知书; another subject (a measure, a listing) as it is."""
    return NODES.get(code.split(":")[0], code) if code else "—"


def closure(code: str) -> str:
    """"executed_in_full" → 执行完毕; "" (still open) → 未结."""
    return CLOSURES.get(code, code) if code else "未结"


def unmet(rule: str) -> str:
    """"R16(3)" → "R16(3) 财产调查未穷尽…"."""
    label = UNMET_R16.get(rule)
    return f"{rule} {label}" if label else rule


def agency_kind(code: str) -> str:
    """"bank_deposit" → 银行存款 (R41); "—" when the service has not learnt it yet."""
    return str(AGENCY_KINDS.get(code, code)) if code else "—"


def measure(code: str) -> str:
    """"freeze" → 冻结."""
    return MEASURES.get(code, code)


def alert_status(code: str) -> str:
    """"acknowledged" → 已签收."""
    return ALERT_STATUS.get(code, code)


def step(code: str) -> str:
    """"raised" → 预警."""
    return STEPS.get(code, code)
