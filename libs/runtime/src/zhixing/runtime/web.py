"""Web pages by path prefix: each service mounts its WSGI pages under its own prefix
(publicity at `/`, a command centre at `/command/`), and one server serves them all.

A request goes to the longest prefix that matches it. The WSGI application sees the
usual split: `SCRIPT_NAME` is its prefix, `PATH_INFO` the rest, so its links can be
relative to where it is mounted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from a2wsgi import WSGIMiddleware

from zhixing.runtime.asgi import Receive, Scope, Send, plain_reply

WsgiApp = Callable[..., Any]


class InvalidPrefix(ValueError):
    """A prefix that is not an absolute path ending in `/`, or one mounted twice."""


@dataclass(frozen=True)
class WebPages:
    """A service's web pages: a WSGI application mounted under `prefix`."""

    prefix: str
    app: WsgiApp

    def __post_init__(self) -> None:
        if not (self.prefix.startswith("/") and self.prefix.endswith("/")):
            raise InvalidPrefix(f"web prefix {self.prefix!r}: must start and end with '/' "
                                "(e.g. '/' or '/command/')")


class PrefixDispatch:
    """An ASGI application routing each request to the pages of the longest matching
    prefix; 404 when none matches."""

    def __init__(self, pages: Iterable[WebPages], *, workers: int = 8) -> None:
        mounted = sorted(pages, key=lambda p: len(p.prefix), reverse=True)
        prefixes = [p.prefix for p in mounted]
        if len(set(prefixes)) != len(prefixes):
            raise InvalidPrefix(f"web prefixes mounted twice: {sorted(prefixes)}")
        # Pages read their stores synchronously: a2wsgi runs them in a thread pool.
        self._routes: list[tuple[str, WSGIMiddleware]] = [
            (p.prefix, WSGIMiddleware(p.app, workers=workers)) for p in mounted]

    @property
    def prefixes(self) -> Sequence[str]:
        return [prefix for prefix, _ in self._routes]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        for prefix, app in self._routes:
            root = prefix.rstrip("/")
            if path.startswith(prefix) or path == root:
                mounted_scope: Any = {**scope, "root_path": scope.get("root_path", "") + root}
                await app(mounted_scope, receive, send)
                return
        await plain_reply(send, 404, "not found")

    def close(self) -> None:
        for _, app in self._routes:
            app.executor.shutdown(wait=False)


def mounted(apps: Iterable[WebPages]) -> PrefixDispatch | None:
    """The one application serving every service's pages, or None when none has any."""
    pages = list(apps)
    return PrefixDispatch(pages) if pages else None
