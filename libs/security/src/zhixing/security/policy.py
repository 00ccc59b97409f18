"""Per-RPC policies: who (role) and over what (scope), default deny (R46, DESIGN §8).

Every gRPC method has exactly one declared `Policy` in a `PolicyBook`; a method without
one is refused. A policy names the roles allowed and the `Scope` of the call: public,
a registered partner or agency, signed in from any court, the caller's own court, the
court of the target, or the target case's assigned team. The interceptor checks the
role (`authorize_role`); the servicer, which knows the target, checks the rest
(`authorize`, through `zhixing.runtime.audited.AuditedServicer`). Refusal messages name
roles and the caller's own codes only — never the target's court, never personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from zhixing.kernel.errors import InvalidInput, PermissionDenied
from zhixing.kernel.masking import excerpt

from .identity import Identity, Role, current_identity

if TYPE_CHECKING:
    from .audit import AuditLog

RULE = "R46"
METHOD_CHARS = 96
"""The most characters of an unknown method's name a refusal quotes (every served name
is shorter)."""
BENCH = frozenset({"judge", "president"})
"""Who decides for any case of their court, whichever team it is assigned to."""


class Scope(StrEnum):
    """Over what a caller the policy admits may act."""

    PUBLIC = "public"
    """Anyone, anonymous callers included (the publicity portal)."""
    PARTNER = "partner"
    """A registered joint-punishment partner (R7, R42): the token's `agency` claim."""
    AGENCY = "agency"
    """A registered assisting agency (R41): the token's `agency` claim."""
    ANY_COURT = "any_court"
    """Signed in with an allowed role, of any court (e.g. the cross-court queue, R22)."""
    OWN_COURT = "own_court"
    """The caller's own court: the answer is limited to it, so the caller needs one."""
    COURT = "court"
    """The court of the target (a case, a measure, a listing …) must be the caller's."""
    TEAM = "team"
    """As COURT, and the target case's assigned team (承办团队) must be the caller's,
    unless the caller's role is one of the policy's `also`."""


@dataclass(frozen=True)
class Policy:
    """Who may call one RPC: `roles` within `scope`.

    For TEAM scope, `also` are the roles that act on any case of their court (by
    default the bench) and `while_unassigned` admits the policy's roles while the case
    has no team yet (the first 分案).
    """

    roles: frozenset[str] = field(default_factory=frozenset)
    scope: Scope = Scope.COURT
    also: frozenset[str] = field(default_factory=frozenset)
    while_unassigned: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", Scope(self.scope))
        unknown = sorted((set(self.roles) | set(self.also)) - set(Role))
        if unknown:
            raise InvalidInput(
                f"unknown role(s) in policy: {', '.join(unknown)}", rule=RULE, field="roles"
            )
        if not self.roles and self.scope is not Scope.PUBLIC:
            raise InvalidInput(
                "a policy must allow at least one role or be public", rule=RULE, field="roles"
            )
        member = {Scope.PARTNER: "partner", Scope.AGENCY: "agency"}.get(self.scope)
        if member and self.roles != {member}:
            raise InvalidInput(f"a {member} policy admits the role {member} only",
                               rule=RULE, field="roles")
        if (self.also or self.while_unassigned) and self.scope is not Scope.TEAM:
            raise InvalidInput("`also` and `while_unassigned` are for team-scoped policies",
                               rule=RULE, field="scope")

    @classmethod
    def for_roles(cls, *roles: str, court_scoped: bool = True) -> Policy:
        """Only these roles; by default only within the target's court (COURT), else
        from any court (ANY_COURT)."""
        return cls(roles=frozenset(str(r) for r in roles),
                   scope=Scope.COURT if court_scoped else Scope.ANY_COURT)

    @classmethod
    def for_team(cls, *roles: str, also: frozenset[str] = BENCH,
                 while_unassigned: bool = False) -> Policy:
        """Only these roles, on cases of their court assigned to their team; `also`
        roles on any case of their court."""
        return cls(roles=frozenset(str(r) for r in roles), scope=Scope.TEAM,
                   also=frozenset(also), while_unassigned=while_unassigned)

    @classmethod
    def own_court(cls, *roles: str) -> Policy:
        """Only these roles, answered for their own court only."""
        return cls(roles=frozenset(str(r) for r in roles), scope=Scope.OWN_COURT)

    @classmethod
    def partner(cls) -> Policy:
        """A registered joint-punishment partner (R42)."""
        return cls(roles=frozenset({"partner"}), scope=Scope.PARTNER)

    @classmethod
    def agency(cls) -> Policy:
        """A registered assisting agency (R41)."""
        return cls(roles=frozenset({"agency"}), scope=Scope.AGENCY)

    @classmethod
    def anyone(cls) -> Policy:
        """Anyone, anonymous callers included (the publicity portal)."""
        return cls(roles=frozenset(), scope=Scope.PUBLIC)

    @property
    def public(self) -> bool:
        return self.scope is Scope.PUBLIC

    @property
    def court_scoped(self) -> bool:
        return self.scope in (Scope.COURT, Scope.TEAM)

    def allows_role(self, role: str) -> bool:
        return self.public or role in self.roles


