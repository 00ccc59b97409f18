"""The OpenID provider as the centre talks to it: its discovery document (fetched once),
its keys (JWKS, fetched again at most once a minute when an unknown key id appears), the
token request (client_secret_basic, with the PKCE verifier) and the id_token's checks
(RS256/ES256 signature, iss, aud, azp, exp, iat, nonce).

Every fetch is bounded: 5 s, 256 KiB, no redirects followed, http(s) only. Errors
(`ProviderError`) say what failed and never quote a token, a code or a claim."""

from __future__ import annotations

import asyncio
import base64
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jwt

from .oidc import OidcSettings

TIMEOUT_SECONDS = 5.0
MAX_ANSWER_BYTES = 256 * 1024
ALGORITHMS = ("RS256", "ES256")
LEEWAY_SECONDS = 60
"""Clock skew allowed between the provider and the centre."""
JWKS_REFRESH_SECONDS = 60
"""An unknown key id fetches the keys again, at most this often (a key rotation)."""


class ProviderError(Exception):
    """The provider could not be used or its answer is refused (the message is for the
    server's log and the page: it names the step, never a secret value)."""


@dataclass(frozen=True)
class Endpoints:
    authorization: str
    token: str
    jwks: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an error answer: the provider's URLs are configured


_OPENER = urllib.request.build_opener(_NoRedirect)


def _fetch(url: str, *, data: bytes | None = None,
           headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """(status, body) of one bounded request; `ProviderError` on a network failure or an
    answer over `MAX_ANSWER_BYTES`."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ProviderError("provider address is not http(s)")
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as answer:
            status, body = answer.status, answer.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(MAX_ANSWER_BYTES + 1)
    except (urllib.error.URLError, OSError) as error:
        raise ProviderError(f"provider unreachable ({type(error).__name__})") from None
    if len(body) > MAX_ANSWER_BYTES:
        raise ProviderError(f"provider answer over {MAX_ANSWER_BYTES} bytes")
    return status, body


def _json(body: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except ValueError:
        raise ProviderError(f"{what}: not JSON") from None
    if not isinstance(value, dict):
        raise ProviderError(f"{what}: not a JSON object")
    return value


class Provider:
    """One configured provider. Safe to share between requests."""

    def __init__(self, settings: OidcSettings) -> None:
        self.settings = settings
        self._endpoints: Endpoints | None = None
        self._keys: jwt.PyJWKSet | None = None
        self._keys_at = 0.0
        self._lock = asyncio.Lock()

    async def endpoints(self) -> Endpoints:
        """The provider's endpoints from `<issuer>/.well-known/openid-configuration`,
        fetched once; its `issuer` must be the configured one (OIDC Discovery §4.3)."""
        async with self._lock:
            if self._endpoints is None:
                self._endpoints = await asyncio.to_thread(self._discover)
            return self._endpoints

    def _discover(self) -> Endpoints:
        url = f"{self.settings.issuer}/.well-known/openid-configuration"
        status, body = _fetch(url)
        if status != 200:
            raise ProviderError(f"discovery answered {status}")
        document = _json(body, "discovery")
        if str(document.get("issuer", "")).rstrip("/") != self.settings.issuer:
            raise ProviderError("discovery names another issuer")
        urls = [document.get(name) for name in
                ("authorization_endpoint", "token_endpoint", "jwks_uri")]
        if not all(isinstance(u, str) and urlsplit(u).scheme in ("http", "https")
                   for u in urls):
            raise ProviderError("discovery lacks an endpoint")
        return Endpoints(*(str(u) for u in urls))

    async def redeem(self, code: str, verifier: str) -> str:
        """The id_token the token endpoint gives for `code` (client_secret_basic, the
        PKCE verifier, the registered redirect URL)."""
        endpoints = await self.endpoints()
        settings = self.settings
        # RFC 6749 §2.3.1: id and secret are form-encoded before the Basic encoding.
        basic = base64.b64encode(f"{quote(settings.client_id, safe='')}:"
                                 f"{quote(settings.client_secret, safe='')}".encode()).decode()
        form = urlencode({"grant_type": "authorization_code", "code": code,
                          "redirect_uri": settings.redirect_url,
                          "code_verifier": verifier}).encode()
        status, body = await asyncio.to_thread(_fetch, endpoints.token, data=form, headers={
            "authorization": f"Basic {basic}", "accept": "application/json",
            "content-type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise ProviderError(f"token request refused ({status})")
        id_token = _json(body, "token answer").get("id_token")
        if not isinstance(id_token, str) or not id_token or len(id_token) > 16384:
            raise ProviderError("token answer carries no id_token")
        return id_token

    async def verify(self, id_token: str, nonce: str) -> dict[str, Any]:
        """The id_token's claims once its signature (the issuer's JWKS), iss, aud (and
        azp when several audiences), exp, iat and nonce check out."""
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.InvalidTokenError:
            raise ProviderError("id_token malformed") from None
        if header.get("alg") not in ALGORITHMS:
            raise ProviderError("id_token algorithm not RS256/ES256")
        key = await self._key(str(header.get("kid", "")))
        settings = self.settings
        try:
            claims = jwt.decode(id_token, key, algorithms=list(ALGORITHMS),
                                audience=settings.client_id, issuer=settings.issuer,
                                leeway=LEEWAY_SECONDS,
                                options={"require": ["iss", "aud", "exp", "iat", "sub"]})
        except jwt.InvalidTokenError as error:
            raise ProviderError(f"id_token refused ({type(error).__name__})") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != settings.client_id:
            raise ProviderError("id_token refused (azp is not this client)")
        if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
            raise ProviderError("id_token refused (nonce does not match)")
        return dict(claims)

    async def _key(self, kid: str) -> Any:
        async with self._lock:
            key = self._find(kid)
            stale = time.monotonic() - self._keys_at >= JWKS_REFRESH_SECONDS
            if key is None and (self._keys is None or stale):
                if self._endpoints is None:
                    self._endpoints = await asyncio.to_thread(self._discover)
                self._keys = await asyncio.to_thread(self._fetch_keys, self._endpoints.jwks)
                self._keys_at = time.monotonic()
                key = self._find(kid)
        if key is None:
            raise ProviderError("id_token signed with a key the issuer does not publish")
        return key

    def _find(self, kid: str) -> Any:
        """The key named `kid`; without a kid, the issuer's only key."""
        keys = self._keys.keys if self._keys is not None else []
        for candidate in keys:
            if candidate.key_id == kid or (not kid and len(keys) == 1):
                return candidate.key
        return None

    @staticmethod
    def _fetch_keys(url: str) -> jwt.PyJWKSet:
        status, body = _fetch(url)
        if status != 200:
            raise ProviderError(f"JWKS answered {status}")
        try:
            return jwt.PyJWKSet.from_dict(_json(body, "JWKS"))
        except jwt.PyJWKSetError:
            raise ProviderError("JWKS holds no usable key") from None
