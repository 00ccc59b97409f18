"""Command-centre benchmark (issue 16): the server time of each command-centre page, of the
RPC behind it and of the KPI query behind that, beside the raw SQL of its main statement,
all in the same run over a year of a province's synthetic data on PostgreSQL.

The data: BENCH_COMMAND_EVENTS (default 1,000,000 — the issue's size: 20 courts of 川 and
渝, about 100,000 cases filed over 2025–2026) integration events of the cases, assets,
credit and relief topics, made by tests/perf/supervision/kpi_workload.py, FED THROUGH THE
PROJECTIONS: the supervision service's own KPI view (`CaseKpiView`, each topic's part
replayed by `Rebuild` from a notification log, as `zhixing supervision rebuild` does),
so the per-case records are the ones the live consumers would write
(BENCH_COMMAND_FILL=bulk: each record computed once at the end instead, see `project`).
Then the court board's and the alert queue's read models (`BoardView`, `AlertIndex`) are
fed the year's cases' assignments, agency requests and answers, measures, funds and
node_overdue alerts (`board_workload`; BENCH_COMMAND_BOARD=0: not), so /courts/…,
/agencies and /alerts are measured with data. BENCH_COMMAND_KEEP=<prefix>: the data is
kept under that schema prefix, and a later run with it measures the same data again
without making it (repeat runs; drop the schemas `<prefix>_*` by hand after).

The server: the supervision service built by its bootstrap on that PostgreSQL and served
in process over real gRPC (`testkit.serving`), called with a supervisor's token of 川 (10
of the 20 courts) as the command centre calls it; the pages: the command centre's ASGI app (when
present on this branch) with the same person's session cookie, bound to that server
(`command_pages`). Each timing is p50 and p99 of BENCH_COMMAND_REQUESTS (default 50)
requests one after another; the "before" — the same figures computed from every fact at
query time, as before issue 16 (`kpi_facts.FactQueries`) — of BENCH_COMMAND_BEFORE (3).
Prints a table and the ratios to the raw SQL; asserts nothing about time.
Run: `make bench-command` (starts PostgreSQL), or with ZHIXING_PG_DSN set.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests/perf/supervision"),
                str(Path(__file__).resolve().parent)]

import grpc  # noqa: E402
import psycopg  # noqa: E402
from bench_supervision import fill  # noqa: E402
from board_workload import cases_of, feed  # noqa: E402
from command_pages import page_timings  # noqa: E402

from testkit.assets import cloud_event  # noqa: E402
from testkit.serving import serving  # noqa: E402
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb  # noqa: E402
from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc  # noqa: E402
from zhixing.eventstore.crypto import FieldCipher  # noqa: E402
from zhixing.eventstore.keys import KeyRing, new_key  # noqa: E402
from zhixing.eventstore.settings import Settings, new_cipher_key  # noqa: E402
from zhixing.eventstore.sql import SqlStore  # noqa: E402
from zhixing.messaging.injected import InjectedEvents  # noqa: E402
from zhixing.messaging.rebuild import Rebuild  # noqa: E402
from zhixing.messaging.sources import NotificationLogSource  # noqa: E402
from zhixing.messaging.tracking import Tracking  # noqa: E402
from zhixing.runtime.cli_kit import dev_token  # noqa: E402
from zhixing.security.tokens import bearer_metadata  # noqa: E402
from zhixing.supervision.bootstrap import build  # noqa: E402
from zhixing.supervision.projections import kpi_drill, kpi_records, kpi_sums  # noqa: E402
from zhixing.supervision.projections.case_kpis import GROUPS, TOPICS, CaseKpiView  # noqa: E402
from zhixing.supervision.projections.kpi_facts import FactQueries  # noqa: E402
from zhixing.supervision.projections.kpi_queries import KpiQueries  # noqa: E402

EVENTS = int(os.environ.get("BENCH_COMMAND_EVENTS", "1000000"))
REQUESTS = int(os.environ.get("BENCH_COMMAND_REQUESTS", "50"))
BEFORE = int(os.environ.get("BENCH_COMMAND_BEFORE", "3"))
BULK = os.environ.get("BENCH_COMMAND_FILL", "projections") == "bulk"
BOARD = os.environ.get("BENCH_COMMAND_BOARD", "1") != "0"
KEEP = os.environ.get("BENCH_COMMAND_KEEP", "")
"""A schema prefix (letters, digits): the data is made once under it and kept, and a
later run with the same prefix measures it again without making it (repeat runs)."""
COURT, REGION, YEAR = "川0101", "成渝", ("2026-01", "2026-12")
SCOPE = "(court_code LIKE %s OR court_code LIKE %s)", ("川%", "渝%")
Timing = tuple[float, float]
"""(p50, p99) in milliseconds."""


def timed(work: Callable[[], object], runs: int = REQUESTS) -> Timing:
    """p50 and p99 (nearest rank) of `runs` calls, in milliseconds; one warm-up call."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, -(-99 * len(times) // 100) - 1)]


