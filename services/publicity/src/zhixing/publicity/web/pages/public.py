"""The public's pages: the home page with 综合查询, its answer, the 失信 / 限制消费 / 终本
lists per court with paging, a case's progress by 案号, and the public figures.

综合查询 is a POST: the ID number travels in the body, never in an address (logs, history,
the Referer of a link); the answer shows it masked (R60). The lists page forward only,
with the Portal's opaque tokens and its limits (PAGE_SIZE, PAGES_MAX): no bulk export.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from zhixing.kernel.errors import InvalidInput
from zhixing.publicity.application.search import PAGE_SIZE

from ..context import PageError, form_of, invalid, portal_of, render, text_field
from .inputs import (
    IDENTITY_CHARS,
    NAME_CHARS,
    NUMBER_CHARS,
    call,
    court_param,
    page_param,
    param,
    shown_identity,
)

LISTS = {
    "dishonest": ("失信被执行人名单", "依法公布的失信被执行人（R6）；依法删除的不再公布（R8、R61）。"),
    "restricted": ("限制消费人员名单", "已发布的限制消费令（R10、R14）：被限制的单位及其受约束人员。"),
    "zhongben": ("终结本次执行程序案件", "终本案件及未履行金额（R19）；恢复执行或结案后不再列出。"),
}
"""Each list's title and what it holds."""


async def home(request: Request) -> Response:
    """综合查询's form, the lists, the figures of every court taken together."""
    figures = None
    try:
        figures = (await call(portal_of(request).search, "statistics", "")).courts
    except NotImplementedError:
        figures = None  # the figures are not built yet: the page stands without them
    totals = _totals(figures) if figures else None
    return render(request, "home.html", totals=totals, lists=LISTS,
                  name_chars=NAME_CHARS, identity_chars=IDENTITY_CHARS)


def _totals(figures: list) -> dict[str, int]:  # type: ignore[type-arg]
    keys = ("listed_now", "removed_total", "restricted_now", "zhongben_now", "closed_total",
            "filed_total")
    return {k: sum(int(getattr(f, k, 0)) for f in figures) for k in keys}


async def search_form(request: Request) -> Response:
    """The form alone (a GET never searches: the number would sit in the address)."""
    return render(request, "search_form.html", name_chars=NAME_CHARS,
                  identity_chars=IDENTITY_CHARS, error="")


async def search(request: Request) -> Response:
    """The standing of one identity on every public list (exact name + number)."""
    fields = await form_of(request)
    try:
        name = text_field(fields, "name", chars=NAME_CHARS)
        number = text_field(fields, "identity_number", chars=IDENTITY_CHARS, rule="R60")
    except PageError as error:
        return render(request, "search_form.html", status_code=error.status,
                      name_chars=NAME_CHARS, identity_chars=IDENTITY_CHARS,
                      error=error.message)
    try:
        standing = await call(portal_of(request).search, "search", name, number)
    except InvalidInput as error:  # never the number again, not even in the form
        field = error.field or "identity_number"
        message = invalid(field, "格式不正确：身份证号码为 18 位，统一社会信用代码为 18 位",
                          error.rule or "R60").message
        return render(request, "search_form.html", status_code=400,
                      name_chars=NAME_CHARS, identity_chars=IDENTITY_CHARS, error=message)
    return render(request, "search.html", standing=standing, name=name,
                  identity=shown_identity(standing.identity or number),
                  shown_identity=shown_identity)


async def listing(request: Request) -> Response:
    """One page of a public list, per court, forward-only; always the Portal's default
    page size (a visitor cannot ask for more: no bulk export)."""
    kind = request.url.path.strip("/")
    court, token = court_param(request), page_param(request)
    entries, following = await call(portal_of(request).search, kind, court, PAGE_SIZE, token)
    title, about = LISTS[kind]
    return render(request, "list.html", kind=kind, title=title, about=about, court=court,
                  entries=entries, following=following, first=not token,
                  shown_identity=shown_identity)


async def case(request: Request) -> Response:
    """A case's public progress by 案号 (R60: parties masked)."""
    number = param(request, "number", NUMBER_CHARS)
    if not number:
        return render(request, "case_form.html", number_chars=NUMBER_CHARS)
    progress = await call(portal_of(request).progress, "get", number)
    return render(request, "case.html", progress=progress, shown_identity=shown_identity)


async def statistics(request: Request) -> Response:
    """Public figures per court and per region; `scope` a court or a province (川)."""
    scope = param(request, "scope", 16)
    figures = await call(portal_of(request).search, "statistics", scope)
    return render(request, "stats.html", figures=figures, scope=scope)


async def old_statistics(request: Request) -> Response:
    """The figures' earlier address (README of issue 9): now `/stats`."""
    return RedirectResponse("/stats", status_code=308)


ROUTES: list[BaseRoute] = [
    Route("/", home, methods=["GET"]),
    Route("/search", search_form, methods=["GET"]),
    Route("/search", search, methods=["POST"]),
    *(Route(f"/{kind}", listing, methods=["GET"]) for kind in LISTS),
    Route("/cases", case, methods=["GET"]),
    Route("/stats", statistics, methods=["GET"]),
    Route("/dishonest/stats", old_statistics, methods=["GET"]),
]
