"""The portal's own per-client budgets, stricter than the runtime's guard (which holds any
client to 20 requests a second): a scraper of the public lists or a guesser of access
codes runs out long before a person does (issue 17: abuse resistance without captchas).

Each kind of request has its own budget — 综合查询, the browsable pages, the forms — as a
token bucket per client address: `count` requests at once, refilled evenly over `window`
seconds. Memory is bounded (`max_clients` addresses per budget, the one heard from longest
ago forgotten first). Time comes from an injectable clock: tests drive it, never sleep.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

Clock = Callable[[], float]


@dataclass(frozen=True)
class Budget:
    """`count` requests per `window` seconds for one client address."""

    count: int
    window: float

    def __post_init__(self) -> None:
        if self.count < 1 or self.window <= 0:
            raise ValueError(f"budget {self}: count must be at least 1 and window positive")


@dataclass(frozen=True)
class PortalLimits:
    """The budgets per client: 综合查询 10 a minute; the lists, pages and static files 60
    a minute; the forms (a lead, 我的案件's sign-in, a message) 5 in ten minutes."""

    search: Budget = Budget(10, 60.0)
    pages: Budget = Budget(60, 60.0)
    forms: Budget = Budget(5, 600.0)
    max_clients: int = 10_000

    @classmethod
    def parse(cls, text: str) -> PortalLimits:
        """The budgets of ZHIXING_PORTAL_LIMITS, e.g. "search=10/60,pages=60/60,forms=5/600"
        (requests / seconds; a kind left out keeps its default); ValueError naming the
        setting and the expected form otherwise."""
        budgets: dict[str, Budget] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            kind, _, rate = part.partition("=")
            count, _, window = rate.partition("/")
            if kind.strip() not in ("search", "pages", "forms") or not (
                    count.strip().isdigit() and window.strip().isdigit()):
                raise ValueError(f"ZHIXING_PORTAL_LIMITS: {part[:32]!r} is not kind=count/seconds "
                                 "with kind search, pages or forms (e.g. search=10/60)")
            budgets[kind.strip()] = Budget(int(count), float(window))
        default = cls()
        return cls(search=budgets.get("search", default.search),
                   pages=budgets.get("pages", default.pages),
                   forms=budgets.get("forms", default.forms))


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class BudgetLimiter:
    """Token buckets of one budget by client address."""

    budget: Budget
    max_clients: int = 10_000
    clock: Clock = time.monotonic
    _buckets: OrderedDict[str, _Bucket] = field(default_factory=OrderedDict)

    def admit(self, client: str) -> int:
        """0 when `client` may be answered now (one request spent), else the whole number
        of seconds until it may ask again (for `Retry-After`)."""
        now = self.clock()
        rate = self.budget.count / self.budget.window
        bucket = self._buckets.get(client)
        if bucket is None:
            while len(self._buckets) >= self.max_clients:
                self._buckets.popitem(last=False)
            bucket = self._buckets[client] = _Bucket(float(self.budget.count), now)
        else:
            self._buckets.move_to_end(client)
        bucket.tokens = min(float(self.budget.count), bucket.tokens + (now - bucket.at) * rate)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0
        return max(1, math.ceil((1.0 - bucket.tokens) / rate))


FORM_PATHS = ("/leads/new", "/my-case", "/my-case/message")
"""The POSTs spending the forms' budget (search POSTs spend the search budget)."""


class PortalLimiter:
    """Which budget a request spends, and whether the client has any of it left."""

    def __init__(self, limits: PortalLimits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self._budgets = {kind: BudgetLimiter(getattr(limits, kind), limits.max_clients, clock)
                         for kind in ("search", "pages", "forms")}

    @staticmethod
    def kind_of(method: str, path: str) -> str:
        """"search" for 综合查询 (any method), "forms" for a form's POST, "" for the style
        sheet (cached by the browser; the runtime's guard still limits it), else "pages"."""
        if path.startswith("/static/"):
            return ""
        if path == "/search":
            return "search"
        if method == "POST" and path in FORM_PATHS:
            return "forms"
        return "pages"

    def admit(self, client: str, method: str, path: str) -> tuple[str, int]:
        """The kind of the request and the seconds to wait (0: go ahead)."""
        kind = self.kind_of(method, path)
        return kind, self._budgets[kind].admit(client) if kind else 0


def client_of(peer: str, forwarded_for: str, trusted: frozenset[str]) -> str:
    """The client a budget is kept for: the peer's address, unless the peer is one of the
    `trusted` proxies (ZHIXING_PORTAL_TRUSTED_PROXIES: the cluster's ingress, addresses or
    networks such as 10.42.0.0/16) — then the nearest address in its X-Forwarded-For that
    is not a trusted proxy itself. Nobody else's X-Forwarded-For is believed (a client
    could forge it). Only the header's last `FORWARDED_CHARS` are read: the ingress
    appends the address it saw at the END, so a long forged prefix cannot push it out.
    An IPv6 client is its /64 (one subscriber holds 2^64 addresses), an IPv4 address
    mapped in IPv6 the IPv4 address."""
    networks = trusted_networks(trusted)
    if not forwarded_for or not _within(peer, networks):
        return _client(peer)
    for hop in reversed([h.strip() for h in forwarded_for[-FORWARDED_CHARS:].split(",")]):
        if hop and not _within(hop, networks):
            return _client(hop)
    return _client(peer)


@lru_cache(maxsize=8)
def trusted_networks(trusted: frozenset[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network,
                                                ...]:
    """The trusted proxies as networks (an address is its own /32 or /128); an entry
    that is neither is a ValueError naming the setting (checked when the portal is
    made, so a bad setting stops the start rather than every request)."""
    try:
        return tuple(ipaddress.ip_network(t.strip(), strict=False) for t in trusted)
    except ValueError:
        raise ValueError("ZHIXING_PORTAL_TRUSTED_PROXIES: expected IP addresses or networks "
                         "(e.g. 10.0.0.1,10.42.0.0/16)") from None


def _within(address: str, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
            ) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in n for n in networks)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


FORWARDED_CHARS = 1024
"""How much of X-Forwarded-For is read (its end): a few hops of proxies."""


def _client(address: str) -> str:
    """The budget's key of an address: IPv6 by its /64, IPv4 (mapped or not) as is,
    anything else (a test's name, a proxy's "unknown") bounded as it came."""
    ip = _ip(address)
    if ip is None:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)