def raw(store: SqlStore, sql: str, params: tuple[Any, ...]) -> Callable[[], object]:
    """The statement alone, rows fetched, nothing made of them."""
    def run() -> object:
        with store.transaction(read_only=True) as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    return run


def project(store: SqlStore, injected: InjectedEvents, cipher: FieldCipher) -> int:
    """Every part of the KPI view replayed from its topic (as `zhixing supervision
    rebuild` does): the facts and the per-case records the live consumers would write.
    BENCH_COMMAND_FILL=bulk: the facts replayed the same way, each case's record computed
    once at the end from all its facts (`kpi_records.backfill`, the same function and
    rows) rather than after each of its events — minutes less at the issue's size."""
    replayed = 0
    for part, topic in TOPICS.items():  # the live consumers stand at the head of each log
        live, log = Tracking(store, GROUPS[part]), injected.log(topic)
        with store.transaction() as cur:
            live.record(cur, log.stream, log.head())
    for part, topic in TOPICS.items():
        job = Rebuild(store, CaseKpiView(cipher, part, records=not BULK),
                      lambda group, topic=topic: NotificationLogSource(injected.log(topic),
                                                                       batch=1000),
                      GROUPS[part])
        job.run()
        replayed += job.replayed
    if BULK:
        kpi_records.backfill(store)
    return replayed


CASE_FILE = "9a1c2a9e-0000-4000-8000-000000016016"


def a_case_file(store: SqlStore, cipher: FieldCipher) -> str:
    """One more case, with an id as the cases service makes them (a UUID: the synthetic
    ones are not, and GetCaseFile takes only those), through the projection: filed in
    川0101, noticed, 终本 in June 2026 with R16 unmet."""
    head = {"case_id": CASE_FILE, "case_number": f"(2026){COURT}执16016号", "court_code": COURT}
    party = {"role": "respondent", "kind": "natural_person", "name": "被执行人",
             "identity_number": "51010419750101201X"}
    events = [
        ("CaseFiled", {**head, "case_type": "执", "filed_on": "2026-01-05",
                       "basis_kind": "judgment", "basis_document_number": "(2025)川0101民初1号",
                       "claim_total_fen": 100_000_00, "parties": [party]}),
        ("ExecutionNoticeServed", {**head, "served_on": "2026-01-09",
                                   "property_report_due": "2026-01-19",
                                   "listing_warning": True, "respondents": [party]}),
        ("CaseConcluded", {**head, "concluded_on": "2026-06-30", "unpaid_fen": 1,
                           "requery_dates": ["2026-12-30"], "respondents": [party]})]
    view = CaseKpiView(cipher)
    for position, (kind, data) in enumerate(events, 1):
        with store.transaction() as cur:
            view.handle(cloud_event(f"cn.zhixing.cases.v1.{kind}", CASE_FILE, data, position),
                        cur)
    return CASE_FILE


