"""The command centre as the suite serves it, for tests: the supervision service built by
its bootstrap and served over real gRPC (api_support), its `/command/` pages mounted by
the runtime's `PrefixDispatch` and served by the runtime's real HTTP server on loopback,
and a small browser (cookies, forms) signing in as whoever a test names.

    with centre_served(tmp_path) as centre:
        president = centre.signed_in("president", "川0104")
        page = president.get("/command/courts/川0104")
        assert page.status == 200 and "结案率" in page.text
        president.post("/command/alerts/<id>/acknowledge", {})   # csrf added from the page
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

from zhixing.runtime.http import HttpServer
from zhixing.runtime.limits import HttpLimits
from zhixing.runtime.web import PrefixDispatch
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

from .api_support import COURT, Supervision, supervision_served

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
"""A full resident ID number: no page may show one."""
_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
_SIGNIN = re.compile(r'name="signin" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str
    cookies: list[str] = field(default_factory=list)
    """Every Set-Cookie header of the answer."""

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """A client of the centre keeping its cookies (no redirects followed)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: Mapping[str, str], *, csrf: bool = True,
             headers: Mapping[str, str] | None = None) -> Answer:
        """POST a urlencoded form; with the session's CSRF value unless `csrf` is False."""
        data = {**({"csrf": self.csrf} if csrf and self.csrf else {}), **fields}
        return self.request("POST", path, urlencode(data).encode(), {
            "content-type": "application/x-www-form-urlencoded", **(headers or {})})

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        sent = dict(headers or {})
        if self.cookies:
            sent["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, quote(path, safe="/?&=%+:@;,-._~"), body=body,
                               headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        cookies = response.headers.get_all("set-cookie") or []
        for header in cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                        text, cookies)
        if found := _CSRF.search(text):
            self.csrf = found.group(1)
        return answer

    def sign_in(self, token: str, next_path: str = "") -> Answer:
        """Through the sign-in form, as a person pasting their token does."""
        form = self.get("/command/signin" + (f"?next={quote(next_path)}" if next_path else ""))
        found = _SIGNIN.search(form.text)
        assert found, form.text
        fields = {"signin": unescape(found.group(1)), "token": token}
        if next_path:
            fields["next"] = next_path
        return self.post("/command/signin", fields, csrf=False)


@dataclass
class Centre:
    supervision: Supervision
    server: HttpServer

    @property
    def port(self) -> int:
        return self.server.port

    def token(self, role: str, court: str = COURT, *, user: str = "",
              ttl: timedelta = timedelta(hours=1), team: str = "",
              issued: datetime | None = None) -> str:
        """A suite token as `zhixing token` prints it (issued now unless `issued`)."""
        identity = Identity(user or f"{role}-1", role, court=court, team=team)  # type: ignore[arg-type]
        return issue_token(identity, self.supervision.settings.jwt_secret, ttl=ttl,
                           now=issued)

    def browser(self) -> Browser:
        return Browser(self.port)

    def signed_in(self, role: str, court: str = COURT, **kwargs: str) -> Browser:
        """A browser signed in through the form as `role` of `court`."""
        browser = self.browser()
        answer = browser.sign_in(self.token(role, court, **kwargs))
        assert answer.status == 303, answer.text
        browser.get(answer.location)  # the landing page: its forms' csrf value
        return browser


@contextmanager
def centre_served(tmp_path: Path, limits: HttpLimits | None = None,
                  port: int = 0) -> Iterator[Centre]:
    """The served supervision service and its command centre (wired by the bootstrap), on
    `port` (0: any free one)."""
    with supervision_served(tmp_path) as supervision:
        web = supervision.instance.web
        assert web is not None and web.prefix == "/command/"
        pages = PrefixDispatch([web])
        pages.bind(supervision.target)
        server = HttpServer(pages, "127.0.0.1", port, setting="ZHIXING_HTTP_PORT",
                            limits=limits or HttpLimits(client_rate=None))
        server.start()
        try:
            yield Centre(supervision, server)
        finally:
            server.stop()
            pages.close()
