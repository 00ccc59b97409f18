"""Attacks on the portal's budgets per client (issue 17 review): a client behind the
trusted ingress forging X-Forwarded-For, an IPv6 client walking its /64, found by
sending those requests to the pages in-process (the clock is driven, never slept)."""

from __future__ import annotations

import asyncio

import pytest

from testkit.asgi_calls import call
from zhixing.publicity.web.app import public_portal
from zhixing.publicity.web.limits import Budget, PortalLimits, client_of

from .portal_support import CIPHER, site

INGRESS = "127.0.0.1"
"""The in-process client's address, trusted here as the cluster's ingress."""


@pytest.fixture
def behind_ingress(tmp_path):
    """The pages (one page a minute per client) behind a trusted ingress."""
    built = site(tmp_path)
    portal = built.app.app.app.state.portal
    app = public_portal(portal, CIPHER, limits=PortalLimits(pages=Budget(1, 60.0)),
                        trusted_proxies=frozenset({INGRESS}), clock=built.clock,
                        wall_clock=built.clock)
    yield lambda *headers: asyncio.run(call(app, "GET", "/stats", root="", headers=headers))
    built.store.close()


class TestForwardedClients:
    def test_429_when_a_client_forges_a_first_forwarded_header_before_the_ingress_one(
            self, behind_ingress):
        """A proxy that adds its own X-Forwarded-For line after the client's: the client's
        forged line must not name the budget (every header line counts, in order)."""
        assert behind_ingress(("x-forwarded-for", "203.0.113.9")).status == 200
        forged = behind_ingress(("x-forwarded-for", "198.51.100.1"),
                                ("x-forwarded-for", "203.0.113.9"))
        assert forged.status == 429 and forged.header("retry-after")

    def test_429_when_a_client_pads_the_forwarded_header_past_the_bound(self, behind_ingress):
        """The ingress appends the real address at the end: a long forged prefix must not
        push it out of what is read."""
        assert behind_ingress(("x-forwarded-for", "203.0.113.9")).status == 200
        padding = ", ".join(f"198.51.{i // 256}.{i % 256}" for i in range(200))
        forged = behind_ingress(("x-forwarded-for", f"{padding}, 203.0.113.9"))
        assert forged.status == 429

    def test_one_client_when_the_addresses_share_an_ipv6_64(self):
        """An IPv6 client holds a whole /64 (2^64 addresses): one budget for all of it."""
        ours = {client_of(f"2001:db8:1:2::{i:x}", "", frozenset()) for i in range(1, 50)}
        assert len(ours) == 1
        assert client_of("2001:db8:1:3::1", "", frozenset()) not in ours

    def test_one_client_when_an_ipv4_address_comes_mapped_in_ipv6(self):
        assert client_of("::ffff:203.0.113.9", "", frozenset()) == client_of(
            "203.0.113.9", "", frozenset())

    def test_one_client_when_the_forwarded_ipv6_addresses_share_a_64(self):
        trusted = frozenset({"10.0.0.1"})
        assert client_of("10.0.0.1", "2001:db8::1", trusted) == client_of(
            "10.0.0.1", "2001:db8::ffff:1", trusted)


class TestRedirects:
    @pytest.mark.parametrize("path", ["/my-case/", "/search/", "/dishonest/"])
    def test_no_redirect_to_the_host_a_request_names_when_a_slash_is_added(self, tmp_path,
                                                                           path):
        """Starlette's slash redirect built its Location from the Host header: a forged
        Host (a poisoned cache, a misrouted proxy) sent visitors to another site."""
        built = site(tmp_path)
        answer = asyncio.run(call(built.app, "GET", path, root="",
                                  headers=(("host", "evil.example"),)))
        built.store.close()
        assert "evil.example" not in answer.header("location")
        assert answer.status == 404


class TestTrustedProxies:
    def test_the_forwarded_client_is_believed_when_the_peer_is_in_a_trusted_network(self):
        """Ingress pods change address when they restart: the setting names their network.
        Not believed, every visitor behind the ingress would share one budget (a burst
        of ten searches from the whole public would answer everybody 429)."""
        trusted = frozenset({"10.42.0.0/16"})
        assert client_of("10.42.7.9", "203.0.113.9", trusted) == "203.0.113.9"
        assert client_of("10.43.7.9", "203.0.113.9", trusted) == "10.43.7.9"

    def test_the_forwarded_client_is_believed_when_the_trusted_peer_comes_ipv4_mapped(self):
        """A dual-stack socket names an IPv4 peer ::ffff:10.0.0.1."""
        trusted = frozenset({"10.0.0.1"})
        assert client_of("::ffff:10.0.0.1", "203.0.113.9", trusted) == "203.0.113.9"

    def test_a_trusted_hop_is_skipped_when_it_is_in_a_trusted_network(self):
        trusted = frozenset({"10.42.0.0/16"})
        assert client_of("10.42.0.5", "203.0.113.9, 10.42.1.1", trusted) == "203.0.113.9"

    def test_refused_at_start_naming_the_setting_when_a_trusted_proxy_is_no_address(
            self, tmp_path):
        built = site(tmp_path)
        portal = built.app.app.app.state.portal
        built.store.close()
        with pytest.raises(ValueError, match="ZHIXING_PORTAL_TRUSTED_PROXIES"):
            public_portal(portal, CIPHER, trusted_proxies=frozenset({"ingress.local"}))
