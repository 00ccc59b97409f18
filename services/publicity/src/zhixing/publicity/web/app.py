"""The public portal as one ASGI application (Starlette), mounted by the runtime at `/`:
the static files, every page of `pages.ROUTES`, and around them the portal's own budgets
per client (`limits`: 429 with Retry-After, a Chinese page) and the headers every answer
carries (the strict CSP: no script at all, no inline style)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhixing.eventstore.crypto import FieldCipher
from zhixing.kernel.errors import RuleViolation, TooManyAttempts
from zhixing.publicity.application.portal import Portal

from . import pages
from .context import PageError, page_error, render
from .limits import PortalLimiter, PortalLimits, client_of, trusted_networks
from .session import PartySessions
from .shell import STATIC, templates

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
"""Every answer of the portal: its own style sheet only; no script, nothing inline."""
STATIC_CACHE = "public, max-age=31536000, immutable"
"""Static files only: their addresses carry a mark of their content (`static(name)`)."""
METHODS = ("GET", "HEAD", "POST")
"""What the runtime lets through to the portal (the routes say which page takes POST)."""


def public_portal(portal: Portal, cipher: FieldCipher, *, secure_cookies: bool = False,
                  limits: PortalLimits | None = None,
                  trusted_proxies: frozenset[str] = frozenset(),
                  clock: Callable[[], float] = time.monotonic,
                  wall_clock: Callable[[], float] = time.time) -> ASGIApp:
    """The portal's pages over `portal`. `cipher` seals 我的案件's cookie; `secure_cookies`:
    the cookie only travels over TLS (a cluster, behind its ingress); `limits`: the
    budgets per client (`PortalLimits()` by default); `trusted_proxies`: peers whose
    X-Forwarded-For names the client (`limits.client_of`); `clock` drives the budgets
    (monotonic seconds), `wall_clock` the sessions' expiry."""
    app = Starlette(routes=[Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
                            *pages.ROUTES],
                    exception_handlers={PageError: _page_error, RuleViolation: _refused,
                                        HTTPException: _http_error,
                                        NotImplementedError: _not_built, Exception: _failed})
    # No slash redirects: Starlette builds their Location from the Host header (a forged
    # one would send visitors elsewhere); "/my-case/" is simply not a page.
    app.router.redirect_slashes = False
    app.state.portal = portal
    app.state.templates = templates()
    app.state.sessions = PartySessions(cipher, secure=secure_cookies, clock=wall_clock)
    limiter = PortalLimiter(limits or PortalLimits(), clock)
    return Headers(Limited(app, limiter, trusted_proxies))


def public_portal_from_env(env: Mapping[str, str], portal: Portal, cipher: FieldCipher, *,
                           cluster: bool) -> ASGIApp:
    """The portal with its settings from the environment (README, "The public portal"):
    ZHIXING_PORTAL_SECURE_COOKIES ("1": 我的案件's cookie only over TLS; default on in a
    cluster, where TLS ends at the ingress, off in embedded mode on loopback),
    ZHIXING_PORTAL_LIMITS (the budgets, `PortalLimits.parse`) and
    ZHIXING_PORTAL_TRUSTED_PROXIES (comma-separated addresses or networks of the
    ingress, e.g. 10.42.0.0/16)."""
    value = env.get("ZHIXING_PORTAL_SECURE_COOKIES", "").strip().lower()
    if value and value not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise ValueError(f"ZHIXING_PORTAL_SECURE_COOKIES={value[:16]!r}: expected 1 or 0")
    secure = value in ("1", "true", "yes", "on") if value else cluster
    proxies = frozenset(filter(None, (p.strip() for p in
                                      env.get("ZHIXING_PORTAL_TRUSTED_PROXIES", "").split(","))))
    return public_portal(portal, cipher, secure_cookies=secure,
                         limits=PortalLimits.parse(env.get("ZHIXING_PORTAL_LIMITS", "")),
                         trusted_proxies=proxies)


