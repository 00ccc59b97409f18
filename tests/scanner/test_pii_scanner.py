"""The personal-data scanner the e2e layer runs after every scenario: it must find a
full number wherever the suite could leak one, and show it masked (R60, issue 12)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import grpc
import pytest

from testkit.pii.recording import recording_channels
from testkit.pii.scan import full_resident_id, scan
from testkit.pii.watch import PiiWatch
from zhixing.cases.demo import credit_code, resident_id
from zhixing.contracts.pb.publicity.v1 import publicity_pb2
from zhixing.runtime.http import HttpServer
from zhixing.runtime.web import PrefixDispatch, WebPages

pytestmark = pytest.mark.unit

PERSON = resident_id("510104", "19800101", "123")
MASKED = PERSON[:6] + "*" * 8 + PERSON[-4:]
ACCOUNT = "6222021234567890123"
PUBLIC_METHOD = "/zhixing.publicity.v1.PublicityService/GetCaseProgress"
CASES_METHOD = "/zhixing.cases.v1.CasesService/GetCase"


def found(text: str, known: tuple[str, ...] = ()) -> list[str]:
    findings, _ = scan({"the log": ("logs", text)}, known)
    return [f"{f.kind} {f.masked}" for f in findings]


class TestScan:
    def test_a_full_resident_id_is_found_and_shown_masked_when_it_is_in_the_text(self):
        assert found(f"filed for {PERSON} today") == [f"resident ID {MASKED}"]

    def test_nothing_is_found_when_the_id_is_masked(self):
        assert found(f"filed for {MASKED}") == []

    def test_nothing_is_found_when_the_check_character_fails(self):
        wrong = PERSON[:-1] + ("0" if PERSON[-1] != "0" else "1")
        assert not full_resident_id(wrong) and found(f"number {wrong}") == []

    def test_an_individual_business_code_is_found_when_it_is_in_the_text(self):
        trader = credit_code("92510104MA6C", "Q1W2E")
        assert found(f"trader {trader}") == [f"personal credit code {trader[:6]}********{trader[-4:]}"]

    def test_an_organisations_code_is_not_a_finding_when_published(self):  # R6
        assert found(f"debtor {credit_code('91510104MA6C', 'Q1W2E')}") == []

    def test_a_known_account_is_found_when_it_appears_whole(self):
        assert found(f"paid from {ACCOUNT}.", (ACCOUNT,)) == ["known number ***************0123"]

    def test_a_known_account_is_not_found_when_only_its_tail_is_shown(self):
        assert found("paid from ***************0123", (ACCOUNT,)) == []

    def test_the_bytes_of_each_kind_are_counted_when_scanned(self):
        _, coverage = scan({"a": ("logs", "abc"), "b": ("pages", "é"), "c": ("logs", "d")})
        assert (coverage.bytes_by_kind, coverage.sources) == ({"logs": 4, "pages": 2}, 3)


@dataclass
class SeededScenario:
    """A scenario whose every output holds the same full resident ID."""

    log_dir: Path
    web: dict[str, str] = field(default_factory=dict)
    environments: list[dict[str, str]] = field(default_factory=list)
    servers: list[HttpServer] = field(default_factory=list)

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()


def leaking_page(environ, start_response):  # type: ignore[no-untyped-def]
    body = f"<p>当事人 {PERSON}</p>".encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]


def echoing_search(environ, start_response):  # type: ignore[no-untyped-def]
    """A search page that repeats what it was asked for (issue 12 item 4)."""
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [f"nothing found for {unquote(environ.get('QUERY_STRING', ''))}".encode()]


def public_answer(request: bytes, context: grpc.ServicerContext) -> bytes:
    party = publicity_pb2.PublicParty(role="respondent", name="张*", identity=PERSON)
    return publicity_pb2.GetCaseProgressResponse(progress=publicity_pb2.CaseProgress(
        case_number="(2026)川0104执1号", parties=[party])).SerializeToString()


def echoing_refusal(request: bytes, context: grpc.ServicerContext) -> bytes:
    context.abort(grpc.StatusCode.NOT_FOUND, f"no party numbered {PERSON}")
    raise AssertionError("abort raises")


class Leaking(grpc.GenericRpcHandler):
    """A server whose public answer and whose refusal both carry the full ID."""

    def service(self, handler_call_details):  # type: ignore[no-untyped-def]
        leak = public_answer if handler_call_details.method == PUBLIC_METHOD else echoing_refusal
        return grpc.unary_unary_rpc_method_handler(leak)


@pytest.fixture
def rpc_target() -> Iterator[str]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers([Leaking()])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def seeded(tmp_path) -> SeededScenario:
    scenario = SeededScenario(tmp_path)
    (tmp_path / "embedded.log").write_text(f'{{"message": "filed {PERSON}"}}\n')
    (tmp_path / "embedded.out").write_text(
        f'{{"name": "FileCase", "kind": "SpanKind.SERVER", "attributes": {{"id": "{PERSON}"}}}}\n')
    (tmp_path / "var" / "cases").mkdir(parents=True)
    with sqlite3.connect(tmp_path / "var" / "cases" / "views.db") as db:
        db.execute("CREATE TABLE dead_letters (consumer TEXT, stream TEXT, position BIGINT, "
                   "error TEXT)")
        db.execute("INSERT INTO dead_letters VALUES ('c', 's', 1, ?)", (f"bad party {PERSON}",))
    pages = PrefixDispatch([WebPages("/", leaking_page)])
    server = HttpServer(pages, "127.0.0.1", 0, setting="TEST_PORT")
    server.start()
    scenario.servers.append(server)
    scenario.web["embedded"] = server.address
    return scenario


class TestEveryScenarioSource:
    def test_a_leak_is_named_in_each_source_when_every_output_holds_a_full_id(
            self, seeded, rpc_target, monkeypatch):
        watch = PiiWatch()
        monkeypatch.setattr(grpc, "insecure_channel", recording_channels(lambda: watch.record))
        watch.begin()
        with grpc.insecure_channel(rpc_target) as channel:
            answer = channel.unary_unary(
                PUBLIC_METHOD, response_deserializer=publicity_pb2.GetCaseProgressResponse.FromString)(b"")
            assert answer.progress.parties[0].identity == PERSON
            with pytest.raises(grpc.RpcError):
                channel.unary_unary(CASES_METHOD)(b"")
        findings = watch.finish(seeded)
        assert {f.where.split(" ")[0] for f in findings} == {
            "page", "probe", "log", "spans", "dead", "public", "RPC"}
        assert all(f.masked == MASKED for f in findings)
        assert all(PERSON not in str(f) for f in findings)

    def test_an_echoing_search_is_found_when_probed_with_the_scenarios_own_person(
            self, tmp_path):
        pages = PrefixDispatch([WebPages("/", echoing_search)])
        server = HttpServer(pages, "127.0.0.1", 0, setting="TEST_PORT")
        server.start()
        scenario = SeededScenario(tmp_path, web={"api": server.address}, servers=[server])
        watch = PiiWatch()
        watch.record.numbers.add(PERSON)  # as if a filing had carried it
        findings = watch.finish(scenario)
        assert sorted(f.where.split("?")[1] for f in findings) == [
            "court=<id>", "name=<id>", "number=<id>"]

    def test_nothing_is_found_when_the_outputs_hold_only_masked_ids(self, tmp_path):
        (tmp_path / "embedded.log").write_text(f'{{"message": "filed {MASKED}"}}\n')
        assert PiiWatch().finish(SeededScenario(tmp_path)) == []


SEARCH_METHOD = "/zhixing.publicity.v1.PublicityService/SearchDebtor"
CODE = "K7QW-M3PX-2D9R"


def echoing_debtor_search(request: bytes, context: grpc.ServicerContext) -> bytes:
    """A 综合查询 that gives the number it was asked for back whole."""
    asked = publicity_pb2.SearchDebtorRequest.FromString(request)
    return publicity_pb2.SearchDebtorResponse(identity=asked.identity_number).SerializeToString()


class EchoingSearch(grpc.GenericRpcHandler):
    def service(self, handler_call_details):  # type: ignore[no-untyped-def]
        if handler_call_details.method == SEARCH_METHOD:
            return grpc.unary_unary_rpc_method_handler(echoing_debtor_search)
        return None  # UNIMPLEMENTED, as a service without those RPCs answers


def portal_pages(environ, start_response):  # type: ignore[no-untyped-def]
    """A portal whose typical-case list links to a page that leaks the ID."""
    path = environ.get("PATH_INFO", "/")
    bodies = {"/typical": '<a href="/typical/tc-1">典型案例</a>',
              "/typical/tc-1": f"<p>被执行人 {PERSON}</p>"}
    start_response("200 OK" if path in bodies else "404 Not Found",
                   [("Content-Type", "text/html; charset=utf-8")])
    return [bodies.get(path, "").encode()]


class TestPortalSources:
    """Issue 17: the portal's new surfaces are read too."""

    def test_an_echoing_debtor_search_is_found_when_probed_with_the_scenarios_person(
            self, tmp_path):
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        server.add_generic_rpc_handlers([EchoingSearch()])
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            scenario = SeededScenario(tmp_path, environments=[{"ZHIXING_GRPC_PORT": str(port)}])
            watch = PiiWatch()
            watch.record.numbers.add(PERSON)
            findings = watch.finish(scenario)
        finally:
            server.stop(None)
        assert [(f.where, f.masked) for f in findings] == [("public RPC answers", MASKED)]

    def test_a_typical_case_page_is_crawled_when_the_list_links_to_it(self, tmp_path):
        server = HttpServer(PrefixDispatch([WebPages("/", portal_pages)]), "127.0.0.1", 0,
                            setting="TEST_PORT")
        server.start()
        scenario = SeededScenario(tmp_path, web={"api": server.address}, servers=[server])
        findings = PiiWatch().finish(scenario)
        assert [f.where for f in findings] == [f"page {server.address}/typical/tc-1"]

    def test_an_access_code_is_searched_for_when_filing_returned_it(self, tmp_path):
        from zhixing.contracts.pb.cases.v1 import cases_pb2

        watch = PiiWatch()
        watch.record.answered("/zhixing.cases.v1.CasesService/FileCase", cases_pb2.FileCaseResponse(
            access_codes=[cases_pb2.PartyAccessCode(role="applicant", access_code=CODE)]))
        (tmp_path / "embedded.log").write_text(f'{{"message": "opened with {CODE}"}}\n')
        findings = watch.finish(SeededScenario(tmp_path))
        assert [(f.kind, f.masked) for f in findings] == [("known number", "**********2D9R")]

    def test_an_account_in_free_text_is_found_when_the_scenario_declares_it(self, tmp_path):
        (tmp_path / "embedded.log").write_text(f'{{"message": "lead: 账户{ACCOUNT}在用"}}\n')
        watch = PiiWatch()
        watch.watch_for(ACCOUNT)
        assert [f.kind for f in watch.finish(SeededScenario(tmp_path))] == ["known number"]

    def test_an_echoing_debtor_search_page_is_found_when_the_form_is_posted(self, tmp_path):
        def echoing_form(environ, start_response):  # type: ignore[no-untyped-def]
            size = int(environ.get("CONTENT_LENGTH") or 0)
            asked = unquote(environ["wsgi.input"].read(size).decode()) if size else ""
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [f"未找到 {asked}".encode()]

        server = HttpServer(PrefixDispatch([WebPages("/", echoing_form,
                                                     methods=("GET", "HEAD", "POST"))]),
                            "127.0.0.1", 0,
                            setting="TEST_PORT")
        server.start()
        scenario = SeededScenario(tmp_path, web={"api": server.address}, servers=[server])
        watch = PiiWatch()
        watch.record.numbers.add(PERSON)
        findings = watch.finish(scenario)
        assert [f.where for f in findings if "/search" in f.where] == [
            f"probe page {server.address}/search (POST identity_number=<id>)"]
