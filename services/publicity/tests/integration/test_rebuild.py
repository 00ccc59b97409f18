"""`zhixing publicity rebuild dishonest_list`, embedded: the public list rebuilt from the
credit events equals the live one row for row, in every table of the projection."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest
import typer
from typer.testing import CliRunner

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    ListingPublished,
    ListingRemoved,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.publicity.application.queries import DishonestQueries
from zhixing.publicity.projections.dishonest_list import TABLES, DishonestListProjection
from zhixing.runtime import rebuild, runners
from zhixing.runtime.inject import publish_event

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


COURTS = ("川0104", "渝0103")
IDS = ("510104199803121239", "11010519491231002X")
TABLE_NAMES = tuple(TABLES.tables)


def listing(i: int) -> ListingPublished:
    return ListingPublished(
        listing_id=f"L{i}", court_code=COURTS[i % 2], debtor_identity_number=IDS[i % 2],
        case_id=f"c{i}", case_number=f"(2026)川0104执{i}号", debtor_name="张三丰",
        debtor_kind="person", grounds=[1 + i % 4], decided_on="2026-04-20",
        published_on=f"2026-05-{1 + i % 28:02d}")


def history(n: int) -> list[IntegrationEvent]:
    """Listings, a third of them removed, restrictions issued and some lifted."""
    events: list[IntegrationEvent] = []
    for i in range(n):
        events.append(listing(i))
        events.append(ConsumptionRestrictionIssued(
            case_id=f"c{i}", court_code=COURTS[i % 2], restriction_id=f"R{i}",
            debtor_identity_number=IDS[i % 2], decided_on="2026-04-20"))
        if i % 3 == 0:
            events.append(ListingRemoved(
                listing_id=f"L{i}", court_code=COURTS[i % 2], debtor_identity_number=IDS[i % 2],
                case_id=f"c{i}", reason=1 + i % 7, triggered_on="2026-06-01",
                remove_by="2026-06-04", removed_on="2026-06-02"))
            events.append(ConsumptionRestrictionLifted(
                restriction_id=f"R{i}", case_id=f"c{i}", court_code=COURTS[i % 2],
                debtor_identity_number=IDS[i % 2], ground="full_performance",
                lifted_on="2026-06-02"))
    return events


class Suite:
    """The embedded suite's stores under a temporary ZHIXING_VAR, the publicity list's
    live consumer fed with injected credit events."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def publish(self, *events: IntegrationEvent) -> None:
        for event in events:
            publish_event(self.settings, event.event_type, event.model_dump(mode="json"))

    def run_live_consumer(self) -> None:
        instances = runners.build_all(self.settings)
        try:
            publicity = next(i for i in instances if i.name == "publicity")
            target = rebuild.targets(publicity)["dishonest_list"]
            sources = rebuild.source_maker(self.settings, instances, target.topic)
            live = TrackedConsumer(sources(target.group), target.projection, publicity.store,
                                   group=target.group)
            while live.run_once(timeout=0):
                pass
            sources.close_all()
        finally:
            for instance in instances:
                instance.close()

    def tables(self) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table of the projection, read through the views."""
        with sqlite3.connect(self.settings.var_dir / "publicity" / "views.db") as conn:
            return {name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall())
                    for name in TABLE_NAMES}


@pytest.fixture
def suite(tmp_path):
    return Suite(Settings(var_dir=tmp_path / "var"))


class TestRebuildDishonestList:
    def test_every_table_equals_the_live_one_when_rebuilt(self, suite):
        suite.publish(*history(30))
        suite.run_live_consumer()
        live = suite.tables()
        out = io.StringIO()
        version = rebuild.run(suite.settings, "publicity", "dishonest_list", out=out)
        assert (version, suite.tables()) == (2, live)
        assert "version 2 is live" in out.getvalue()
        assert live["dishonest_list"] and live["dishonest_removed"]

    def test_the_live_consumer_writes_the_new_table_when_swapped(self, suite):
        suite.publish(*history(6))
        suite.run_live_consumer()
        rebuild.run(suite.settings, "publicity", "dishonest_list", out=io.StringIO())
        suite.publish(listing(100))
        suite.run_live_consumer()
        listed = {row[0] for row in suite.tables()["dishonest_list"]}
        assert "L100" in listed


class TestRebuildCommand:
    def run(self, suite, *args: str):  # type: ignore[no-untyped-def]
        app = typer.Typer()
        app.command()(rebuild.rebuild_command("publicity"))
        # Embedded, whatever the caller's environment (None unsets a variable).
        env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("ZHIXING_")}
        env["ZHIXING_VAR"] = str(suite.settings.var_dir)
        return CliRunner().invoke(app, list(args), env=env)

    def test_the_valid_names_are_given_when_the_projection_is_unknown(self, suite):
        result = self.run(suite, "dishonest_lists")
        assert result.exit_code == 1
        assert "choose one of: " in result.output and "dishonest_list" in result.output

    def test_projections_and_versions_are_listed_when_no_name_is_given(self, suite):
        result = self.run(suite, "--list")
        assert (result.exit_code, "dishonest_list\tversion 1" in result.output) == (0, True)

    def test_dashes_name_the_projection_too_when_rebuilt_from_the_command(self, suite):
        result = self.run(suite, "dishonest-list")
        assert (result.exit_code, "version 2 is live" in result.output) == (0, True)


class TestFirstStartOfThisRelease:
    def test_an_earlier_list_is_kept_when_its_tables_become_version_1(self, tmp_path):
        store = SqlStore(sqlite_path=tmp_path / "views.db")
        earlier = {name: name for name in TABLE_NAMES}
        store.migrate(*(ddl.format_map(earlier) for ddls in TABLES.tables.values()
                        for ddl in ddls))
        with store.transaction() as cur:
            cur.execute("INSERT INTO dishonest_court_stats (court_code, metric, n) "
                        "VALUES ('川0104', 'published', 9)")
        DishonestListProjection.migrate(store)
        [figures] = DishonestQueries(store, CIPHER).statistics("川0104")
        assert figures.published_total == 9
        store.close()
