"""The fund report as values and as a CSV annex (pure: no I/O).

One report per court × fund year (R32). Money is in fen inside and in yuan with two
decimals in the CSV; durations are calendar days from the complete application.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from statistics import median

CSV_HEADER = ("法院 court_code", "年度 year", "指标 figure", "名称 label",
              "数值 value", "单位 unit")
BOM = "\ufeff"
"""Opens the annex as UTF-8 in a spreadsheet (Excel reads a file without it as GBK)."""
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")
"""What starts a formula in a spreadsheet cell (CSV injection)."""


@dataclass(frozen=True)
class Days:
    """Calendar days from the complete application to a step, over the applications
    that reached it."""

    count: int = 0
    median: float | None = None
    """None when no application reached the step."""
    max: int | None = None

    @classmethod
    def of(cls, spans: Iterable[int]) -> Days:
        values = sorted(spans)
        if not values:
            return cls()
        return cls(len(values), float(median(values)), values[-1])


@dataclass(frozen=True)
class Outcomes:
    """Applications filed in the year, and how many reached each outcome (one may reach
    several: a disbursed application was approved, a revoked one was disbursed)."""

    applied: int = 0
    approved: int = 0
    rejected: int = 0
    withdrawn: int = 0
    disbursed: int = 0
    revoked: int = 0
    withdrawn_after_approval: int = 0
    """Of `withdrawn`, those withdrawn after their approval (so counted in `approved`
    too): a pending count subtracts them once."""

    @property
    def pending(self) -> int:
        """Applied and not yet decided (nor withdrawn)."""
        undecided_withdrawn = self.withdrawn - self.withdrawn_after_approval
        return max(self.applied - self.approved - self.rejected - undecided_withdrawn, 0)


@dataclass(frozen=True)
class Report:
    """Fund use of one court in one year (R32): money in fen."""

    court_code: str
    year: int
    appropriated_fen: int = 0
    """财政拨款 credited to the year's fund."""
    donated_fen: int = 0
    """社会捐助 credited to the year's fund."""
    disbursed_fen: int = 0
    """Relief paid out of the year's fund."""
    recovered_from_cases_fen: int = 0
    """Repaid to the year's fund from money later received in the cases."""
    recovered_after_fraud_fen: int = 0
    """Returned to the year's fund after a revocation for fraud."""
    applications: Outcomes = field(default_factory=Outcomes)
    """Applications filed in the year."""
    to_decision: Days = field(default_factory=Days)
    """From the complete application to approval or rejection (R31: 10 working days)."""
    to_payment: Days = field(default_factory=Days)
    """From the complete application to the payment."""

    @property
    def recovered_fen(self) -> int:
        return self.recovered_from_cases_fen + self.recovered_after_fraud_fen

    @property
    def balance_fen(self) -> int:
        """Income (appropriated, donated, recovered) less what was disbursed."""
        return (self.appropriated_fen + self.donated_fen + self.recovered_fen
                - self.disbursed_fen)


@dataclass(frozen=True)
class Figure:
    """One row of the annex."""

    key: str
    label: str
    value: int | float | None
    unit: str
    """"fen" (shown in yuan), "count" or "days"."""


def figures(report: Report) -> list[Figure]:
    """The report's figures in the annex's order."""
    money = [("appropriated", "财政拨款", report.appropriated_fen),
             ("donated", "社会捐助", report.donated_fen),
             ("disbursed", "救助金发放", report.disbursed_fen),
             ("recovered", "追回及偿还", report.recovered_fen),
             ("recovered_from_cases", "执行款偿还", report.recovered_from_cases_fen),
             ("recovered_after_fraud", "骗取救助追回", report.recovered_after_fraud_fen),
             ("balance", "结余", report.balance_fen)]
    apps = report.applications
    counts = [("applied", "申请", apps.applied), ("approved", "批准", apps.approved),
              ("rejected", "不予救助", apps.rejected), ("withdrawn", "撤回", apps.withdrawn),
              ("disbursed", "已发放", apps.disbursed), ("revoked", "撤销救助", apps.revoked),
              ("pending", "待决定", apps.pending)]
    days = [("to_decision_median", "申请至决定天数（中位数）", report.to_decision.median),
            ("to_decision_max", "申请至决定天数（最长）", report.to_decision.max),
            ("to_payment_median", "申请至发放天数（中位数）", report.to_payment.median),
            ("to_payment_max", "申请至发放天数（最长）", report.to_payment.max)]
    return ([Figure(f"{k}_fen", label, v, "fen") for k, label, v in money]
            + [Figure(f"applications_{k}", label, v, "count") for k, label, v in counts]
            + [Figure(k, label, v, "days") for k, label, v in days])


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals and no grouping ("1234.50"), for a spreadsheet."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{whole}.{part:02d}"


UNITS = {"fen": "元 yuan", "count": "件 applications", "days": "天 days"}


def _shown(figure: Figure) -> str:
    if figure.value is None:
        return ""
    if figure.unit == "fen":
        return yuan(int(figure.value))
    if isinstance(figure.value, float):
        return f"{figure.value:.1f}"
    return str(figure.value)


def to_csv(report: Report) -> str:
    """The annex: a header row (Chinese and English), then one row per figure; amounts
    in yuan with two decimals; an empty value when no application reached a step."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for figure in figures(report):
        writer.writerow((_cell(report.court_code), report.year, figure.key, figure.label,
                         _shown(figure), UNITS[figure.unit]))
    return BOM + out.getvalue()


def _cell(text: str) -> str:
    """A text cell as a spreadsheet shows it, never runs it: one starting like a formula
    is prefixed with an apostrophe (the court code is the only text not written here)."""
    return f"'{text}" if text.startswith(FORMULA_MARKS) else text


def days_between(start: str, end: str) -> int | None:
    """Calendar days from `start` to `end` (YYYY-MM-DD), None when either is missing."""
    if not start or not end:
        return None
    return (date.fromisoformat(end) - date.fromisoformat(start)).days