def main_sql(period: tuple[str, str], court: str | None,
             prefixes: tuple[str, ...] = ("川%", "渝%")) -> tuple[str, tuple[Any, ...]]:
    """The grouped statement over the records every KPI query runs (`kpi_sums`)."""
    first, last = f"{period[0]}-01", f"{period[1]}-31"
    like = "(" + " OR ".join(["court_code LIKE %s"] * len(prefixes)) + ")"
    scope, params = ("court_code = %s", (court,)) if court else (like, prefixes)
    return (kpi_sums.RECORDS_SQL.format(scope=scope),
            (first, last, last, *params, last, first))


def query_rows(store: SqlStore, kpis: KpiQueries, case_id: str,
               raws: dict[str, Timing]) -> list[tuple[str, Timing, Timing | None]]:
    """Each KPI query beside its main statement (kept in `raws` for the pages)."""
    raws["court"] = timed(raw(store, *main_sql(YEAR, COURT)))
    raws["region"] = timed(raw(store, *main_sql(YEAR, None)))
    raws["region 川"] = timed(raw(store, *main_sql(YEAR, None, ("川%",))))
    raws["drill"] = timed(raw(store, drill_sql(SCOPE[0]), ("川%", "渝%", *CLOSED)))
    raws["drill 川"] = timed(raw(store, drill_sql("court_code LIKE %s"), ("川%", *CLOSED)))
    raws["record"] = timed(raw(store, "SELECT * FROM supervision_kpi_records "
                                      "WHERE case_id = %s", (case_id,)))
    return [
        (f"court_months {COURT} 2026", timed(lambda: kpis.court_months(COURT, *YEAR)),
         raws["court"]),
        (f"region {REGION} 2026", timed(lambda: kpis.region(REGION, *YEAR)), raws["region"]),
        ("region 川 2026", timed(lambda: kpis.region("川", *YEAR)), raws["region 川"]),
        (f"region_months {REGION} 2026", timed(lambda: kpis.region_months(REGION, *YEAR)),
         raws["region"]),
        (f"drill {REGION} closed, 50", timed(lambda: kpis.drill(REGION, *YEAR, "closed",
                                                                page_size=50)),
         raws["drill"]),
        ("record (a case file)", timed(lambda: kpis.record(case_id)), raws["record"])]


CLOSED = ("2026-01-01", "2026-12-31", "2026-12-31")


def drill_sql(scope: str) -> str:
    """A drill-down page's statement (`kpi_drill`): the year's closed cases, 50."""
    return (f"SELECT case_id FROM supervision_kpi_records WHERE {scope} AND "
                 f"{kpi_drill.CASE_FIGURES['closed'][0]} ORDER BY court_code COLLATE \"C\", "
                 "case_number COLLATE \"C\", case_id COLLATE \"C\" LIMIT 50")


def before_rows(store: SqlStore) -> list[tuple[str, Timing]]:
    """The same queries computed from every fact at query time (before issue 16)."""
    facts = FactQueries(store)
    return [(f"court_months {COURT} 2026", timed(lambda: facts.court_months(COURT, *YEAR),
                                                 BEFORE)),
            (f"region {REGION} 2026", timed(lambda: facts.region(REGION, *YEAR), BEFORE)),
            (f"drill {REGION} closed, 50", timed(
                lambda: facts.drill(REGION, *YEAR, "closed", page_size=50), BEFORE))]


