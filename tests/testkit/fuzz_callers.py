"""Who the fuzz calls as: for each RPC, a caller its declared policy admits (so calls
reach the handlers), and callers it does not (no token, a forged token, a role or a
court it does not admit). Read from the services' policy books, so a new RPC gets its
callers without a line here."""

from __future__ import annotations

from testkit.authz import declared_policies
from zhixing.security.identity import Identity, Role
from zhixing.security.policy import Policy, PolicyBook, Scope
from zhixing.security.tokens import bearer_metadata, issue_token

COURT = "川0104"
"""The court of the fuzzing callers and of the seeded cases."""
PREFERENCE = (Role.PRESIDENT, Role.JUDGE, Role.OFFICER, Role.FINANCE, Role.SUPERVISOR,
              Role.RELIEF_COMMITTEE, Role.SERVICE, Role.AGENCY, Role.PARTNER,
              Role.PROCURATOR, Role.CONGRESS, Role.ADMIN, Role.PRESS)
"""The admitted caller is the first of these its policy allows: the bench may act on
any case of its court, whatever team it is assigned to."""
Metadata = tuple[tuple[str, str], ...]


def policy_book() -> PolicyBook:
    """Every policy every installed service declares (the authorisation matrix's book)."""
    return declared_policies()


class Callers:
    """Bearer metadata of admitted and refused callers, by RPC."""

    def __init__(self, book: PolicyBook, secret: str) -> None:
        self.book = book
        self.secret = secret

    def _as(self, role: Role, court: str = COURT) -> Metadata:
        # Registered ones (agencies.toml, partners.toml): others are refused (R41, R42).
        agency = {Role.AGENCY: "bank.icbc", Role.PARTNER: "airline.ca"}.get(role, "")
        identity = Identity(f"fuzz-{role}", role, court=court, team="t1", agency=agency)
        return bearer_metadata(issue_token(identity, self.secret))

    def president(self) -> Metadata:
        return self._as(Role.PRESIDENT)

    def _policy(self, path: str) -> Policy | None:
        return self.book.get(path)

    def is_public(self, path: str) -> bool:
        policy = self._policy(path)
        return policy is not None and policy.scope is Scope.PUBLIC

    def admitted(self, path: str) -> Metadata:
        """A caller of the first role the RPC's policy allows (none for a public RPC)."""
        policy = self._policy(path)
        if policy is None or policy.scope is Scope.PUBLIC:
            return ()
        return self._as(next(role for role in PREFERENCE if role in policy.roles))

    def refused(self, path: str, kind: int) -> Metadata:
        """kind 4: no token or a forged one; 5: a role the policy does not allow, or,
        when it allows every role, a caller of another court."""
        if kind == 4:
            return () if len(path) % 2 else bearer_metadata("forged.token.value")
        policy = self._policy(path)
        outside = [role for role in PREFERENCE if policy is None or role not in policy.roles]
        return self._as(outside[0]) if outside else self._as(PREFERENCE[0], "渝0103")
