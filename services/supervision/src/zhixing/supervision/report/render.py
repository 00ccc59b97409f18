"""The report's templates (Jinja2, autoescaped) and WeasyPrint, which turns them into a PDF
with the CJK font Debian's fonts-noto-cjk installs (Noto Sans CJK SC)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def template(name: str) -> jinja2.Template:
    """One of the report's templates."""
    return _environment().get_template(name)


def pdf(html: str) -> bytes:
    """The HTML as a PDF (A4, fonts embedded and subset). Nothing is fetched: a report
    references no outside resource, and WeasyPrint may fetch data: URLs only."""
    import weasyprint  # heavy (pango, fonts); loaded only when a PDF is wanted

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())
