"""自动反馈 (R42): a partner reports back each block it applied — what it refused and when.

The action is one of `ACTIONS`, the punishments of R13 and of the joint-punishment
memoranda R7's partners apply; the time is a real moment with its offset, not in the
future beyond a clock's skew and not older than `MAX_AGE` (a report is automatic: a
block of long ago is a wrong clock or a wrong field, not feedback).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from zhixing.credit.domain.errors import InvalidReport
from zhixing.kernel.clock import aware_instant

ACTIONS: dict[str, str] = {
    "flight_ticket": "拒绝售予机票",
    "train_ticket": "拒绝售予软卧、G字头动车组或其他动车组一等以上座位车票",
    "ship_ticket": "拒绝售予轮船二等以上舱位",
    "hotel": "拒绝星级以上宾馆、酒店高消费",
    "venue": "拒绝夜总会、高尔夫球场高消费",
    "real_estate_registration": "不予办理购买不动产登记",
    "construction_permit": "不予办理新建、扩建、高档装修房屋",
    "office_lease": "拒绝租赁高档写字楼、宾馆、公寓办公",
    "vehicle_registration": "不予办理非经营必需车辆登记",
    "travel_booking": "拒绝旅游、度假产品",
    "school_enrolment": "拒绝子女就读高收费私立学校",
    "insurance_product": "拒绝高额保费保险理财产品",
    "loan": "不予贷款或授信",
    "credit_card": "不予发放信用卡",
    "bond_issue": "限制发行债券",
    "permit": "不予行政许可或从严审核",
    "public_tender": "限制参与政府采购、招标投标",
    "public_office": "限制担任公职或企业高管",
    "honours": "不予评先评优",
    "subsidy": "限制享受政府补贴",
}
"""What a partner may report it refused (R13, R42), with its label."""
MAX_SKEW = timedelta(minutes=5)
"""How far a partner's clock may run ahead of ours."""
MAX_AGE = timedelta(days=366)
"""How old a reported block may be."""


def check_action(action: str) -> str:
    """The action, if it is one of `ACTIONS`."""
    if action not in ACTIONS:
        raise InvalidReport(f"action must be one of {', '.join(ACTIONS)}", rule="R42",
                            field="action")
    return action


def occurred_at(text: str, now: datetime) -> datetime:
    """When the block was applied: RFC 3339 with its offset, within [now − MAX_AGE,
    now + MAX_SKEW]; `now` when left empty. In UTC, whatever offset the partner gave:
    stored reports then sort and show by the moment, not by the partner's clock face."""
    if not text.strip():
        return now
    moment = aware_instant(text)
    if moment is None:
        raise InvalidReport("occurred_at must be RFC 3339 with its offset, e.g. "
                            "2026-03-02T10:00:00+08:00", rule="R42", field="occurred_at")
    if moment > now + MAX_SKEW:
        raise InvalidReport(f"occurred_at is in the future (more than {MAX_SKEW} ahead)",
                            rule="R42", field="occurred_at")
    if moment < now - MAX_AGE:
        raise InvalidReport(f"occurred_at is more than {MAX_AGE.days} days ago", rule="R42",
                            field="occurred_at")
    return moment.astimezone(UTC)
