"""控制措施台账 — control measures by case and by asset, with their terms and ranks.

Fed by the assets service's own integration events (topic zhixing.assets.events.v1).
Events of different measures travel on different partitions and may arrive in any
order, so a row is written in two parts: what never changes about a measure (case,
court, asset, kind, class, amount, service time) is filled in whenever an event brings
it; what changes (status, term, rank) only by an event at least as new as the row
(`version` = the measure's aggregate version). Deductions are rows of their own, keyed
like the receipt. Every write is an idempotent upsert: redelivery and replay converge.
Ranks of waiting measures are renumbered per asset by service time (R22).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from zhixing.contracts.events.assets import v1
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.messaging.typed import Context, TypedHandler, on

MEASURES_DDL = """CREATE TABLE IF NOT EXISTS {control_measures} (
    measure_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    asset_id TEXT NOT NULL, kind TEXT NOT NULL, asset_class TEXT NOT NULL,
    amount_fen BIGINT NOT NULL, served_at TEXT NOT NULL, status TEXT NOT NULL,
    rank INTEGER, effective_on TEXT NOT NULL, expires_on TEXT NOT NULL,
    ground TEXT NOT NULL, converted_from TEXT NOT NULL, over_cap_flagged INTEGER NOT NULL,
    version BIGINT NOT NULL)"""
DEDUCTIONS_DDL = """CREATE TABLE IF NOT EXISTS {measure_deductions} (
    deduction_id TEXT PRIMARY KEY, measure_id TEXT NOT NULL, amount_fen BIGINT NOT NULL,
    deducted_on TEXT NOT NULL)"""
MEASURE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS {control_measures}_case ON {control_measures} (case_id)",
    "CREATE INDEX IF NOT EXISTS {control_measures}_asset ON {control_measures} (asset_id)",
    "CREATE INDEX IF NOT EXISTS {control_measures}_expiry ON {control_measures} "
    "(status, expires_on)",
)
DEDUCTION_INDEX = ("CREATE INDEX IF NOT EXISTS {measure_deductions}_measure "
                   "ON {measure_deductions} (measure_id)")
TABLES = VersionedTables("control_measures", {
    "control_measures": (MEASURES_DDL, *MEASURE_INDEXES),
    "measure_deductions": (DEDUCTIONS_DDL, DEDUCTION_INDEX)})
"""Versioned for blue/green rebuilds: readers read the views of these names."""
FACTS = ("case_id", "court_code", "asset_id", "kind", "asset_class", "amount_fen",
         "served_at")
STATE = ("status", "effective_on", "expires_on", "ground", "converted_from",
         "over_cap_flagged")
COLUMNS = ("measure_id", *FACTS, *STATE, "version")
FINAL = 2**62
"""A converted preservation (R23) has no later events: its row is final."""
_EMPTY = {c: "0" if c == "amount_fen" else "''" for c in FACTS}
"""What a fact column holds before any event brought it."""


@dataclass(frozen=True)
class MeasureRow:
    """One measure as the read model holds it."""

    measure_id: str
    case_id: str
    court_code: str
    asset_id: str
    kind: str
    asset_class: str
    amount_fen: int
    served_at: str
    status: str
    rank: int | None
    """0 in effect, 1… waiting (R22), None once ended."""
    effective_on: str
    expires_on: str
    ground: str
    converted_from: str
    over_cap_flagged: bool
    deducted_fen: int


class MeasureIndex(Versioned, TypedHandler):
    """Keeps `control_measures` and `measure_deductions` (STYLE 7: one class per view)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(v1.MeasureTookEffect)
    def took_effect(self, p: v1.MeasureTookEffect, ctx: Context) -> None:
        _upsert(ctx.cursor, p, ctx.sequence, status="effective", effective_on=p.effective_on,
                expires_on=p.expires_on, converted_from=p.converted_from,
                over_cap_flagged=int(p.over_cap_flagged))
        _converted(ctx.cursor, p.converted_from, p.asset_id)
        _renumber(ctx.cursor, p.asset_id)

    @on(v1.MeasureQueued)
    def queued(self, p: v1.MeasureQueued, ctx: Context) -> None:
        _upsert(ctx.cursor, p, ctx.sequence, status="queued", converted_from=p.converted_from)
        _converted(ctx.cursor, p.converted_from, p.asset_id)
        _renumber(ctx.cursor, p.asset_id)

    @on(v1.MeasureRenewed)
    def renewed(self, p: v1.MeasureRenewed, ctx: Context) -> None:
        _upsert(ctx.cursor, p, ctx.sequence, expires_on=p.expires_on)
        _renumber(ctx.cursor, p.asset_id)

    @on(v1.MeasureLapsed)
    def lapsed(self, p: v1.MeasureLapsed, ctx: Context) -> None:
        _upsert(ctx.cursor, p, ctx.sequence, status="lapsed", ground=p.reason)
        _renumber(ctx.cursor, p.asset_id)

    @on(v1.MeasureReleased)
    def released(self, p: v1.MeasureReleased, ctx: Context) -> None:
        status = "disposed" if p.ground == "disposed" else "released"
        _upsert(ctx.cursor, p, ctx.sequence, status=status, ground=p.ground)
        _renumber(ctx.cursor, p.asset_id)

    @on(v1.FundsDeducted)
    def deducted(self, p: v1.FundsDeducted, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {measure_deductions} (deduction_id, measure_id, amount_fen, "
            "deducted_on) VALUES (%s, %s, %s, %s) ON CONFLICT (deduction_id) DO NOTHING",
            (p.measure_id, p.measure_id.split(":", 1)[0], p.amount_fen, p.deducted_on))


def _upsert(cursor: Cursor, p: Any, version: int, **state: Any) -> None:
    """Facts fill in whatever the row lacks; `state` applies only if not older."""
    facts = {c: getattr(p, c, 0 if c == "amount_fen" else "") for c in FACTS}
    defaults = {"status": "queued", "effective_on": "", "expires_on": "", "ground": "",
                "converted_from": "", "over_cap_flagged": 0}
    row = {"measure_id": p.measure_id, **facts, **defaults, **state, "version": version}
    fill = [f"{c} = CASE WHEN {{control_measures}}.{c} = {_EMPTY[c]} "
            f"THEN excluded.{c} ELSE {{control_measures}}.{c} END" for c in FACTS]
    newer = [f"{c} = CASE WHEN {{control_measures}}.version <= excluded.version THEN "
             f"excluded.{c} ELSE {{control_measures}}.{c} END" for c in (*state, "version")]
    cursor.execute(
        f"INSERT INTO {{control_measures}} ({', '.join(COLUMNS)}) VALUES "
        f"({', '.join(['%s'] * len(COLUMNS))}) ON CONFLICT (measure_id) DO UPDATE SET "
        + ", ".join(fill + newer), tuple(row[c] for c in COLUMNS))


def _converted(cursor: Cursor, converted_from: str, asset_id: str) -> None:
    """R23: the preservation measure lives on as this one; its own row ends for good."""
    if converted_from:
        placeholder = SimpleNamespace(measure_id=converted_from, asset_id=asset_id)
        _upsert(cursor, placeholder, FINAL, status="converted")


def _renumber(cursor: Cursor, asset_id: str) -> None:
    """R22: 0 for the measure in effect, 1… for the waiting ones by service time."""
    cursor.execute("UPDATE {control_measures} SET rank = CASE status WHEN 'effective' THEN 0 "
                   "ELSE NULL END WHERE asset_id = %s AND status <> 'queued'", (asset_id,))
    cursor.execute("SELECT measure_id FROM {control_measures} WHERE asset_id = %s AND "
                   "status = 'queued' ORDER BY served_at, measure_id", (asset_id,))
    for rank, (measure_id,) in enumerate(cursor.fetchall(), start=1):
        cursor.execute("UPDATE {control_measures} SET rank = %s WHERE measure_id = %s",
                       (rank, measure_id))


class MeasureQueries:
    """Measures by case, an asset's queue, and what the sweep should look at."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def of_case(self, case_id: str) -> list[MeasureRow]:
        """The case's measures, the soonest expiry first (ended ones last)."""
        return self._select("WHERE m.case_id = %s ORDER BY m.rank IS NULL, m.expires_on, "
                            "m.served_at, m.measure_id", (case_id,))

    def queue(self, asset_id: str) -> list[MeasureRow]:
        """The asset's live measures across courts in rank order (0 = in effect)."""
        return self._select("WHERE m.asset_id = %s AND m.rank IS NOT NULL "
                            "ORDER BY m.rank", (asset_id,))

    def due_for_sweep(self, today: date, within_days: int) -> list[MeasureRow]:
        """Measures in effect whose term ended or ends within `within_days` calendar
        days, the soonest first (reminders and lapses, R20)."""
        horizon = (today + timedelta(days=within_days)).isoformat()
        return self._select("WHERE m.status = 'effective' AND m.expires_on <= %s "
                            "ORDER BY m.expires_on, m.measure_id", (horizon,))

    def _select(self, tail: str, params: tuple[Any, ...]) -> list[MeasureRow]:
        columns = ", ".join(f"m.{c}" for c in (*COLUMNS[:-1], "rank"))
        sql = (f"SELECT {columns}, COALESCE((SELECT SUM(d.amount_fen) FROM "
               f"measure_deductions d WHERE d.measure_id = m.measure_id), 0) "
               f"FROM control_measures m {tail}")
        with self.store.transaction(read_only=True) as cur:
            cur.execute(sql, params)
            return [_row(r) for r in cur.fetchall()]


def _row(r: tuple[Any, ...]) -> MeasureRow:
    f = dict(zip((*COLUMNS[:-1], "rank", "deducted_fen"), r, strict=True))
    return MeasureRow(
        measure_id=f["measure_id"], case_id=f["case_id"], court_code=f["court_code"],
        asset_id=f["asset_id"], kind=f["kind"], asset_class=f["asset_class"],
        amount_fen=int(f["amount_fen"]), served_at=f["served_at"], status=f["status"],
        rank=None if f["rank"] is None else int(f["rank"]), effective_on=f["effective_on"],
        expires_on=f["expires_on"], ground=f["ground"], converted_from=f["converted_from"],
        over_cap_flagged=bool(f["over_cap_flagged"]), deducted_fen=int(f["deducted_fen"]))
