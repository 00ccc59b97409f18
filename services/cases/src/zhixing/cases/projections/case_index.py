"""案件目录 — the cases of a court, with their next deadlines, for lists and worklists.

Fed by the service's own integration events. A row is rebuilt from the case's current
state (and its account's) on every event, so the view is idempotent and redelivery or
replay always converges on the event store's truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol
from uuid import UUID

from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_uuid
from zhixing.cases.domain.case import CONCLUDED, OPEN
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.nodes import node_label, node_rule
from zhixing.contracts.events.cases import v1
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.messaging.typed import Context, TypedHandler, on

TABLE_DDL = """CREATE TABLE IF NOT EXISTS {case_index} (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL, court_code TEXT NOT NULL,
    case_type TEXT NOT NULL, status TEXT NOT NULL, closure TEXT NOT NULL,
    team TEXT NOT NULL, lead_officer TEXT NOT NULL, filed_on TEXT NOT NULL,
    claim_total_fen BIGINT NOT NULL, received_fen BIGINT NOT NULL,
    next_due TEXT NOT NULL, nodes TEXT NOT NULL, version INTEGER NOT NULL)"""
INDEX_DDL = (
    "CREATE INDEX IF NOT EXISTS {case_index}_court ON {case_index} (court_code, filed_on)",
    "CREATE INDEX IF NOT EXISTS {case_index}_due ON {case_index} (next_due)",
)
TABLES = VersionedTables("case_index", {"case_index": (TABLE_DDL, *INDEX_DDL)})
"""Versioned for blue/green rebuilds: readers read the view `case_index`."""
CASE_EVENTS = (
    v1.CaseFiled, v1.CaseAssigned, v1.ExecutionNoticeServed, v1.PropertyReportMissed,
    v1.PropertyReported, v1.NodeOverdue, v1.DeadlineExtended, v1.MoneyReceived,
    v1.MoneyDisbursed, v1.SettlementAgreed, v1.SettlementPerformed, v1.SettlementDefaulted,
    v1.SanctionDecided, v1.RefusalReferralAdvanced, v1.CaseConcluded, v1.CaseResumed,
    v1.CaseClosed, v1.CaseDelegated, v1.DeadlinesCounted, v1.PartyMessageReceived,
    v1.PartyMessageAnswered)
"""Every event of the cases topic: any of them may change its case's row (a test keeps
this list complete)."""
COLUMNS = ("case_id", "case_number", "court_code", "case_type", "status", "closure", "team",
           "lead_officer", "filed_on", "claim_total_fen", "received_fen", "next_due", "nodes",
           "version")


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    case_number: str
    court_code: str
    case_type: str
    status: str
    closure: str
    team: str
    lead_officer: str
    filed_on: str
    claim_total_fen: int
    received_fen: int
    next_due: str
    """The earliest last day among running node limits not yet reported overdue."""
    nodes: dict[str, dict[str, Any]]
    """Running node limits: {node: {"due": ..., "overdue": bool, "provisional": bool}}."""
    version: int

    @property
    def next_due_provisional(self) -> bool:
        """Whether a running node ending on `next_due` was counted provisionally (R64)."""
        return any(n["due"] == self.next_due and n.get("provisional", False)
                   for n in self.nodes.values() if not n["overdue"])


@dataclass(frozen=True)
class WorkItem:
    """One running node limit on an officer's worklist."""

    case_number: str
    case_id: str
    node: str
    label: str
    rule: str
    due_on: str
    overdue: bool
    provisional: bool = False
    """The last day was counted with no official holiday schedule yet (暂定, R64)."""
    detail: str = ""
    """What the item is about, when its node alone does not say: for a party's message,
    who wrote (the role) and an excerpt of the text (issue 17)."""


ROLE_LABELS = {"applicant": "申请执行人", "respondent": "被执行人"}


class AboutACase(Protocol):
    case_id: str


