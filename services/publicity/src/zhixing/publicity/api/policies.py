"""Who may call each RPC of PublicityService (R6, R60, DESIGN §8): anyone.

The service answers only the public, masked read models (R60) — what the public pages
show — so every RPC is public, anonymous callers included (a token, if one is sent,
must be valid; anonymous callers are held to a rate per address: zhixing.runtime.grpc_rate).
One policy per RPC all the same, so a new RPC is declared like any other.
"""

from __future__ import annotations

from zhixing.security.policy import Policy, PolicyBook

POLICIES = PolicyBook.for_service("zhixing.publicity.v1.PublicityService", {
    name: Policy.anyone() for name in ("GetCaseProgress", "ListCaseProgress", "ListDishonest",
                                       "CourtCreditStatistics")})
