"""Assisting agencies' answer times and overdue counts (R41)."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
