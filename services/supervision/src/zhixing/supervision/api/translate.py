"""Protobuf ↔ domain translation for the supervision service: requests in, answers out.

Only `entry_message` carries an interference record's who and what (R35): ReadInterference
alone answers with it, audited. Every other answer names cases by id and 案号, people by
role or user subject — never a party.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.calendar import Deadline
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt
from zhixing.supervision.domain.values import ALERT_LABELS, AlertKind
from zhixing.supervision.projections.index_paging import MAX_TOKEN_DIGITS

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years the service keeps: a deadline counted from 9999-12-31 would run off the
calendar."""
MOST_MONTHS = 60
"""The most months one query spans (five years; issue 15: every input bounded)."""
CONTROLS = ("Cc", "Cf")
"""Control and format characters: an escape sequence would run on the terminal of whoever
prints it; a NUL or a bidirectional override hides what the record says."""
PURPOSE_CHARS = 2
"""The fewest characters of a purpose ("复核", "检查"): a letter states none (R46)."""
PAGE, MOST = 50, 500
"""A page's default and largest size."""


def parse_day(text: str, field: str, today: date, *, past: bool = False) -> date:
    """A date of the request, YYYY-MM-DD, 2000–2100; `today` when left empty. `past`: the
    day an act happened (a reply, a closing, a sending), so not after `today` — a reply
    dated 2099 would stand as given and answered, and no sweep would find it overdue."""
    value = text.strip()
    if not value:
        return today
    try:
        day = date.fromisoformat(value)
        if day.isoformat() != value:  # 20260302 and 2026-W10-1 parse too
            raise ValueError("not YYYY-MM-DD")
    except ValueError:
        raise InvalidInput("a date is YYYY-MM-DD", field=field) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"a date is from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31",
                           field=field)
    if past and day > today:
        raise InvalidInput(f"the day of an act is not after today ({today.isoformat()})",
                           field=field)
    return day


def parse_month(text: str, field: str) -> date:
    """A month, YYYY-MM, as its first day."""
    value = text.strip()
    try:
        if len(value) != 7:
            raise ValueError("not YYYY-MM")
        month = date.fromisoformat(f"{value}-01")
    except ValueError:
        raise InvalidInput("a month is YYYY-MM", rule="R33", field=field) from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise InvalidInput(f"a month is from {FIRST_YEAR}-01 to {LAST_YEAR}-12", rule="R33",
                           field=field)
    return month


def months(from_month: str, to_month: str) -> tuple[str, str]:
    """The period's first and last month (YYYY-MM), in order and at most 60 apart."""
    first = parse_month(from_month, "from_month")
    last = parse_month(to_month, "to_month")
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span < 1:
        raise InvalidInput("to_month is on or after from_month", rule="R33", field="to_month")
    if span > MOST_MONTHS:
        raise InvalidInput(f"a query spans at most {MOST_MONTHS} months; got {span}",
                           rule="R33", field="to_month")
    return first.isoformat()[:7], last.isoformat()[:7]


def parse_year(year: int, field: str, today: date) -> int:
    """A year, 2000–2100; this year when 0."""
    if year == 0:
        return today.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"the year is from {FIRST_YEAR} to {LAST_YEAR} (0 for this year)",
                           field=field)
    return year


def page_bounds(page_size: int, page_token: str) -> tuple[int, int]:
    """Where a page starts (the token is the offset the previous page gave) and its size."""
    if not 0 <= page_size <= MOST:
        raise InvalidInput(f"the page size is 1–{MOST} (0 for {PAGE})", field="page_size")
    # Only the digits a page gave, as the lists read them (`index_paging.window`): int()
    # also takes " 1", "+1", "١" and a 30-digit number the read model cannot offset by.
    if page_token and not (page_token.isascii() and page_token.isdigit()
                           and len(page_token) <= MAX_TOKEN_DIGITS):
        raise InvalidInput("not a token this service gave", field="page_token")
    return int(page_token or 0), page_size or PAGE


def page_of(items: list[Any], page_size: int, page_token: str) -> tuple[list[Any], str]:
    """One page of `items` and the token of the next ("" on the last)."""
    start, size = page_bounds(page_size, page_token)
    more = start + size < len(items)
    return items[start:start + size], str(start + size) if more else ""