class CaseIndexProjection(Versioned, TypedHandler):
    """Upserts the row of the case an event is about (STYLE 7: one class per view)."""

    tables = TABLES

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(*CASE_EVENTS)
    def changed(self, event: AboutACase, ctx: Context) -> None:
        try:
            row = self.row_for(case_uuid(event.case_id))
        except CaseNotFound:
            return  # a case another deployment holds (a shared regional topic)
        ctx.cursor.execute(
            f"INSERT INTO {{case_index}} ({', '.join(COLUMNS)}) VALUES "
            f"({', '.join(['%s'] * len(COLUMNS))}) ON CONFLICT (case_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
            + " WHERE {case_index}.version <= excluded.version",
            tuple(json.dumps(v, ensure_ascii=False) if c == "nodes" else v
                  for c, v in zip(COLUMNS, row, strict=True)))

    def row_for(self, case_id: UUID) -> tuple[Any, ...]:
        case = self.app.get_case(case_id)
        account = self.app.account_of(case)
        running: dict[str, dict[str, Any]] = {
            name: {"due": node.due, "overdue": node.overdue, "provisional": node.provisional}
            for name, node in case.nodes.items() if not node.done_on}
        for message_id, message in case.party_messages.items():
            if (node := running.get(f"party_message:{message_id}")) is not None:
                role = ROLE_LABELS.get(message.party_role, message.party_role)
                node["detail"] = f"{role}留言：{message.excerpt}"
        if account.disburse_by():
            running["disburse"] = {"due": account.disburse_by(),
                                   "overdue": account.disburse_by() in account.overdue_flagged,
                                   "provisional": account.disburse_by_provisional()}
        pending = [n["due"] for n in running.values() if not n["overdue"]]
        return (str(case.id), case.case_number, case.court_code, case.case_type,
                str(case.status),
                str(case.closure), case.team, case.lead_officer, case.filed_on,
                case.claim_total_fen, account.received_fen, min(pending, default=""),
                running, case.version + account.version)


class CaseIndexQueries:
    """Lists, worklists and the node sweep, read from the case index."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list_cases(self, court_code: str, *, status: str = "", team: str = "",
                   lead_officer: str = "", case_type: str = "", page_size: int = 50,
                   page_token: str = "") -> tuple[list[CaseRow], str]:
        """A court's cases, newest first, filtered; `page_token` continues a listing."""
        filters = {"court_code": court_code, "status": status, "team": team,
                   "lead_officer": lead_officer, "case_type": case_type}
        where = " AND ".join(f"{k} = %s" for k, v in filters.items() if v)
        offset = int(page_token or 0)
        size = max(1, min(page_size or 50, 500))
        rows = self._select(f"WHERE {where} ORDER BY filed_on DESC, case_number DESC "
                            f"LIMIT {size + 1} OFFSET {offset}",
                            tuple(v for v in filters.values() if v))
        more = len(rows) > size
        return rows[:size], str(offset + size) if more else ""

    def worklist(self, court_code: str, today: date, *, lead_officer: str = "",
                 team: str = "", due_within_days: int = 7) -> list[WorkItem]:
        """Running node limits of the officer's (or team's) open cases that are overdue
        or due within `due_within_days`, most urgent first — and the parties' unanswered
        messages on a 终本 case too (issue 17): a concluded case may resume (R18), its
        parties still write, and the team must see every message."""
        horizon = (today + timedelta(days=due_within_days)).isoformat()
        filters = {"court_code": court_code, "team": team, "lead_officer": lead_officer}
        where = " AND ".join(f"{k} = %s" for k, v in filters.items() if v)
        listed = ", ".join(f"'{status}'" for status in sorted(OPEN | {CONCLUDED}))
        rows = self._select(f"WHERE {where} AND status IN ({listed}) "
                            "AND next_due <> ''", tuple(v for v in filters.values() if v))
        items = [WorkItem(row.case_number, row.case_id, node, node_label(node), node_rule(node),
                          info["due"], info["overdue"] or info["due"] < today.isoformat(),
                          info.get("provisional", False), info.get("detail", ""))
                 for row in rows
                 for node, info in row.nodes.items()
                 if info["due"] <= horizon and _listed(row.status, node)]
        return sorted(items, key=lambda item: (item.due_on, item.case_number, item.node))

    def due_for_sweep(self, today: date) -> list[str]:
        """Cases with a node limit past its last day and not yet reported."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM case_index WHERE next_due <> '' AND next_due < %s",
                        (today.isoformat(),))
            return [r[0] for r in cur.fetchall()]

    def provisional_cases(self) -> list[str]:
        """Open cases with a running deadline counted provisionally (R64), to count
        again when a holiday schedule is loaded. The nodes column is JSON text written by
        `json.dumps`, so the flag reads the same on SQLite and PostgreSQL."""
        open_statuses = ", ".join(f"'{status}'" for status in sorted(OPEN))
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT case_id FROM case_index WHERE status IN ({open_statuses}) "
                        "AND nodes LIKE %s", ('%"provisional": true%',))
            return [r[0] for r in cur.fetchall()]

    def _select(self, tail: str, params: tuple[Any, ...]) -> list[CaseRow]:
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM case_index {tail}", params)
            return [_row(r) for r in cur.fetchall()]


def _listed(status: str, node: str) -> bool:
    """Whether a running node of a case in `status` belongs on the worklist: every one of
    an open case; of a 终本 case only a party's message (nothing else runs there)."""
    return status in OPEN or node.startswith(PARTY_MESSAGE)


PARTY_MESSAGE = "party_message:"


def _row(values: tuple[Any, ...]) -> CaseRow:
    fields = dict(zip(COLUMNS, values, strict=True))
    fields["nodes"] = json.loads(fields["nodes"])
    return CaseRow(**fields)
