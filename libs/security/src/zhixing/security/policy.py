"""Per-RPC policies: role × court scope, default deny (R46, DESIGN §8).

Every gRPC method has a declared `Policy` in a `PolicyBook`; a method without one is
refused. The interceptor checks the role; the servicer, which knows the target court,
checks court scope with `authorize(current_identity(), policy, court=...)` or `require`.
Refusal messages name roles and court codes only, never personal data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Policy:
    """Who may call one RPC.

    roles: the roles allowed; court_scoped: the caller's court must equal the target
    court; public: anyone may call, anonymous callers included.
    """

    roles: frozenset[str] = field(default_factory=frozenset)
    court_scoped: bool = True
    public: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.roles) - set(Role))
        if unknown:
            raise InvalidInput(
                f"unknown role(s) in policy: {', '.join(unknown)}", rule=RULE, field="roles"
            )
        if not self.roles and not self.public:
            raise InvalidInput(
                "a policy must allow at least one role or be public", rule=RULE, field="roles"
            )

    @classmethod
    def for_roles(cls, *roles: str, court_scoped: bool = True) -> Policy:
        """Only these roles; by default only within the caller's own court."""
        return cls(roles=frozenset(str(r) for r in roles), court_scoped=court_scoped)

    @classmethod
    def anyone(cls) -> Policy:
        """Anyone, anonymous callers included (the publicity portal)."""
        return cls(roles=frozenset(), court_scoped=False, public=True)

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


def authorize(identity: Identity | None, policy: Policy, court: str | None = None) -> None:
    """Raise PermissionDenied unless `identity` may act under `policy` on `court`."""
    if policy.public:
        return
    if identity is None:
        raise PermissionDenied("an anonymous caller may not do this; sign in", rule=RULE)
    if identity.role not in policy.roles:
        allowed = ", ".join(sorted(policy.roles))
        raise PermissionDenied(
            f"role {identity.role} may not do this (allowed: {allowed})", rule=RULE, field="role"
        )
    if policy.court_scoped and court is not None and identity.court != court:
        raise PermissionDenied(
            f"caller's court {identity.court or '(none)'} is not the target court {court}",
            rule=RULE,
            field="court",
        )


def require(
    policy_book: Mapping[str, Policy],
    method: str,
    court: str | None = None,
    *,
    audit: AuditLog | None = None,
    target: str = "",
) -> Identity | None:
    """Check the current caller against `method`'s policy and target `court`.

    Returns the caller. A refusal is recorded in `audit` when given; `target` is the
    case number the call is about (never an ID number).
    """
    identity = current_identity()
    try:
        book = policy_book if isinstance(policy_book, PolicyBook) else PolicyBook(policy_book)
        authorize(identity, book.require(method), court)
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