def required(text: str, field: str, rule: str = "") -> str:
    """A text the request must carry, stripped, without control characters."""
    if not text.strip():
        raise InvalidInput(f"{field} is required", rule=rule, field=field)
    return plain(text, field, rule).strip()


def plain(text: str, field: str, rule: str = "") -> str:
    """`text`, refused when it holds a control character other than a line break or a tab."""
    if any(unicodedata.category(c) in CONTROLS and c not in "\n\t" for c in text):
        raise InvalidInput(f"{field} holds a control character", rule=rule, field=field)
    return text


def purpose_of(text: str) -> str:
    """Why the register is read, as the audit log keeps it (R46): a few words."""
    purpose = required(text, "purpose", "R46")
    if len(purpose) < PURPOSE_CHARS:
        raise InvalidInput(f"the purpose states why the register is read: at least "
                           f"{PURPOSE_CHARS} characters", rule="R46", field="purpose")
    return purpose


def choice(enum: Any, text: str, field: str, rule: str = "") -> Any:
    """`text` as a member of the StrEnum `enum`, or a refusal listing the members (the
    caller's text quoted as an excerpt, R60)."""
    try:
        return enum(text.strip())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(f"{field} {excerpt(text, 24)} is not one of: {allowed}",
                           rule=rule, field=field) from None


def day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def deadline_parts(deadline: Deadline | date | str | None) -> tuple[str, bool]:
    """A deadline's day and whether it is provisional (R64); an index row's day (text)
    as it is."""
    if deadline is None:
        return "", False
    if isinstance(deadline, Deadline):
        return deadline.date.isoformat(), deadline.provisional
    return _text(deadline), False


def label_of(kind: str) -> str:
    try:
        return ALERT_LABELS[AlertKind(kind)]
    except (ValueError, KeyError):
        return ""



def figures_message(figures: Any) -> pb.Figures:
    """The figures of one court or region, month or period (R33); absent rates stay
    unset (their divisor was 0)."""
    message = pb.Figures(
        court_code=figures.court_code, region=figures.region, month=figures.month,
        received=figures.received, closed=figures.closed,
        pending_at_start=figures.pending_at_start, zhongben=figures.zhongben,
        zhongben_compliant=figures.zhongben_compliant, overdue_nodes=figures.overdue_nodes,
        first_closed=figures.first_closed,
        first_closed_within_limit=figures.first_closed_within_limit,
        removals=figures.removals, removals_within_limit=figures.removals_within_limit,
        relief_decided=figures.relief_decided,
        relief_within_limit=figures.relief_within_limit, claimed_fen=figures.claimed_fen,
        recovered_fen=figures.recovered_fen)
    for name in ("closure_rate", "recovered_rate", "avg_days", "zhongben_rate",
                 "zhongben_compliance"):
        value = getattr(figures, name)
        if value is not None:
            setattr(message, name, float(value))
    if figures.p90_days is not None:
        message.p90_days = int(figures.p90_days)
    return message


def case_row_message(row: Any) -> pb.CaseRow:
    """One case behind a figure: id, 案号, court, dates, closure and why — no party."""
    return pb.CaseRow(case_id=row.case_id, case_number=row.case_number,
                      court_code=row.court_code, filed_on=_text(row.filed_on),
                      closed_on=_text(row.closed_on), closure=row.closure or "",
                      detail=row.detail or "")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def alert_message(alert: Any, *, timeline: bool = False) -> pb.Alert:
    """An alert (the aggregate or a row of the index); its timeline when asked."""
    kind = str(alert.kind)
    message = pb.Alert(
        alert_id=str(getattr(alert, "alert_id", None) or alert.id), kind=kind,
        label=label_of(kind), rule=alert.rule, court_code=alert.court_code,
        case_id=alert.case_id or "", case_number=alert.case_number or "",
        subject=alert.subject, act_by_role=alert.act_by_role, act_by=alert.act_by or "",
        due_on=_text(alert.due_on), raised_on=_text(alert.raised_on),
        status=str(alert.status))
    if timeline:
        message.timeline.extend(pb.Step(on=_text(step.on), what=str(step.what),
                                        by=step.by or "", note=step.note or "")
                                for step in alert.timeline)
    return message


