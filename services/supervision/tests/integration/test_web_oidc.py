"""Sign-in to the command centre through a REAL OpenID provider (issue 16): the provider
built by infra/oidc/provider.sh (zitadel/oidc, on loopback), its own login form driven
by hand, redirects followed one by one; the centre served by the runtime's HTTP server
with the supervision service behind it over real gRPC."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import socket
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import backend_of, render, viewer_of
from zhixing.supervision.web.oidc import OidcSettings, s256
from zhixing.supervision.web.oidc_provider import Provider, ProviderError

from .web_support import Browser, Centre, centre_served

pytestmark = pytest.mark.connected

ROOT = Path(__file__).resolve().parents[4]
REDIRECT = "http://zhixing.test/command/oidc/callback"
SECRET = "centre-secret-不可外泄"
USERS = {
    "wang": ("pw-wang", {"role": "president", "court": "川0104", "team": "执行一组"}),
    "li": ("pw-li", {"role": "officer", "team": "执行二组"}),  # no court claim
    "zhao": ("pw-zhao", {"role": "administrator", "court": "川0104"}),
}
_FORM_ID = re.compile(r'name="id" value="([^"]+)"')


async def kpis_probe(request: Request) -> Response:
    """A GetKpis page as the pages are written, with the signed-in person's token."""
    viewer = viewer_of(request)
    reply = await backend_of(request).call("GetKpis", pb.GetKpisRequest(
        court_code=viewer.court, from_month="2026-01", to_month="2026-03"))
    return render(request, "error.html", status=200,
                  message=f"{viewer.role_name}@{viewer.court} rows={len(reply.rows)}")


@dataclass
class Op:
    """The running provider: its issuer and a user agent for its pages (no redirects
    followed: each hop is looked at)."""

    issuer: str
    process: subprocess.Popen[str]

    def hop(self, url: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location, body) of one request to the provider."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        opener = urllib.request.build_opener(_Stay)
        try:
            with opener.open(urllib.request.Request(url, data=data), timeout=10) as answer:
                return answer.status, answer.headers.get("location", ""), answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("location", ""), error.read().decode()

    def login(self, authorize_url: str, user: str) -> str:
        """Through the provider's login form as `user`; the redirect back to the centre."""
        status, login, _ = self.hop(authorize_url)
        assert status in (302, 303), status
        status, _, page = self.hop(urllib.parse.urljoin(self.issuer, login))
        found = _FORM_ID.search(page)
        assert status == 200 and found, page[:300]
        status, back, _ = self.hop(f"{self.issuer}/login/username", {
            "id": unescape(found.group(1)), "username": user, "password": USERS[user][0]})
        assert status in (302, 303), status
        status, redirect, _ = self.hop(urllib.parse.urljoin(self.issuer, back))
        assert status in (302, 303) and redirect.startswith(REDIRECT), redirect[:80]
        return redirect


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@contextmanager
def provider_running(folder: Path, redirect: str, issuer_host: str = "") -> Iterator[Op]:
    """The real provider (infra/oidc/provider.sh), its clients and USERS, on loopback."""
    config = folder / "op.json"
    config.write_text(json.dumps({
        "clients": [{"id": "zhixing", "secret": SECRET}, {"id": "other", "secret": "other-s"}],
        "users": [{"id": name, "username": name, "password": pw, "claims": claims}
                  for name, (pw, claims) in USERS.items()]}, ensure_ascii=False))
    binary = subprocess.run([str(ROOT / "infra/oidc/provider.sh"), "build"], check=True,
                            capture_output=True, text=True, timeout=900).stdout.strip()
    args = [binary, "-redirect", redirect, "-config", str(config)]
    if issuer_host:
        args += ["-issuer-host", issuer_host]
    log = (folder / "op.log").open("w")  # the provider's request log (paths only)
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    assert process.stdout is not None
    first = process.stdout.readline().split()  # "issuer http://127.0.0.1:<port>"
    try:
        assert first[:1] == ["issuer"], first
        yield Op(first[1], process)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@contextmanager
