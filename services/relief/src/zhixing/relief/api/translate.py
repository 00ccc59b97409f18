"""Protobuf ↔ domain translation for the relief service: requests in, answers out.

An application's answer never holds its hardship facts (R46): `application_message`
reads none of them; only ReadHardship answers with them, audited.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.kernel.calendar import Deadline
from zhixing.kernel.errors import InvalidInput
from zhixing.relief.domain.values import Hardship, HardshipCategory
from zhixing.relief.projections.reports import FIRST_YEAR, LAST_YEAR

CONTROLS = ("Cc", "Cf")
"""Control and format characters (escape sequences, NUL, bidirectional overrides). Not
private-use or unassigned code points: rare characters of Chinese names (生僻字) are
typed as those by some input methods, or are newer than this Python's Unicode tables."""
PURPOSE_CHARS = 2
"""The fewest characters a purpose of reading hardship facts has ("复核", "审查"): a
letter or a dot states no purpose (R46)."""


def parse_day(text: str, field: str, today: date) -> date:
    """A date of the request, YYYY-MM-DD, in the years the service keeps (those of its
    reports); `today` when left empty. A date like 9999-12-31 or 0001-01-01 is refused
    here: a deadline counted from it would run off the calendar."""
    if not text.strip():
        return today
    try:
        day = date.fromisoformat(text.strip())
        if day.isoformat() != text.strip():  # 20260302 and 2026-W10-1 parse too
            raise ValueError("not YYYY-MM-DD")
    except ValueError:
        raise InvalidInput("a date is YYYY-MM-DD", field=field) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"a date is from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31",
                           field=field)
    return day


def parse_year(year: int, field: str, today: date) -> int:
    """A fund's or a report's year, in the years the service keeps; this year when 0."""
    if year == 0:
        return today.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"the year is from {FIRST_YEAR} to {LAST_YEAR} (0 for this year)",
                           field=field)
    return year


def purpose_of(text: str) -> str:
    """Why hardship facts are read, as the audit log keeps it (R46): a few words, no
    control characters (the log is read on a terminal)."""
    purpose = required(text, "purpose", "R46")
    if len(purpose) < PURPOSE_CHARS or any(
            unicodedata.category(c) in CONTROLS for c in purpose):
        raise InvalidInput(f"the purpose states why the facts are read: at least "
                           f"{PURPOSE_CHARS} characters, no control characters",
                           rule="R46", field="purpose")
    return purpose


def required(text: str, field: str, rule: str = "") -> str:
    """A text the request must carry, stripped, without control characters."""
    if not text.strip():
        raise InvalidInput(f"{field} is required", rule=rule, field=field)
    return plain(text, field, rule).strip()


def plain(text: str, field: str, rule: str = "") -> str:
    """`text`, refused when it holds a control character other than a line break or a
    tab: an escape sequence in a narrative or a document number would run on the
    terminal of whoever prints it (`zhixing aid hardship`, `fund`), and a NUL or a
    bidirectional override hides what the audit log and the ledger say."""
    if any(unicodedata.category(c) in CONTROLS and c not in "\n\t" for c in text):
        raise InvalidInput(f"{field} holds control characters (only line breaks and tabs "
                           "are kept)", rule=rule, field=field)
    return text


def hardship_from(request: pb.ApplyRequest) -> Hardship:
    """The hardship facts of an application; the category one of HardshipCategory."""
    try:
        category = HardshipCategory(request.hardship_category.strip())
    except ValueError:
        known = ", ".join(c.value for c in HardshipCategory)
        raise InvalidInput(f"the category is one of {known}", rule="R29",
                           field="hardship_category") from None
    return Hardship(category=category, narrative=required(request.narrative, "narrative", "R29"))


