"""Sign-in through an OpenID Connect provider (production): its settings.

Not built yet: the centre refuses an `OidcSettings` (docs/command-centre.md), and a
person signs in with a suite token. The settings are read here so the chart and the
docs name them once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OidcSettings:
    """The provider (`issuer`), this client's registration and where it is sent back."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    redirect_url: str

    @staticmethod
    def from_env(env: Mapping[str, str]) -> OidcSettings | None:
        """ZHIXING_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URL; None when no
        issuer is set."""
        issuer = env.get("ZHIXING_OIDC_ISSUER", "").strip()
        if not issuer:
            return None
        return OidcSettings(issuer, env.get("ZHIXING_OIDC_CLIENT_ID", ""),
                            env.get("ZHIXING_OIDC_CLIENT_SECRET", ""),
                            env.get("ZHIXING_OIDC_REDIRECT_URL", ""))
