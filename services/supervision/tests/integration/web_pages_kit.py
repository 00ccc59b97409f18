"""The command centre's pages as the suite serves them (`web_support.centre_served`: the
bootstrap's `/command/` mount on the runtime's HTTP server, against the supervision
service over real gRPC in process), read by people signed in through the form as whoever
a test names; and the board's facts (R20, R31, R41) fed as the other services publish
them.
"""

from __future__ import annotations

import re

from testkit.assets import cloud_event, feed
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    AgencyAnswerOverdue,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.relief.v1 import FundCredited
from zhixing.supervision.projections.board_facts import request_key

from .api_support import COURT, UNNAMED, Supervision
from .web_support import Answer, Browser, Centre

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


class Pages:
    """The centre's pages read by signed-in people, one browser per role and court."""

    def __init__(self, centre: Centre) -> None:
        self.centre = centre
        self._browsers: dict[tuple[str, str], Browser] = {}

    def get(self, path: str, role: str = "president", court: str = COURT) -> Answer:
        """GET `path` (under /command) signed in as `role` of `court`."""
        if (role, court) not in self._browsers:
            self._browsers[role, court] = self.centre.signed_in(role, court)
        return self._browsers[role, court].get(ROOT + path)


def links(page: Answer, prefix: str) -> list[str]:
    """The page's links starting with `prefix` (under /command), unescaped."""
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page.text)
            if h.startswith(ROOT + prefix)]
