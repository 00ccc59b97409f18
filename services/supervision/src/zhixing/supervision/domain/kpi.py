"""执行监督 KPIs (R33): the report figures per court and period, as pure arithmetic.

The read model (`projections.case_kpis`) keeps facts with their dates; these functions
turn them into figures at query time, so the order the facts arrived in never matters.
The definitions are binding (the end-to-end test recomputes them independently):

- period: months `from_month`..`to_month` inclusive; a date's month is its calendar month.
- received: cases filed in the period (every case type).
- closed: cases whose first closure — 结案 (CaseClosed) or 终本 (CaseConcluded: 以终本方式结案)
  — is in the period; pending at start: filed before the period, not closed before it.
- closure rate = closed ÷ (pending at start + received).
- recovered rate (执行到位率) = money received up to the closure ÷ the claims, over the
  cases closed in the period.
- average and 90th-percentile (nearest rank) days from filing to closure.
- 终本 rate = 终本 ÷ closed; 终本 compliance = 终本 decided with the R16 preconditions held
  (`unmet_at_conclusion`) ÷ 终本.
- overdue nodes (R26–R28): distinct (case, node) overdue with the missed day in the period.
- first-enforcement (执) cases closed by their "close" node's last day (R26).
- listings removed by their R8 deadline; relief decided by its R31 deadline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.periods import add_months, period_end

MAX_MONTHS = 60
"""At most five years of months in one query (every input is bounded)."""
ZHONGBEN = "zhongben"
"""The closure of a case closed by 终本 (以终本方式结案)."""
FIRST_ENFORCEMENT = "执"
"""首次执行 — the case type R26's closing limit is reported for."""
REQUIRED_INQUIRY_KINDS = frozenset({"bank_deposit", "vehicle", "real_estate", "securities"})
"""R16(3): the network inquiry covers deposits, vehicles, real estate and securities at least."""
NOT_VISIBLE = ("R16(5)", "R17")
"""Not told by any integration event (a missing debtor searched for, the applicant
interviewed): the cases service checks them before it rules; the KPI cannot."""
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str, field_name: str) -> date:
    """The first day of the month `text` (YYYY-MM), or InvalidInput naming the field."""
    found = _MONTH.match(text) if len(text) == 7 else None
    if found is None:
        raise InvalidInput(f"{field_name} must be a month as YYYY-MM", rule="R33",
                           field=field_name)
    return date(int(found[1]), int(found[2]), 1)


def month_of(day: date) -> str:
    """A date's calendar month, YYYY-MM."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Period:
    """Whole months, first..last day inclusive."""

    first: date
    last: date

    @classmethod
    def of_months(cls, from_month: str, to_month: str) -> Period:
        """`from_month`..`to_month` inclusive: in order, at most `MAX_MONTHS` months."""
        start, end = parse_month(from_month, "from_month"), parse_month(to_month, "to_month")
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        if count < 1:
            raise InvalidInput("to_month must not be before from_month", rule="R33",
                               field="to_month")
        if count > MAX_MONTHS:
            raise InvalidInput(f"a query covers at most {MAX_MONTHS} months", rule="R33",
                               field="to_month")
        return cls(start, date.fromordinal(add_months(end, 1).toordinal() - 1))

    @property
    def from_month(self) -> str:
        return month_of(self.first)

    @property
    def to_month(self) -> str:
        return month_of(self.last)

    def months(self) -> list[Period]:
        """Each calendar month of the period, in order."""
        found, start = [], self.first
        while start <= self.last:
            after = add_months(start, 1)
            found.append(Period(start, date.fromordinal(after.toordinal() - 1)))
            start = after
        return found

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last


@dataclass(frozen=True)
class InquiryFact:
    """One revision of a network inquiry (网络查控) of the case."""

    inquiry_id: str
    revision: int
    completed_on: date
    agency_kinds: frozenset[str]
    property_found: bool
    requery: bool = False


@dataclass(frozen=True)
class ConclusionFacts:
    """What the events told of a 终本 case, each fact with its date (debtors by blind index)."""

    filed_on: date
    concluded_on: date
    notice_served_on: date | None = None
    respondents: frozenset[str] = frozenset()
    restricted: Mapping[str, date] = field(default_factory=dict)
    """Debtor → first ConsumptionRestrictionIssued day."""
    listing_decided: Mapping[str, date] = field(default_factory=dict)
    """Debtor → first DebtorListed or ListingDeclined day."""
    inquiries: tuple[InquiryFact, ...] = ()
    three_months_end: date | None = None
    """The last day of the three months from filing (R16(4), R62, R63: `three_months_end`),
    when the caller counted it already (many cases share a filing day); else counted here."""


def unmet_at_conclusion(facts: ConclusionFacts,
                        calendar: WorkingCalendar | None = None) -> list[str]:
    """The R16 preconditions that did not hold on the 终本 day, from the facts dated on
    or before it: "R16(1)" … "R16(4)"; empty when compliant (`calendar` is not needed:
    R16(4) is counted by R62 and R63 only). R16(5) and R17 are not in
    any event (`NOT_VISIBLE`) and are not judged here."""
    on = facts.concluded_on
    unmet = []
    if facts.notice_served_on is None or facts.notice_served_on > on:
        unmet.append("R16(1)")
    if not all(_by(facts.restricted, debtor, on) and _by(facts.listing_decided, debtor, on)
               for debtor in facts.respondents):
        unmet.append("R16(2)")
    if not any(_exhausts(inquiry) for inquiry in _as_of(facts.inquiries, on)):
        unmet.append("R16(3)")
    three_months = facts.three_months_end or three_months_end(facts.filed_on)
    if not three_months < on:
        unmet.append("R16(4)")
    return unmet


def three_months_end(filed_on: date) -> date:
    """R16(4): the last day of the three months from filing (R62, R63) — not moved off a
    rest day: R64 moves the last day of a period for an act, not 'more than 3 months have
    passed' (the cases service rules 终本 from the day after this one)."""
    return period_end(filed_on, months=3, procedural=False).date