def matter_message(matter: Any, *, summary: bool = False) -> pb.Matter:
    """A procuratorial matter (the aggregate, or a row of the index: no procuratorate,
    no summary)."""
    reply_by, provisional = deadline_parts(matter.reply_by)
    message = pb.Matter(
        matter_id=str(getattr(matter, "matter_id", None) or matter.id),
        kind=str(matter.kind), court_code=matter.court_code,
        document_number=matter.document_number,
        procuratorate=getattr(matter, "procuratorate", ""),
        case_id=matter.case_id or "", case_number=matter.case_number or "",
        received_on=_text(matter.received_on), reply_by=reply_by,
        reply_by_provisional=provisional, extended=bool(matter.extended),
        status=str(matter.status), replied_on=_text(getattr(matter, "replied_on", None)),
        reply_document_number=(getattr(matter, "reply_document", None)
                               or getattr(matter, "reply_document_number", "")),
        within_limit=bool(getattr(matter, "within_limit", False)),
        overdue=bool(matter.overdue))
    if summary:
        message.summary = getattr(matter, "summary", "") or ""
    return message


def suggestion_message(suggestion: Any) -> pb.Suggestion:
    """A judicial or disciplinary suggestion (the aggregate or a row of the index)."""
    handle_by, provisional = deadline_parts(suggestion.handle_by)
    return pb.Suggestion(
        suggestion_id=str(getattr(suggestion, "suggestion_id", None) or suggestion.id),
        kind=str(suggestion.kind), court_code=suggestion.court_code,
        recipient=suggestion.recipient, agency_id=suggestion.agency_id or "",
        case_id=suggestion.case_id or "", document_number=suggestion.document_number,
        reason=getattr(suggestion, "reason", "") or "", sent_on=_text(suggestion.sent_on),
        handle_by=handle_by, handle_by_provisional=provisional, status=str(suggestion.status),
        handled_on=_text(getattr(suggestion, "handled_on", None)),
        outcome=getattr(suggestion, "outcome", "") or "",
        within_limit=bool(getattr(suggestion, "within_limit", False)),
        overdue=bool(suggestion.overdue))


def entry_message(entry: Any) -> pb.InterferenceEntry:
    """One record of the register as kept — who, how, when, what was asked (R35): only
    ReadInterference answers with it."""
    record = entry.record
    return pb.InterferenceEntry(
        record_id=str(entry.record_id), seq=entry.seq, who_name=record.who_name,
        who_unit=record.who_unit, who_post=record.who_post, means=str(record.means),
        occurred_on=_text(record.occurred_on), case_id=record.case_id,
        case_number=record.case_number, asked=record.asked, corrects=record.corrects,
        recorded_on=_text(entry.recorded_on), recorded_by=entry.recorded_by, hash=entry.hash)


def check_message(check: Any) -> pb.VerifyRegisterResponse:
    """The check of a register: a problem by seq, never by content (R35)."""
    return pb.VerifyRegisterResponse(
        ok=check.ok, checked=check.checked, first_bad_seq=check.first_bad_seq or 0,
        problem=check.problem or "", head_seq=check.head_seq or 0,
        head_hash=check.head_hash or "")


def summary_message(summary: Any) -> pb.GetQuarterSummaryResponse:
    """A court's quarterly summary of its register: counts, no one named (R35)."""
    return pb.GetQuarterSummaryResponse(
        court_code=summary.court_code, year=summary.year, quarter=summary.quarter,
        count=summary.count,
        by_means=[pb.Count(key=str(key), count=count)
                  for key, count in sorted(summary.by_means.items(), key=lambda kv: str(kv[0]))],
        cases_named=summary.cases_named, corrections=summary.corrections, nil=summary.nil,
        head_seq=summary.head_seq or 0, head_hash=summary.head_hash or "")


def choice_of(allowed: tuple[str, ...], text: str, field: str, rule: str = "") -> str:
    """`text`, one of `allowed` (the caller's text quoted as an excerpt, R60)."""
    value = text.strip()
    if value not in allowed:
        raise InvalidInput(f"{field} {excerpt(text, 24)} is not one of: {', '.join(allowed)}",
                           rule=rule, field=field)
    return value


def optional_choice(allowed: tuple[str, ...], text: str, field: str) -> str | None:
    """As `choice_of`; None when left empty (all)."""
    return choice_of(allowed, text, field) if text.strip() else None
