"""File cases over gRPC and follow them in the publicity read model — in cluster mode
(separate processes on Kafka + PostgreSQL) and embedded mode, with identical results."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode
from urllib.request import urlopen

import grpc
import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.stack import process_env, stack_settings
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.eventstore.settings import Settings
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.e2e

CASES = 100
WHOLE_LIST = {"ZHIXING_GRPC_BURST": "1000"}
"""`public_view` polls, then reads every case anonymously one call after another, as a
scraper would: the public RPCs' rate per address (100 at once, issue 12) is raised."""


def filing(index: int) -> pb.FileCaseRequest:
    return file_case_request(index, court=("川0104", "渝0103")[index % 2],
                             request_id=f"e2e-{index}")


def file_all(targets: list[str], secret: str) -> list[str]:
    """File the cases concurrently, spread over the given API processes."""
    clients = {court: [ZhixingClient(t, issue_token(Identity("e2e", "officer", court), secret))
                       for t in targets] for court in ("川0104", "渝0103")}

    def file_one(index: int) -> str:
        request = filing(index)
        client = clients[request.court_code][index % len(targets)]
        return client.file_case(request).case_number

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(file_one, range(CASES)))
    for group in clients.values():
        for client in group:
            client.close()
    return numbers


def public_view(target: str, numbers: list[str]) -> dict[str, tuple]:
    """What the publicity API shows for each case, once all are visible."""
    client = ZhixingClient(target)

    def visible() -> bool:
        try:
            client.case_progress(numbers[-1])
            page = client.list_progress(page_size=500)
        except grpc.RpcError:
            return False
        return len(page.progress) >= len(numbers)

    wait_until(visible, timeout=90, what=f"{len(numbers)} cases in GetCaseProgress")
    view = {}
    for number in numbers:
        p = client.case_progress(number)
        view[number] = (p.court_name, p.status_label,
                        tuple((x.role, x.name, x.identity) for x in p.parties))
    client.close()
    return view


def assert_public_page_is_masked(base_url: str, number: str) -> None:
    """The web page of a case, fetched over HTTP, shows only masked identities (R60)."""
    url = f"{base_url}/cases?{urlencode({'number': number})}"
    html = urlopen(url, timeout=10).read().decode()
    full = filing(0).applicants[0].identity_number
    assert number in html and full[:6] + "********" in html and full not in html


def assert_numbers_gap_free(numbers: list[str]) -> None:
    year = numbers[0][1:5]
    expected = {f"({year}){court}执{n}号" for court in ("川0104", "渝0103")
                for n in range(1, CASES // 2 + 1)}
    assert sorted(numbers) == sorted(expected)


def assert_masked(view: dict[str, tuple]) -> None:
    for _court, _status, parties in view.values():
        applicant = dict((role, (name, ident)) for role, name, ident in parties)["applicant"]
        assert applicant[0] == "张*" and applicant[1].startswith("510104********")


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, tuple]]:
    return {}


class TestFileAndFollow:
    def test_cluster_mode_shows_every_case_filed_through_two_api_processes(
            self, tmp_path, processes, results):
        settings = stack_settings(tmp_path)
        env = process_env(settings, **WHOLE_LIST)
        api_a = processes.start_api("cases-api-a", ["cases", "api"], env)
        api_b = processes.start_api("cases-api-b", ["cases", "api"], env)
        processes.start("cases-relay", ["cases", "relay"], env)
        processes.start("publicity-worker", ["publicity", "worker"], env)
        public = processes.start_api("publicity-api", ["publicity", "api"], env)
        numbers = file_all([api_a, api_b], settings.jwt_secret)
        assert_numbers_gap_free(numbers)
        view = public_view(public, numbers)
        assert_masked(view)
        assert_public_page_is_masked(processes.web["publicity-api"], numbers[0])
        results["cluster"] = view

    def test_embedded_mode_gives_the_same_results(self, tmp_path, processes, results):
        env = {k: v for k, v in os.environ.items() if k not in ("ZHIXING_PG_DSN",
                                                                 "ZHIXING_KAFKA_BOOTSTRAP")}
        env.update(ZHIXING_VAR=str(tmp_path / "var"), **WHOLE_LIST)
        target = processes.start_api("embedded", ["run", "--no-demo"], env)
        numbers = file_all([target], Settings.from_env(env).jwt_secret)
        assert_numbers_gap_free(numbers)
        view = public_view(target, numbers)
        assert_masked(view)
        assert_public_page_is_masked(processes.web["embedded"], numbers[0])
        assert (tmp_path / "var" / "cases" / "events.db").exists()  # really SQLite, no broker
        if "cluster" in results:
            # Which concurrent request won which serial differs run to run; the set of
            # numbers and what the public sees for them must not.
            assert view.keys() == results["cluster"].keys()
            assert sorted(view.values()) == sorted(results["cluster"].values())
