"""The public portal in headless Chromium (issue 17): the 综合查询 as a visitor types it,
screenshots at the desktop (1280) and the mobile (375) width into var/artefacts/portal/,
and the check every page must pass (no full resident ID, nothing wider than a phone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from testkit.command_browser import RESIDENT_ID, WAIT_MS

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "portal"
"""Where the screenshots go (var/ is ignored by git)."""


def search_on_page(page: Any, base: str, name: str, number: str) -> None:
    """综合查询 through the home page's form, as a visitor would."""
    page.goto(f"{base}/", timeout=WAIT_MS)
    form = page.locator("form[action='/search']")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=identity_number]").fill(number)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def shoot(page: Any, name: str) -> list[Path]:
    """Screenshots of the whole page at both widths; at each, nothing is wider than the
    window (a phone scrolls only down)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        path = ARTEFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
        wide = page.evaluate("document.documentElement.scrollWidth") \
            if _scripts_run(page) else None
        assert wide is None or wide <= size["width"] + 1, \
            f"{name} is {wide}px wide at the {width} width"
    page.set_viewport_size(DESKTOP)
    return saved


def _scripts_run(page: Any) -> bool:
    """Whether the page's context runs JavaScript (the width is read with a script)."""
    try:
        return bool(page.evaluate("true"))
    except Exception:  # a context with JavaScript disabled refuses evaluate
        return False


def no_resident_id(page: Any, name: str) -> None:
    """No full resident ID in the page's HTML (text, attributes)."""
    found = RESIDENT_ID.search(page.content())
    assert found is None, f"{name} shows an 18-digit ID at {found.start() if found else 0}"
