"""The live alert queue (预警): new alerts appear without a reload (server-sent events),
acknowledged and closed from the page (R36)."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
