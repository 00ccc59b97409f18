"""What the court board's queries share: the SQL of the oldest unanswered requests, the
courts a scope of prefixes holds, and the answer times' spread and percentile."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from zhixing.eventstore.sql import Cursor
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.projections.index_paging import scope_clause

MAX_LIMIT = 100
_WAITING = (
    "SELECT r.request_id, r.case_id, r.agency_id, r.agency_kind, r.sent_on, r.sent_epoch, "
    "COALESCE(NULLIF(r.reply_by_on, ''), r.due_on) AS due FROM supervision_board_requests r "
    "WHERE {where} AND r.sent_epoch > 0 AND NOT EXISTS (SELECT 1 FROM "
    "supervision_board_answers a WHERE a.request_id = r.request_id "
    "AND a.agency_id = r.agency_id) ORDER BY r.sent_epoch, r.request_id LIMIT %s")
OLDEST_OF_ONE = f"SELECT * FROM ({_WAITING.format(where='r.court_code = %s')}) AS w"
"""One court's oldest unanswered, through its own index: a few courts are merged from
these (one scan in order of sending would read every other court's requests between)."""
OLDEST_OF_MANY = _WAITING.replace("{where}", "r.court_code IN ({marks})")
"""Many courts' (a province): one scan in order of sending finds them soonest."""
FEW_COURTS = 4


def add_spread(timed: dict[str, dict[int, list[int]]], rows: list[tuple[Any, ...]]) -> None:
    """Add (agency, tenths, answers, seconds) rows to each agency's answers by tenths."""
    for agency, tenths, count, seconds in rows:
        bucket = timed.setdefault(str(agency), {}).setdefault(int(tenths), [0, 0])
        bucket[0] += int(count)
        bucket[1] += int(seconds)


def p90(spread: list[tuple[int, int]]) -> float | None:
    """The ⌈0.9·n⌉-th smallest answer time (nearest rank), in days, from (tenths of a
    day rounded up, how many)."""
    total = sum(count for _, count in spread)
    if not total:
        return None
    rank, seen = math.ceil(0.9 * total), 0
    for tenths, count in sorted(spread):
        seen += count
        if seen >= rank:
            return tenths / 10
    raise AssertionError("unreachable: the ranks add up to the total")


def courts_in(cur: Cursor, prefixes: Sequence[str]) -> list[str]:
    """The court codes seen that one of `prefixes` holds (R39): a list an index seeks,
    where a prefix compared per row would read every row of the province."""
    where, params = scope_clause(prefixes)
    cur.execute(f"SELECT court_code FROM supervision_board_courts WHERE {where} "
                "ORDER BY court_code", tuple(params))
    return [str(code) for (code,) in cur.fetchall()]


def placeholders(values: Sequence[str]) -> str:
    return ", ".join(["%s"] * len(values))


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be 1..{MAX_LIMIT}", rule="R39", field="limit")
