"""The authorisation matrix, generated from what is declared (R46, issue 12).

Every RPC the suite's contracts describe (`served_methods`, read off the generated
descriptors) must have exactly one declared policy (`declared_policies`: each service's
`zhixing.<service>.api.policies.POLICIES`, found through the `zhixing.services` entry
points). `expected` says, from the policy alone, what a kind of caller must be
answered; `outcome` reduces a real status to the same terms.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import entry_points

import grpc
from google.protobuf.descriptor import MethodDescriptor

import zhixing.contracts.pb as generated
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, PolicyBook, Scope
from zhixing.security.tokens import issue_token

COURT, OTHER_COURT = "川0104", "渝0103"
TEAM, OTHER_TEAM = "执行一组", "执行二组"
PARTNER, AGENCY = "airline.ca", "bank.icbc"
"""A registered partner (credit's partners.toml) and agency (assets' agencies.toml)."""
ALLOWED, HIDDEN = "allowed", "NOT_FOUND"
UNAUTHENTICATED, DENIED = "UNAUTHENTICATED", "PERMISSION_DENIED"
OBJECT_FIELDS = ("case", "case_id", "case_ref", "measure_id", "disposal_id", "inquiry_id",
                 "referral_id", "listing_id", "restriction_id", "application_id",
                 "alert_id", "matter_id", "suggestion_id", "lead_id", "typical_case_id",
                 "notice_id")
"""Request fields that name one protected thing: to a caller of another court it is
answered as an unknown one (HIDDEN), never refused (that would say it exists)."""


@dataclass(frozen=True)
class Caller:
    """One kind of caller: who the token says (None: no valid token) and how it is sent."""

    name: str
    identity: Identity | None = None
    token: str = "valid"
    """"valid", "none" (no metadata), "garbage", "forged" (another secret), "expired"."""

    def metadata(self, secret: str) -> tuple[tuple[str, str], ...]:
        if self.token == "none":
            return ()
        if self.token == "garbage":
            return (("authorization", "Bearer not.a.token"),)
        identity = self.identity or Identity("someone", "judge", COURT, TEAM)
        if self.token == "forged":
            return bearer_metadata(issue_token(identity, "another-secret-of-at-least-32-bytes!"))
        if self.token == "expired":
            issued = datetime.now(UTC) - timedelta(hours=9)
            return bearer_metadata(issue_token(identity, secret, timedelta(hours=8), issued))
        return bearer_metadata(issue_token(identity, secret))


def _court(role: str, court: str = COURT, team: str = TEAM, tag: str = "") -> Caller:
    name = f"{role}{tag}"
    return Caller(name, Identity(f"{name}-{court}", role, court, team=team))


CALLERS: tuple[Caller, ...] = (
    Caller("none", token="none"), Caller("garbage token", token="garbage"),
    Caller("forged token", token="forged"), Caller("expired token", token="expired"),
    *(_court(role) for role in ("officer", "judge", "president", "finance", "supervisor",
                                "procurator", "congress", "public", "service")),
    _court("officer", team="", tag=" (no team)"),
    *(_court(role, team=OTHER_TEAM, tag=" (other team)")
      for role in ("officer", "judge", "finance")),
    *(_court(role, court=OTHER_COURT, tag=" (other court)")
      for role in ("officer", "judge", "president", "finance", "supervisor")),
    Caller("partner", Identity("airline", "partner", agency=PARTNER)),
    Caller("unknown partner", Identity("nobody", "partner", agency="nobody.example")),
    Caller("partner (no id)", Identity("nobody", "partner")),
    Caller("agency", Identity(AGENCY, "agency", agency=AGENCY)),
    Caller("unknown agency", Identity("bank.nowhere", "agency", agency="bank.nowhere")),
)


def served_methods() -> dict[str, MethodDescriptor]:
    """Full method name → descriptor, for every service of the generated contracts."""
    found: dict[str, MethodDescriptor] = {}
    for module in pkgutil.walk_packages(generated.__path__, f"{generated.__name__}."):
        if not module.name.endswith("_pb2"):
            continue
        for service in importlib.import_module(module.name).DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                found[f"/{service.full_name}/{method.name}"] = method
    return found


def declared_policies() -> PolicyBook:
    """Every service's one table, merged (a method declared twice fails here)."""
    book = PolicyBook()
    for service in sorted(entry_points(group="zhixing.services"), key=lambda e: e.name):
        book = book | importlib.import_module(f"zhixing.{service.name}.api.policies").POLICIES
    return book


def expected(policy: Policy, caller: Caller, names_object: bool,
             registered: Mapping[Scope, Callable[[str], bool]]) -> str:
    """What `caller` must be answered under `policy` on a target of COURT / TEAM."""
    if policy.public:  # anyone, but credentials sent are checked (issue 12)
        return ALLOWED if caller.token in ("none", "valid") else UNAUTHENTICATED
    who = caller.identity
    if caller.token != "valid" or who is None:
        return UNAUTHENTICATED
    if who.role not in policy.roles:
        return DENIED
    if policy.scope in registered:
        return ALLOWED if who.agency and registered[policy.scope](who.agency) else DENIED
    if policy.scope is Scope.OWN_COURT:
        return ALLOWED if who.court else DENIED
    if policy.scope is Scope.ANY_COURT:
        return ALLOWED
    if who.court != COURT:
        return HIDDEN if names_object else DENIED
    if policy.scope is Scope.TEAM and who.role not in policy.also and who.team != TEAM:
        return DENIED
    return ALLOWED


def outcome(code: grpc.StatusCode, expectation: str) -> str:
    """A status in the matrix's terms: the two refusals, HIDDEN where that was expected
    (it must be NOT_FOUND exactly), anything else ALLOWED (past authorisation)."""
    if code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
        return str(code.name)
    if expectation == HIDDEN:
        return HIDDEN if code is grpc.StatusCode.NOT_FOUND else f"{ALLOWED} ({code.name})"
    return ALLOWED