def rpc_rows(target: str, secret: str, case_id: str,
             raws: dict[str, Timing]) -> list[tuple[str, Timing, Timing | None]]:
    """The RPCs the pages call, through the real servicer (authorisation, scope, audit)."""
    channel = grpc.insecure_channel(target)
    stub = supervision_pb2_grpc.SupervisionServiceStub(channel)
    metadata = bearer_metadata(dev_token("supervisor-1", "supervisor", court="川",
                                         secret=secret))
    calls: list[tuple[str, str, Any, Any, str]] = [
        (f"GetKpis court {COURT}", "GetKpis", pb.GetKpisRequest(
            court_code=COURT, from_month=YEAR[0], to_month=YEAR[1]), metadata, "court"),
        ("GetKpis region 川", "GetKpis", pb.GetKpisRequest(
            region="川", from_month=YEAR[0], to_month=YEAR[1]), metadata, "region 川"),
        ("DrillDown 川 closed, 50", "DrillDown", pb.DrillDownRequest(
            region="川", from_month=YEAR[0], to_month=YEAR[1], figure="closed",
            page_size=50), metadata, "drill 川")]
    fields = pb.GetKpisRequest.DESCRIPTOR.fields_by_name
    if "monthly" in fields:
        calls.append(("GetKpis region 川 monthly", "GetKpis", pb.GetKpisRequest(
            region="川", from_month=YEAR[0], to_month=YEAR[1], monthly=True), metadata,
            "region 川"))
    if hasattr(pb, "GetCaseFileRequest"):
        calls.append(("GetCaseFile", "GetCaseFile", pb.GetCaseFileRequest(case_id=case_id),
                      metadata, "record"))
    if hasattr(pb, "GetCourtBoardRequest"):
        calls.append((f"GetCourtBoard {COURT}", "GetCourtBoard",
                      pb.GetCourtBoardRequest(court_code=COURT), metadata, ""))
    if hasattr(pb, "ListAgencyAnswersRequest"):
        calls.append(("ListAgencyAnswers 川", "ListAgencyAnswers", pb.ListAgencyAnswersRequest(
            region="川", from_month=YEAR[0], to_month=YEAR[1]), metadata, ""))
    calls.append(("ListAlerts 川", "ListAlerts", pb.ListAlertsRequest(court_code="川"), metadata, ""))
    found = []
    for label, method, request, meta, main in calls:
        try:
            found.append((label, timed(lambda m=method, r=request, md=meta: getattr(stub, m)(
                r, metadata=md, timeout=30)), raws.get(main)))
        except grpc.RpcError as error:
            print(f"  ({label}: {error.code().name} — not measured)")
    channel.close()
    return found


def show(title: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """A table: label, p50, p99 and — when given — the raw SQL's and the ratio of p50s."""
    print(f"  {title}")
    for label, (p50, p99), *rest in rows:
        line = f"    {label:<36} p50 {p50:>9,.1f} ms  p99 {p99:>9,.1f} ms"
        if rest and rest[0] is not None:
            r50, r99 = rest[0]
            line += f"  | raw SQL p50 {r50:>7,.1f} p99 {r99:>7,.1f}  ×{p50 / r50:>6.1f}"
        print(line)


def run(dsn: str, tmp: Path) -> None:
    tag = KEEP or "b" + uuid.uuid4().hex[:10]
    if not tag.isascii() or not tag.isalnum():
        sys.exit("BENCH_COMMAND_KEEP must be letters and digits")
    with psycopg.connect(dsn, autocommit=True) as conn:
        kept = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                            (f"{tag}_log",)).fetchone() is not None
        if not kept:
            conn.execute(f'CREATE SCHEMA "{tag}_log"')
            conn.execute(f'CREATE TABLE "{tag}_log".bench_key (cipher_key TEXT NOT NULL)')
            conn.execute(f'INSERT INTO "{tag}_log".bench_key VALUES (%s)', (new_cipher_key(),))
        # The data's own key (its blind indexes are keyed by it), kept with it.
        key = conn.execute(f'SELECT cipher_key FROM "{tag}_log".bench_key').fetchone()
    settings = Settings(var_dir=tmp, postgres_dsn=dsn, schema_prefix=tag,
                        cipher_key=key[0] if key else new_cipher_key(),
                        jwt_secret=uuid.uuid4().hex)
    instance = build(settings)
    injected = InjectedEvents(SqlStore(dsn=dsn, schema=f"{tag}_log"),
                              FieldCipher(KeyRing.from_text(new_key())))
    try:
        if kept:
            print(f"  data: kept under {tag} (BENCH_COMMAND_KEEP), measured again")
        else:
            make_data(instance, injected, settings)
        case_id = CASE_FILE
        kpis, raws = KpiQueries(instance.store), {}
        show("KPI queries (KpiQueries, in process) beside the raw SQL of their main statement",
             query_rows(instance.store, kpis, case_id, raws))
        if BEFORE:
            show(f"before issue 16: the same computed from every fact ({BEFORE} runs)",
                 before_rows(instance.store))
        with serving(instance, settings) as target:
            show("RPCs (real gRPC servicer in process, a supervisor's token of 川)",
                 rpc_rows(target, settings.jwt_secret, case_id, raws))
            pages = page_timings(target, settings, case_id, timed, REQUESTS, raws)
            if pages is None:
                print("  pages: the command centre's pages are not on this branch yet")
            else:
                show("pages (ASGI app in process → gRPC servicer), server time", pages)
    finally:
        instance.close()
        injected.close()
        if not KEEP:
            with psycopg.connect(dsn, autocommit=True) as conn:
                for schema in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname "
                                           "LIKE %s", (f"{tag}%",)).fetchall():
                    conn.execute(f'DROP SCHEMA "{schema[0]}" CASCADE')


