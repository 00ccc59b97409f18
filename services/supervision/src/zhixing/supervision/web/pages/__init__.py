"""The command centre's pages, one module per page (each exports `routes`)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from zhixing.supervision.web.pages import agencies, alerts, case, court, drill, region, reports

ROUTES: list[BaseRoute] = [*region.routes, *court.routes, *drill.routes, *case.routes,
                           *agencies.routes, *alerts.routes, *reports.routes]
"""Every page's routes, relative to `/command/`."""
