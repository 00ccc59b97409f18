"""The command centre in headless Debian Chromium on a real embedded suite (issue 16):
a president of 川0104 signs in with a development token and sees the court's KPIs; an
overdue node the cases sweep raises appears in the live alert queue without a reload and
is acknowledged from the page (R27, R36); a congress role sees the region's aggregates
and is refused a case file (R46); a signed-out visitor is sent to sign in; a POST
without the csrf field is refused; every page is screenshot at the desktop (1366×900)
and the mobile (390×844) width into var/artefacts/command/ and shows no 18-digit
resident ID.

The suite runs with a clock file (DESIGN §10) and a one-second sweep: the test moves the
day past the assignment's limit instead of waiting for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from testkit.command_browser import (
    ARTEFACTS,
    WAIT_MS,
    chromium,
    dev_token,
    no_resident_id,
    shoot,
    sign_in,
)
from testkit.filings import file_case_request
from testkit.processes import Processes
from testkit.suites import RunningSuite, embedded_suite
from testkit.supervision import Court
from testkit.waiting import wait_until
from zhixing.contracts.pb.supervision.v1 import supervision_pb2

pytestmark = pytest.mark.browser

COURT, TEAM = "川0104", "执行一组"
START = "2026-03-02T10:00:00+08:00"
OVERDUE = "2026-03-12T10:00:00+08:00"
"""Ten days on: the case is still not assigned, past its limit (R27)."""
SERVICES = ("cases", "assets", "credit", "relief", "supervision")
"""Every API the test calls: one process, one address, in embedded mode."""
PERIOD = {"from_month": "2026-01", "to_month": "2026-03"}


@dataclass
class Centre:
    """The running suite, its command centre's address and the case it filed."""

    suite: RunningSuite
    base: str
    case_id: str
    court: Court

    def node_alerts(self) -> list[Any]:
        return list(self.court("supervision", "ListAlerts", "supervisor", court_code=COURT,
                               kind="node_overdue").alerts)


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Iterator[Centre]:
    tmp = tmp_path_factory.mktemp("command")
    processes = Processes(tmp)
    try:
        suite = embedded_suite(processes, tmp, SERVICES, START,
                               ZHIXING_SWEEP_SECONDS="1")
        court = Court(suite.targets, suite.secret, COURT, TEAM)
        filed = court("cases", "FileCase", **{f.name: v for f, v in file_case_request(
            16, court=COURT, request_id="command-centre-16").ListFields()})
        wait_until(lambda: court("supervision", "GetKpis", "president", court_code=COURT,
                                 **PERIOD).total.received == 1,
                   timeout=60, what="supervision to count the filed case")
        yield Centre(suite, processes.web["embedded"], filed.case_id, court)
        court.close()
    finally:
        processes.stop_all()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def president(centre, browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.refused = []  # what the strict CSP blocked: nothing, or a page broke it
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.refused.append(message.text[:200]))
    sign_in(page, centre.base, dev_token(centre.suite.env, "president", COURT))
    yield page
    context.close()