async def _page_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageError)
    return render(request, "error.html", status_code=error.status, headers=error.headers,
                  status=error.status, message=error.message)


async def _refused(request: Request, error: Exception) -> Response:
    """A refusal of the Portal that a page did not catch itself. Too many wrong access
    codes (the domain's TooManyAttempts) is a 429 with the time to wait."""
    assert isinstance(error, RuleViolation)
    wait = _retry_after(error)
    if wait:
        return render(request, "error.html", status_code=429,
                      headers={"Retry-After": str(wait)}, status=429,
                      message=f"尝试次数过多，请 {_minutes(wait)} 后再试（每案 15 分钟内至多 5 次）")
    return await _page_error(request, page_error(error))


def _retry_after(error: RuleViolation) -> int:
    return error.retry_after if isinstance(error, TooManyAttempts) else 0


def _minutes(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{(seconds + 59) // 60} 分钟"


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = {404: "未找到此页面", 405: "此页面不接受该请求方法"}.get(
        error.status_code, "请求有误")
    return render(request, "error.html", status_code=error.status_code,
                  headers=error.headers, status=error.status_code, message=message)


async def _not_built(request: Request, error: Exception) -> Response:
    """A part of the Portal not built yet (its owner's stub): 503, not an error page."""
    return render(request, "error.html", status_code=503, status=503,
                  message="此功能暂未开放，请稍后再试")


async def _failed(request: Request, error: Exception) -> Response:
    """A page that failed: a plain Chinese page, never the error's text (it may hold
    what the page was showing); the server logs the error itself."""
    return render(request, "error.html", status_code=500, status=500,
                  message="服务出错，请稍后再试")


class Limited:
    """The portal's budgets per client address (`limits.PortalLimiter`): past its budget
    a client gets 429, a Chinese page saying when to come back, and `Retry-After`. The
    address is the peer's, or the client's behind a trusted proxy (`limits.client_of`)."""

    def __init__(self, app: Starlette, limiter: PortalLimiter,
                 trusted_proxies: frozenset[str] = frozenset()) -> None:
        self.app, self.limiter, self.trusted = app, limiter, trusted_proxies
        trusted_networks(trusted_proxies)  # a bad setting stops the start, not each request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        peer = scope.get("client")
        # Every X-Forwarded-For line in order, as one list (RFC 9110 §5.3): a proxy may
        # add its own line after a forged one of the client's.
        forwarded = ",".join(v.decode("latin-1") for n, v in scope.get("headers", ())
                             if n == b"x-forwarded-for")
        client = client_of(str(peer[0]) if peer else "-", forwarded, self.trusted)
        path = scope["path"][len(scope.get("root_path", "")):] or "/"
        kind, wait = self.limiter.admit(client, scope["method"], path)
        if not wait:
            # The window's wrong codes are counted per client too (`parties.py`).
            await self.app({**scope, "state": {**scope.get("state", {}), "client": client}},
                           receive, send)
            return
        what = {"search": "综合查询", "forms": "表单提交", "pages": "页面访问"}[kind]
        budget = getattr(self.limiter.limits, kind)
        request = Request({**scope, "app": self.app}, receive)
        response = render(request, "error.html", status_code=429,
                          headers={"Retry-After": str(wait)}, status=429,
                          message=f"{what}过于频繁：每个地址 {_minutes(int(budget.window))}内"
                                  f"至多 {budget.count} 次。请 {_minutes(wait)} 后再试。")
        await response(scope, receive, send)


class Headers:
    """The CSP on every answer of the portal, and a long cache for static files only
    (the runtime's guard adds the other security headers and `no-store` elsewhere)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"][len(scope.get("root_path", "")):].startswith("/static/")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(n, v) for n, v in message.get("headers", [])
                           if n.lower() not in (b"content-security-policy", b"cache-control")]
                headers.append((b"content-security-policy", CSP.encode()))
                headers.append((b"cache-control", STATIC_CACHE.encode() if static
                                else b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
