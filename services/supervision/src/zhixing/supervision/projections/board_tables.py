"""The court board's tables (`supervision_board_*`), one versioned part per topic it
follows, so each is rebuildable from its own topic (`board_facts.BoardView`)."""

from __future__ import annotations

from zhixing.contracts.topics import ASSETS_EVENTS, ASSETS_REPLIES, CASES_EVENTS, RELIEF_EVENTS
from zhixing.eventstore.versioned import VersionedTables
from zhixing.supervision.projections.board_tallies import AGENCIES_DDL, ASKED_DDL, TIMED_DDL

CASE_TABLES = VersionedTables("supervision_board_cases", {
    "supervision_board_cases": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_cases} (case_id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL DEFAULT '', court_code TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '', lead_officer TEXT NOT NULL DEFAULT '',
        assigned_on TEXT NOT NULL DEFAULT '')""",)})
"""A case's 案号 and court, and its latest assignment (team code, officer subject)."""
ASSET_TABLES = VersionedTables("supervision_board_assets", {
    "supervision_board_requests": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_requests} (
        request_id TEXT PRIMARY KEY, agency_id TEXT NOT NULL DEFAULT '',
        case_id TEXT NOT NULL DEFAULT '', court_code TEXT NOT NULL DEFAULT '',
        sent_on TEXT NOT NULL DEFAULT '', sent_epoch BIGINT NOT NULL DEFAULT 0,
        due_on TEXT NOT NULL DEFAULT '', reply_by_on TEXT NOT NULL DEFAULT '',
        agency_kind TEXT NOT NULL DEFAULT '', overdue INTEGER NOT NULL DEFAULT 0)""",
        # What the oldest unanswered seek: a court's, or many courts', oldest first.
        "CREATE INDEX IF NOT EXISTS {supervision_board_requests}_court_epoch "
        "ON {supervision_board_requests} (court_code, sent_epoch, request_id)",
        "CREATE INDEX IF NOT EXISTS {supervision_board_requests}_epoch "
        "ON {supervision_board_requests} (sent_epoch, request_id)"),
    "supervision_board_asked": ASKED_DDL,
    "supervision_board_agencies": AGENCIES_DDL,
    "supervision_board_courts": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_courts} (
        court_code TEXT PRIMARY KEY)""",),
    "supervision_board_measures": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_measures} (
        measure_id TEXT PRIMARY KEY, case_id TEXT NOT NULL DEFAULT '',
        court_code TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',
        effective_on TEXT NOT NULL DEFAULT '', expires_on TEXT NOT NULL DEFAULT '',
        ended_on TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX IF NOT EXISTS {supervision_board_measures}_expiry "
        "ON {supervision_board_measures} (ended_on, expires_on)")})
"""`requests`: one row per agency request (`request_key`); `sent_epoch` in seconds, so an
answer time is a subtraction. `courts`: the court codes seen, so a scope of prefixes
becomes a list of codes an index can seek (R39 nesting is by prefix). `due_on` is
counted from the policy table; `reply_by_on` is the deadline the overdue report told (it
wins). `measures`: the latest term told (the greatest `expires_on`), and the first day it
ended."""
ANSWER_TABLES = VersionedTables("supervision_board_answers", {
    "supervision_board_answers": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_answers} (
        request_id TEXT PRIMARY KEY, agency_id TEXT NOT NULL,
        answered_epoch BIGINT NOT NULL, court_code TEXT NOT NULL DEFAULT '',
        sent_on TEXT NOT NULL DEFAULT '', sent_epoch BIGINT NOT NULL DEFAULT 0,
        seconds BIGINT NOT NULL DEFAULT 0)""",
        "CREATE INDEX IF NOT EXISTS {supervision_board_answers}_unmatched "
        "ON {supervision_board_answers} (sent_epoch)"),
    "supervision_board_timed": TIMED_DDL})
"""The first answer ("found" or "nothing") of each request; an "error" is no answer.
Copied from its request when that was seen already (court, day and second sent, and the
answer time), so the answer times of a province's year are summed without a join; an
answer whose request came later (sent_epoch 0) is joined to it at query time."""
RELIEF_TABLES = VersionedTables("supervision_board_relief", {
    "supervision_board_credits": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_credits} (court_code TEXT NOT NULL,
        fund_year INTEGER NOT NULL, entry_id TEXT NOT NULL, amount_fen BIGINT NOT NULL,
        PRIMARY KEY (court_code, fund_year, entry_id))""",),
    "supervision_board_approvals": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_approvals} (
        application_id TEXT PRIMARY KEY, court_code TEXT NOT NULL,
        fund_year INTEGER NOT NULL, amount_fen BIGINT NOT NULL)""",),
    "supervision_board_withdrawals": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_withdrawals} (
        application_id TEXT PRIMARY KEY, released_fen BIGINT NOT NULL)""",),
    "supervision_board_recoveries": (
        """CREATE TABLE IF NOT EXISTS {supervision_board_recoveries} (
        application_id TEXT NOT NULL, recovery_id TEXT NOT NULL, amount_fen BIGINT NOT NULL,
        PRIMARY KEY (application_id, recovery_id))""",)})
"""A withdrawal or a recovery names only its application: its fund is the approval's
(court × fund year), joined at query time, so either may come first."""
FOLLOWS = {"cases": CASE_TABLES, "assets": ASSET_TABLES, "answers": ANSWER_TABLES,
           "relief": RELIEF_TABLES}
TOPICS = {"cases": CASES_EVENTS, "assets": ASSETS_EVENTS, "answers": ASSETS_REPLIES,
          "relief": RELIEF_EVENTS}
GROUPS = {part: f"supervision.board-{part}" for part in FOLLOWS}
"""The consumer group of each part."""
