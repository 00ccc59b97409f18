"""A case file (案件监督档案): the case behind a figure, its unmet rules and its alerts.
Refused to congress (R46)."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
