"""The facts behind the court board of the command centre (issue 16), from four topics:

- cases: each case's 案号, court and current team and lead officer (CaseAssigned, R27);
- assets: every agency request of a network inquiry (NetworkInquiryStarted, one per
  agency asked; AgencyAnswerOverdue marks one overdue, R41) and every control measure's
  term (MeasureTookEffect/Renewed, ended by MeasureReleased/Lapsed, R20);
- the agencies' answers topic (AgencyAnswered: when each request was answered, R41);
- relief: each fund's credits, approvals (reservations), withdrawals and recoveries (R32).

Every write is idempotent and order-independent: a row is made by whichever of its
events comes first and each event sets its own columns; where two events may tell a
value (a renewal and the effect, two answers), the rule for which wins is in the SQL.
Each topic's tables are versioned apart (`board_tables.FOLLOWS`), so each part is
rebuildable from its own topic; the groups are `supervision.board-<part>`. What joins
them (a recovery to its fund, an answer to a request seen after it) is done at query
time (`board`); the agencies' figures are tallied as they come (`board_tallies`).

No names, identity numbers or accounts are kept: cases by id and 案号, officers by
subject, agencies by id; the inquiry's debtor is not kept at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    AgencyAnswerOverdue,
    MeasureLapsed,
    MeasureReleased,
    MeasureRenewed,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.cases.v1 import CaseAssigned, CaseFiled
from zhixing.contracts.events.relief.v1 import (
    FundCredited,
    ReliefApproved,
    ReliefRecovered,
    ReliefWithdrawn,
)
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import PinnedTables, Versioned, VersionedTables
from zhixing.kernel.clock import legal_date
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.policy import PolicyTable
from zhixing.messaging.typed import Context, TypedHandler, UnreadableEvent, on
from zhixing.supervision.projections.board_tables import (
    ANSWER_TABLES,
    ASSET_TABLES,
    CASE_TABLES,
    FOLLOWS,
    RELIEF_TABLES,
)
from zhixing.supervision.projections.board_tallies import asked_of, move, timed_of
from zhixing.supervision.projections.case_kpis import fen, iso_day

ANSWERS = ("found", "nothing")
"""Outcomes that answer a request; "error" asks the agency again (no answer yet)."""


def request_key(inquiry_id: str, agency_id: str) -> str:
    """The id of the request an inquiry sent one agency: the `request_id` the agency's
    answer and the overdue report quote (the assets service's `<inquiry>:<agency>`)."""
    return f"{inquiry_id}:{agency_id}"


class BoardView(Versioned, TypedHandler):
    """Keeps the court board's facts (STYLE 7: one class per read model).
    `BoardView()` follows every topic; `BoardView("answers")` one of them (`FOLLOWS`),
    which makes that part rebuildable on its own."""

    tables: VersionedTables | PinnedTables

    def __init__(self, follows: str = "") -> None:
        if follows:
            if follows not in FOLLOWS:
                raise ValueError(f"follows is one of {', '.join(FOLLOWS)} (or empty for all)")
            self.tables = FOLLOWS[follows]

    @staticmethod
    def migrate(store: SqlStore) -> None:
        for part in FOLLOWS.values():
            part.install(store)

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        """Each method binds the tables of its own topic (`_bound`)."""
        TypedHandler.handle(self, event, cursor)

    def _bound(self, part: VersionedTables, ctx: Context) -> Cursor | None:
        followed = getattr(self, "tables", None)
        if followed is None:
            return part.bind(ctx.cursor)
        return followed.bind(ctx.cursor) if followed.name == part.name else None

    # --- cases ----------------------------------------------------------------------

    @on(CaseFiled)
    def filed(self, e: CaseFiled, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _case(cur, e.case_id, e.case_number, e.court_code)

    @on(CaseAssigned)
    def assigned(self, e: CaseAssigned, ctx: Context) -> None:
        """R27: the latest assignment wins (a reassignment); on one day, the greater
        (team, officer) — any fixed rule, so the order of arrival never matters."""
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        _case(cur, e.case_id, e.case_number, e.court_code)
        on_day = iso_day(e.assigned_on, "assigned_on")
        cur.execute(
            "UPDATE {supervision_board_cases} SET team = %s, lead_officer = %s, "
            "assigned_on = %s WHERE case_id = %s AND (assigned_on < %s OR "
            "(assigned_on = %s AND (team < %s OR (team = %s AND lead_officer < %s))))",
            (e.team, e.lead_officer, on_day, e.case_id, on_day, on_day, e.team, e.team,
             e.lead_officer))

    # --- assets: agency requests and control measures ---------------------------------

    @on(NetworkInquiryStarted)
    def inquiry_started(self, e: NetworkInquiryStarted, ctx: Context) -> None:
        if (cur := self._bound(ASSET_TABLES, ctx)) is None:
            return
        sent = moment(e.started_at, "started_at")
        due = _due_on(e.court_code, sent)
        _court(cur, e.court_code)
        for agency_id in sorted(set(e.agency_ids)):
            key = request_key(e.inquiry_id, agency_id)
            before = asked_of(cur, key)
            cur.execute(
                "INSERT INTO {supervision_board_requests} (request_id, agency_id, case_id, "
                "court_code, sent_on, sent_epoch, due_on) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (request_id) DO UPDATE SET agency_id = excluded.agency_id, "
                "case_id = excluded.case_id, court_code = excluded.court_code, "
                "sent_on = excluded.sent_on, sent_epoch = excluded.sent_epoch, "
                "due_on = excluded.due_on",
                (key, agency_id, e.case_id, e.court_code, legal_date(sent).isoformat(),
                 int(sent.timestamp()), due))
            move(cur, "asked", before, asked_of(cur, key))

    @on(AgencyAnswerOverdue)
    def answer_overdue(self, e: AgencyAnswerOverdue, ctx: Context) -> None:
        """R41: the agency let its deadline pass; the deadline it was told wins."""
        if (cur := self._bound(ASSET_TABLES, ctx)) is None:
            return
        reply_by = legal_date(moment(e.reply_by, "reply_by")).isoformat()
        _court(cur, e.court_code)
        cur.execute("INSERT INTO {supervision_board_agencies} (agency_id, agency_kind) "
                    "VALUES (%s, %s) ON CONFLICT (agency_id) DO UPDATE SET "
                    "agency_kind = excluded.agency_kind "
                    "WHERE {supervision_board_agencies}.agency_kind < excluded.agency_kind",
                    (e.agency_id, e.agency_kind))
        before = asked_of(cur, e.request_id)
        cur.execute(
            "INSERT INTO {supervision_board_requests} (request_id, agency_id, case_id, "
            "court_code, reply_by_on, agency_kind, overdue) VALUES (%s, %s, %s, %s, %s, %s, 1) "
            "ON CONFLICT (request_id) DO UPDATE SET reply_by_on = excluded.reply_by_on, "
            "agency_kind = excluded.agency_kind, overdue = 1",
            (e.request_id, e.agency_id, e.case_id, e.court_code, reply_by, e.agency_kind))
        move(cur, "asked", before, asked_of(cur, e.request_id))

    @on(MeasureTookEffect)
    def took_effect(self, e: MeasureTookEffect, ctx: Context) -> None:
        if (cur := self._bound(ASSET_TABLES, ctx)) is None:
            return
        _measure(cur, e.measure_id, e.case_id, e.court_code)
        cur.execute("UPDATE {supervision_board_measures} SET kind = %s, effective_on = %s "
                    "WHERE measure_id = %s",
                    (e.kind, iso_day(e.effective_on, "effective_on"), e.measure_id))
        _term(cur, e.measure_id, iso_day(e.expires_on, "expires_on"))

    @on(MeasureRenewed)
    def renewed(self, e: MeasureRenewed, ctx: Context) -> None:
        """R20: 续行 — a later last day."""
        if (cur := self._bound(ASSET_TABLES, ctx)) is not None:
            _measure(cur, e.measure_id, e.case_id, e.court_code)
            _term(cur, e.measure_id, iso_day(e.expires_on, "expires_on"))

    @on(MeasureReleased, MeasureLapsed)
    def ended(self, e: MeasureReleased | MeasureLapsed, ctx: Context) -> None:
        """R20/R25: released or lapsed — the first day it ended is kept."""
        if (cur := self._bound(ASSET_TABLES, ctx)) is None:
            return
        day = (iso_day(e.released_on, "released_on") if isinstance(e, MeasureReleased)
               else iso_day(e.lapsed_on, "lapsed_on"))
        _measure(cur, e.measure_id, e.case_id, e.court_code)
        cur.execute("UPDATE {supervision_board_measures} SET ended_on = %s "
                    "WHERE measure_id = %s AND (ended_on = '' OR ended_on > %s)",
                    (day, e.measure_id, day))

    # --- the agencies' answers ----------------------------------------------------------

    @on(AgencyAnswered)
    def answered(self, e: AgencyAnswered, ctx: Context) -> None:
        """R41: the first answer counts (the assets service applies no answer twice)."""
        if e.outcome not in ANSWERS or not e.request_id.endswith(f":{e.agency_id}"):
            return  # no answer yet, or not the agency the request asked: nothing answered
        if (cur := self._bound(ANSWER_TABLES, ctx)) is None:
            return
        at = int(moment(e.answered_at, "answered_at").timestamp())
        before = timed_of(cur, e.request_id)
        cur.execute(
            "INSERT INTO {supervision_board_answers} (request_id, agency_id, answered_epoch) "
            "VALUES (%s, %s, %s) ON CONFLICT (request_id) DO UPDATE SET "
            "agency_id = excluded.agency_id, answered_epoch = excluded.answered_epoch, "
            "seconds = CASE WHEN excluded.answered_epoch > {supervision_board_answers}.sent_epoch "
            "THEN excluded.answered_epoch - {supervision_board_answers}.sent_epoch ELSE 0 END "
            "WHERE excluded.answered_epoch < {supervision_board_answers}.answered_epoch",
            (e.request_id, e.agency_id, at))
        # The request as the assets part has it (its live view: read, never written).
        cur.execute("SELECT court_code, sent_on, sent_epoch FROM supervision_board_requests "
                    "WHERE request_id = %s AND agency_id = %s AND sent_epoch > 0",
                    (e.request_id, e.agency_id))
        if (request := cur.fetchone()) is not None:
            court_code, sent_on, sent_epoch = request
            cur.execute(
                "UPDATE {supervision_board_answers} SET court_code = %s, sent_on = %s, "
                "sent_epoch = %s, seconds = CASE WHEN answered_epoch > %s "
                "THEN answered_epoch - %s ELSE 0 END "
                "WHERE request_id = %s AND agency_id = %s",
                (court_code, sent_on, sent_epoch, sent_epoch, sent_epoch, e.request_id,
                 e.agency_id))
        move(cur, "timed", before, timed_of(cur, e.request_id))

    # --- relief funds (R32) -------------------------------------------------------------

    @on(FundCredited)
    def credited(self, e: FundCredited, ctx: Context) -> None:
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            cur.execute(
                "INSERT INTO {supervision_board_credits} (court_code, fund_year, entry_id, "
                "amount_fen) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (court_code, fund_year, entry_id) DO NOTHING",
                (e.court_code, e.year, e.entry_id, fen(e.amount_fen, "amount_fen")))

    @on(ReliefApproved)
    def approved(self, e: ReliefApproved, ctx: Context) -> None:
        """The approval reserves its amount on the court's fund of `fund_year`, once."""
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            cur.execute(
                "INSERT INTO {supervision_board_approvals} (application_id, court_code, "
                "fund_year, amount_fen) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (application_id) DO NOTHING",
                (e.application_id, e.court_code, e.fund_year, fen(e.amount_fen, "amount_fen")))

    @on(ReliefWithdrawn)
    def withdrawn(self, e: ReliefWithdrawn, ctx: Context) -> None:
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            cur.execute(
                "INSERT INTO {supervision_board_withdrawals} (application_id, released_fen) "
                "VALUES (%s, %s) ON CONFLICT (application_id) DO NOTHING",
                (e.application_id, fen(e.released_fen, "released_fen")))

    @on(ReliefRecovered)
    def recovered(self, e: ReliefRecovered, ctx: Context) -> None:
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            cur.execute(
                "INSERT INTO {supervision_board_recoveries} (application_id, recovery_id, "
                "amount_fen) VALUES (%s, %s, %s) "
                "ON CONFLICT (application_id, recovery_id) DO NOTHING",
                (e.application_id, e.recovery_id, fen(e.amount_fen, "amount_fen")))


def moment(value: str, field: str) -> datetime:
    """An instant an event carries as ISO 8601 with its offset; one without an offset,
    or not one at all, is refused (the consumer parks it) naming the field only. Its
    day is China's (`legal_date`): the assets service tells its instants in UTC."""
    try:
        found = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        found = None
    if found is None or found.tzinfo is None or len(value) > 40:
        raise UnreadableEvent(f"{field} must be an ISO 8601 time with its offset (R41)")
    return found


def _due_on(court_code: str, sent: datetime) -> str:
    """The day an agency's answer is due: `network_inquiry.reply_hours` of the court's
    province after sending, as the assets service counts it ("" for an unknown one)."""
    try:
        hours = _policy(court_code[:1]).int("network_inquiry.reply_hours")
    except (InvalidInput, ValueError):
        return ""
    return legal_date(sent + timedelta(hours=hours)).isoformat()


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


def _case(cur: Cursor, case_id: str, case_number: str, court_code: str) -> None:
    cur.execute("INSERT INTO {supervision_board_cases} (case_id, case_number, court_code) "
                "VALUES (%s, %s, %s) ON CONFLICT (case_id) DO UPDATE SET "
                "case_number = excluded.case_number, court_code = excluded.court_code",
                (case_id, case_number, court_code))


def _court(cur: Cursor, court_code: str) -> None:
    cur.execute("INSERT INTO {supervision_board_courts} (court_code) VALUES (%s) "
                "ON CONFLICT (court_code) DO NOTHING", (court_code,))


def _measure(cur: Cursor, measure_id: str, case_id: str, court_code: str) -> None:
    _court(cur, court_code)
    cur.execute("INSERT INTO {supervision_board_measures} (measure_id, case_id, court_code) "
                "VALUES (%s, %s, %s) ON CONFLICT (measure_id) DO NOTHING",
                (measure_id, case_id, court_code))


def _term(cur: Cursor, measure_id: str, expires_on: str) -> None:
    cur.execute("UPDATE {supervision_board_measures} SET expires_on = %s "
                "WHERE measure_id = %s AND expires_on < %s", (expires_on, measure_id, expires_on))
