"""What the watches share besides their base: reading the days events carry, and the
day each case was investigated (R27) as the assets watch saw it."""

from __future__ import annotations

from datetime import date, datetime

from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.eventstore.sql import Cursor
from zhixing.kernel.clock import china_tz
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context

INVESTIGATION = "investigation"
"""The R27 node of the property investigation, done by the assets service's first result."""
INQUIRY_RESULT = NetworkInquiryCompleted.event_type
INVESTIGATED_DDL = """CREATE TABLE IF NOT EXISTS supervision_watch_investigated (
    case_id TEXT PRIMARY KEY, completed_on TEXT NOT NULL)"""
"""The day each case's first network inquiry completed (R27), as the assets watch saw it:
the cases watch reads it for an investigation found overdue after the result came."""


def investigated_on(cursor: Cursor, case_id: str) -> date | None:
    """The day the case's first network inquiry completed, if the assets watch saw it."""
    cursor.execute("SELECT completed_on FROM supervision_watch_investigated "
                   "WHERE case_id = %s", (case_id,))
    row = cursor.fetchone()
    return None if row is None else date.fromisoformat(str(row[0]))


def record_investigated(cursor: Cursor, case_id: str, completed_on: date) -> None:
    """Keep the earliest completion of the case's network inquiries."""
    cursor.execute("INSERT INTO supervision_watch_investigated (case_id, completed_on) "
                   "VALUES (%s, %s) ON CONFLICT (case_id) DO NOTHING",
                   (case_id, completed_on.isoformat()))
    cursor.execute("UPDATE supervision_watch_investigated SET completed_on = %s "
                   "WHERE case_id = %s AND completed_on > %s",
                   (completed_on.isoformat(), case_id, completed_on.isoformat()))


def day(value: str, field: str) -> date:
    """A YYYY-MM-DD the event carries (most contract dates are plain text); one that is no
    date is refused naming its field, never its value, so the delivery is parked."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{field} must be a date, YYYY-MM-DD", rule="R36",
                           field=field) from None


def envelope_day(ctx: Context) -> date:
    """The day (China Standard Time) the event happened, for an event that names none."""
    return datetime.fromisoformat(ctx.time.replace("Z", "+00:00")).astimezone(
        china_tz()).date()
