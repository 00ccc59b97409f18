"""`zhixing token`: a development token the target suite accepts (issue 18, DESIGN §8).

Signed with the secret the target verifies with (`cli_kit.signing_secret`: the file of
`--secret-file` / ZHIXING_JWT_SECRET_FILE, else ZHIXING_JWT_SECRET, else — embedded only —
the development secret). The claims each role needs are checked here, when the token is
issued, so that a token missing one fails now, naming the claim, and not later at every
call with PERMISSION_DENIED.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from zhixing.eventstore.settings import DEV_JWT_SECRET
from zhixing.runtime.cli_kit import (
    CLUSTER_SECRET_FILE,
    SECRET_FILE_VARIABLE,
    fail,
    parsed,
    settings,
    signing_secret,
)
from zhixing.security.identity import Identity, Role
from zhixing.security.tokens import issue_token

MAX_TOKEN_HOURS = 24 * 366
"""A development token lives a year at most (0 or less would be born expired)."""
DEFAULT_COURT = "川0104"
"""The court of a court role's token when --court is not given (the demo's court)."""

_COURT_ROLES = (Role.OFFICER, Role.JUDGE, Role.PRESIDENT, Role.RELIEF_COMMITTEE, Role.FINANCE,
                Role.SUPERVISOR, Role.PROCURATOR, Role.CONGRESS, Role.DISCIPLINE, Role.PRESS)
REQUIRED_CLAIMS: dict[Role, tuple[str, str]] = {
    **{role: ("court", "every act and read is of the caller's own court (R46); a "
                       "province code, e.g. 川, for supervisors and congress deputies")
       for role in _COURT_ROLES},
    Role.PARTNER: ("agency", "the partner id registered with its R7 kind (partners.toml, "
                             "ZHIXING_PARTNERS_FILE); CreditCheckService refuses without "
                             "it (R42)"),
    Role.AGENCY: ("agency", "the agency id registered in agencies.toml (R41)"),
}
"""Role → (the claim its token must carry, why). Roles not named need no claim beyond
the subject: public, service, admin."""



def token(role: Annotated[str, typer.Option(help="One of: " + ", ".join(Role) + ".")]
          = "officer",
          court: Annotated[str | None, typer.Option(
              help="The caller's court code; default 川0104 for a court role, none "
                   "otherwise.")] = None,
          team: Annotated[str, typer.Option(help="The caller's team (承办团队).")] = "",
          agency: Annotated[str, typer.Option(
              help="Partner or agency id (roles partner, agency).")] = "",
          subject: Annotated[str, typer.Option(help="Who the token is for.")] = "dev-user",
          hours: Annotated[int, typer.Option(min=1, max=MAX_TOKEN_HOURS)] = 8,
          secret_file: Annotated[Path | None, typer.Option(
              help="A file holding the secret to sign with; wins over "
                   f"{SECRET_FILE_VARIABLE} and ZHIXING_JWT_SECRET.")] = None) -> None:
    """Issue a development token (a JWT, HS256) the target suite accepts.

    \b
    Signed with the secret the suite verifies tokens with:
      --secret-file FILE, or ZHIXING_JWT_SECRET_FILE=FILE
          a file holding it (make cluster: var/cluster/jwt.secret)
      ZHIXING_JWT_SECRET=SECRET
          the secret itself (Kubernetes: the Secret zhixing-jwt, key secret)
      neither
          the development secret: accepted by an embedded suite (zhixing run)
          only; refused where ZHIXING_PG_DSN says this is a cluster

    \b
    Claims each role needs (checked now; a missing one fails, naming it):
      officer, judge, president, relief_committee, finance, supervisor,
      procurator, congress, discipline, press
          --court (default 川0104); officer and finance also --team to act
          on a case assigned to a team
      partner
          --agency: the partner id registered with its R7 kind
          (partners.toml, ZHIXING_PARTNERS_FILE)
      agency
          --agency: the agency id registered in agencies.toml (R41)
      admin, service, public
          none beyond --subject
    """
    identity = parsed(lambda: Identity(subject=subject, role=role,
                                       court=_court(role, court), team=team,
                                       agency=agency.strip()))
    require_claims(identity)
    secret = signing_secret(settings(), secret_file)
    if secret == DEV_JWT_SECRET and CLUSTER_SECRET_FILE.is_file():
        # Not an error (an embedded suite accepts it), but the classic mix-up (issue 18).
        print(f"zhixing token: signed with the development secret, which only an embedded "
              f"suite accepts; for the cluster `make cluster` started here add "
              f"--secret-file {CLUSTER_SECRET_FILE}", file=sys.stderr)
    typer.echo(issue_token(identity, secret, ttl=timedelta(hours=hours)))


def require_claims(identity: Identity) -> None:
    """Exit 2 naming the claim the role needs when the identity lacks it (R46)."""
    needed = REQUIRED_CLAIMS.get(identity.role)
    if needed is None:
        return
    claim, why = needed
    if not getattr(identity, claim):
        fail(f"R46 [{claim}]: a {identity.role} token needs the {claim} claim "
             f"(--{claim}): {why}", code=2)


def _court(role: str, given: str | None) -> str:
    """The court as given; not given: the demo's court for a court role, else none."""
    if given is not None:
        return given.strip()
    return DEFAULT_COURT if role in {r.value for r in _COURT_ROLES} else ""
