"""Where each reported lead stands (by its reference), and the reward notices in force.

Fed by publicity's own events (LeadReported, RewardNoticePosted/Withdrawn), the assets
service's answers (LeadAccepted, LeadVerified: R27) and the cases filed (what a reward
notice shows of its case). The lead's text never lands here: the status tells the
reporter only where it stands, never the lead nor the case's internal facts. Each
handler writes its own columns (upserts): the three topics arrive in any order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from zhixing.contracts.events.assets.v1 import LeadAccepted, LeadVerified
from zhixing.contracts.events.cases.v1 import CaseFiled
from zhixing.contracts.events.publicity.v1 import (
    LeadReported,
    RewardNoticePosted,
    RewardNoticeWithdrawn,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.clock import SystemClock
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.publicity.domain.lead import SOURCE_ID_MAX, SOURCES, LeadTarget, canonical_reference
from zhixing.publicity.domain.reward_notice import NoticeCase
from zhixing.publicity.projections.case_progress import public_party

STATUS_DDL = """CREATE TABLE IF NOT EXISTS public_leads (
    lead_id TEXT PRIMARY KEY, reference TEXT NOT NULL DEFAULT '',
    reported_on TEXT NOT NULL DEFAULT '', accepted_on TEXT NOT NULL DEFAULT '',
    verify_by TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '',
    verified_on TEXT NOT NULL DEFAULT '')"""
STATUS_INDEX = "CREATE INDEX IF NOT EXISTS public_leads_reference ON public_leads (reference)"
NOTICES_DDL = """CREATE TABLE IF NOT EXISTS reward_notices (
    notice_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, case_number TEXT NOT NULL,
    court_code TEXT NOT NULL, court_name TEXT NOT NULL, debtor TEXT NOT NULL,
    owed_fen BIGINT NOT NULL, reward TEXT NOT NULL, text TEXT NOT NULL,
    posted_on TEXT NOT NULL, valid_until TEXT NOT NULL, withdrawn INTEGER NOT NULL)"""
NOTICES_INDEX = ("CREATE INDEX IF NOT EXISTS reward_notices_court "
                 "ON reward_notices (court_code, posted_on)")
CASES_DDL = """CREATE TABLE IF NOT EXISTS lead_cases (
    case_number TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    owed_fen BIGINT NOT NULL, debtors TEXT NOT NULL)"""
PAGE_SIZE, PAGE_SIZE_MAX = 20, 50
"""A page of reward notices when the caller does not say, and at most (R61)."""
STATUS_LABELS = {"reported": "已提交", "accepted": "承办团队已接收", "verified": "已核查"}
OUTCOME_LABELS = {"property_found": "查实财产", "not_found": "未查实",
                  "not_relevant": "与本案无关"}


@dataclass(frozen=True)
class LeadStatus:
    """Where a lead stands, as its reporter may know it (never its text, R60)."""

    reference: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    reported_on: str
    verify_by: str
    verified_on: str


@dataclass(frozen=True)
class RewardNoticeView:
    """A reward notice (悬赏公告) as the public sees it (debtor masked, R60)."""

    notice_id: str
    case_number: str
    court_code: str
    court_name: str
    debtor_name: str
    debtor_identity: str
    owed_fen: int
    reward: str
    text: str
    posted_on: str
    valid_until: str


class LeadsProjection(TypedHandler):
    """Keeps `public_leads`, `reward_notices` and `lead_cases`; idempotent upserts, so
    redelivery converges (STYLE 7). One instance per topic's consumer group."""

    def __init__(self, cipher: FieldCipher, keep_head: int = 6, keep_tail: int = 4) -> None:
        self.cipher = cipher
        self.keep_head = keep_head
        self.keep_tail = keep_tail

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(STATUS_DDL, STATUS_INDEX, NOTICES_DDL, NOTICES_INDEX, CASES_DDL)

    @on(LeadReported)
    def reported(self, event: LeadReported, ctx: Context) -> None:
        _set_status(ctx.cursor, event.lead_id, reference=event.reference,
                    reported_on=event.reported_on)

    @on(LeadAccepted)
    def accepted(self, event: LeadAccepted, ctx: Context) -> None:
        _set_status(ctx.cursor, event.lead_id, accepted_on=event.accepted_on,
                    verify_by=event.verify_by)

    @on(LeadVerified)
    def verified(self, event: LeadVerified, ctx: Context) -> None:
        _set_status(ctx.cursor, event.lead_id, outcome=event.outcome,
                    verified_on=event.verified_on)

    @on(RewardNoticePosted)
    def posted(self, event: RewardNoticePosted, ctx: Context) -> None:
        debtor = {"name": event.debtor_name, "identity": event.debtor_identity}
        ctx.cursor.execute(
            "INSERT INTO reward_notices (notice_id, case_id, case_number, court_code, "
            "court_name, debtor, owed_fen, reward, text, posted_on, valid_until, withdrawn) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0) "
            "ON CONFLICT (notice_id) DO NOTHING",
            (event.notice_id, event.case_id, event.case_number, event.court_code,
             event.court_name, self.cipher.seal_json(debtor), event.owed_fen, event.reward,
             event.text, event.posted_on, event.valid_until))

    @on(RewardNoticeWithdrawn)
    def withdrawn(self, event: RewardNoticeWithdrawn, ctx: Context) -> None:
        """R61: off the portal at once (the row stays as a tombstone)."""
        ctx.cursor.execute("UPDATE reward_notices SET withdrawn = 1 WHERE notice_id = %s",
                           (event.notice_id,))

    @on(CaseFiled)
    def filed(self, event: CaseFiled, ctx: Context) -> None:
        """What a reward notice shows of its case: the debtors masked here (R60)."""
        debtors = [public_party(p, self.keep_head, self.keep_tail) for p in event.parties
                   if p.role == "respondent"]
        ctx.cursor.execute(
            "INSERT INTO lead_cases (case_number, case_id, court_code, owed_fen, debtors) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (case_number) DO NOTHING",
            (event.case_number, event.case_id, event.court_code, event.claim_total_fen,
             self.cipher.seal_json(debtors)))


