"""The embedded suite under load, with its SQLite store held by another writer past the
busy timeout (issue 12, item 1): it keeps serving gRPC, its probes answer (not ready
while a store fails), it exits not, it loses no accepted filing, and it starts again on
the same data, healthy, and catches up."""

from __future__ import annotations

import random
import signal
import sqlite3
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import free_port
from testkit.suites import RunningSuite, embedded_suite
from testkit.waiting import wait_until
from zhixing.cases.demo import resident_id
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.security.identity import Identity

pytestmark = pytest.mark.e2e

FILINGS = 40
HEAVY_RESPONDENTS = 50
HEAVY_APPLICANTS = 200
"""Every tenth filing is as large as FileCase accepts (the request bounds): 50
respondents, each a debtor the assets service starts an inquiry for with a request to
every agency, and 200 applicants (a wage claim of a whole workforce)."""
SEED = 12


def people(index: int, count: int, area: str) -> list[pb.Party]:
    """`count` distinct natural persons; the first has a long (60-character) name."""
    return [pb.Party(name="欧阳" * 30 if k == 0 else f"李{'四五六七'[k % 4]}",
                     kind=pb.PARTY_KIND_NATURAL_PERSON, identity_number=resident_id(
                         area, f"19{60 + k % 40:02d}{1 + k % 12:02d}{1 + index % 28:02d}",
                         f"{100 + k // 40:03d}"))
            for k in range(count)]


def filing(index: int, rng: random.Random) -> pb.FileCaseRequest:
    if index % 10:
        return file_case_request(index, respondents=people(index, rng.randint(1, 3), "510104"),
                                 request_id=f"load-{index}")
    return file_case_request(index, respondents=people(index, HEAVY_RESPONDENTS, "510104"),
                             applicants=people(index, HEAVY_APPLICANTS, "510105"),
                             request_id=f"load-{index}")


def probe(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def file_all(suite: RunningSuite, indexes: range) -> list[str]:
    rng = random.Random(SEED)
    requests = [filing(i, rng) for i in indexes]
    client = ZhixingClient(suite.target("cases"),
                           suite.token(Identity("load", "officer", "川0104")))
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            return list(pool.map(lambda r: client.file_case(r, timeout=60).case_number,
                                 requests))
    finally:
        client.close()


def all_visible(target: str, numbers: list[str]) -> bool:
    client = ZhixingClient(target)
    try:
        shown = {p.case_number for p in client.list_progress(page_size=500).progress}
    except grpc.RpcError:
        return False
    finally:
        client.close()
    return shown >= set(numbers)


def assets_store(suite: RunningSuite) -> Path:
    return Path(suite.env["ZHIXING_VAR"]) / "assets" / "views.db"


class TestEmbeddedSuiteUnderLoad:
    def test_suite_keeps_serving_and_loses_nothing_when_its_store_stays_locked(
            self, tmp_path, processes):
        metrics = free_port()
        suite = embedded_suite(processes, tmp_path, ("cases", "publicity"),
                               "2026-03-02T10:00:00+08:00", ZHIXING_METRICS_PORT=str(metrics))
        [(_, process)] = processes.running
        # Another writer holds the assets store past SQLite's 30 s busy timeout while
        # filings arrive: every assets consumer meets "database is locked".
        holder = sqlite3.connect(assets_store(suite), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            numbers = file_all(suite, range(FILINGS))
            failing = wait_until(lambda: "store is failing" in probe(metrics, "/readyz")[1],
                                 timeout=60, what="/readyz to show the failing store")
            assert failing and probe(metrics, "/readyz")[0] == 503
            assert probe(metrics, "/healthz")[0] == 200  # alive, only not ready
            more = file_all(suite, range(FILINGS, FILINGS + 5))  # gRPC still serves
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert process.poll() is None, processes.log("embedded")
        numbers += more
        wait_until(lambda: all_visible(suite.target("publicity"), numbers), timeout=60,
                   what="every accepted filing in the public read model")
        wait_until(lambda: probe(metrics, "/readyz")[0] == 200, timeout=60,
                   what="/readyz ready again")

        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0, processes.log("embedded")
        again = processes.start_api("embedded-again", ["run", "--no-demo"], suite.env)
        wait_until(lambda: probe(metrics, "/readyz")[0] == 200, timeout=60,
                   what="/readyz ready after the restart")
        later = file_all(RunningSuite("embedded", {"cases": again}, suite.env,
                                      suite.clock_file), range(FILINGS + 5, FILINGS + 7))
        wait_until(lambda: all_visible(again, numbers + later), timeout=60,
                   what="the restarted suite catching up")
        assert processes.running[-1][1].poll() is None