def _day(value: date | str | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _deadline(value: Deadline | None) -> tuple[str, bool]:
    return (value.date.isoformat(), value.provisional) if value is not None else ("", False)


def application_message(case: Any) -> pb.Application:
    """A relief case as the court sees it — no hardship facts (R46)."""
    decide_by, decide_provisional = _deadline(case.decide_by)
    notify_by, notify_provisional = _deadline(case.notify_by)
    return pb.Application(
        application_id=str(case.id), relief_case_number=case.relief_case_number,
        case_id=case.case_id, case_number=case.case_number, court_code=case.court_code,
        party_index=case.party_index, status=str(case.status),
        requested_fen=case.requested_fen, proposed_fen=case.proposed_fen or 0,
        amount_fen=case.amount_fen or 0, applied_on=_day(case.applied_on),
        decide_by=decide_by, decide_by_provisional=decide_provisional,
        decided_on=_day(case.decided_on), rejection_rule=case.rejection_rule or "",
        exceptional=case.exceptional is not None, fund_year=case.fund_year or 0,
        disbursed_on=_day(case.disbursed_on), notify_by=notify_by,
        notify_by_provisional=notify_provisional, notified_on=_day(case.notified_on),
        outstanding_fen=case.outstanding_fen, wage_year=case.wage_year,
        monthly_wage_fen=case.monthly_wage_fen, cap_fen=case.cap_fen)


def wage_message(wage: Any) -> pb.Wage:
    return pb.Wage(province=wage.province, year=wage.year,
                   monthly_wage_fen=wage.monthly_wage_fen, cap_fen=wage.cap_fen,
                   source=wage.source, entered_by=wage.entered_by,
                   demonstration=wage.demonstration)


def fund_message(fund: Any) -> pb.Fund:
    return pb.Fund(court_code=fund.court_code, year=fund.year, income_fen=fund.income_fen,
                   disbursed_fen=fund.disbursed_fen, reserved_fen=fund.reserved_fen,
                   balance_fen=fund.balance_fen, available_fen=fund.available_fen)


def empty_fund(court_code: str, year: int) -> pb.Fund:
    """A fund nothing was credited to yet: all zero."""
    return pb.Fund(court_code=court_code, year=year)


def movement_message(line: Any) -> pb.Movement:
    return pb.Movement(kind=str(line.kind), ref=line.ref, amount_fen=line.amount_fen,
                       day=_day(line.day), balance_fen=line.balance_fen)


def row_message(row: Any, court_code: str) -> pb.Application:
    """A line of the court's list (the relief index, R46: no hardship facts in it)."""
    return pb.Application(
        application_id=row.application_id, relief_case_number=row.relief_case_number,
        case_id=row.case_id, case_number=row.case_number, court_code=court_code,
        party_index=row.party_index,
        status=row.status, requested_fen=row.requested_fen, amount_fen=row.approved_fen,
        applied_on=row.applied_on, decide_by=row.decide_by, decided_on=row.decided_on,
        rejection_rule=row.rejected_rule, exceptional=row.exceptional,
        fund_year=row.fund_year, disbursed_on=row.disbursed_on, notify_by=row.notify_by,
        outstanding_fen=row.outstanding_fen)


def report_message(report: Any) -> pb.Report:
    """The report of a court's fund use of a year (R32)."""
    outcomes, decision, payment = report.applications, report.to_decision, report.to_payment
    return pb.Report(
        court_code=report.court_code, year=report.year,
        appropriated_fen=report.appropriated_fen, donated_fen=report.donated_fen,
        disbursed_fen=report.disbursed_fen, recovered_fen=report.recovered_fen,
        balance_fen=report.balance_fen, applied=outcomes.applied, approved=outcomes.approved,
        rejected=outcomes.rejected, withdrawn=outcomes.withdrawn,
        disbursed=outcomes.disbursed, revoked=outcomes.revoked,
        decision_days_median=decision.median or 0, decision_days_max=decision.max or 0,
        payment_days_median=payment.median or 0, payment_days_max=payment.max or 0)
