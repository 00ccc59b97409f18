"""The portal's pages, each module a group: the public lists and 综合查询 (`public`),
typical cases, reward notices and leads (`notices`), the parties' window (`parties`)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import notices, parties, public

ROUTES: list[BaseRoute] = [*public.ROUTES, *notices.ROUTES, *parties.ROUTES]
