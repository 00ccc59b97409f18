"""Web pages by path prefix: each service mounts its pages under its own prefix
(publicity at `/`, the command centre at `/command/`), and one server serves them all.

A request goes to the longest prefix that matches it. The application sees the usual
split: its prefix as `root_path` (`SCRIPT_NAME` for WSGI), the path beyond it, so its
links can be relative to where it is mounted. A WSGI application (publicity's pages read
their stores synchronously) runs in a thread pool through a2wsgi; an ASGI one (the
command centre: it awaits gRPC calls and streams server-sent events) is called as is.

Each mount names the methods it takes: a request with another method gets 405 with its
`Allow`, so publicity's read-only pages stay GET/HEAD-only while the centre's forms POST.
A mount may ask to be told the address of the suite's gRPC server (`bind`): the runtime
calls it once that server is bound, before the web starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from a2wsgi import WSGIMiddleware

from zhixing.runtime.asgi import Asgi, Receive, Scope, Send, plain_reply

WsgiApp = Callable[..., Any]
READ_ONLY = ("GET", "HEAD")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class InvalidPrefix(ValueError):
    """A prefix that is not an absolute path ending in `/`, or one mounted twice."""


@dataclass(frozen=True)
class WebPages:
    """A service's web pages: an application mounted under `prefix`, WSGI unless `asgi`,
    answering `methods` (others get 405); `bind` hears the gRPC server's address
    ("127.0.0.1:54321") before the web starts."""

    prefix: str
    app: Any
    asgi: bool = field(default=False, kw_only=True)
    methods: tuple[str, ...] = field(default=READ_ONLY, kw_only=True)
    bind: Callable[[str], None] | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if not (self.prefix.startswith("/") and self.prefix.endswith("/")):
            raise InvalidPrefix(f"web prefix {self.prefix!r}: must start and end with '/' "
                                "(e.g. '/' or '/command/')")
        unknown = set(self.methods) - KNOWN_METHODS
        if not self.methods or unknown:
            raise InvalidPrefix(f"web prefix {self.prefix!r}: methods must be some of "
                                f"{', '.join(sorted(KNOWN_METHODS))}")


@dataclass(frozen=True)
class _Mount:
    prefix: str
    app: Asgi
    methods: tuple[str, ...]
    pool: WSGIMiddleware | None


class PrefixDispatch:
    """An ASGI application routing each request to the pages of the longest matching
    prefix; 404 when none matches, 405 when that mount does not take the method."""

    def __init__(self, pages: Iterable[WebPages], *, workers: int = 8) -> None:
        chosen = sorted(pages, key=lambda p: len(p.prefix), reverse=True)
        prefixes = [p.prefix for p in chosen]
        if len(set(prefixes)) != len(prefixes):
            raise InvalidPrefix(f"web prefixes mounted twice: {sorted(prefixes)}")
        self._mounts = [_mounted(p, workers) for p in chosen]
        self._binds = [p.bind for p in chosen if p.bind is not None]

    @property
    def prefixes(self) -> Sequence[str]:
        return [mount.prefix for mount in self._mounts]

    @property
    def methods(self) -> tuple[str, ...]:
        """Every method some mount takes (what the server's guard admits at all)."""
        taken = {method for mount in self._mounts for method in mount.methods}
        return tuple(sorted(taken, key=_method_order))

    def bind(self, grpc_target: str) -> None:
        """Tell each mount that asked where the suite's gRPC server listens."""
        for bind in self._binds:
            bind(grpc_target)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        for mount in self._mounts:
            root = mount.prefix.rstrip("/")
            if path.startswith(mount.prefix) or path == root:
                if scope["method"] not in mount.methods:
                    allowed = ", ".join(mount.methods)
                    await plain_reply(send, 405, f"method {scope['method'][:16]} not allowed "
                                                 f"here ({allowed})",
                                      headers=[(b"allow", allowed.encode())])
                    return
                mounted_scope: Any = {**scope, "root_path": scope.get("root_path", "") + root}
                await mount.app(mounted_scope, receive, send)
                return
        await plain_reply(send, 404, "not found")

    def close(self) -> None:
        for mount in self._mounts:
            if mount.pool is not None:
                mount.pool.executor.shutdown(wait=False)


def _mounted(pages: WebPages, workers: int) -> _Mount:
    methods = tuple(dict.fromkeys(pages.methods))
    if pages.asgi:
        return _Mount(pages.prefix, pages.app, methods, None)
    # Pages that read their stores synchronously: a2wsgi runs them in a thread pool.
    pool = WSGIMiddleware(pages.app, workers=workers)
    return _Mount(pages.prefix, pool, methods, pool)


def _method_order(method: str) -> tuple[int, str]:
    order = ("GET", "HEAD", "POST")
    return (order.index(method) if method in order else len(order), method)


def mounted(apps: Iterable[WebPages]) -> PrefixDispatch | None:
    """The one application serving every service's pages, or None when none has any."""
    pages = list(apps)
    return PrefixDispatch(pages) if pages else None
