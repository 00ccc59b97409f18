"""Wrong access codes limited per case (issue 17): 5 per 15 minutes, counted in the
store (so replicas agree), with an injected clock — no sleeps; on SQLite, and on
PostgreSQL when connected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from testkit.stored import BACKENDS, backend_settings
from zhixing.kernel.clock import FixedClock
from zhixing.kernel.errors import TooManyAttempts
from zhixing.publicity.projections.wrong_codes import WrongCodeLimiter

CASE = "(2026)川0104执1号"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 6, 2, 0, tzinfo=UTC))


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """The publicity store on SQLite, and on PostgreSQL when connected (STYLE 10)."""
    sql = backend_settings(request.param, tmp_path).sql_store("publicity")
    WrongCodeLimiter.migrate(sql)
    yield sql
    sql.close()


def _wrong(limiter: WrongCodeLimiter, times: int, case: str = CASE) -> None:
    for _ in range(times):
        assert limiter.attempt(case, lambda: False) is False


class TestWrongCodeLimiter:
    def test_refused_with_the_seconds_to_wait_when_a_sixth_try_comes_within_15_minutes(
            self, store, clock):
        limiter = WrongCodeLimiter(store, clock)
        _wrong(limiter, 5)
        clock.advance(timedelta(minutes=4))
        with pytest.raises(TooManyAttempts) as refused:
            limiter.attempt(CASE, lambda: True)  # even the right code: no free guesses
        assert refused.value.retry_after == 11 * 60
        assert refused.value.field == "access_code"

    def test_admitted_again_when_the_oldest_wrong_try_has_aged_out(self, store, clock):
        limiter = WrongCodeLimiter(store, clock)
        _wrong(limiter, 1)
        clock.advance(timedelta(minutes=5))
        _wrong(limiter, 4)
        clock.advance(timedelta(minutes=10, seconds=1))
        assert limiter.attempt(CASE, lambda: True) is True
        _wrong(limiter, 1)  # the freed slot
        with pytest.raises(TooManyAttempts):
            limiter.attempt(CASE, lambda: False)

    def test_right_codes_take_no_slot_when_they_are_right(self, store, clock):
        limiter = WrongCodeLimiter(store, clock)
        for _ in range(20):
            assert limiter.attempt(CASE, lambda: True)
        _wrong(limiter, 5)

    def test_counted_per_case_when_another_case_is_tried(self, store, clock):
        limiter = WrongCodeLimiter(store, clock)
        _wrong(limiter, 5)
        _wrong(limiter, 5, "(2026)川0104执2号")

    def test_shared_by_every_replica_when_they_use_one_store(self, store, clock):
        one, two = WrongCodeLimiter(store, clock), WrongCodeLimiter(store, clock)
        _wrong(one, 3)
        _wrong(two, 2)
        with pytest.raises(TooManyAttempts):
            one.attempt(CASE, lambda: False)


class TestStrangersCannotLockAPartyOut:
    """A case number is public; five wrong codes from a stranger must not shut its parties
    out of their window for 15 minutes (found by the web review)."""

    def test_party_opens_its_case_when_a_stranger_used_up_his_own_tries(self, store, clock):
        limiter = WrongCodeLimiter(store, clock)
        for _ in range(5):
            assert limiter.attempt(CASE, lambda: False, "ipv4:203.0.113.9") is False
        with pytest.raises(TooManyAttempts):
            limiter.attempt(CASE, lambda: False, "ipv4:203.0.113.9")
        assert limiter.attempt(CASE, lambda: True, "ipv4:198.51.100.7") is True

    def test_whole_case_refused_when_many_addresses_together_reach_the_case_cap(
            self, store, clock):
        limiter = WrongCodeLimiter(store, clock, limit=5, case_limit=12)
        for n in range(12):
            assert limiter.attempt(CASE, lambda: False, f"ipv4:203.0.113.{n}") is False
        with pytest.raises(TooManyAttempts):
            limiter.attempt(CASE, lambda: True, "ipv4:198.51.100.7")
