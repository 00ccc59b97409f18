"""Who is signed in to the command centre: the session cookie, its CSRF value, and the
middleware that admits a request only with a valid session.

The cookie `zhixing_session` holds the person's verified suite token itself (a JWT from
`zhixing token`, or minted after an OIDC login): the server keeps no session table, a
token's own expiry ends the session, and every page calls the supervision service with
that very token (R46). The cookie is HttpOnly, SameSite=Strict, Path=/command/ and
Secure when the centre is served over TLS.

The CSRF value of a session is an HMAC of its token under the suite's signing secret: a
page can print it in its forms without printing the token, and another site can neither
read it nor make it. Before sign-in, the form carries a random value that must match a
short-lived cookie (no one signs a visitor in with the attacker's token).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import quote, unquote, urlsplit

import jwt
from starlette.types import ASGIApp, Receive, Scope, Send

from zhixing.security.identity import Identity
from zhixing.security.tokens import Unauthenticated, decode_token

from .context import Viewer

SESSION_COOKIE = "zhixing_session"
SIGNIN_COOKIE = "zhixing_signin"
"""The random value the sign-in form must carry back (login CSRF)."""
MAX_TOKEN_CHARS = 4096
"""The longest token the sign-in form and the cookie take (a suite token is ~300)."""
MAX_NEXT_CHARS = 512
"""The longest `next` address kept across sign-in."""
COMMAND_ROLES = frozenset({"officer", "judge", "president", "supervisor", "procurator",
                           "congress", "discipline"})
"""The roles with something to see in the command centre (the servicer decides what)."""
OPEN_PATHS = ("/signin", "/static/", "/oidc/")
"""Paths under the centre's prefix a signed-out visitor may reach."""
MAX_ENDED = 100_000
"""The most signed-out sessions remembered until their tokens expire (a digest each)."""


@dataclass(frozen=True)
class Session:
    """A verified session: the person and the token they signed in with."""

    identity: Identity
    token: str
    csrf: str