def _set_status(cursor: Any, lead_id: str, **columns: str) -> None:
    """Upsert this handler's own columns of a lead's status row (the topics arrive in any
    order). The column names are this module's, never input."""
    names = ", ".join(columns)
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
    cursor.execute(
        f"INSERT INTO public_leads (lead_id, {names}) VALUES (%s{', %s' * len(columns)}) "
        f"ON CONFLICT (lead_id) DO UPDATE SET {updates}", (lead_id, *columns.values()))


class Page(Protocol):
    """Where a page of a public list starts (the portal's signed paging, R61)."""

    size: int
    offset: int

    def next_token(self, cipher: FieldCipher, fetched: int) -> str: ...


Pages = Callable[[FieldCipher, str, int, str], Page]
"""`pages(cipher, scope, page_size, page_token)`: the page asked for, or InvalidInput."""


class LeadQueries:
    """Where each reported lead stands (by its reference), and the reward notices in force.

    `today`: the service's clock (notices run out on their last day); `pages`: the public
    lists' paging (the portal gives its signed tokens and limits; without it, the first
    page only)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher,
                 today: Callable[[], date] | None = None, pages: Pages | None = None) -> None:
        self.store = store
        self.cipher = cipher
        self.today = today or SystemClock().today
        self.pages = pages or first_page_only

    def target_of(self, source: str, source_id: str) -> LeadTarget:
        """The case behind a published entry the public may report a lead on: a 失信
        listing, a published 限制消费 order, a 终本 case (by its number), a reward notice in
        force. Anything else — unknown, removed (R61), unpublished — is NotFound."""
        if source not in SOURCES:
            raise InvalidInput(f"must be one of {', '.join(SOURCES)}", field="source",
                               rule="R27")
        key = source_id.strip() if isinstance(source_id, str) else ""
        if not 0 < len(key) <= SOURCE_ID_MAX:
            raise InvalidInput(f"must be 1–{SOURCE_ID_MAX} characters", field="source_id",
                               rule="R27")
        sql = _TARGETS[source]
        args = (key, self.today().isoformat()) if source == "reward" else (key,)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(sql, args)
            row = cur.fetchone()
        if row is None:
            raise NotFound("nothing published with that id", field="source_id")
        return LeadTarget(str(row[0]), str(row[1]), str(row[2]))

    def status(self, reference: str) -> LeadStatus:
        """Where the lead stands (NotFound naming `reference`); never its text."""
        wanted = canonical_reference(reference)
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT reference, reported_on, accepted_on, verify_by, outcome, "
                        "verified_on FROM public_leads WHERE reference = %s", (wanted,))
            row = cur.fetchone()
        if row is None:
            raise NotFound("no lead with that reference", field="reference")
        ref, reported_on, accepted_on, verify_by, outcome, verified_on = map(str, row)
        status = "verified" if verified_on else "accepted" if accepted_on else "reported"
        return LeadStatus(ref, status, STATUS_LABELS[status], outcome,
                          OUTCOME_LABELS.get(outcome, ""), reported_on, verify_by, verified_on)

    def reward_notices(self, court_code: str = "", page_size: int = PAGE_SIZE,
                       page_token: str = "") -> tuple[list[RewardNoticeView], str]:
        """The notices in force (valid_until ≥ today, not withdrawn), newest first; paged
        within the public lists' limits (signed tokens, at most PAGES_MAX pages, R61)."""
        court = court_code.strip()
        page = self.pages(self.cipher, f"reward_notices|{court}", page_size or PAGE_SIZE,
                          page_token.strip())
        where = "withdrawn = 0 AND valid_until >= %s" + (" AND court_code = %s" if court else "")
        args: tuple[object, ...] = (self.today().isoformat(),) + ((court,) if court else ())
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {_NOTICE_COLUMNS} FROM reward_notices WHERE {where} "
                        "ORDER BY posted_on DESC, notice_id LIMIT %s OFFSET %s",
                        (*args, page.size + 1, page.offset))
            rows = cur.fetchall()
        return [self._notice(r) for r in rows[:page.size]], page.next_token(self.cipher, len(rows))

    def reward_notice(self, notice_id: str) -> RewardNoticeView:
        """One notice in force (NotFound once withdrawn or run out, R61)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {_NOTICE_COLUMNS} FROM reward_notices WHERE "
                        "notice_id = %s AND withdrawn = 0 AND valid_until >= %s",
                        (notice_id.strip()[:SOURCE_ID_MAX], self.today().isoformat()))
            row = cur.fetchone()
        if row is None:
            raise NotFound("no reward notice in force with that id", field="notice_id")
        return self._notice(row)

    def notice_case(self, case_number: str) -> NoticeCase:
        """A case publicity knows, as a reward notice shows it (NotFound otherwise)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id, case_number, court_code, owed_fen, debtors "
                        "FROM lead_cases WHERE case_number = %s",
                        (case_number.strip()[:SOURCE_ID_MAX],))
            row = cur.fetchone()
        if row is None:
            raise NotFound("no case with that number", field="case_number")
        debtors = self.cipher.open_json(row[4]) or [{"name": "", "identity": ""}]
        court = CourtDirectory.default().get(str(row[2]))
        return NoticeCase(str(row[0]), str(row[1]), str(row[2]), court.name,
                          "、".join(d["name"] for d in debtors),
                          "、".join(d["identity"] for d in debtors), int(row[3]))

    def _notice(self, row: tuple[object, ...]) -> RewardNoticeView:
        debtor = self.cipher.open_json(str(row[5]))
        return RewardNoticeView(str(row[0]), str(row[1]), str(row[2]), str(row[3]),
                                debtor["name"], debtor["identity"], int(str(row[4])),
                                str(row[6]), str(row[7]), str(row[8]), str(row[9]))


