"""The command centre's pages served by the real ASGI app (`command_centre`) against the
real supervision service in process (`api_support.supervision_served`, real gRPC on
loopback), signed in as whoever a test names — a session cookie holding the person's
own token, as the sign-in form would leave it.

The app is driven through the ASGI interface itself on one event loop per test (the
centre's gRPC channel belongs to the loop it was made on), without an HTTP client
library: a GET is a scope, an empty body and the answer's messages collected.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from testkit.assets import cloud_event, feed
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    AgencyAnswerOverdue,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.relief.v1 import FundCredited
from zhixing.runtime.cli_kit import dev_token
from zhixing.supervision.projections.board_facts import request_key
from zhixing.supervision.web.app import command_centre

from .api_support import COURT, NOW, UNNAMED, Supervision

ROOT = "/command"
RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
"""An 18-digit resident ID number: no page may show one."""


DEBTOR_ID = "510104197001011238"
"""The debtor's ID number the inquiry event carries: no page may show it."""
BANK, REGISTRY = "bank-0104-icbc", "registry-0104"
"""Two assisting agencies of 川0104 (R41): the bank answers, the registry is overdue."""


def feed_board(served: Supervision) -> None:
    """An inquiry of the unnamed case to a bank (answered after 3 days) and a registry
    (overdue), a freeze expiring within 10 working days (R20) and ¥1,234,567.89 credited
    to the court's relief fund (R31, R32) — the board's facts."""
    case_id = UNNAMED[0]
    inquiry = "inq-1"
    events = (
        NetworkInquiryStarted(inquiry_id=inquiry, case_id=case_id, court_code=COURT,
                              debtor_identity_number=DEBTOR_ID,
                              started_at="2026-02-02T09:00:00+08:00", agency_ids=[BANK, REGISTRY]),
        AgencyAnswered(request_id=request_key(inquiry, BANK), agency_id=BANK,
                       answered_at="2026-02-05T09:00:00+08:00", outcome="nothing"),
        AgencyAnswerOverdue(inquiry_id=inquiry, case_id=case_id, court_code=COURT,
                            request_id=request_key(inquiry, REGISTRY), agency_id=REGISTRY,
                            agency_kind="real_estate", reply_by="2026-02-09T10:00:00+08:00"),
        MeasureTookEffect(measure_id="m-1", case_id=case_id, court_code=COURT,
                          asset_id="asset-1", kind="freeze", asset_class="deposit",
                          amount_fen=100_00, effective_on="2025-03-10", expires_on="2026-03-09"),
        FundCredited(fund_id="7f1c2a9e-0000-4000-8000-0000000f0001", court_code=COURT,
                     year=2026, kind="appropriation", entry_id="e-1",
                     document_number="财行〔2026〕1号", amount_fen=123_456_789,
                     credited_on="2026-01-10", balance_fen=123_456_789))
    for position, event in enumerate(events, start=10):
        feed(served.instance, cloud_event(event.event_type, case_id,
                                          event.model_dump(mode="json"), position=position))


@dataclass(frozen=True)
class Page:
    """An answer: status, headers (lower-case names) and the body as text."""

    status: int
    headers: dict[str, str]
    text: str


class Centre:
    """The command centre bound to the served supervision service."""

    def __init__(self, served: Supervision) -> None:
        self.served = served
        self.app = command_centre(jwt_secrets=[served.settings.jwt_secret], clock=lambda: NOW,
                                  dev_signin=True, oidc=None, secure_cookies=False)
        self.app.bind(served.target)
        self.loop = asyncio.new_event_loop()

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shell.close())
        self.loop.close()

    def get(self, path: str, role: str = "president", court: str = "川0104") -> Page:
        """GET `path` (under /command) signed in as `role` of `court`."""
        token = dev_token(f"{role}-1", role, court=court, secret=self.served.settings.jwt_secret)
        return self.loop.run_until_complete(self._get(path, token))

    async def _get(self, path: str, token: str) -> Page:
        url = urlsplit(ROOT + path)
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": unquote(url.path), "raw_path": quote(unquote(url.path)).encode(),
            "root_path": ROOT, "query_string": url.query.encode(),
            "headers": [(b"host", b"127.0.0.1"),
                        (b"cookie", f"zhixing_session={token}".encode())],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await self.app(scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        return Page(start["status"], headers, body.decode())


def links(page: Page, prefix: str) -> list[str]:
    """The page's links starting with `prefix` (under /command), unescaped."""
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page.text)
            if h.startswith(ROOT + prefix)]
