"""The kinds of assisting agency (协助执行单位) the network inquiry reaches (R41).

A kind names a request topic (`zhixing.assets.requests.v1.<kind>`), so the list is part
of the public contract: a kind is only ever added. Which agencies exist, and what each
one can do, is the assets service's registry.
"""

from __future__ import annotations

AGENCY_KINDS: dict[str, str] = {
    "bank_deposit": "银行存款",
    "online_payment": "网络支付账户",
    "securities": "证券",
    "insurance": "保险",
    "provident_fund": "住房公积金",
    "real_estate": "不动产",
    "vehicle": "车辆",
    "equity": "股权",
    "tax": "税务",
    "social_security": "社会保险",
    "telecom": "通信",
    "household": "户籍",
}
"""Agency kind → its Chinese name (R41: banks, securities, insurers, housing fund,
natural resources, public security, market regulation, tax, social security, telecom)."""

ACTIONS: dict[str, str] = {
    "query": "查询",
    "seal": "查封",
    "freeze": "冻结",
    "detain": "扣押",
    "deduct": "扣划",
    "price_inquiry": "询价",
}
"""What an agency may be asked to do; each agency in the registry declares its subset."""
