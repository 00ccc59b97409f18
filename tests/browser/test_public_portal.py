"""The public portal in headless Debian Chromium on a real embedded suite (issue 17).

The court works its cases over gRPC (testkit.portal: two cases filed with access codes,
a person listed, restricted and taken to 终本, a company restricted and listed with its
legal representative bound, R14, R16). Then, on the pages, with JavaScript DISABLED (no
page needs it): a 综合查询 finds the listed person and, by his own name and number, the
restricted company's legal representative, numbers masked (R60); a removal (R8) takes the
entry off the page (R61); a party opens 我的案件 of the company's open case with its
code and leaves a message that the officer's worklist (cases GetWorklist) shows; a lead
reported from a listed entry's page reaches the team (assets ListLeads) and its status
page follows; a burst of searches is answered 429 with Retry-After. Every page is
screenshot at the desktop (1280) and the mobile (375) width into var/artefacts/portal/,
shows no full resident ID, and — loaded with JavaScript on — breaks no rule of the
strict CSP.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from testkit.command_browser import WAIT_MS, chromium
from testkit.portal import (
    COMPANY,
    CONCLUDED,
    COURT,
    DEBTOR,
    OFFICER_NAME,
    POLL,
    REPRESENTATIVE,
    START,
    WAIT,
    Filed,
    PortalCourt,
    court_works,
    team_lead,
    worklist_item,
)
from testkit.portal_browser import ARTEFACTS, no_resident_id, search_on_page, shoot
from testkit.processes import Processes
from testkit.suites import embedded_suite
from testkit.waiting import wait_until
from zhixing.eventstore.settings import Settings

pytestmark = pytest.mark.browser

SERVICES = ("cases", "assets", "credit", "publicity")
MESSAGE = "请问强制执行的进展如何"


@dataclass
class Site:
    """The running suite's portal, the court's side, the two cases it worked."""

    base: str
    portal: PortalCourt
    person: Filed
    company: Filed


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("portal")
    processes = Processes(tmp)
    try:
        suite = embedded_suite(processes, tmp, SERVICES, START, ZHIXING_SWEEP_SECONDS="1")
        portal = PortalCourt(suite.targets, suite.secret, suite.travel,
                             Settings.from_env(suite.env))
        person, company = court_works(portal)
        wait_until(lambda: (a := portal.searched(DEBTOR.name, DEBTOR.identity_number))
                   and a.dishonest and a.zhongben, timeout=WAIT, interval=POLL,
                   what="the portal's read models to show the court's work")
        yield Site(processes.web["embedded"], portal, person, company)
        portal.close()
    finally:
        processes.stop_all()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser) -> Iterator[Any]:
    """A visitor whose browser runs no JavaScript: every page must work without it."""
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def test_a_search_finds_the_listed_person_and_the_restricted_representative(site, page):
    from playwright.sync_api import expect

    search_on_page(page, site.base, DEBTOR.name, DEBTOR.identity_number)
    main = page.locator("main")
    expect(page.locator("h1")).to_have_text("综合查询结果")
    expect(main).to_contain_text(site.person.case_number)
    expect(page.locator("#h-d")).to_have_text("失信被执行人（1）")
    expect(page.locator("#h-r")).to_have_text("限制消费（1）")
    expect(page.locator("#h-z")).to_have_text("终本案件（1）")
    expect(main).to_contain_text(DEBTOR.identity_number[:6] + "********")
    no_resident_id(page, "search: the person")
    shoot(page, "search-person")

    search_on_page(page, site.base, REPRESENTATIVE.name, REPRESENTATIVE.identity_number)
    expect(page.locator("#h-r")).to_have_text("限制消费（1）")
    restricted = page.locator("section[aria-labelledby=h-r]")
    expect(restricted).to_contain_text(COMPANY.name)
    expect(restricted).to_contain_text(f"{REPRESENTATIVE.name}（{REPRESENTATIVE.identity_number[:6]}")
    expect(restricted).to_contain_text(site.company.case_number)
    no_resident_id(page, "search: the representative")
    shoot(page, "search-representative")


def test_a_removal_takes_the_entry_off_the_page_when_the_court_removes_the_listing(
        site, page):
    from playwright.sync_api import expect

    listed = f"{site.base}/dishonest?court={COURT}"
    page.goto(listed, timeout=WAIT_MS)
    expect(page.locator("main")).to_contain_text(site.person.case_number)
    site.portal.remove(site.person, CONCLUDED)  # R8(3), the applicant's request
    wait_until(lambda: (a := site.portal.searched(DEBTOR.name, DEBTOR.identity_number))
               is not None and not a.dishonest, timeout=WAIT, interval=POLL,
               what="the removal to reach the portal (R61)")
    page.goto(listed, timeout=WAIT_MS)
    expect(page.locator("main")).not_to_contain_text(site.person.case_number)
    expect(page.locator("main")).to_contain_text(site.company.case_number)
    search_on_page(page, site.base, DEBTOR.name, DEBTOR.identity_number)
    expect(page.locator("#h-d")).to_have_text("失信被执行人（0）")
    shoot(page, "search-after-removal")


def test_a_partys_message_reaches_the_officers_worklist_when_left_on_my_case(site, page):
    from playwright.sync_api import expect

    page.goto(f"{site.base}/my-case", timeout=WAIT_MS)
    shoot(page, "my-case-signin")
    page.fill("input[name=case_number]", site.company.case_number)
    page.fill("input[name=access_code]", site.company.codes["applicant"])
    page.click("form[action='/my-case'] button[type=submit]")
    expect(page.locator("h1")).to_contain_text("我的案件", timeout=WAIT_MS)
    expect(page.locator("main")).to_contain_text(OFFICER_NAME)  # the timeline's assignment
    assert site.company.codes["applicant"] not in page.content()
    page.fill("textarea[name=text]", MESSAGE)
    page.click("form[action='/my-case/message'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("留言已送达承办团队", timeout=WAIT_MS)
    item = wait_until(lambda: worklist_item(site.portal, site.company), timeout=WAIT,
                      what="the party's message on the officer's worklist")
    assert item.label == "答复当事人留言" and MESSAGE in item.detail
    no_resident_id(page, "my case")
    shoot(page, "my-case")


def test_a_lead_reported_on_a_listed_entry_reaches_the_team_and_its_status_shows(site, page):
    from playwright.sync_api import expect

    page.goto(f"{site.base}/dishonest?court={COURT}", timeout=WAIT_MS)
    row = page.locator("tr").filter(has_text=site.company.case_number)
    row.get_by_role("link", name="举报线索").click()
    expect(page.locator("h1")).to_have_text("举报财产线索", timeout=WAIT_MS)
    page.select_option("select[name=property_kind]", "vehicle")
    page.fill("textarea[name=text]", "被执行人公司的一辆白色货车常停在锦江区某物流园。")
    shoot(page, "lead-form")
    page.click("form[action='/leads/new'] button[type=submit]")
    reference = re.search(r"XS-[0-9A-Z]{4}-[0-9A-Z]{4}", page.inner_text("main"))
    assert reference, "the receipt shows the lead's reference"
    shoot(page, "lead-receipt")
    lead = wait_until(lambda: team_lead(site.portal, site.company), timeout=WAIT,
                      what="the lead on the team's ListLeads")
    assert lead.case_number == site.company.case_number and lead.property_kind == "vehicle"
    page.goto(f"{site.base}/leads/status?reference={reference.group()}", timeout=WAIT_MS)
    expect(page.locator("main")).to_contain_text("承办团队已接收")
    expect(page.locator("main")).not_to_contain_text("白色货车")  # never the text
    shoot(page, "lead-status")


def test_every_page_is_screenshot_at_both_widths_and_breaks_no_csp_rule(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and refused.append(message.text[:200]))
    pages = {"home": "/", "dishonest": f"/dishonest?court={COURT}",
             "restricted": f"/restricted?court={COURT}", "zhongben": f"/zhongben?court={COURT}",
             "stats": "/stats", "typical": "/typical", "rewards": "/rewards",
             "case": f"/cases?number={site.company.case_number}", "lead-status": "/leads/status"}
    saved = []
    for name, path in pages.items():
        answer = page.goto(site.base + path, timeout=WAIT_MS)
        assert answer is not None and answer.status == 200, f"{name}: {answer and answer.status}"
        no_resident_id(page, name)
        saved += shoot(page, name)
    context.close()
    print(f"\nscreenshots: {len(saved)} in {ARTEFACTS}")
    assert refused == [], "no page breaks the strict CSP"


def test_a_burst_of_searches_is_answered_with_429_and_retry_after(site, page):
    from playwright.sync_api import expect

    # The form is filled first and sent right after the burst's last refusal: the budget
    # (10 a minute) refills one search every 6 s, and on a loaded machine a page load
    # between the two took longer than that, so the form's search was answered.
    page.goto(f"{site.base}/", timeout=WAIT_MS)
    form = page.locator("form[action='/search']")
    form.locator("input[name=name]").fill(DEBTOR.name)
    form.locator("input[name=identity_number]").fill(DEBTOR.identity_number)
    answers: list[tuple[int, str]] = []
    while len(answers) < 12 or (answers[-1][0] != 429 and len(answers) < 40):
        answer = page.request.post(f"{site.base}/search", headers={"Origin": site.base},
                                   form={"name": DEBTOR.name,
                                         "identity_number": DEBTOR.identity_number})
        answers.append((answer.status, answer.headers.get("retry-after", "")))
    assert answers[0][0] == 200
    refused = [(status, wait) for status, wait in answers if status == 429]
    assert refused and all(wait.isdigit() and int(wait) > 0 for _, wait in refused)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("过于频繁")
    shoot(page, "search-429")