class PolicyBook(Mapping[str, Policy]):
    """Full gRPC method names (``/pkg.Service/Method``) → their policy."""

    def __init__(self, policies: Mapping[str, Policy] | None = None) -> None:
        self._policies: dict[str, Policy] = {}
        for method, policy in (policies or {}).items():
            _check_method_name(method)
            self._policies[method] = policy

    @classmethod
    def for_service(cls, service: str, policies: Mapping[str, Policy]) -> PolicyBook:
        """``for_service("zhixing.cases.v1.CasesService", {"FileCase": ...})``."""
        return cls({f"/{service}/{name}": policy for name, policy in policies.items()})

    def __or__(self, other: Mapping[str, Policy]) -> PolicyBook:
        twice = sorted(set(self._policies) & set(other))
        if twice:  # exactly one policy per RPC
            raise InvalidInput(f"policy declared twice for {', '.join(twice)}", rule=RULE,
                               field="method")
        return PolicyBook({**self._policies, **other})

    def __getitem__(self, method: str) -> Policy:
        return self._policies[method]

    def __iter__(self) -> Iterator[str]:
        return iter(self._policies)

    def __len__(self) -> int:
        return len(self._policies)

    def require(self, method: str) -> Policy:
        """The policy for `method`; a method without one is refused (default deny)."""
        policy = self._policies.get(method)
        if policy is None:
            # The name may be the caller's text: quoted short and masked.
            raise PermissionDenied(f"{excerpt(method, METHOD_CHARS)}: no policy declared "
                                   "(default deny)", rule=RULE)
        return policy


def authorize_role(identity: Identity | None, policy: Policy) -> None:
    """The interceptor's check: signed in (unless public) with a role the policy allows."""
    if policy.public:
        return
    if identity is None:
        raise PermissionDenied("an anonymous caller may not do this; sign in", rule=RULE)
    if identity.role not in policy.roles:
        allowed = ", ".join(sorted(policy.roles))
        raise PermissionDenied(
            f"role {identity.role} may not do this (allowed: {allowed})", rule=RULE, field="role"
        )


def authorize(identity: Identity | None, policy: Policy, court: str | None = None, *,
              team: str | None = None,
              registered: Callable[[str], bool] | None = None) -> None:
    """Raise PermissionDenied unless `identity` may act under `policy` on a target of
    `court` whose case is assigned to `team` ("" while unassigned). A court- or
    team-scoped check whose target the servicer did not name (None) is refused: it
    could only pass by not looking. `registered` says whether a partner or agency id
    is registered (none is, without it)."""
    authorize_role(identity, policy)
    if identity is None or policy.public:
        return
    if policy.scope in (Scope.PARTNER, Scope.AGENCY):
        _require_member(identity, policy.scope, registered or (lambda _: False))
    elif policy.scope is Scope.OWN_COURT:
        if not identity.court:
            raise PermissionDenied("the caller's token names no court", rule=RULE,
                                   field="court")
    elif policy.court_scoped:
        _require_court(identity, court)
        if policy.scope is Scope.TEAM:
            _require_team(identity, policy, team)


def _require_member(identity: Identity, scope: Scope, registered: Callable[[str], bool]) -> None:
    rule = "R42" if scope is Scope.PARTNER else "R41"
    if not identity.agency:
        raise PermissionDenied(f"a {scope}'s token names the {scope} (agency claim)",
                               rule=rule, field="agency")
    if not registered(identity.agency):
        raise PermissionDenied(f"the token's {scope} is not registered", rule=rule,
                               field="agency")


def _require_court(identity: Identity, court: str | None) -> None:
    if court is None:
        raise PermissionDenied("no target court to check (default deny)", rule=RULE,
                               field="court")
    if not identity.court or identity.court != court:
        # Names the caller's court only: the target's may be what the caller must not learn.
        raise PermissionDenied(
            f"the target is not of the caller's court ({identity.court or 'none'})",
            rule=RULE, field="court")


def _require_team(identity: Identity, policy: Policy, team: str | None) -> None:
    if team is None:
        raise PermissionDenied("no case team to check (default deny)", rule=RULE, field="team")
    if identity.role in policy.also or (policy.while_unassigned and not team):
        return
    bench = ", ".join(sorted(policy.also))
    if not team:
        raise PermissionDenied(
            f"the case is assigned to no team yet (分案 first); until then only "
            f"{bench or 'its team'} may do this", rule=RULE, field="team")
    if identity.team != team:
        raise PermissionDenied(
            f"only the case's assigned team{' or ' + bench if bench else ''} may do this; "
            f"the caller's team is {identity.team or '(none)'}", rule=RULE, field="team")


def require(
    policy_book: Mapping[str, Policy],
    method: str,
    court: str | None = None,
    *,
    audit: AuditLog | None = None,
    target: str = "",
    team: str | None = None,
    registered: Callable[[str], bool] | None = None,
) -> Identity | None:
    """Check the current caller against `method`'s policy and target `court`/`team`.

    Returns the caller. A refusal is recorded in `audit` when given; `target` is the
    case number the call is about (never an ID number).
    """
    identity = current_identity()
    try:
        book = policy_book if isinstance(policy_book, PolicyBook) else PolicyBook(policy_book)
        authorize(identity, book.require(method), court, team=team, registered=registered)
    except PermissionDenied as refusal:
        if audit is not None:
            audit.record(identity, method, target, str(refusal), "denied")
        raise
    return identity


def _check_method_name(method: str) -> None:
    service, _, name = method.lstrip("/").partition("/")
    if not method.startswith("/") or not service or not name or "/" in name:
        raise InvalidInput(
            f"{method!r} is not a full gRPC method name (/pkg.Service/Method)", field="method"
        )
