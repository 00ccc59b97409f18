"""The order behind a control measure (查封、扣押、冻结) and the R20 term rules.

`MeasureOrder` is what a ruling and its assistance notice say: which asset, how, for
how much, served when. `TermRules` are the court's R20 maxima and the R64 choice that
control terms run on calendar dates, both from the policy table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from zhixing.assets.domain.errors import InvalidAssetInput, TermRefused
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import china_tz
from zhixing.kernel.masking import excerpt
from zhixing.kernel.money import bounded_fen
from zhixing.kernel.periods import period_end

KINDS = {"seal": "查封", "detain": "扣押", "freeze": "冻结"}
CLASSES = {"deposit": "银行存款", "movable": "动产", "real_property": "不动产及其他财产权"}
KINDS_OF_CLASS = {"deposit": ("freeze",), "movable": ("seal", "detain"),
                  "real_property": ("seal", "freeze")}
CLASS_OF_ASSET_KIND = {
    "deposit": "deposit", "payment_account": "deposit", "movable": "movable",
    "vehicle": "movable", "real_property": "real_property",
    # R20 "other property rights" run 3 years like real property: equity, securities,
    # fund shares, insurance policies, provident funds, tax refunds (a pension account
    # is money in an account: a deposit).
    "equity": "real_property", "securities": "real_property", "fund": "real_property",
    "insurance_policy": "real_property", "pension": "deposit",
    "provident_fund": "real_property", "tax_refund": "real_property",
    "property_right": "real_property",
}
"""Asset kinds as agencies report them (see the holdings of 网络查控) → R20 class."""


def served_text(moment: datetime) -> str:
    """The queue's sort key: seconds, at +08:00, so ISO text sorts as time."""
    return moment.astimezone(china_tz()).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class TermRules:
    """R20 maxima per class and how a term is counted (R62–R64), from the court's policy."""

    max_months: dict[str, int]
    calendar_dates: bool
    calendar: WorkingCalendar

    def months(self, asset_class: str, kind: str, asked: int) -> int:
        """The term asked (0 = the maximum); TermRefused naming R20 when longer."""
        limit = self.max_months[asset_class]
        if asked < 0 or asked > limit:
            raise TermRefused(f"a {asset_class.replace('_', ' ')} {kind} may run at most "
                              f"{limit} months; asked {asked}", rule="R20", field="term_months")
        return asked or limit

    def end(self, start: date, months: int) -> date:
        """Last day of a term running from the day after `start` (R62, R63); on calendar
        dates unless the policy says terms move off holidays (R64)."""
        return period_end(start, months=months, procedural=not self.calendar_dates,
                          calendar=self.calendar).date


@dataclass(frozen=True)
class MeasureOrder:
    """What a ruling orders: control of one asset, as the assistance notice states it."""

    asset_id: str
    kind: str
    asset_kind: str
    ruling_number: str
    """The ruling's document number (裁定书文号), the measure's legal basis (R25)."""
    amount_fen: int
    """Amount frozen, or the value of the asset controlled."""
    served_at: datetime
    """When the assistance notice was served on the agency (R25; the R22 order)."""
    term_months: int = 0
    exempt_category: str = ""
    balance_fen: int = 0
    natural_person: bool = False
    preservation: bool = False

    @property
    def asset_class(self) -> str:
        return CLASS_OF_ASSET_KIND.get(self.asset_kind.strip(), "")

    @property
    def divisible(self) -> bool:
        """Money can be frozen to the fen; a flat or a car cannot be seized in part."""
        return self.asset_class == "deposit"

    def check(self, now: datetime) -> None:
        """InvalidAssetInput naming the field that is wrong."""
        if not self.asset_id.strip():
            raise InvalidAssetInput("name the asset to control", field="asset_id")
        if not self.asset_class:
            raise InvalidAssetInput(f"asset kind must be one of "
                                    f"{', '.join(CLASS_OF_ASSET_KIND)}", field="asset_kind")
        if self.kind not in KINDS_OF_CLASS[self.asset_class]:
            raise InvalidAssetInput(f"a {self.asset_kind} is controlled by "
                                    f"{' or '.join(KINDS_OF_CLASS[self.asset_class])}, "
                                    f"not {excerpt(self.kind) if self.kind else '(none)'}", field="kind")
        if not self.ruling_number.strip():
            raise InvalidAssetInput("a measure rests on a served ruling: give its number",
                                    rule="R25", field="ruling_number")
        if self.amount_fen <= 0:
            raise InvalidAssetInput("the amount or value must be above zero", rule="R21",
                                    field="amount_fen")
        bounded_fen(self.amount_fen, "amount_fen", rule="R21")
        if self.served_at.tzinfo is None or self.served_at > now:
            raise InvalidAssetInput("the notice's service time must be a past instant with "
                                    "its offset", rule="R25", field="served_at")
