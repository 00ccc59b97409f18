"""The command centre as one ASGI application (Starlette), mounted by the runtime under
`/command/`: sign-in and sign-out, the static files, every page of `pages.ROUTES`, and
around them the session (signed-out visitors go to sign-in) and the headers every answer
carries (the strict CSP: no inline script or style anywhere)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhixing.security.tokens import Unauthenticated

from . import pages
from .context import PageError, Viewer, bounded_form, form_of, render, viewer_of
from .oidc import OidcSettings
from .oidc_provider import Provider
from .oidc_signin import OidcSignIn
from .session import (
    COMMAND_ROLES,
    MAX_TOKEN_CHARS,
    SIGNIN_COOKIE,
    SessionMiddleware,
    Sessions,
    cookies_of,
    safe_next,
)
from .shell import STATIC, Shell

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""Every answer of the centre: its own scripts and styles only, nothing inline."""
STATIC_CACHE = "public, max-age=31536000, immutable"
"""Static files only: their addresses carry a mark of their content (`static(name)`)."""


class CommandCentre:
    """The ASGI application; `bind(grpc_target)` tells it where the supervision service
    listens (the runtime calls it once its gRPC server is bound)."""

    def __init__(self, app: Starlette, shell: Shell) -> None:
        self._app: ASGIApp = Headers(app)
        self.starlette = app
        self.shell = shell

    def bind(self, grpc_target: str) -> None:
        self.shell.bind(grpc_target)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        root = scope.get("root_path", "")
        if scope["type"] == "http" and root and scope["path"] == root:
            response = RedirectResponse(root + "/", status_code=308)
            await Headers(response)(scope, receive, send)
            return
        await self._app(scope, receive, send)


