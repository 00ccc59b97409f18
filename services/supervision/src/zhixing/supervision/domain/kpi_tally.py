"""The counts behind a row of KPI figures (R33), added up in SQL over the per-case records
(`projections.kpi_sums`), and the same arithmetic as `domain.kpi.figures` over them."""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.supervision.domain.kpi import Figures, Period, ratio


@dataclass
class Tally:
    """The counts and sums behind one row of figures, added up in SQL from the per-case
    records (`projections.kpi_records`): `figures` gives the same arithmetic over them
    as over the records themselves (`domain.kpi.figures`)."""

    received: int = 0
    closed: int = 0
    pending_at_start: int = 0
    claimed_fen: int = 0
    recovered_fen: int = 0
    days: int = 0
    """The sum of the closed cases' days from filing to closure."""
    zhongben: int = 0
    zhongben_compliant: int = 0
    first_closed: int = 0
    first_closed_within_limit: int = 0
    overdue_nodes: int = 0
    removals: int = 0
    removals_within_limit: int = 0
    relief_decided: int = 0
    relief_within_limit: int = 0
    p90_days: int | None = None

    def add(self, other: Tally) -> None:
        """Add `other`'s additive counts (not `pending_at_start`, `overdue_nodes`,
        `p90_days`: the caller counts those for the whole)."""
        for name in ("received", "closed", "claimed_fen", "recovered_fen", "days", "zhongben",
                     "zhongben_compliant", "first_closed", "first_closed_within_limit",
                     "removals", "removals_within_limit", "relief_decided",
                     "relief_within_limit"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self, period: Period, *, court_code: str = "", region: str = "",
                month: str = "") -> Figures:
        """The figures of `period` from these counts (as `figures` computes them)."""
        pending, received, closed = self.pending_at_start, self.received, self.closed
        return Figures(
            court_code=court_code, region=region, month=month, from_month=period.from_month,
            to_month=period.to_month, received=received, closed=closed,
            pending_at_start=pending, closure_rate=ratio(closed, pending + received),
            claimed_fen=self.claimed_fen, recovered_fen=self.recovered_fen,
            recovered_rate=ratio(self.recovered_fen, self.claimed_fen),
            avg_days=self.days / closed if closed else None, p90_days=self.p90_days,
            zhongben=self.zhongben, zhongben_rate=ratio(self.zhongben, closed),
            zhongben_compliant=self.zhongben_compliant,
            zhongben_compliance=ratio(self.zhongben_compliant, self.zhongben),
            overdue_nodes=self.overdue_nodes, first_closed=self.first_closed,
            first_closed_within_limit=self.first_closed_within_limit,
            removals=self.removals, removals_within_limit=self.removals_within_limit,
            relief_decided=self.relief_decided, relief_within_limit=self.relief_within_limit)