class Sessions:
    """Verifies session tokens with the suite's secrets (the current one signs, retired
    ones still verify during a rotation) and derives each session's CSRF value."""

    def __init__(self, jwt_secrets: Sequence[str], *, secure_cookies: bool) -> None:
        if not jwt_secrets or not jwt_secrets[0]:
            raise ValueError("the command centre needs the suite's token secret")
        self._secret, self._old = jwt_secrets[0], tuple(jwt_secrets[1:])
        self._csrf_key = hashlib.sha256(b"zhixing-command-csrf\0" + self._secret.encode()).digest()
        self.secure = secure_cookies
        self._ended: dict[str, float] = {}
        """Signed-out sessions (a digest of the token) and when their token expires."""

    def verify(self, token: str, *, signing_in: bool = False) -> Identity:
        """The identity `token` carries; `Unauthenticated` when it is forged, expired,
        malformed, over `MAX_TOKEN_CHARS` or its session was signed out here (the message
        never quotes it). `signing_in`: the person pasted the token into the sign-in form
        again — whoever holds a suite token may use it (gRPC takes it as is), so a new
        session begins; only a copied cookie must not outlive 退出."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise Unauthenticated(f"token empty or over {MAX_TOKEN_CHARS} characters")
        identity = decode_token(token, self._secret, self._old)
        if signing_in:
            self._ended.pop(_digest(token), None)
        elif _digest(token) in self._ended:
            raise Unauthenticated("session signed out")
        return identity

    def end(self, token: str) -> None:
        """Sign `token`'s session out: the cookie's value no longer opens a session here
        until the token expires (R46: a copied cookie must not outlive 退出). Kept in this
        process only, at most `MAX_ENDED` (expired ones forgotten first)."""
        try:
            expires = float(jwt.decode(token, options={"verify_signature": False})["exp"])
        except (jwt.PyJWTError, KeyError, TypeError, ValueError):
            return  # no session to end: verify() refuses such a token anyway
        now = time.time()
        if len(self._ended) >= MAX_ENDED:
            self._ended = {k: t for k, t in self._ended.items() if t > now}
            while len(self._ended) >= MAX_ENDED:
                self._ended.pop(min(self._ended, key=self._ended.__getitem__))
        self._ended[_digest(token)] = expires

    def open(self, token: str) -> Session:
        """The session of a verified token (`Unauthenticated` otherwise)."""
        return Session(self.verify(token), token, self.csrf_of(token))

    def csrf_of(self, token: str) -> str:
        return hmac.new(self._csrf_key, token.encode(), hashlib.sha256).hexdigest()

    def session_cookie(self, token: str) -> str:
        """The Set-Cookie value signing a person in (a browser session cookie: the
        token's own expiry ends it server-side)."""
        return _cookie(SESSION_COOKIE, token, secure=self.secure)

    def cleared_cookie(self, name: str = SESSION_COOKIE) -> str:
        return _cookie(name, "", secure=self.secure, max_age=0)

    def signin_cookie(self) -> tuple[str, str]:
        """A fresh sign-in form value and the cookie that must come back with it."""
        value = secrets.token_urlsafe(24)
        return value, _cookie(SIGNIN_COOKIE, value, secure=self.secure, max_age=1800)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _cookie(name: str, value: str, *, secure: bool, max_age: int | None = None) -> str:
    parts = [f"{name}={value}", "Path=/command/", "HttpOnly", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def cookies_of(scope: Scope) -> dict[str, str]:
    """The request's cookies. Of a repeated name the FIRST wins: browsers send the most
    specific path first (RFC 6265 §5.4), so the centre's own Path=/command/ cookie beats
    one a sibling site or a page at `/` tossed in with Path=/ (session fixation)."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        if name != b"cookie":
            continue
        for pair in value.decode("latin-1").split(";"):
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(pair.strip())
            except Exception:  # a malformed cookie counts as none, never an error page
                continue
            for key, morsel in jar.items():
                found.setdefault(key, morsel.value)
    return found


def safe_next(target: str | None, root: str) -> str:
    """`target` when it is a path inside the centre (`<root>/…`), else the centre's home:
    never another site, another prefix (`<root>/../`), a scheme-relative `//host` or a
    backslash trick (no open redirect)."""
    home = root + "/"
    if not target or len(target) > MAX_NEXT_CHARS or not target.startswith(home):
        return home
    if "\\" in target or "//" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return home
    # A dot segment (`..`, `%2e%2e`, as browsers read it) would climb out of the centre.
    segments = unquote(parts.path).split("/")
    return home if any(s.strip() in (".", "..") for s in segments) else target


class SessionMiddleware:
    """Admits a request under the centre only with a valid session (or to an open path):
    the `Viewer` of the session goes into `scope["state"]["viewer"]`; a signed-out
    visitor, or one whose token expired or was forged, gets 303 to the sign-in page with
    `next` (and the bad cookie cleared)."""

    def __init__(self, app: ASGIApp, sessions: Sessions) -> None:
        self.app = app
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        root = scope.get("root_path", "")
        route = scope["path"][len(root):] if scope["path"].startswith(root) else scope["path"]
        token = cookies_of(scope).get(SESSION_COOKIE, "")
        session = None
        if token:
            try:
                session = self.sessions.open(token)
            except Unauthenticated:
                session = None
        if session is not None and session.identity.role in COMMAND_ROLES:
            scope.setdefault("state", {})["viewer"] = Viewer(session.identity, session.token,
                                                             session.csrf)
        elif not route.startswith(OPEN_PATHS):
            wanted = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}"
                                      if scope.get("query_string") else "")
            location = f"{root}/signin?next={quote(safe_next(wanted, root), safe='/')}"
            headers = [(b"set-cookie", self.sessions.cleared_cookie().encode())] if token else []
            await see_other(send, location, headers)
            return
        await self.app(scope, receive, send)


async def see_other(send: Send, location: str,
                    headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    """A bodiless 303 to `location` (a path of this site)."""
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0"),
                            *headers]})
    await send({"type": "http.response.body", "body": b""})
