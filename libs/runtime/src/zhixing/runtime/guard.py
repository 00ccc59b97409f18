"""What every answer of every HTTP server of the suite gets (OWASP ASVS 5.0, level 2),
whichever service's pages or probes answer, and whatever they forgot:

- security headers on every response, refusals included: `X-Content-Type-Options:
  nosniff`; a `Content-Security-Policy` with `frame-ancestors 'none'` (added to a page's
  own policy, or a strict default), and `X-Frame-Options: DENY` for older browsers;
  `Referrer-Policy: no-referrer` (a page's address may hold a case number);
  `Cache-Control: no-store` unless the page says otherwise — pages show names and
  masked identities, and a removed listing must leave every copy (R61, R8);
- per-client rate limits (`rate.RateLimiter`): 429 with `Retry-After`;
- a request head (request line and headers) over `max_head_bytes`: 431. h11's own limit
  only holds a head that arrives in pieces; a whole head of ~256 KiB in one packet
  passed it;
- only the methods some mounted pages take (`methods`; GET and HEAD unless a mount such
  as the command centre's forms takes POST): any other gets 405 with `Allow`. Which
  mount takes which is `web.PrefixDispatch`'s to say (405 there too).
"""

from __future__ import annotations

from zhixing.runtime.asgi import Asgi, Message, Receive, Scope, Send, plain_reply
from zhixing.runtime.rate import RateLimiter

ALLOWED_METHODS = ("GET", "HEAD")
MAX_HEAD_BYTES = 16 * 1024
"""The largest request head a page takes (`HttpLimits.max_head_bytes`, its default)."""

DEFAULT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""For an answer without a policy of its own: inline styles and same-origin forms only."""

_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", DEFAULT_CSP.encode()),
)


class Guarded:
    """ASGI middleware: security headers on every answer, then the client's rate, the
    size of the request's head, the method; what passes reaches `app`. The rate limiter
    lives on the server's one event loop, so it needs no lock."""

    def __init__(self, app: Asgi, limiter: RateLimiter | None,
                 max_head_bytes: int = MAX_HEAD_BYTES,
                 methods: tuple[str, ...] = ALLOWED_METHODS) -> None:
        self.app = app
        self.limiter = limiter
        self.max_head_bytes = max_head_bytes
        self.methods = methods

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        wait = self.limiter.admit(_client(scope)) if self.limiter is not None else 0
        if wait:
            await plain_reply(send, 429, f"too many requests from your address; try again "
                                         f"in {wait} s", headers=[(b"retry-after", str(wait).encode())])
        elif head_bytes(scope) > self.max_head_bytes:
            await plain_reply(send, 431, f"request head over {self.max_head_bytes} bytes (the "
                                         "server's limit): send fewer or shorter headers")
        elif scope["method"] not in self.methods:
            allowed = ", ".join(self.methods)
            await plain_reply(send, 405, f"method {scope['method'][:16]} not allowed: these "
                                         f"pages take {allowed}",
                              headers=[(b"allow", allowed.encode())])
        else:
            await self.app(scope, receive, send)


def head_bytes(scope: Scope) -> int:
    """The size of the request's head as sent (request line and headers, with their
    separators), from what the server parsed."""
    query = scope.get("query_string", b"")
    line = (len(scope["method"]) + 1 + len(scope.get("raw_path") or scope["path"].encode())
            + (1 + len(query) if query else 0) + len(" HTTP/1.1\r\n"))
    return line + sum(len(name) + len(value) + 4 for name, value in scope.get("headers", ()))


def secured(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` with every security header the answer lacks; a page's own CSP keeps
    its directives and gains `frame-ancestors 'none'` if it has none."""
    present = {name.lower() for name, _ in headers}
    out = [(name, _framed(value) if name.lower() == b"content-security-policy" else value)
           for name, value in headers]
    return out + [(name, value) for name, value in _HEADERS if name not in present]


def _framed(policy: bytes) -> bytes:
    if b"frame-ancestors" in policy.lower():
        return policy
    return policy.rstrip(b"; ") + b"; frame-ancestors 'none'"


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": secured(list(message.get("headers", [])))}
        await send(message)

    return sending


def _client(scope: Scope) -> str:
    """The peer's address (no proxy headers are trusted: a client could forge them)."""
    client = scope.get("client")
    return str(client[0]) if client else "-"
