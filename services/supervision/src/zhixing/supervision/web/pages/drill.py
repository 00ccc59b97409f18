"""The cases behind a figure (R33 drill-down): court staff see their scope, a procurator
the cases its matters name, congress none."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