def centre_signing_in_with(op: Op, folder: Path, redirect: str, port: int = 0) -> Iterator[Centre]:
    """The served centre configured for `op` (token sign-in off, as in a cluster), with
    a GetKpis page at /command/probe."""
    with pytest.MonkeyPatch.context() as env:
        for name, value in (("ISSUER", op.issuer), ("CLIENT_ID", "zhixing"),
                            ("CLIENT_SECRET", SECRET), ("REDIRECT_URL", redirect)):
            env.setenv(f"ZHIXING_OIDC_{name}", value)
        env.setenv("ZHIXING_COMMAND_DEV_SIGNIN", "0")
        with centre_served(folder, port=port) as served:
            web = served.supervision.instance.web
            assert web is not None
            web.app.starlette.router.routes.append(Route("/probe", kpis_probe))
            yield served


@pytest.fixture(scope="module")
def op(tmp_path_factory) -> Iterator[Op]:
    with provider_running(tmp_path_factory.mktemp("op"), REDIRECT) as running:
        yield running


@pytest.fixture(scope="module")
def centre(op: Op, tmp_path_factory) -> Iterator[Centre]:
    with centre_signing_in_with(op, tmp_path_factory.mktemp("centre"), REDIRECT) as served:
        yield served


def started(centre: Centre, next_path: str = "/command/probe") -> tuple[Browser, str]:
    """A browser that pressed 使用统一身份认证登录: the provider's authorize URL."""
    browser = centre.browser()
    answer = browser.get(f"/command/oidc/start?next={urllib.parse.quote(next_path)}")
    assert answer.status == 303 and "zhixing_oidc" in browser.cookies, answer.text
    return browser, answer.location


def back(browser: Browser, redirect: str):  # type: ignore[no-untyped-def]
    """The provider's redirect to the centre, followed (the centre is on loopback)."""
    parts = urllib.parse.urlsplit(redirect)
    return browser.get(f"{parts.path}?{parts.query}")


def test_signed_in_with_the_providers_role_and_court_when_the_login_succeeds(op, centre, caplog):
    caplog.set_level(logging.DEBUG)
    page = centre.browser().get("/command/signin")
    assert "使用统一身份认证登录" in page.text and 'name="token"' not in page.text
    browser, authorize = started(centre)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize).query))
    assert query["code_challenge_method"] == "S256" and query["nonce"] and query["state"]
    redirect = op.login(authorize, "wang")
    landed = back(browser, redirect)
    assert landed.status == 200 and 'url=/command/probe' in landed.text
    session = browser.cookies["zhixing_session"]
    assert "zhixing_oidc" not in browser.cookies
    probe = browser.get("/command/probe")
    assert probe.status == 200 and "院长@川0104 rows=" in probe.text, probe.text[-400:]
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(redirect).query))["code"]
    # uvicorn's access log is off in the runtime (no handler, not propagated); pytest
    # attaches its own handler to non-propagating loggers, so its records are left out.
    logged = "\n".join(f"{r.getMessage()} {r.args} {r.exc_text}" for r in caplog.records
                        if r.name != "uvicorn.access")
    for secret in (session, code, SECRET, "执行一组", query["state"], query["nonce"]):
        assert secret not in logged
    signed_out = browser.post("/command/signout", {})
    assert signed_out.status == 303 and "zhixing_session" not in browser.cookies
    assert browser.get("/command/probe").status == 303


def test_refused_when_the_state_is_not_the_flows(op, centre):
    browser, authorize = started(centre)
    redirect = op.login(authorize, "wang")
    forged = re.sub(r"state=[^&]+", "state=forged", redirect)
    answer = back(browser, forged)
    assert answer.status == 400 and "state" in answer.text
    assert "zhixing_session" not in browser.cookies


def test_refused_when_the_code_is_replayed(op, centre):
    browser, authorize = started(centre)
    flow_cookie = browser.cookies["zhixing_oidc"]
    redirect = op.login(authorize, "wang")
    assert back(browser, redirect).status == 200
    replayer = centre.browser()
    replayer.cookies["zhixing_oidc"] = flow_cookie
    answer = back(replayer, redirect)
    assert answer.status == 403 and "未通过校验" in answer.text
    assert "zhixing_session" not in replayer.cookies


def test_refused_in_chinese_when_the_court_claim_is_missing(op, centre):
    browser, authorize = started(centre)
    answer = back(browser, op.login(authorize, "li"))
    assert answer.status == 403 and "未提供所属法院（court 声明）" in answer.text
    assert "zhixing_session" not in browser.cookies and "执行二组" not in answer.text


