"""A member of the public looks a case up on the web pages, in headless Chromium."""

from __future__ import annotations

import os
import shutil

import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import Processes
from zhixing.eventstore.settings import Settings
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture
def suite(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("ZHIXING_PG_DSN", "ZHIXING_KAFKA_BOOTSTRAP")}
    env["ZHIXING_VAR"] = str(tmp_path / "var")
    processes = Processes(tmp_path)
    target = processes.start_api("embedded", ["run", "--no-demo"], env)
    token = issue_token(Identity("web", "officer", "川0104"), Settings.from_env(env).jwt_secret)
    client = ZhixingClient(target, token)
    number = client.file_case(file_case_request(7)).case_number
    client.close()
    yield processes.web["embedded"], number
    processes.stop_all()


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required (scripts/chromium.sh installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser.new_page()
        browser.close()


def test_searching_a_case_number_shows_its_masked_progress(suite, page):
    from playwright.sync_api import expect

    base, number = suite
    page.goto(base + "/cases", timeout=30_000)  # the portal's 案件进度 (issue 17)
    page.fill("input[name=number]", number)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("h1")).to_have_text(number, timeout=30_000)  # the case page
    text = page.inner_text("body")
    full_id = file_case_request(7).applicants[0].identity_number
    assert "成都市锦江区人民法院" in text and "立案" in text
    assert full_id[:6] + "********" + full_id[-4:] in text and full_id not in text
    assert "张*" in text and "张伟" not in text


PORTAL_PAGES = ["/", "/dishonest", "/zhongben", "/stats", "/cases", "/my-case", "/leads/status"]


def test_the_portal_fits_a_375px_phone_and_the_first_tab_reaches_the_skip_link(suite, page):
    """Issue 17: the portal works at mobile width (no sideways scrolling of the page: wide
    tables scroll inside their own box) and from the keyboard (the skip link first, with
    a visible focus ring)."""
    base, _ = suite
    page.set_viewport_size({"width": 375, "height": 740})
    for path in PORTAL_PAGES:
        page.goto(base + path, timeout=30_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main", path
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
