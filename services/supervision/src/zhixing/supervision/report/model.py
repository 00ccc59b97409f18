"""What a report is made of: the figures of R33 as the contract carries them, what each
means (docs/supervision.md), and the periods a report compares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb

MAX_MONTHS = 60  # the API's own bound on a query (issue 16: at most 60 months)


class Kind(StrEnum):
    """How a figure is read and whether rows add up to the total."""

    COUNT = "count"  # a number of cases; the rows sum to the total
    STOCK = "stock"  # a number at a moment (pending at the start): sums over courts only
    RATE = "rate"  # a fraction 0..1, shown as a percentage with one decimal
    DAYS = "days"
    MONEY = "money"  # fen, shown as ¥ with thousands; the rows sum to the total


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of R33: its field in pb.Figures, its Chinese name and its definition."""

    field: str
    label: str
    kind: Kind
    definition: str
    rule: str = "R33"


FIGURES: tuple[Figure, ...] = (
    Figure("received", "收案数", Kind.COUNT, "期间内立案的执行案件数。"),
    Figure("closed", "结案数", Kind.COUNT, "期间内结案的案件数（含终本），每案按首次结案计。"),
    Figure("pending_at_start", "旧存案件数", Kind.STOCK, "期间开始前立案、开始时尚未结案的案件数。"),
    Figure("closure_rate", "结案率", Kind.RATE, "结案数 ÷（旧存案件数 + 收案数）。"),
    Figure("recovered_rate", "执行到位率", Kind.RATE,
           "期间内结案案件的实际到位金额 ÷ 申请执行标的金额。"),
    Figure("claimed_fen", "申请执行标的", Kind.MONEY, "期间内结案案件的申请执行标的金额合计。"),
    Figure("recovered_fen", "执行到位金额", Kind.MONEY, "上述案件至结案时实际到位的金额合计。"),
    Figure("avg_days", "平均结案用时（天）", Kind.DAYS, "期间内结案案件自立案至结案的平均天数。"),
    Figure("p90_days", "90%案件结案用时（天）", Kind.DAYS, "上述天数的第90百分位（最近秩法）。"),
    Figure("zhongben", "终本结案数", Kind.COUNT, "期间内以终结本次执行程序方式结案的案件数。",
           "R16"),
    Figure("zhongben_rate", "终本率", Kind.RATE, "终本结案数 ÷ 结案数。", "R16"),
    Figure("zhongben_compliant", "终本合规数", Kind.COUNT,
           "终本时 R16 规定的前提条件均已满足的案件数。", "R16"),
    Figure("zhongben_compliance", "终本合规率", Kind.RATE, "终本合规数 ÷ 终本结案数。", "R16"),
    Figure("overdue_nodes", "超期节点数", Kind.COUNT,
           "期限末日落在期间内而未按期完成的流程节点（案件 × 节点）数。", "R26–R28"),
    Figure("first_closed", "首次执行结案数", Kind.COUNT, "期间内结案的首次执行（执字）案件数。",
           "R26"),
    Figure("first_closed_within_limit", "法定期限内结案数", Kind.COUNT,
           "其中在 R26 规定的执行期限内结案的案件数。", "R26"),
    Figure("removals", "失信名单删除数", Kind.COUNT, "期间内删除失信被执行人名单信息的件数。",
           "R8"),
    Figure("removals_within_limit", "按期删除数", Kind.COUNT, "其中在规定期限内删除的件数。", "R8"),
    Figure("relief_decided", "司法救助决定数", Kind.COUNT, "期间内作出的司法救助决定数。", "R31"),
    Figure("relief_within_limit", "限内救助决定数", Kind.COUNT,
           "其中在规定期限内作出的决定数。", "R31"),
)
OPTIONAL = frozenset({"closure_rate", "recovered_rate", "avg_days", "p90_days", "zhongben_rate",
                      "zhongben_compliance"})


def value(figures: pb.Figures, field: str) -> float | None:
    """The figure's value, None when the contract leaves it absent (a divisor of 0)."""
    if field in OPTIONAL and not figures.HasField(field):
        return None
    return float(getattr(figures, field))


@dataclass(frozen=True, slots=True)
class KpiReport:
    """专项工作报告 — the figures of a court or a region over a period (rows per month for a
    court or a region's monthly trend, per court for a region's ranking), the period's total
    and the previous period of equal length, for comparison (R33)."""

    scope_label: str
    court_code: str
    region: str
    from_month: str
    to_month: str
    rows: Sequence[pb.Figures]
    total: pb.Figures
    previous: pb.Figures
    generated_on: date
    trend: Sequence[pb.Figures] = ()  # a region's totals month by month, when known

    @property
    def per_court(self) -> bool:
        """Rows are courts (a region's ranking), not months."""
        return bool(self.region) and any(r.court_code for r in self.rows)


def month_index(month: str) -> int:
    """YYYY-MM as a count of months, refusing anything else (field and bound named)."""
    year, sep, mon = month.partition("-")
    if not (sep and len(year) == 4 and len(mon) == 2 and year.isdigit() and mon.isdigit()
            and 1 <= int(mon) <= 12):
        raise ValueError(f"月份须为 YYYY-MM 格式：{month[:16]!r}")
    return int(year) * 12 + int(mon) - 1


def month_of(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months(from_month: str, to_month: str) -> list[str]:
    """Every month of the period, checking it runs forward and holds at most 60 months."""
    first, last = month_index(from_month), month_index(to_month)
    if last < first:
        raise ValueError("to 月份不得早于 from 月份")
    if last - first + 1 > MAX_MONTHS:
        raise ValueError(f"期间至多 {MAX_MONTHS} 个月（R33 查询上限）")
    return [month_of(i) for i in range(first, last + 1)]


def previous_period(from_month: str, to_month: str) -> tuple[str, str]:
    """The period of equal length that ends the month before this one begins."""
    length = len(months(from_month, to_month))
    first = month_index(from_month)
    return month_of(first - length), month_of(first - 1)


def kpis_request(court: str, region: str, from_month: str, to_month: str, *,
                 monthly: bool = False) -> pb.GetKpisRequest | None:
    """GetKpis for a court or a region; with `monthly`, a region's totals month by month
    (GetKpisRequest.monthly, issue 16) — None when the contract in hand predates it."""
    request = pb.GetKpisRequest(court_code=court, region=region, from_month=from_month,
                                to_month=to_month)
    if monthly:
        if "monthly" not in pb.GetKpisRequest.DESCRIPTOR.fields_by_name:
            return None
        setattr(request, "monthly", True)  # noqa: B010 - absent from older stubs
    return request
