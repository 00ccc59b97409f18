"""SingleFlight (issue 16): the region page's two concurrent KPI reads share one sum."""

from __future__ import annotations

import threading

import pytest

from zhixing.supervision.projections.kpi_flight import SingleFlight


def _first_blocked(flight: SingleFlight[int], key: str, release: threading.Event,
                   calls: list[str], results: dict[str, int]) -> threading.Thread:
    """Starts a caller whose computation waits for `release`; returns once it runs."""
    started = threading.Event()

    def compute() -> int:
        calls.append("first")
        started.set()
        release.wait(10)
        return 42

    thread = threading.Thread(target=lambda: results.__setitem__(
        "first", flight.run(key, compute)))
    thread.start()
    assert started.wait(10)
    return thread


class TestSingleFlight:
    def test_an_overlapping_identical_call_takes_the_running_result_when_it_joins(self):
        flight: SingleFlight[int] = SingleFlight()
        release, calls, results = threading.Event(), [], {}
        first = _first_blocked(flight, "川", release, calls, results)
        second = threading.Thread(target=lambda: results.__setitem__(
            "second", flight.run("川", lambda: calls.append("second") or 7)))
        second.start()
        assert flight.wait_joined(1, 10)
        release.set()
        first.join(10)
        second.join(10)
        assert calls == ["first"]
        assert results == {"first": 42, "second": 42}

    def test_a_call_computes_afresh_when_the_identical_one_has_finished(self):
        flight: SingleFlight[int] = SingleFlight()
        assert flight.run("川", lambda: 1) == 1
        assert flight.run("川", lambda: 2) == 2
        assert flight.joined == 0

    def test_another_key_computes_on_its_own_when_one_is_running(self):
        flight: SingleFlight[int] = SingleFlight()
        release, calls, results = threading.Event(), [], {}
        first = _first_blocked(flight, "川", release, calls, results)
        assert flight.run("渝", lambda: 5) == 5
        release.set()
        first.join(10)
        assert flight.joined == 0
        assert results == {"first": 42}

    def test_the_joined_caller_gets_the_error_when_the_computation_fails(self):
        flight: SingleFlight[int] = SingleFlight()
        release, errors = threading.Event(), []
        started = threading.Event()

        def failing() -> int:
            started.set()
            release.wait(10)
            raise ValueError("scope")

        def call(compute):
            try:
                flight.run("川", compute)
            except ValueError as error:
                errors.append(str(error))

        first = threading.Thread(target=call, args=(failing,))
        first.start()
        assert started.wait(10)
        second = threading.Thread(target=call, args=(lambda: 1,))
        second.start()
        assert flight.wait_joined(1, 10)
        release.set()
        first.join(10)
        second.join(10)
        assert errors == ["scope", "scope"]
        with pytest.raises(ValueError):
            flight.run("川", failing)  # nothing kept: computed again (and fails again)
