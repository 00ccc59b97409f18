"""The parties' window's read models (当事人查询, issue 17), one per source topic so each
can be rebuilt alone: the case as its parties see it (cases events), the measures on the
debtor's property in summary (assets events), the parties' messages (publicity events).

Only hashes of the access codes are kept (`zhixing.kernel.access_code`); the messages
and answers are sealed at rest (R60). A step meant for one party (money paid out to it)
names that party's index; every other step is the case's, shown to each of its parties.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from zhixing.contracts.events.assets import v1 as assets
from zhixing.contracts.events.cases import v1 as cases
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.clock import legal_date
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.periods import period_end
from zhixing.kernel.policy import PolicyTable
from zhixing.messaging.typed import Context, TypedHandler, on

EVERYONE = -1
"""`audience` of a step every party of the case sees."""
CASE_TABLES = VersionedTables("party_window", {
    # A case number names one case (R38): the first filing under it stands, as on the
    # progress page.
    "party_cases": ("""CREATE TABLE IF NOT EXISTS {party_cases} (
        case_number TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL)""",),
    "party_access": ("""CREATE TABLE IF NOT EXISTS {party_access} (
        case_id TEXT NOT NULL, party_index INTEGER NOT NULL, role TEXT NOT NULL,
        code_hash TEXT NOT NULL, PRIMARY KEY (case_id, party_index))""",),
    "party_steps": ("""CREATE TABLE IF NOT EXISTS {party_steps} (
        case_id TEXT NOT NULL, step_id TEXT NOT NULL, on_day TEXT NOT NULL,
        kind TEXT NOT NULL, label TEXT NOT NULL, detail TEXT NOT NULL,
        amount_fen BIGINT NOT NULL, audience INTEGER NOT NULL,
        PRIMARY KEY (case_id, step_id))""",),
    "party_deadlines": ("""CREATE TABLE IF NOT EXISTS {party_deadlines} (
        case_id TEXT NOT NULL, node TEXT NOT NULL, label TEXT NOT NULL, rule TEXT NOT NULL,
        due_on TEXT NOT NULL, done INTEGER NOT NULL, PRIMARY KEY (case_id, node))""",),
    "party_answers": ("""CREATE TABLE IF NOT EXISTS {party_answers} (
        message_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, answer TEXT NOT NULL,
        answered_on TEXT NOT NULL)""",),
})
"""Fed by the cases topic (group publicity.party-window)."""
MEASURE_TABLES = VersionedTables("party_measures", {
    "party_measures": ("""CREATE TABLE IF NOT EXISTS {party_measures} (
        case_id TEXT NOT NULL, step_id TEXT NOT NULL, on_day TEXT NOT NULL,
        label TEXT NOT NULL, detail TEXT NOT NULL, amount_fen BIGINT NOT NULL,
        PRIMARY KEY (case_id, step_id))""",),
})
"""Fed by the assets topic (group publicity.party-measures)."""
MESSAGE_TABLES = VersionedTables("party_messages", {
    "party_messages": ("""CREATE TABLE IF NOT EXISTS {party_messages} (
        message_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, party_index INTEGER NOT NULL,
        party_role TEXT NOT NULL, text TEXT NOT NULL, left_at TEXT NOT NULL)""",
                       "CREATE INDEX IF NOT EXISTS {party_messages}_case "
                       "ON {party_messages} (case_id, party_index)"),
})
"""Fed by the publicity topic (group publicity.party-messages)."""

CLOSURE_LABELS = {
    "executed_in_full": "执行完毕", "terminated": "终结执行", "not_enforced": "不予执行",
    "rejected": "驳回申请", "withdrawn": "撤回申请", "bankruptcy": "移送破产审查",
}
MEASURE_KINDS = {"seal": "查封", "detain": "扣押", "freeze": "冻结"}
ASSET_CLASSES = {"deposit": "存款", "movable": "动产", "real_property": "不动产"}
DEADLINES = {"close": ("执行期限届满", "R26"), "property_report": ("被执行人报告财产", "R5")}
"""The running limits a party is shown (others are the court's internal nodes)."""
NON_LITIGATION_BASES = frozenset({"arbitral_award", "notarised_debt"})


def migrate(store: SqlStore) -> None:
    """Install the three read models' tables."""
    for tables in (CASE_TABLES, MEASURE_TABLES, MESSAGE_TABLES):
        tables.install(store)


class PartyWindowProjection(Versioned, TypedHandler):
    """The case as its parties see it: access hashes, steps, deadlines, answers."""

    tables = CASE_TABLES

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @on(cases.CaseFiled)
    def filed(self, e: cases.CaseFiled, ctx: Context) -> None:
        cur = ctx.cursor
        cur.execute("INSERT INTO {party_cases} (case_number, case_id, court_code) "
                    "VALUES (%s, %s, %s) ON CONFLICT (case_number) DO NOTHING",
                    (e.case_number, e.case_id, e.court_code))
        for access in e.access:
            cur.execute("INSERT INTO {party_access} (case_id, party_index, role, code_hash) "
                        "VALUES (%s, %s, %s, %s) ON CONFLICT (case_id, party_index) DO NOTHING",
                        (e.case_id, access.party_index, access.role, access.code_hash))
        _step(cur, e.case_id, "filed", e.filed_on, "filed", "已立案")
        due = close_limit(e.court_code, e.basis_kind, e.filed_on)
        if due:
            _deadline(cur, e.case_id, "close", due)

    @on(cases.CaseAssigned)
    def assigned(self, e: cases.CaseAssigned, ctx: Context) -> None:
        """The officer's name and the team's phone as entered: public-facing work data."""
        parts = [f"承办人：{e.lead_officer_name}" if e.lead_officer_name else "",
                 f"联系电话：{e.team_phone}" if e.team_phone else ""]
        _step(ctx.cursor, e.case_id, f"assigned:{ctx.id}", e.assigned_on, "assigned", "已分案",
              "；".join(p for p in parts if p))

    @on(cases.ExecutionNoticeServed)
    def notice_served(self, e: cases.ExecutionNoticeServed, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, "notice_served", e.served_on, "notice_served",
              "已送达执行通知书", "同时责令被执行人报告财产")
        _deadline(ctx.cursor, e.case_id, "property_report", e.property_report_due)

    @on(cases.PropertyReported)
    def reported(self, e: cases.PropertyReported, ctx: Context) -> None:
        _done(ctx.cursor, e.case_id, "property_report")

    @on(cases.DeadlinesCounted)
    def counted(self, e: cases.DeadlinesCounted, ctx: Context) -> None:
        for counted in e.deadlines:
            if counted.node in DEADLINES:
                ctx.cursor.execute("UPDATE {party_deadlines} SET due_on = %s "
                                   "WHERE case_id = %s AND node = %s AND done = 0",
                                   (counted.due_on, e.case_id, counted.node))

    @on(cases.DeadlineExtended)
    def extended(self, e: cases.DeadlineExtended, ctx: Context) -> None:
        if e.node in DEADLINES:
            _deadline(ctx.cursor, e.case_id, e.node, e.due_on)

    @on(cases.MoneyReceived)
    def received(self, e: cases.MoneyReceived, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, f"received:{e.receipt_id}", e.received_on,
              "money_received", "执行款到账", amount_fen=e.amount_fen)

    @on(cases.MoneyDisbursed)
    def disbursed(self, e: cases.MoneyDisbursed, ctx: Context) -> None:
        """Shown only to the applicant paid ("applicant:<i>": applicants come first in
        the filing's parties, so <i> is its party index); costs and the relief fund are
        the court's business."""
        role, _, index = e.payee.partition(":")
        if role != "applicant" or not index.isdigit():
            return
        _step(ctx.cursor, e.case_id, f"disbursed:{e.disbursement_id}", e.disbursed_on,
              "money_disbursed", "执行款已发放给您", amount_fen=e.amount_fen,
              audience=int(index))

    @on(cases.CaseConcluded)
    def concluded(self, e: cases.CaseConcluded, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, f"concluded:{ctx.id}", e.concluded_on, "concluded",
              "终结本次执行程序（终本）", "有财产线索可随时申请恢复执行",
              amount_fen=e.unpaid_fen)
        _all_done(ctx.cursor, e.case_id)

    @on(cases.CaseResumed)
    def resumed(self, e: cases.CaseResumed, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, f"resumed:{ctx.id}", e.resumed_on, "resumed", "恢复执行",
              f"新案号：{e.new_case_number}")

    @on(cases.CaseClosed)
    def closed(self, e: cases.CaseClosed, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, "closed", e.closed_on, "closed", "已结案",
              CLOSURE_LABELS.get(e.closure, ""), amount_fen=e.recovered_fen)
        _all_done(ctx.cursor, e.case_id)

    @on(cases.CaseDelegated)
    def delegated(self, e: cases.CaseDelegated, ctx: Context) -> None:
        _step(ctx.cursor, e.case_id, "closed", e.delegated_on, "closed", "已委托执行",
              "委托外地法院执行")
        _all_done(ctx.cursor, e.case_id)

    @on(cases.PartyMessageAnswered)
    def answered(self, e: cases.PartyMessageAnswered, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {party_answers} (message_id, case_id, answer, answered_on) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (message_id) DO NOTHING",
            (e.message_id, e.case_id, self.cipher.seal(e.answer), e.answered_on))


class PartyMeasuresProjection(Versioned, TypedHandler):
    """Measures on the debtor's property in summary: kind, class, term — never the asset's
    identifiers (account numbers, certificates)."""

    tables = MEASURE_TABLES

    @on(assets.MeasureTookEffect)
    def took_effect(self, e: assets.MeasureTookEffect, ctx: Context) -> None:
        label = (f"{MEASURE_KINDS.get(e.kind, '控制')}被执行人"
                 f"{ASSET_CLASSES.get(e.asset_class, '财产')}")
        _measure(ctx.cursor, e.case_id, f"{e.measure_id}:effect", e.effective_on, label,
                 f"期限至 {e.expires_on}", e.amount_fen)

    @on(assets.MeasureRenewed)
    def renewed(self, e: assets.MeasureRenewed, ctx: Context) -> None:
        _measure(ctx.cursor, e.case_id, f"{e.measure_id}:renewed:{e.expires_on}",
                 _china_day(ctx.time), "控制措施续行", f"期限至 {e.expires_on}")

    @on(assets.MeasureReleased)
    def released(self, e: assets.MeasureReleased, ctx: Context) -> None:
        _measure(ctx.cursor, e.case_id, f"{e.measure_id}:released", e.released_on,
                 "控制措施解除")


class PartyMessagesProjection(Versioned, TypedHandler):
    """The parties' messages, each kept for the party who left it (sealed, R60)."""

    tables = MESSAGE_TABLES

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @on(PartyMessageLeft)
    def left(self, e: PartyMessageLeft, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {party_messages} (message_id, case_id, party_index, party_role, text, "
            "left_at) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (message_id) DO NOTHING",
            (e.message_id, e.case_id, EVERYONE if e.party_index is None else e.party_index,
             e.party_role, self.cipher.seal(e.text), e.left_at))


def close_limit(court_code: str, basis_kind: str, filed_on: str) -> str:
    """R26: the last day to close, counted from the filing as the cases service counts it
    (the province's months, moved off a rest day); later counts and extensions replace
    it. "" when it cannot be known."""
    key = ("closing.non_litigation_close_months" if basis_kind in NON_LITIGATION_BASES
           else "closing.close_months")
    try:
        months = _policy(court_code[:1]).int(key)
        return period_end(date.fromisoformat(filed_on), months=months).date.isoformat()
    except (InvalidInput, ValueError, LookupError):
        return ""


def _china_day(instant: str) -> str:
    """The day in China of an event's time (the renewal carries no day of its own)."""
    try:
        return legal_date(datetime.fromisoformat(instant)).isoformat()
    except ValueError:
        return instant[:10]


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


def _step(cur: Cursor, case_id: str, step_id: str, on_day: str, kind: str, label: str,
          detail: str = "", *, amount_fen: int = 0, audience: int = EVERYONE) -> None:
    cur.execute("INSERT INTO {party_steps} (case_id, step_id, on_day, kind, label, detail, "
                "amount_fen, audience) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (case_id, step_id) DO NOTHING",
                (case_id, step_id, on_day, kind, label, detail, amount_fen, audience))


def _measure(cur: Cursor, case_id: str, step_id: str, on_day: str, label: str,
             detail: str = "", amount_fen: int = 0) -> None:
    cur.execute("INSERT INTO {party_measures} (case_id, step_id, on_day, label, detail, "
                "amount_fen) VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (case_id, step_id) DO NOTHING",
                (case_id, step_id, on_day, label, detail, amount_fen))


def _deadline(cur: Cursor, case_id: str, node: str, due_on: str) -> None:
    label, rule = DEADLINES[node]
    cur.execute("INSERT INTO {party_deadlines} (case_id, node, label, rule, due_on, done) "
                "VALUES (%s, %s, %s, %s, %s, 0) ON CONFLICT (case_id, node) DO UPDATE SET "
                "due_on = excluded.due_on", (case_id, node, label, rule, due_on))


def _done(cur: Cursor, case_id: str, node: str) -> None:
    cur.execute("UPDATE {party_deadlines} SET done = 1 WHERE case_id = %s AND node = %s",
                (case_id, node))


def _all_done(cur: Cursor, case_id: str) -> None:
    cur.execute("UPDATE {party_deadlines} SET done = 1 WHERE case_id = %s", (case_id,))
