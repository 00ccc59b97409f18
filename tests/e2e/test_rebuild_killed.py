"""`zhixing publicity rebuild dishonest_list` killed mid-way (SIGKILL, embedded mode): the
old list keeps serving, and the same command run again resumes where the killed one
stopped and swaps in a list equal to the live one row for row."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import uuid
from dataclasses import asdict
from pathlib import Path

import pytest

from testkit.processes import ZHIXING, with_bytecode
from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished
from zhixing.contracts.topics import CREDIT_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.publicity.projections.dishonest_list import TABLES
from zhixing.runtime import rebuild, runners
from zhixing.runtime.inject import injected_events

pytestmark = pytest.mark.e2e
LISTINGS = 10_000
GROUP = "publicity.dishonest-list"


def envelope(i: int) -> str:
    event = ListingPublished(
        listing_id=f"L{i}", court_code="川0104", debtor_identity_number="510104199803121239",
        case_id=f"c{i}", case_number=f"(2026)川0104执{i}号", debtor_name="张三丰",
        debtor_kind="person", grounds=[1 + i % 4], decided_on="2026-04-20",
        published_on="2026-05-10")
    return json.dumps(asdict(CloudEvent(
        id=uuid.uuid4().hex, source="/zhixing/chengdu/credit", type=event.event_type,
        time="2026-05-10T01:00:00Z", subject=f"L{i}", court="川0104", region="chengdu",
        sequence=1, position=0, data=event.model_dump(mode="json"))))


def inject(settings: Settings, n: int) -> None:
    """Many listings on the credit topic at once (one multi-row insert per 500)."""
    injected = injected_events(settings)
    try:
        for start in range(0, n, 500):
            rows = [envelope(i) for i in range(start, min(n, start + 500))]
            with injected.store.transaction() as cur:
                cur.execute("INSERT INTO injected_events (topic, envelope) VALUES "
                            + ", ".join(["(%s, %s)"] * len(rows)),
                            [v for row in rows for v in (settings.topic(CREDIT_EVENTS), row)])
    finally:
        injected.close()


def run_live_consumer(settings: Settings) -> None:
    instances = runners.build_all(settings)
    try:
        publicity = next(i for i in instances if i.name == "publicity")
        target = rebuild.targets(publicity)["dishonest_list"]
        sources = rebuild.source_maker(settings, instances, target.topic)
        live = TrackedConsumer(sources(GROUP), target.projection, publicity.store, group=GROUP)
        while live.run_once(timeout=0):
            pass
        sources.close_all()
    finally:
        for instance in instances:
            instance.close()


class Views:
    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchall()

    def tables(self) -> dict[str, list[tuple[object, ...]]]:
        return {name: sorted(self.query(f"SELECT * FROM {name}")) for name in TABLES.tables}

    def rebuilt(self) -> int:
        [(position,)] = self.query(
            "SELECT COALESCE(MAX(position), 0) FROM tracking WHERE consumer = "
            f"'{GROUP}#v2'") if self.path.exists() else [(0,)]
        return int(position)

    def registry(self) -> tuple[int, int | None]:
        [(version, building)] = self.query(
            "SELECT version, building FROM projection_versions "
            "WHERE projection = 'dishonest_list'")
        return int(version), building


class TestKilledRebuild:
    def test_the_same_command_resumes_and_swaps_when_the_first_was_killed(self, tmp_path):
        settings = Settings(var_dir=tmp_path / "var")
        inject(settings, LISTINGS)
        run_live_consumer(settings)
        views = Views(settings.var_dir / "publicity" / "views.db")
        live = views.tables()
        embedded = {k: v for k, v in os.environ.items()
                    if not k.startswith("ZHIXING_") or k == "ZHIXING_CIPHER_KEY_FILE"}
        env = with_bytecode({**embedded, "ZHIXING_VAR": str(settings.var_dir)})
        command = [ZHIXING, "publicity", "rebuild", "dishonest_list"]
        first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            wait_until(views.rebuilt, timeout=120, what="the rebuild to make progress")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        killed_at = views.rebuilt()
        assert 0 < killed_at < LISTINGS, "the rebuild ended before it could be killed"
        assert (views.registry(), views.tables()) == ((1, 2), live)
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert second.returncode == 0, second.stderr
        replayed = int(second.stdout.split("(")[1].split(" events")[0])
        assert (views.registry(), views.tables()) == ((2, None), live)
        assert replayed <= LISTINGS - killed_at