def make_data(instance: Any, injected: InjectedEvents, settings: Settings) -> None:
    """The year's events written and fed through the KPI projection, then (unless
    BENCH_COMMAND_BOARD=0) the board's and the alerts' events of the cases filed in the
    year through theirs (`board_workload`)."""
    started = time.perf_counter()
    counts = fill(injected, EVENTS)
    filled = time.perf_counter() - started
    started = time.perf_counter()
    replayed = project(instance.store, injected, settings.field_cipher)
    took = time.perf_counter() - started
    a_case_file(instance.store, settings.field_cipher)
    with instance.store.transaction(read_only=True) as cur:
        cur.execute("SELECT COUNT(*), SUM(CASE WHEN filed_on >= '2026-01-01' THEN 1 "
                    "ELSE 0 END) FROM supervision_kpi_records")
        cases, of_2026 = cur.fetchone() or (0, 0)
    told = ", ".join(f"{t.split('.')[1]} {n:,}" for t, n in counts.items())
    how = "bulk: facts replayed, records computed at the end" if BULK else "projections"
    print(f"  data: {sum(counts.values()):,} events ({told}) written in {filled:,.0f} s; "
          f"through the {how}: {replayed:,} in {took:,.0f} s "
          f"({replayed / took:,.0f} ev/s); {cases:,} cases, {of_2026:,} filed in 2026")
    if BOARD:
        started = time.perf_counter()
        year = [case for case in cases_of(instance.store)
                if f"{YEAR[0]}-01" <= case.filed_on.isoformat() <= f"{YEAR[1]}-31"]
        fed = feed(instance.store, year)
        took = time.perf_counter() - started
        print(f"  board and alerts: {sum(fed.values()):,} events of the {len(year):,} cases "
              f"filed in {YEAR[0][:4]} through BoardView and AlertIndex in {took:,.0f} s "
              f"({', '.join(f'{k} {n:,}' for k, n in fed.items())})")
    with instance.store.transaction() as cur:
        cur.execute("ANALYZE")


def main() -> None:
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        sys.exit("ZHIXING_PG_DSN is not set: run `make bench-command`, which starts PostgreSQL")
    print(f"command-centre benchmark — {EVENTS:,} integration events, 20 courts, PostgreSQL; "
          f"p50/p99 of {REQUESTS} requests; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        run(dsn, Path(tmp))


if __name__ == "__main__":
    main()
