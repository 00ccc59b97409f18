"""The one command unit: load–act–save, retried on an optimistic-concurrency conflict,
queued on striped locks within a process (SQLite and PostgreSQL event stores, two
"processes" as two applications on the same store)."""

from __future__ import annotations

import os
import threading
import uuid
from uuid import UUID

import pytest

from zhixing.eventstore.application import ServiceApplication, on_appended
from zhixing.eventstore.settings import Settings, new_cipher_key
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.unit import CommandUnit, ConflictsExhausted, Work

from ..counting import Counter


class Tallies(ServiceApplication):
    name = service_name = "tallies"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def settings(request, tmp_path):
    """The same suite on SQLite and, when `ZHIXING_PG_DSN` is set, on PostgreSQL."""
    if request.param == "sqlite":
        yield Settings(var_dir=tmp_path)
        return
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        pytest.fail("ZHIXING_PG_DSN not set: run the connected tests with `make test`")
    on_pg = Settings(var_dir=tmp_path, postgres_dsn=dsn, cipher_key=new_cipher_key(),
                     schema_prefix=f"unit_{uuid.uuid4().hex[:12]}")
    yield on_pg
    admin = SqlStore(dsn=dsn)
    admin.migrate(f'DROP SCHEMA IF EXISTS "{on_pg.schema(Tallies.service_name)}" CASCADE')
    admin.close()


@pytest.fixture
def app(settings):
    application = Tallies(settings)
    yield application
    application.close()


@pytest.fixture
def other(settings):
    """Another process on the same store."""
    application = Tallies(settings)
    yield application
    application.close()


def _opened(app: Tallies, name: str = "t") -> UUID:
    tally = Counter(name)
    app.save(tally)
    return tally.id


def _count(app: Tallies, tally_id: UUID) -> int:
    return int(app.repository.get(tally_id).count)


class TestLoadActSave:
    def test_every_changed_aggregate_is_saved_in_one_go_when_the_command_returns(self, app):
        first, second = _opened(app, "a"), _opened(app, "b")

        def both(work: Work) -> str:
            work.get(first).count_up(1)
            work.get(second).count_up(2)
            return "done"

        assert app.unit.run(both, lock=[first, second]) == "done"
        assert (_count(app, first), _count(app, second)) == (1, 2)

    def test_a_new_aggregate_is_saved_when_the_command_adds_it(self, app):
        made = app.unit.run(lambda work: work.add(Counter("new")))
        assert app.repository.get(made.id).name == "new"

    def test_nothing_is_saved_when_the_command_raises(self, app):
        tally_id = _opened(app)

        def failing(work: Work) -> None:
            work.get(tally_id).count_up(5)
            work.add(Counter("never"))
            raise ValueError("refused")

        with pytest.raises(ValueError, match="refused"):
            app.unit.run(failing, lock=[tally_id])
        assert _count(app, tally_id) == 0
        assert app.max_notification_id() == 1  # only the opening event

    def test_an_aggregate_is_loaded_once_per_attempt_when_asked_for_twice(self, app):
        tally_id = _opened(app)

        def twice(work: Work) -> bool:
            return work.get(tally_id) is work.get(str(tally_id))

        assert app.unit.run(twice) is True


class TestRetryOnConflict:
    def test_the_command_runs_again_on_fresh_state_when_another_process_saved_first(
            self, app, other):
        tally_id = _opened(app)
        seen: list[int] = []

        def count(work: Work) -> int:
            tally = work.get(tally_id)
            seen.append(tally.count)
            if len(seen) == 1:  # the other process saves between our load and our save
                theirs = other.repository.get(tally_id)
                theirs.count_up(10)
                other.save(theirs)
            tally.count_up(1)
            return int(tally.count)

        assert app.unit.run(count, lock=[tally_id]) == 11
        assert seen == [0, 10]
        assert _count(app, tally_id) == 11

    def test_it_gives_up_with_a_clear_error_when_every_attempt_conflicts(self, app, other):
        tally_id = _opened(app)
        unit = CommandUnit(app, Work, attempts=3)
        attempts = 0

        def always_beaten(work: Work) -> None:
            nonlocal attempts
            attempts += 1
            tally = work.get(tally_id)
            theirs = other.repository.get(tally_id)
            theirs.count_up(10)
            other.save(theirs)
            tally.count_up(1)

        with pytest.raises(ConflictsExhausted, match="3 times in a row; nothing was saved"):
            unit.run(always_beaten, lock=[tally_id])
        assert attempts == 3
        assert _count(app, tally_id) == 30  # the other writer's three saves, none of ours


class TestStripedLocks:
    def test_a_second_command_on_the_same_aggregate_waits_when_one_is_running(self, app):
        tally_id = _opened(app)
        second_inside = threading.Event()
        overlapped: list[bool] = []

        def second() -> None:
            app.unit.run(lambda work: (second_inside.set(), work.get(tally_id).count_up(1)),
                         lock=[tally_id])

        runner = threading.Thread(target=second)

        def first(work: Work) -> None:
            runner.start()
            # a negative check: the second command must NOT get in while this one runs
            overlapped.append(second_inside.wait(timeout=0.5))
            work.get(tally_id).count_up(1)

        app.unit.run(first, lock=[tally_id])
        runner.join(timeout=10)
        assert overlapped == [False]
        assert _count(app, tally_id) == 2

    def test_commands_on_other_stripes_run_meanwhile_when_one_is_running(self, app):
        unit = CommandUnit(app, Work, stripes=2)
        ours, theirs = UUID(int=0), UUID(int=1)  # stripes 0 and 1
        other_ran = threading.Event()
        runner = threading.Thread(
            target=lambda: unit.run(lambda _work: other_ran.set(), lock=[theirs]))

        def first(_work: Work) -> bool:
            runner.start()
            return other_ran.wait(timeout=10)

        assert unit.run(first, lock=[ours]) is True
        runner.join(timeout=10)

    def test_the_same_key_always_falls_on_the_same_stripe_when_given_as_text(self, app):
        unit = CommandUnit(app, Work, stripes=64)
        assert unit.stripe_of("sequence/川0104/执") == unit.stripe_of("sequence/川0104/执")
        assert unit.stripe_of(UUID(int=130)) == 130 % 64


class TestEventsAppended:
    def test_the_hook_hears_the_service_and_how_many_when_events_are_saved(self, app):
        heard: list[tuple[str, int]] = []
        on_appended(lambda service, count: heard.append((service, count)))
        try:
            tally_id = _opened(app)
            app.unit.run(lambda work: [work.get(tally_id).count_up(n) for n in (1, 2)],
                         lock=[tally_id])
        finally:
            on_appended(None)
        assert heard == [("tallies", 1), ("tallies", 2)]
