"""One court (本院): its KPIs, overdue nodes by officer and team, the oldest unanswered
agency requests, measures expiring soon, the relief fund balance."""

from __future__ import annotations

from starlette.routing import BaseRoute

routes: list[BaseRoute] = []