def _by(decided: Mapping[str, date], debtor: str, on: date) -> bool:
    day = decided.get(debtor)
    return day is not None and day <= on


def _as_of(inquiries: Iterable[InquiryFact], on: date) -> list[InquiryFact]:
    """Each inquiry as it stood on `on`: its latest revision completed by then."""
    latest: dict[str, InquiryFact] = {}
    for inquiry in inquiries:
        if inquiry.completed_on > on:
            continue
        kept = latest.get(inquiry.inquiry_id)
        if kept is None or kept.revision < inquiry.revision:
            latest[inquiry.inquiry_id] = inquiry
    return list(latest.values())


def _exhausts(inquiry: InquiryFact) -> bool:
    """R16(3): a first inquiry (not a requery) of the required kinds that found nothing."""
    return (not inquiry.requery and not inquiry.property_found
            and inquiry.agency_kinds >= REQUIRED_INQUIRY_KINDS)


def first_closure(closed: tuple[date, str] | None,
                  concluded_on: date | None) -> tuple[date | None, str]:
    """(day, closure) of the case's first closure: a case counts once. 终本 on the day of
    a 结案 is the closure (it came first in the case's life)."""
    if concluded_on is not None and (closed is None or concluded_on <= closed[0]):
        return concluded_on, ZHONGBEN
    if closed is not None:
        return closed
    return None, ""


@dataclass(frozen=True)
class CaseRecord:
    """One case as the figures count it — no names, no identity numbers."""

    case_id: str
    case_number: str
    court_code: str
    case_type: str
    filed_on: date
    claim_total_fen: int = 0
    closed_on: date | None = None
    """The first closure's day (`first_closure`)."""
    closure: str = ""
    """CaseClosed.closure, or `ZHONGBEN`."""
    received_fen: int = 0
    """Money received up to the closure."""
    close_by: date | None = None
    """The "close" node's last day (R26), as counted or extended."""
    unmet: tuple[str, ...] = ()
    """For 终本: the R16 preconditions that did not hold at the decision."""

    @property
    def days(self) -> int | None:
        return None if self.closed_on is None else (self.closed_on - self.filed_on).days

    @property
    def within_limit(self) -> bool:
        return (self.closed_on is not None and self.close_by is not None
                and self.closed_on <= self.close_by)


@dataclass(frozen=True)
class Timed:
    """An act with its deadline: a listing removed (R8), relief decided (R31)."""

    key: str
    case_id: str
    done_on: date | None
    due_on: date | None

    @property
    def in_time(self) -> bool:
        return self.done_on is not None and self.due_on is not None and self.done_on <= self.due_on


@dataclass(frozen=True)
class NodeFact:
    """A node overdue (R26–R28): the case, the node, the last day missed."""

    case_id: str
    node: str
    due_on: date


@dataclass(frozen=True)
class Figures:
    """The R33 figures of one court (or region) over one month (or the whole period)."""

    court_code: str
    region: str
    month: str
    """YYYY-MM for a month's row, "" for the period's total."""
    from_month: str
    to_month: str
    received: int
    closed: int
    pending_at_start: int
    closure_rate: float | None
    claimed_fen: int
    recovered_fen: int
    recovered_rate: float | None
    avg_days: float | None
    p90_days: int | None
    zhongben: int
    zhongben_rate: float | None
    zhongben_compliant: int
    zhongben_compliance: float | None
    overdue_nodes: int
    first_closed: int
    first_closed_within_limit: int
    removals: int
    removals_within_limit: int
    relief_decided: int
    relief_within_limit: int


