"""The command centre's shared parts: its templates, its clock, its static files' version
marks and its gRPC channel to the supervision service (made once the runtime tells the
address, `bind`)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from grpc import aio
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .formats import FILTERS

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


class NotBound(RuntimeError):
    """A page called the service before the runtime told the centre where it listens."""


class Shell:
    """Templates, clock and channel, one per centre."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True)
        self.templates.filters.update(FILTERS)
        self.target = ""
        self._channel: tuple[asyncio.AbstractEventLoop, aio.Channel] | None = None

    def bind(self, grpc_target: str) -> None:
        """Where the supervision service listens ("127.0.0.1:54321"); called by the
        runtime once its gRPC server is bound, before the web starts."""
        self.target = grpc_target
        self._channel = None

    def channel(self) -> aio.Channel:
        """The channel to the service, made on the web server's own event loop (a gRPC
        aio channel belongs to the loop it was made on)."""
        if not self.target:
            raise NotBound("the command centre was not told the gRPC address (bind)")
        loop = asyncio.get_running_loop()
        if self._channel is None or self._channel[0] is not loop:
            self._channel = (loop, aio.insecure_channel(self.target))
        return self._channel[1]

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel[1].close()
            self._channel = None

    @staticmethod
    def static_url(root: str) -> Callable[[str], str]:
        """`static(name)` for the templates: the file's address with a mark of its
        content, so it can be cached for long and still change with a release."""
        return lambda name: f"{root}/static/{name}?v={_mark(name)}"


@cache
def _mark(name: str) -> str:
    path = STATIC / name
    if path.parent != STATIC or not path.is_file():
        raise FileNotFoundError(f"no static file {name!r} in {STATIC}")
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
