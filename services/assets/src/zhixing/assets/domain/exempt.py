"""豁免财产 — property that may not be sealed, detained or frozen (R24).

Civil Procedure Law art. 254 and the SPC seizure provisions art. 3: what the debtor and
the family they support need to live, to study and to be cared for stays out of
enforcement. An asset is declared with a category; an exempt category is refused
outright. Money is different: a natural person's deposit can be frozen, but never the
part the family needs to live on, which the local minimum-living standard (最低生活保障
标准) measures — a policy figure, because every locality sets its own.
"""

from __future__ import annotations

from zhixing.assets.domain.control_terms import MeasureOrder
from zhixing.assets.domain.errors import ExemptProperty, InvalidAssetInput

EXEMPT_CATEGORIES = {
    "clothing": "衣服",
    "furniture": "家具",
    "kitchenware": "炊具、餐具",
    "daily_necessities": "其他家庭生活必需的物品",
    "living_costs": "必需的生活费用",
    "schooling": "义务教育所必需的物品",
    "unpublished_work": "未公开的发明或者未发表的著作",
    "disability_aid": "残疾人辅助工具",
    "medical_aid": "医疗物品",
    "honours": "勋章及其他荣誉表彰的物品",
    "exempt_by_law": "法律或者条约规定的其他不得查封、扣押、冻结的财产",
}
"""R24 categories (the debtor's and dependants'), with the legal wording."""
LIVING_MINIMUM = "living_minimum"
"""The ground of a refused deposit freeze that would leave a natural person less than the
local minimum living amount (R24)."""


def check_not_exempt(category: str) -> None:
    """ExemptProperty naming R24 when the declared category is exempt. An empty
    category means the asset is ordinary property (a flat, a car, a bank balance)."""
    label = EXEMPT_CATEGORIES.get(category.strip())
    if label is not None:
        raise ExemptProperty(f"{label} ({category}) is exempt property and may not be "
                             "sealed, detained or frozen", rule="R24", field="exempt_category")


def check_living_minimum(*, amount_fen: int, balance_fen: int, minimum_fen: int) -> None:
    """A natural person's deposit freeze must leave the local minimum living amount:
    at most `balance_fen - minimum_fen` may be frozen (R24)."""
    if balance_fen <= 0:
        # Without the balance the court cannot see what the family keeps; the agency's
        # answer (网络查控) gives it, so asking for it is no burden.
        raise InvalidAssetInput("the account balance is needed to leave a natural person "
                                "the minimum living amount", rule="R24", field="balance_fen")
    freezable = max(0, balance_fen - minimum_fen)
    if amount_fen > freezable:
        raise ExemptProperty(
            f"a natural person keeps {minimum_fen} fen to live on: of a balance of "
            f"{balance_fen} fen at most {freezable} fen may be frozen; asked {amount_fen}",
            rule="R24", field="amount_fen")


def exempt_ground(order: MeasureOrder) -> str:
    """Why an order refused under R24 was refused: its exempt category, else the living
    minimum of a natural person's deposit."""
    category = order.exempt_category.strip()
    return category if category in EXEMPT_CATEGORIES else LIVING_MINIMUM
