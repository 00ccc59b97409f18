"""Sign-in through an OpenID Connect provider (production): the settings, the PKCE pair,
the short-lived flow cookie and the mapping of the provider's claims to a suite identity.

The flow (authorization code with PKCE S256, `state` and `nonce`) is driven by
`oidc_signin.py`; the provider's endpoints, its token answer and the id_token's
verification live in `oidc_provider.py`. docs/command-centre-web.md describes it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zhixing.kernel.errors import InvalidInput
from zhixing.security.identity import Identity

FLOW_COOKIE = "zhixing_oidc"
"""The flow cookie: sealed state, nonce, PKCE verifier and where to land."""
FLOW_SECONDS = 600
"""How long a started sign-in may take at the provider (10 minutes)."""
MAX_CLAIM_CHARS = 128
"""The longest subject, role, court or team value taken from a provider."""
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class OidcSettings:
    """The provider (`issuer`), this client's registration, where it is sent back, and
    which claims of the id_token carry the person's role, court and team."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    redirect_url: str
    role_claim: str = "role"
    court_claim: str = "court"
    team_claim: str = "team"

    def __post_init__(self) -> None:
        for name, value in (("ZHIXING_OIDC_ISSUER", self.issuer),
                            ("ZHIXING_OIDC_REDIRECT_URL", self.redirect_url)):
            _check_url(name, value)
        for name, value in (("ZHIXING_OIDC_CLIENT_ID", self.client_id),
                            ("ZHIXING_OIDC_CLIENT_SECRET", self.client_secret),
                            ("ZHIXING_OIDC_ROLE_CLAIM", self.role_claim),
                            ("ZHIXING_OIDC_COURT_CLAIM", self.court_claim),
                            ("ZHIXING_OIDC_TEAM_CLAIM", self.team_claim)):
            if not value or len(value) > 512:
                raise ValueError(f"{name}: required, at most 512 characters")

    @staticmethod
    def from_env(env: Mapping[str, str]) -> OidcSettings | None:
        """ZHIXING_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URL and the claim
        names _ROLE_CLAIM, _COURT_CLAIM, _TEAM_CLAIM (default role, court, team); None
        when no issuer is set. A missing or bad value stops the start, naming it."""
        issuer = env.get("ZHIXING_OIDC_ISSUER", "").strip()
        if not issuer:
            return None

        def get(name: str, default: str = "") -> str:
            return env.get(f"ZHIXING_OIDC_{name}", "").strip() or default

        return OidcSettings(issuer.rstrip("/"), get("CLIENT_ID"), get("CLIENT_SECRET"),
                            get("REDIRECT_URL"), get("ROLE_CLAIM", "role"),
                            get("COURT_CLAIM", "court"), get("TEAM_CLAIM", "team"))


def _check_url(name: str, value: str) -> None:
    """https, or http on loopback only (the tests' provider): the id_token's keys and
    the client secret never travel in clear over a network."""
    parts = urlsplit(value)
    plain_loopback = parts.scheme == "http" and parts.hostname in _LOOPBACK
    if parts.scheme != "https" and not plain_loopback and name == "ZHIXING_OIDC_ISSUER":
        raise ValueError(f"{name}: must be an https:// address (http only on loopback)")
    if parts.scheme not in ("https", "http") or not parts.hostname or len(value) > 512:
        raise ValueError(f"{name}: an http(s) address of at most 512 characters is required")


def pkce_pair() -> tuple[str, str]:
    """A fresh PKCE verifier (64 characters, RFC 7636 §4.1) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    return verifier, s256(verifier)


def s256(verifier: str) -> str:
    """The S256 code challenge of `verifier`: base64url(SHA-256), unpadded."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Flow:
    """One started sign-in: what the provider must send back (`state`), what the
    id_token must carry (`nonce`), the PKCE verifier and where to land afterwards."""

    state: str = field(repr=False)
    nonce: str = field(repr=False)
    verifier: str = field(repr=False)
    landing: str
    started: int

    @staticmethod
    def start(landing: str, now: float | None = None) -> Flow:
        return Flow(secrets.token_urlsafe(24), secrets.token_urlsafe(24), pkce_pair()[0],
                    landing, int(time.time() if now is None else now))


class FlowSeal:
    """Seals a `Flow` into the flow cookie's value and opens it again: AES-GCM under a
    key derived from the suite's secret, so the browser can neither read the verifier
    nor change a field, and a cookie older than `FLOW_SECONDS` opens to nothing."""

    def __init__(self, secret: str) -> None:
        key = hashlib.sha256(b"zhixing-command-oidc-flow\0" + secret.encode()).digest()
        self._aead = AESGCM(key)

    def seal(self, flow: Flow) -> str:
        nonce = secrets.token_bytes(12)
        body = json.dumps([flow.state, flow.nonce, flow.verifier, flow.landing,
                           flow.started]).encode()
        sealed = self._aead.encrypt(nonce, body, FLOW_COOKIE.encode())
        return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")

    def open(self, value: str, now: float | None = None) -> Flow | None:
        """The flow sealed in `value`; None when forged, malformed or expired."""
        if not value or len(value) > 2048:
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            body = self._aead.decrypt(raw[:12], raw[12:], FLOW_COOKIE.encode())
            state, nonce, verifier, landing, started = json.loads(body)
            flow = Flow(str(state), str(nonce), str(verifier), str(landing), int(started))
        except (ValueError, InvalidTag, TypeError):
            return None
        age = (time.time() if now is None else now) - flow.started
        return flow if 0 <= age <= FLOW_SECONDS else None


class Refused(Exception):
    """A sign-in the centre refuses; `message` is Chinese, names the claim and the rule,
    and never quotes a token or a claim's value."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def identity_of(claims: Mapping[str, Any], settings: OidcSettings,
                roles: frozenset[str]) -> Identity:
    """The suite identity of a verified id_token's claims: subject from `sub`, role,
    court and team from the configured claims. `Refused` when the subject, role or
    court is missing, not text, too long, or the role is none of `roles`."""

    def text(name: str, label: str, *, required: bool) -> str:
        value = claims.get(name)
        if value is None or value == "":
            if required:
                raise Refused(f"统一身份认证未提供{label}（{name} 声明），不能登录（R46）")
            return ""
        if not isinstance(value, str) or len(value) > MAX_CLAIM_CHARS:
            raise Refused(f"统一身份认证的{label}（{name} 声明）应为至多 {MAX_CLAIM_CHARS} "
                          "个字符的文本，不能登录（R46）")
        return value

    subject = text("sub", "用户标识", required=True)
    role = text(settings.role_claim, "角色", required=True)
    if role not in roles:
        raise Refused(f"统一身份认证的角色（{settings.role_claim} 声明）不是执行指挥中心可用的角色"
                      f"（{'、'.join(sorted(roles))}），不能登录（R46）")
    court = text(settings.court_claim, "所属法院", required=True)
    team = text(settings.team_claim, "所属团队", required=False)
    try:
        return Identity(subject, role, court=court, team=team)
    except InvalidInput:
        raise Refused(f"统一身份认证的角色（{settings.role_claim} 声明）无效（R46）") from None
