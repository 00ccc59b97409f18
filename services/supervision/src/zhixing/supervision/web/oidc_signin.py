"""The OIDC sign-in routes: `/oidc/start` sends the visitor to the provider (code flow,
PKCE S256, state, nonce, sealed in the flow cookie) and `/oidc/callback` takes them back:
the state checked, the code redeemed, the id_token verified, the person's role, court and
team mapped, then a suite token minted for the session, so every page after calls the
supervision service exactly as after a token sign-in (R46).

The flow cookie is SameSite=Lax (the provider's redirect back is a cross-site top-level
GET), HttpOnly, 10 minutes. The session cookie is SameSite=Strict, which a browser does
not send on a redirect chain begun at the provider: the callback therefore answers a
small page that moves on by itself (meta refresh, no script) from this site.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zhixing.security.tokens import issue_token

from .context import Viewer, render
from .oidc import FLOW_COOKIE, FLOW_SECONDS, Flow, FlowSeal, Refused, identity_of, s256
from .oidc_provider import Provider, ProviderError
from .session import COMMAND_ROLES, SIGNIN_COOKIE, Sessions, cookies_of, safe_next

SESSION_TTL = timedelta(hours=8)
"""A minted session lasts as long as `zhixing token`'s default token (8 hours)."""
MAX_CODE_CHARS = 2048
_log = logging.getLogger(__name__)


class OidcSignIn:
    """The two routes, for one configured provider."""

    def __init__(self, provider: Provider, sessions: Sessions, secret: str) -> None:
        self.provider, self.sessions = provider, sessions
        self.seal, self._secret = FlowSeal(secret), secret

    async def start(self, request: Request) -> Response:
        root = request.scope.get("root_path", "")
        flow = Flow.start(safe_next(request.query_params.get("next"), root))
        try:
            endpoints = await self.provider.endpoints()
        except ProviderError as error:
            _log.warning("OIDC sign-in unavailable: %s", error)
            return _refusal(request, "统一身份认证服务暂时无法使用，请稍后再试", 503)
        query = urlencode({
            "response_type": "code", "client_id": self.provider.settings.client_id,
            "redirect_uri": self.provider.settings.redirect_url, "scope": "openid",
            "state": flow.state, "nonce": flow.nonce,
            "code_challenge": s256(flow.verifier), "code_challenge_method": "S256"})
        joiner = "&" if "?" in endpoints.authorization else "?"
        response = RedirectResponse(f"{endpoints.authorization}{joiner}{query}", status_code=303)
        response.headers.append("set-cookie", self._flow_cookie(self.seal.seal(flow)))
        return response

    async def callback(self, request: Request) -> Response:
        flow = self.seal.open(cookies_of(request.scope).get(FLOW_COOKIE, ""))
        if flow is None:
            return _refusal(request, "登录已超时或未从本系统发起（有效期 10 分钟），请重新登录", 400)
        params = request.query_params
        if params.get("state", "") != flow.state:
            return _refusal(request, "登录回调的 state 参数与本次登录不符，已拒绝", 400)
        if "error" in params:
            return _refusal(request, "统一身份认证未通过，请重新登录", 403)
        code = params.get("code", "")
        if not code or len(code) > MAX_CODE_CHARS:
            return _refusal(request, f"登录回调的 code 参数应为 1 至 {MAX_CODE_CHARS} 个字符", 400)
        try:
            id_token = await self.provider.redeem(code, flow.verifier)
            claims = await self.provider.verify(id_token, flow.nonce)
            identity = identity_of(claims, self.provider.settings, COMMAND_ROLES)
        except ProviderError as error:
            _log.warning("OIDC sign-in refused: %s", error)
            return _refusal(request, "统一身份认证的凭据未通过校验，请重新登录", 403)
        except Refused as refused:
            _log.info("OIDC sign-in refused: a claim is missing or not allowed")
            return _refusal(request, refused.message, refused.status)
        token = issue_token(identity, self._secret, ttl=SESSION_TTL)
        root = request.scope.get("root_path", "")
        landing = flow.landing
        if landing == f"{root}/" and not Viewer(identity, token, "").sees_figures:
            landing = f"{root}/reports"  # discipline: the interference summary (R35)
        response = render(request, "signed_in.html",
                          landing=quote(landing, safe="/?&=%+:@;,-._~"))
        response.headers.append("set-cookie", self.sessions.session_cookie(token))
        response.headers.append("set-cookie", self._flow_cookie("", max_age=0))
        response.headers.append("set-cookie", self.sessions.cleared_cookie(SIGNIN_COOKIE))
        return response

    def _flow_cookie(self, value: str, max_age: int = FLOW_SECONDS) -> str:
        parts = [f"{FLOW_COOKIE}={value}", "Path=/command/", "HttpOnly", "SameSite=Lax",
                 f"Max-Age={max_age}"]
        return "; ".join([*parts, "Secure"] if self.sessions.secure else parts)


def _refusal(request: Request, message: str, status: int) -> Response:
    """The sign-in page with `message` and a way to start again (the flow cookie goes)."""
    response = render(request, "signin.html", status_code=status, error=message,
                      dev_signin=False, oidc=True, next=f"{request.scope.get('root_path', '')}/",
                      signin="", max_token=0)
    response.headers.append("set-cookie",
                            f"{FLOW_COOKIE}=; Path=/command/; HttpOnly; SameSite=Lax; Max-Age=0")
    return response