_NOTICE_COLUMNS = ("notice_id, case_number, court_code, court_name, owed_fen, debtor, "
                   "reward, text, posted_on, valid_until")
_TARGETS = {
    "listing": "SELECT case_id, case_number, court_code FROM dishonest_list "
               "WHERE listing_id = %s",
    # H1's published 限制消费 list (issue 17): an order is there only once published (R10).
    "restriction": "SELECT case_id, case_number, court_code FROM restricted_list "
                   "WHERE restriction_id = %s AND published_on <> ''",
    "zhongben": "SELECT c.case_id, z.case_number, z.court_code FROM zhongben_library z "
                "JOIN lead_cases c ON c.case_number = z.case_number WHERE z.case_number = %s",
    "reward": "SELECT case_id, case_number, court_code FROM reward_notices "
              "WHERE notice_id = %s AND withdrawn = 0 AND valid_until >= %s",
}


@dataclass(frozen=True)
class _FirstPage:
    size: int
    offset: int = 0

    def next_token(self, cipher: FieldCipher, fetched: int) -> str:
        return ""


def first_page_only(cipher: FieldCipher, scope: str, page_size: int, page_token: str) -> Page:
    """Paging when none is given: the first page, no further (R61)."""
    if not 0 < page_size <= PAGE_SIZE_MAX:
        raise InvalidInput(f"page_size must be between 1 and {PAGE_SIZE_MAX}",
                           field="page_size", rule="R61")
    if page_token:
        raise InvalidInput("page_token is not one this list gave", field="page_token",
                           rule="R61")
    return _FirstPage(page_size)