FIGURES = ("received", "closed", "pending", "zhongben", "zhongben_noncompliant",
           "overdue_nodes", "closed_beyond_limit", "removals_late", "relief_late")
"""The figures whose cases can be drilled into."""


def selects(figure: str, record: CaseRecord, period: Period) -> bool:
    """Whether `record` is behind the case figure `figure` over `period`."""
    closed = period.holds(record.closed_on)
    if figure == "received":
        return period.holds(record.filed_on)
    if figure == "closed":
        return closed
    if figure == "pending":
        return pending_at(record, period.first)
    if figure == "zhongben":
        return closed and record.closure == ZHONGBEN
    if figure == "zhongben_noncompliant":
        return closed and record.closure == ZHONGBEN and bool(record.unmet)
    if figure == "closed_beyond_limit":
        return closed and record.case_type == FIRST_ENFORCEMENT and not record.within_limit
    raise InvalidInput(f"figure must be one of {', '.join(FIGURES)}", rule="R33",
                       field="figure")


def pending_at(record: CaseRecord, start: date) -> bool:
    """Filed before `start` and not closed before it."""
    return record.filed_on < start and (record.closed_on is None or record.closed_on >= start)


def nearest_rank_p90(days: Sequence[int]) -> int | None:
    """The 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest; None when empty."""
    if not days:
        return None
    return sorted(days)[math.ceil(0.9 * len(days)) - 1]


def figures(records: Iterable[CaseRecord], period: Period, *,
            nodes: Iterable[NodeFact] = (), removals: Iterable[Timed] = (),
            reliefs: Iterable[Timed] = (), court_code: str = "", region: str = "",
            month: str = "") -> Figures:
    """The figures of `period` over the facts given (facts outside it are not counted)."""
    cases = list(records)
    closed = [r for r in cases if period.holds(r.closed_on)]
    received = sum(period.holds(r.filed_on) for r in cases)
    pending = sum(pending_at(r, period.first) for r in cases)
    zhongben = [r for r in closed if r.closure == ZHONGBEN]
    compliant = sum(not r.unmet for r in zhongben)
    claimed = sum(r.claim_total_fen for r in closed)
    recovered = sum(r.received_fen for r in closed)
    days = [r.days for r in closed if r.days is not None]
    first = [r for r in closed if r.case_type == FIRST_ENFORCEMENT]
    removed = [t for t in removals if period.holds(t.done_on)]
    decided = [t for t in reliefs if period.holds(t.done_on)]
    return Figures(
        court_code=court_code, region=region, month=month, from_month=period.from_month,
        to_month=period.to_month, received=received, closed=len(closed),
        pending_at_start=pending, closure_rate=ratio(len(closed), pending + received),
        claimed_fen=claimed, recovered_fen=recovered, recovered_rate=ratio(recovered, claimed),
        avg_days=sum(days) / len(days) if days else None, p90_days=nearest_rank_p90(days),
        zhongben=len(zhongben), zhongben_rate=ratio(len(zhongben), len(closed)),
        zhongben_compliant=compliant, zhongben_compliance=ratio(compliant, len(zhongben)),
        overdue_nodes=len({(n.case_id, n.node) for n in nodes if period.holds(n.due_on)}),
        first_closed=len(first), first_closed_within_limit=sum(r.within_limit for r in first),
        removals=len(removed), removals_within_limit=sum(t.in_time for t in removed),
        relief_decided=len(decided), relief_within_limit=sum(t.in_time for t in decided))


def ratio(part: int, whole: int) -> float | None:
    """`part` ÷ `whole`, None when there is no whole."""
    return None if whole == 0 else part / whole


def missing_requeries(concluded_on: date, requery_dates: Iterable[date],
                      requeried_on: Iterable[date], today: date) -> list[date]:
    """R18: the re-query dates up to `today` with no re-query completed in (the date
    before it — or the 终本 day — , that date], nor since (up to `today`): one made late
    is made — the watch closes the case's re-query alerts on its result, and an alert
    raised after that result would never close."""
    done = sorted(day for day in requeried_on if day <= today)
    missing, previous = [], concluded_on
    for due in sorted(set(requery_dates)):
        if due > today:
            break
        if not any(previous < day for day in done):
            missing.append(due)
        previous = due
    return missing

