"""What the supervision lists share: a scope of courts by code prefix (R39: 川 holds
川01 holds 川0104; 成渝 is 川 and 渝), pages by an opaque offset token, and rows made by
whichever of a thing's events arrives first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from zhixing.contracts.events.supervision.v1 import AlertRaised
from zhixing.eventstore.sql import Cursor
from zhixing.kernel.errors import InvalidInput

T = TypeVar("T")
MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_TOKEN_DIGITS = 9
"""A page token is an offset below a billion: far more rows than a scope has."""
MAX_PREFIXES = 50
PREFIX_MAX = 20
"""Characters of a court code (R39)."""


@dataclass(frozen=True)
class Page:
    """Which rows a page holds: `size` of them from `offset`."""

    offset: int
    size: int

    @property
    def sql(self) -> str:
        """The LIMIT/OFFSET clause: one row more than the page, to tell if one follows."""
        return f"LIMIT {self.size + 1} OFFSET {self.offset}"

    def cut(self, rows: list[T]) -> tuple[list[T], str]:
        """The page's rows and the next page's token ('' at the end)."""
        more = len(rows) > self.size
        return rows[:self.size], str(self.offset + self.size) if more else ""


def window(page_size: int, page_token: str) -> Page:
    """The page a request asks for: at most `MAX_PAGE` rows (50 when 0); the token is
    an offset a previous page gave (digits, bounded: a 40-digit one overflows OFFSET)."""
    if page_token and not (page_token.isascii() and page_token.isdigit()
                           and len(page_token) <= MAX_TOKEN_DIGITS):
        raise InvalidInput("not a token from a previous page", field="page_token")
    return Page(int(page_token or 0), max(1, min(page_size or DEFAULT_PAGE, MAX_PAGE)))


def scope_clause(prefixes: Sequence[str], column: str = "court_code"
                 ) -> tuple[str, list[object]]:
    """SQL (and its parameters) keeping the rows of courts whose code starts with one of
    `prefixes`. Compared as text, not LIKE: a prefix is no pattern."""
    if isinstance(prefixes, str):
        prefixes = (prefixes,)
    if not prefixes or len(prefixes) > MAX_PREFIXES:
        raise InvalidInput(f"name 1 to {MAX_PREFIXES} courts or court prefixes",
                           rule="R39", field="court_code")
    for prefix in prefixes:
        if not prefix.strip() or len(prefix) > PREFIX_MAX:
            raise InvalidInput(f"a court code has 1 to {PREFIX_MAX} characters", rule="R39",
                               field="court_code")
    # The length is an int literal (ours, not the caller's): PostgreSQL has no substr of
    # a bigint parameter.
    clause = " OR ".join(f"substr({column}, 1, {len(p)}) = %s" for p in prefixes)
    return f"({clause})", list(prefixes)


@dataclass(frozen=True)
class IndexRows:
    """One row per thing (alert, matter, suggestion) in a list's table, keyed by its id.
    A thing's events may arrive in any order (a rebuild, a redelivery), so whichever
    comes first makes the row with the columns' defaults and each fills in its part."""

    table: str
    key: str

    def make(self, cursor: Cursor, key: str, court_code: str) -> None:
        cursor.execute(f"INSERT INTO {{{self.table}}} ({self.key}, court_code) VALUES (%s, %s) "
                       f"ON CONFLICT ({self.key}) DO NOTHING", (key, court_code))

    def set(self, cursor: Cursor, key: str, assignments: str, *values: object) -> None:
        cursor.execute(f"UPDATE {{{self.table}}} SET {assignments} WHERE {self.key} = %s",
                       (*values, key))

    def advance(self, cursor: Cursor, key: str, status: str, rank: int) -> None:
        """The status moves forward only: a late-replayed earlier event never undoes it."""
        cursor.execute(f"UPDATE {{{self.table}}} SET status = %s, status_rank = %s "
                       f"WHERE {self.key} = %s AND status_rank < %s", (status, rank, key, rank))

    def mark_overdue(self, cursor: Cursor, e: AlertRaised) -> None:
        """The sweep found the thing's last day missed: the alert's subject is its id, or
        `<id>@…` for a later last day missed again. The latest day found missed is kept:
        overdue while it is the current last day, no longer once an extension or a recount
        moved that day later — whichever event comes first."""
        about = e.subject.split("@", 1)[0]
        self.make(cursor, about, e.court_code)
        cursor.execute(f"UPDATE {{{self.table}}} SET overdue_due = %s "
                       f"WHERE {self.key} = %s AND overdue_due < %s", (e.due_on, about, e.due_on))
