"""Downloads: the congress special report (R33) and the quarterly interference summary
(R35) as PDF, HTML and CSV."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