def command_centre(*, jwt_secrets: Sequence[str], clock: Callable[[], datetime],
                   dev_signin: bool, oidc: OidcSettings | None,
                   secure_cookies: bool) -> CommandCentre:
    """The centre. `jwt_secrets`: the suite's token secret first, then any retired ones
    still accepted (`Settings.jwt_secret`, `jwt_old_secrets`); `clock`: now (the default
    period ends with its month); `dev_signin`: a pasted development token signs in
    (embedded mode); `oidc`: sign in through that OpenID provider (the "使用统一身份认证登录"
    button; oidc_signin.py); `secure_cookies`: the cookies only travel over TLS."""
    sessions = Sessions(jwt_secrets, secure_cookies=secure_cookies)
    shell = Shell(clock)
    signin = SignIn(sessions, dev_signin, oidc is not None)
    routes = [
        Route("/signin", signin.form, methods=["GET"]),
        Route("/signin", signin.submit, methods=["POST"]),
        Route("/signout", signin.out, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        *pages.ROUTES,
    ]
    if oidc is not None:
        flow = OidcSignIn(Provider(oidc), sessions, jwt_secrets[0])
        routes[3:3] = [Route("/oidc/start", flow.start, methods=["GET"]),
                       Route("/oidc/callback", flow.callback, methods=["GET"])]
    app = Starlette(routes=routes, exception_handlers={
        PageError: _page_error, HTTPException: _http_error, Exception: _failed})
    app.state.shell, app.state.sessions = shell, sessions
    app.add_middleware(SessionMiddleware, sessions=sessions)
    return CommandCentre(app, shell)


class SignIn:
    """Sign-in with a pasted suite token (development; embedded mode), the page offering
    the OIDC provider when one is configured, sign-out."""

    def __init__(self, sessions: Sessions, dev_signin: bool, oidc: bool = False) -> None:
        self.sessions, self.dev_signin, self.oidc = sessions, dev_signin, oidc

    async def form(self, request: Request) -> Response:
        return self._page(request, request.query_params.get("next"))

    def _page(self, request: Request, target: str | None, error: str = "",
              status: int = 200) -> Response:
        value, cookie = self.sessions.signin_cookie()
        root = request.scope.get("root_path", "")
        response = render(request, "signin.html", status_code=status, signin=value,
                          next=safe_next(target, root), error=error,
                          dev_signin=self.dev_signin, oidc=self.oidc,
                          max_token=MAX_TOKEN_CHARS)
        response.headers.append("set-cookie", cookie)
        return response

    async def submit(self, request: Request) -> Response:
        fields = await bounded_form(request)
        target = str(fields.get("next", ""))
        expected = cookies_of(request.scope).get(SIGNIN_COOKIE, "")
        if not expected or fields.get("signin") != expected:
            return self._page(request, target, "登录表单已过期，请重新提交（signin 字段不符）", 403)
        if not self.dev_signin:
            return self._page(request, target, "本系统未开放令牌登录（ZHIXING_COMMAND_DEV_SIGNIN=0）",
                              403)
        token = str(fields.get("token", "")).strip()
        if not token or len(token) > MAX_TOKEN_CHARS:
            return self._page(request, target,
                              f"令牌（token）：应为 1 至 {MAX_TOKEN_CHARS} 个字符", 400)
        try:
            identity = self.sessions.verify(token, signing_in=True)
        except Unauthenticated:
            return self._page(request, target, "令牌无效或已过期，请重新获取（R46）", 400)
        if identity.role not in COMMAND_ROLES:
            return self._page(request, target,
                              f"角色 {identity.role.value} 不能使用执行指挥中心（R46）", 403)
        root = request.scope.get("root_path", "")
        landing = safe_next(target, root)
        if landing == f"{root}/" and not Viewer(identity, token, "").sees_figures:
            landing = f"{root}/reports"  # discipline: the interference summary (R35)
        response = RedirectResponse(_location(landing), status_code=303)
        response.headers.append("set-cookie", self.sessions.session_cookie(token))
        response.headers.append("set-cookie", self.sessions.cleared_cookie(SIGNIN_COOKIE))
        return response

    async def out(self, request: Request) -> Response:
        await form_of(request)
        self.sessions.end(viewer_of(request).token)
        root = request.scope.get("root_path", "")
        response = RedirectResponse(f"{root}/signin", status_code=303)
        response.headers.append("set-cookie", self.sessions.cleared_cookie())
        return response


def _location(path: str) -> str:
    """A path for the Location header: non-ASCII characters (a court code) escaped, the
    escapes already in it kept."""
    return quote(path, safe="/?&=%+:@;,-._~")


async def _page_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageError)
    if error.status == 401:
        root = request.scope.get("root_path", "")
        wanted = safe_next(request.url.path + (f"?{request.url.query}" if request.url.query
                                               else ""), root)
        response = RedirectResponse(f"{root}/signin?next={quote(wanted, safe='/')}",
                                    status_code=303)
        response.headers.append("set-cookie", request.app.state.sessions.cleared_cookie())
        return response
    return render(request, "error.html", status_code=error.status, status=error.status,
                  message=error.message)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = {404: "未找到此页面", 405: "此页面不接受该请求方法"}.get(
        error.status_code, "请求有误")
    response = render(request, "error.html", status_code=error.status_code,
                      status=error.status_code, message=message)
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _failed(request: Request, error: Exception) -> Response:
    """A page that failed: a plain Chinese page, never the error's text (it may hold
    what the page was showing); the server logs the error itself."""
    return render(request, "error.html", status_code=500, status=500,
                  message="服务出错，请稍后再试")


class Headers:
    """The CSP on every answer of the centre, and a long cache for static files only
    (the runtime's guard adds the other security headers and `no-store` elsewhere)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        root = scope.get("root_path", "")
        static = scope["path"].startswith(f"{root}/static/")

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


def command_centre_from_env(env: Mapping[str, str], *, jwt_secrets: Sequence[str],
                            clock: Callable[[], datetime], cluster: bool) -> CommandCentre:
    """The centre with its settings from the environment (docs/command-centre.md):
    ZHIXING_COMMAND_DEV_SIGNIN ("1" signs in with a pasted token; default on in embedded
    mode, off in a cluster), ZHIXING_COMMAND_SECURE_COOKIES (default on in a cluster,
    where TLS ends at the ingress) and the OIDC settings (ZHIXING_OIDC_*)."""
    return command_centre(
        jwt_secrets=jwt_secrets, clock=clock,
        dev_signin=_flag(env, "ZHIXING_COMMAND_DEV_SIGNIN", default=not cluster),
        oidc=OidcSettings.from_env(env),
        secure_cookies=_flag(env, "ZHIXING_COMMAND_SECURE_COOKIES", default=cluster))


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}={value[:16]!r}: expected 1 or 0")
