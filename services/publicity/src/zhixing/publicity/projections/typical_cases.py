"""Typical cases (典型案例) for the portal, and a court's drafts for its desk.

Fed by the service's own `TypicalCaseChanged` (consumer group `publicity.typical-cases`):
one row per typical case, a later version replacing an earlier whatever the order of
delivery. The portal reads the published ones only; a withdrawn one is gone at once
(R61). The text was redacted before it was ever stored (R60), so nothing here is sealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.publicity.v1 import TypicalCaseChanged
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.messaging.typed import Context, TypedHandler, on

GROUP = "publicity.typical-cases"
"""The consumer group it runs in (`bootstrap`, helm values)."""
PAGE_SIZE, PAGE_SIZE_MAX = 10, 50
DRAFTS_MAX = 200
"""A court's desk lists at most this many, newest first."""
STATUSES = ("draft", "submitted", "returned", "published", "withdrawn")
TABLE_DDL = """CREATE TABLE IF NOT EXISTS {typical_cases} (
    typical_case_id TEXT PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL,
    court_code TEXT NOT NULL, court_name TEXT NOT NULL, title TEXT NOT NULL,
    summary TEXT NOT NULL, body TEXT NOT NULL, case_number TEXT NOT NULL,
    author TEXT NOT NULL, review_comment TEXT NOT NULL, redactions INTEGER NOT NULL,
    published_on TEXT NOT NULL, changed_at TEXT NOT NULL)"""
INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {typical_cases}_published "
             "ON {typical_cases} (status, published_on, typical_case_id)")
TABLES = VersionedTables("typical_cases", {"typical_cases": (TABLE_DDL, INDEX_DDL)})
"""Versioned for blue/green rebuilds: readers read the view `typical_cases`."""
_COLUMNS = ("typical_case_id, version, status, court_code, court_name, title, summary, body, "
            "case_number, author, review_comment, redactions, published_on, changed_at")


@dataclass(frozen=True)
class TypicalCaseView:
    """A published typical case as the public reads it."""

    typical_case_id: str
    title: str
    court_code: str
    court_name: str
    summary: str
    body: str
    published_on: str
    case_number: str


@dataclass(frozen=True)
class TypicalCaseDraftView:
    """A typical case in any state, as its court's desk sees it."""

    typical_case_id: str
    status: str
    title: str
    summary: str
    body: str
    court_code: str
    case_number: str
    author: str
    review_comment: str
    redactions: int
    published_on: str


class TypicalCaseProjection(Versioned, TypedHandler):
    """One row per typical case, its latest version; deterministic (STYLE 7)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(TypicalCaseChanged)
    def changed(self, event: TypicalCaseChanged, ctx: Context) -> None:
        court = CourtDirectory.default().get(event.court_code, field="court_code")
        values = (event.typical_case_id, event.version, event.status, event.court_code,
                  court.name, event.title, event.summary, event.body, event.case_number,
                  event.author, event.review_comment, event.redactions,
                  event.published_on or "", ctx.time)
        ctx.cursor.execute(
            f"INSERT INTO {{typical_cases}} ({_COLUMNS}) VALUES "
            f"({', '.join(['%s'] * len(values))}) ON CONFLICT (typical_case_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS.split(", ")[1:])
            + " WHERE {typical_cases}.version < excluded.version", values)


class TypicalCaseQueries:
    """Published typical cases (典型案例) for the portal, and a court's drafts."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def published(self, court_code: str = "", page_size: int = PAGE_SIZE,
                  page_token: str = "") -> tuple[list[TypicalCaseView], str]:
        """A page of published cases, newest first (bodies included); the token is the
        last of the page (publication day and id)."""
        if not 0 < page_size <= PAGE_SIZE_MAX:
            raise InvalidInput(f"must be between 1 and {PAGE_SIZE_MAX}", field="page_size")
        after = _token(page_token)
        sql = f"SELECT {_COLUMNS} FROM typical_cases WHERE status = 'published'"
        params: list[object] = []
        if after:
            sql += " AND (published_on < %s OR (published_on = %s AND typical_case_id < %s))"
            params += [after[0], after[0], after[1]]
        if court_code:
            sql += " AND court_code = %s"
            params.append(court_code)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{sql} ORDER BY published_on DESC, typical_case_id DESC LIMIT %s",
                        (*params, page_size + 1))
            rows = cur.fetchall()
        page = [_public(row) for row in rows[:page_size]]
        last = page[-1] if page and len(rows) > page_size else None
        return page, f"{last.published_on}/{last.typical_case_id}" if last else ""

    def get(self, typical_case_id: str) -> TypicalCaseView:
        """One published case; NotFound for any other (a draft, a withdrawn one, R61)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {_COLUMNS} FROM typical_cases WHERE typical_case_id = %s "
                        "AND status = 'published'", (str(typical_case_id)[:64],))
            row = cur.fetchone()
        if row is None:
            raise NotFound("no published typical case with that id", field="typical_case_id")
        return _public(row)

    def drafts(self, court_code: str, status: str = "") -> list[TypicalCaseDraftView]:
        """The court's typical cases in every state (or one), newest change first."""
        if status and status not in STATUSES:
            raise InvalidInput(f"one of {', '.join(STATUSES)}", field="status")
        sql = f"SELECT {_COLUMNS} FROM typical_cases WHERE court_code = %s"
        params: list[object] = [court_code]
        if status:
            sql += " AND status = %s"
            params.append(status)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{sql} ORDER BY changed_at DESC, typical_case_id LIMIT %s",
                        (*params, DRAFTS_MAX))
            rows = cur.fetchall()
        return [_draft(row) for row in rows]


def _token(page_token: str) -> tuple[str, str] | None:
    if not page_token:
        return None
    day, _, case_id = page_token.partition("/")
    if len(page_token) > 64 or len(day) != 10 or not case_id:
        raise InvalidInput("not a token this list gave", field="page_token")
    return day, case_id


def _public(row: tuple[object, ...]) -> TypicalCaseView:
    (case_id, _v, _s, court, court_name, title, summary, body, number, *_rest) = row
    return TypicalCaseView(str(case_id), str(title), str(court), str(court_name),
                           str(summary), str(body), str(row[12]), str(number))


def _draft(row: tuple[object, ...]) -> TypicalCaseDraftView:
    (case_id, _v, status, court, _name, title, summary, body, number, author, comment,
     redactions, published_on, _at) = row
    return TypicalCaseDraftView(str(case_id), str(status), str(title), str(summary),
                                str(body), str(court), str(number), str(author),
                                str(comment), int(str(redactions)), str(published_on))
