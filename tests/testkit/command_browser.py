"""The command centre in headless Debian Chromium (issue 16): signing in with a
development token made by `zhixing token`, screenshots of a page at the desktop and the
mobile width, and the checks every page must pass (no 18-digit resident ID, no page
wider than a phone)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from testkit.processes import ZHIXING, with_bytecode

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 900}
MOBILE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "command"
"""Where the screenshots go (var/ is ignored by git); printed by the test."""
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
"""A full 18-digit resident ID (GB 11643): no page may show one."""
WAIT_MS = 60_000


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; the browser, closed after."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required (scripts/chromium.sh installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def dev_token(env: dict[str, str], role: str, court: str) -> str:
    """A development token as a person gets one: `zhixing token --role … --court …`."""
    done = subprocess.run([ZHIXING, "token", "--role", role, "--court", court,
                           "--subject", f"{role}-browser"], env=with_bytecode(env),
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def sign_in(page: Any, base: str, token: str, then: str = "/command/") -> None:
    """Through the sign-in form, as a person would; lands on `then`."""
    from playwright.sync_api import expect

    page.goto(f"{base}/command/signin?next={then}", timeout=WAIT_MS)
    page.fill("textarea[name=token]", token)
    page.click("form[action$='/signin'] button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/signin"), timeout=WAIT_MS)


def shoot(page: Any, name: str) -> list[Path]:
    """Screenshots of the page at both widths (the whole page); each width also checks
    that nothing is wider than the window (a phone scrolls only down)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        path = ARTEFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= size["width"] + 1, f"{name} is {wide}px wide at the {width} width"
    page.set_viewport_size(DESKTOP)
    return saved


def no_resident_id(page: Any, name: str) -> None:
    """No full resident ID in the page's HTML (text, attributes, scripts)."""
    found = RESIDENT_ID.search(page.content())
    assert found is None, f"{name} shows an 18-digit ID at {found.start() if found else 0}"