def test_refused_in_chinese_when_the_role_is_not_the_suites(op, centre):
    browser, authorize = started(centre)
    answer = back(browser, op.login(authorize, "zhao"))
    assert answer.status == 403 and "不是执行指挥中心可用的角色" in answer.text
    assert "administrator" not in answer.text and "zhixing_session" not in browser.cookies


def test_refused_when_the_flow_cookie_is_missing(op, centre):
    browser, authorize = started(centre)
    redirect = op.login(authorize, "wang")
    browser.cookies.pop("zhixing_oidc")
    answer = back(browser, redirect)
    assert answer.status == 400 and "zhixing_session" not in browser.cookies


def test_an_id_token_for_another_client_is_refused_when_verified_for_the_centre(op):
    """The provider's own id_token, issued to the client "other", checked as the centre
    checks its own: the audience is not the centre's."""
    verifier = "v" * 64
    authorize = f"{op.issuer}/auth?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": "other", "redirect_uri": REDIRECT,
        "scope": "openid", "state": "s" * 20, "nonce": "n" * 20,
        "code_challenge": s256(verifier), "code_challenge_method": "S256"})
    redirect = op.login(authorize, "wang")
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(redirect).query))["code"]
    other = Provider(OidcSettings(op.issuer, "other", "other-s", REDIRECT))
    centre = Provider(OidcSettings(op.issuer, "zhixing", SECRET, REDIRECT))

    async def check() -> None:
        id_token = await other.redeem(code, verifier)
        assert (await other.verify(id_token, "n" * 20))["court"] == "川0104"
        with pytest.raises(ProviderError, match="nonce"):
            await other.verify(id_token, "m" * 20)
        with pytest.raises(ProviderError, match="InvalidAudienceError"):
            await centre.verify(id_token, "n" * 20)

    asyncio.run(check())


class _Answers(BaseHTTPRequestHandler):
    """A loopback server answering every GET with the class's `body`."""

    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def discovery_of(body: bytes) -> str:
    """The ProviderError a centre meets when the issuer's discovery answers `body`."""
    handler = type("Answers", (_Answers,), {"body": body})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    issuer = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(ProviderError) as refused:
            asyncio.run(Provider(OidcSettings(issuer, "zhixing", SECRET, REDIRECT)).endpoints())
        return str(refused.value)
    finally:
        server.shutdown()
        server.server_close()


def test_discovery_refused_when_its_answer_is_over_the_bound():
    assert "over 262144 bytes" in discovery_of(b"{" + b" " * (300 * 1024) + b"}")


def test_discovery_refused_when_it_names_another_issuer():
    assert "another issuer" in discovery_of(json.dumps({
        "issuer": "https://elsewhere.example", "authorization_endpoint": "https://e/a",
        "token_endpoint": "https://e/t", "jwks_uri": "https://e/k"}).encode())


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.browser
def test_chromium_lands_signed_in_when_the_provider_is_another_site(tmp_path):
    """Debian's Chromium through the provider's own form: the provider on `localhost`,
    the centre on 127.0.0.1 (two sites), so the Lax flow cookie must come back on the
    cross-site redirect and the Strict session cookie must be set and then sent."""
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required (scripts/chromium.sh installs it)"
    port = _free_port()
    redirect = f"http://127.0.0.1:{port}/command/oidc/callback"
    (tmp_path / "centre").mkdir()
    with provider_running(tmp_path, redirect, issuer_host="localhost") as running, \
            centre_signing_in_with(running, tmp_path / "centre", redirect, port) as centre, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{centre.port}/command/probe", timeout=30_000)
            page.click("text=使用统一身份认证登录")
            page.fill("input[name=username]", "wang")
            page.fill("input[name=password]", USERS["wang"][0])
            page.click("button[type=submit]")
            expect(page.locator("body")).to_contain_text("院长@川0104 rows=", timeout=30_000)
            cookies = {c["name"]: c for c in page.context.cookies()}
            session = cookies["zhixing_session"]
            assert session["httpOnly"] and session["sameSite"] == "Strict"
            assert "zhixing_oidc" not in cookies
        finally:
            browser.close()
