"""Every role's probes without a store: liveness is "the loops run"; the endpoints' paths."""

from __future__ import annotations

import threading

from zhixing.messaging.pacing import Faults
from zhixing.runtime.probes import Liveness, OpsEndpoints, Readiness


class TestLiveness:
    def test_alive_when_every_loop_runs(self):
        stop = threading.Event()
        loop = threading.Thread(target=stop.wait, name="loop-0")
        loop.start()
        try:
            assert Liveness([loop]).problems() == []
        finally:
            stop.set()
            loop.join()

    def test_not_alive_when_a_loop_has_stopped(self):
        loop = threading.Thread(target=lambda: None, name="loop-0")
        loop.start()
        loop.join()
        assert Liveness([loop]).problems() == ["loop loop-0 stopped"]

    def test_alive_when_a_loop_is_not_started_yet(self):
        # The probes serve from just before the loops start.
        assert Liveness([threading.Thread(target=lambda: None, name="loop-0")]).problems() == []

    def test_not_alive_when_the_main_loop_stops_beating(self):
        assert Liveness([], stale_after=-1).problems()[0].startswith("main loop silent")


class TestEndpoints:
    def test_healthz_answers_200_when_alive(self, call):
        assert call(OpsEndpoints(Liveness(), Readiness({})), "/healthz").text == "ok\n"

    def test_unknown_paths_are_not_found(self, call):
        assert call(OpsEndpoints(Liveness(), Readiness({})), "/admin").status == 404


class TestReadinessOfLoops:
    def test_not_ready_but_alive_when_a_loop_retries_a_failing_store(self, call):
        faults = Faults(clock=lambda: 42.0)
        faults.failing("assets.agency-inbox.bank")
        endpoints = OpsEndpoints(Liveness(), Readiness({}, faults=[faults]))
        ready, alive = call(endpoints, "/readyz"), call(endpoints, "/healthz")
        assert (ready.status, alive.status) == (503, 200)
        assert "assets.agency-inbox.bank: its store is failing" in ready.text

    def test_ready_again_when_the_store_answers(self, call):
        faults = Faults()
        faults.failing("relay cases")
        faults.recovered("relay cases")
        assert call(OpsEndpoints(Liveness(), Readiness({}, faults=[faults])), "/readyz").status == 200


class TestReadinessOfARelay:
    def test_ready_and_says_standby_when_another_relay_publishes(self, call):
        endpoints = OpsEndpoints(Liveness(), Readiness({}, notes=[lambda: "relay cases: standby"]))
        ready = call(endpoints, "/readyz")
        assert (ready.status, ready.text) == (200, "ok\nrelay cases: standby\n")

    def test_healthz_carries_no_relay_line_when_alive(self, call):
        endpoints = OpsEndpoints(Liveness(), Readiness({}, notes=[lambda: "relay cases: active"]))
        assert call(endpoints, "/healthz").text == "ok\n"
