"""The region at a glance (全辖概览): KPIs per court, the trend per month, the courts
furthest from their targets (R33)."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
