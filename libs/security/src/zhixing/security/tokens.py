"""Signed bearer tokens for court users (HS256 JWTs; an OIDC provider in production).

`zhixing token` issues these in embedded mode. Decoding failures raise
`Unauthenticated` with a message that never echoes the token or its claims.

Rotating the secret (docs/runbooks/key-rotation.md): tokens are signed with the current
secret only; during a rotation window the retired ones are still accepted for
verification (`old_secrets`), so tokens issued just before the switch keep working until
they expire.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from zhixing.kernel.errors import InvalidInput

from .identity import Identity

ISSUER = "zhixing"
ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ["sub", "role", "iat", "exp", "iss"]


def bearer_metadata(token: str) -> tuple[tuple[str, str], ...]:
    """Call metadata carrying `token` for a client stub (``metadata=...``)."""
    return (("authorization", f"Bearer {token}"),)


class Unauthenticated(Exception):
    """The caller could not be authenticated (missing, malformed, forged or expired token)."""


def issue_token(
    identity: Identity,
    secret: str,
    ttl: timedelta = timedelta(hours=8),
    now: datetime | None = None,
) -> str:
    """Sign a token for `identity`, valid for `ttl` from `now` (default: the current time)."""
    _require_secret(secret)
    if ttl <= timedelta(0):
        raise InvalidInput("token lifetime must be positive", field="ttl")
    issued = now or datetime.now(UTC)
    if issued.tzinfo is None:
        raise InvalidInput("`now` must carry a time zone", field="now")
    claims = {
        "sub": identity.subject,
        "role": str(identity.role),
        "court": identity.court,
        "team": identity.team,
        "agency": identity.agency,
        "iat": int(issued.timestamp()),
        "exp": int((issued + ttl).timestamp()),
        "iss": ISSUER,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, secret: str, old_secrets: Sequence[str] = ()) -> Identity:
    """Verify `token` and return the identity it carries, or raise `Unauthenticated`.

    A signature that does not verify with `secret` is tried with each of `old_secrets`
    (retired secrets, accepted during a rotation window, never used to sign)."""
    _require_secret(secret)
    claims = _verified_claims(token, [secret, *(old for old in old_secrets if old)])
    scopes = {name: claims.get(name, "") for name in ("sub", "court", "team", "agency")}
    if not all(isinstance(value, str) for value in scopes.values()):
        # Compared as text: a null team must not become the team "None".
        raise Unauthenticated("token claims sub, court, team and agency must be text")
    try:
        return Identity(
            subject=scopes["sub"],
            role=claims["role"],
            court=scopes["court"],
            team=scopes["team"],
            agency=scopes["agency"],
        )
    except InvalidInput:
        raise Unauthenticated("token carries no valid subject or role") from None


def _verified_claims(token: str, secrets: list[str]) -> dict[str, Any]:
    """The claims of `token`, verified by the first of `secrets` its signature matches.
    The signature is checked before any claim, so an expired or malformed token fails
    the same way with every secret: it is refused at once."""
    for secret in secrets:
        try:
            return _claims(token, secret)
        except jwt.InvalidSignatureError:
            continue  # perhaps signed before the rotation: try the next one
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("token expired") from None
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"invalid token ({type(exc).__name__})") from None
    raise Unauthenticated("token signature does not verify")


def _claims(token: str, secret: str) -> dict[str, Any]:
    return dict(jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                           options={"require": _REQUIRED_CLAIMS}))


def _require_secret(secret: str) -> None:
    if not secret:
        raise InvalidInput("a signing secret is required", field="secret")