@pytest.fixture
def congress(centre, browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in(page, centre.base, dev_token(centre.suite.env, "congress", "川"))
    yield page
    context.close()


def test_a_signed_out_visitor_is_sent_to_sign_in_when_opening_a_page(centre, browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{centre.base}/command/courts/{COURT}", timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"/command/signin\?next=/command/courts/"))
    expect(page.locator("textarea[name=token]")).to_be_visible()
    context.close()


def test_a_president_sees_the_courts_kpis_when_signed_in(centre, president):
    from playwright.sync_api import expect

    president.goto(f"{centre.base}/command/courts/{COURT}?from=2026-01&to=2026-03",
                   timeout=WAIT_MS)
    expect(president.locator("main")).to_contain_text("结案率")
    expect(president.locator("main")).to_contain_text(COURT)
    no_resident_id(president, "court")


def test_an_overdue_node_appears_in_the_live_queue_without_a_reload_and_is_acknowledged(
        centre, president):
    from playwright.sync_api import expect

    president.goto(f"{centre.base}/command/alerts", timeout=WAIT_MS)
    expect(president.locator("#live")).to_have_attribute("data-live", "on", timeout=WAIT_MS)
    president.evaluate("window.sameDocument = true")  # gone if the page reloads
    centre.suite.travel(OVERDUE)  # the cases sweep finds the assignment overdue (R27)
    row = president.locator("#alerts-open tr[data-alert-id]").filter(
        has_text="节点超期").filter(has_text="分案").first
    expect(row).to_be_visible(timeout=WAIT_MS)
    expect(row).to_contain_text("R27")
    assert president.evaluate("window.sameDocument") is True, "the row came without a reload"
    alert_id = row.get_attribute("data-alert-id")
    no_resident_id(president, "alerts")

    row.locator("form[data-action=acknowledge] button").click()
    acknowledged = president.locator(f"#alerts-acknowledged tr[data-alert-id='{alert_id}']")
    expect(acknowledged).to_contain_text("已签收", timeout=WAIT_MS)
    assert centre.court("supervision", "GetAlert", "supervisor",
                        alert_id=alert_id).alert.status == "acknowledged"


def test_a_post_without_the_csrf_field_is_refused(centre, president):
    president.goto(f"{centre.base}/command/alerts", timeout=WAIT_MS)
    alert_id = (centre.node_alerts() or [supervision_pb2.Alert(alert_id="none")])[0].alert_id
    before = centre.court("supervision", "ListAlerts", "supervisor", court_code=COURT).alerts
    answer = president.request.post(f"{centre.base}/command/alerts/{alert_id}/close",
                                    form={"reason": "未带 csrf 的表单"}, max_redirects=0)
    assert answer.status == 403 and "csrf" in answer.text()
    after = centre.court("supervision", "ListAlerts", "supervisor", court_code=COURT).alerts
    assert [a.status for a in after] == [a.status for a in before]


def test_congress_sees_the_regions_aggregates_and_is_refused_a_case_file(centre, congress):
    from playwright.sync_api import expect

    congress.goto(f"{centre.base}/command/?from=2026-01&to=2026-03", timeout=WAIT_MS)
    expect(congress.locator("main")).to_contain_text(COURT)
    expect(congress.locator("main")).to_contain_text("结案率")
    answer = congress.goto(f"{centre.base}/command/cases/{centre.case_id}", timeout=WAIT_MS)
    assert answer is not None and answer.status == 403
    expect(congress.locator("main")).to_contain_text("R46")
    no_resident_id(congress, "congress case file")


def test_every_page_is_screenshot_at_both_widths_and_shows_no_resident_id(
        centre, president, congress, browser):
    base, court = f"{centre.base}/command", COURT
    pages = {"region": "/?from=2026-01&to=2026-03", "court": f"/courts/{court}",
             "drill": f"/drill?scope={court}&figure=received&from=2026-01&to=2026-03",
             "case": f"/cases/{centre.case_id}", "agencies": "/agencies",
             "alerts": "/alerts", "reports": "/reports"}
    saved: list[Path] = []
    for name, path in pages.items():
        answer = president.goto(base + path, timeout=WAIT_MS)
        assert answer is not None and answer.status == 200, f"{name}: {answer and answer.status}"
        no_resident_id(president, name)
        saved += shoot(president, f"president-{name}")
    for name, path in (("region", pages["region"]), ("case-refused", pages["case"])):
        congress.goto(base + path, timeout=WAIT_MS)
        no_resident_id(congress, name)
        saved += shoot(congress, f"congress-{name}")
    signed_out = browser.new_context()
    page = signed_out.new_page()
    page.goto(f"{base}/signin", timeout=WAIT_MS)
    saved += shoot(page, "signin")
    signed_out.close()
    print(f"\nscreenshots: {len(saved)} in {ARTEFACTS}")
    assert all(path.stat().st_size > 0 for path in saved)
    assert president.refused == [], "no page needs an inline script or style"
