"""Who is calling: a court user, a partner agency, a service or the public (DESIGN §8).

The identity of the caller of the RPC being served lives in a context variable, bound
by the gRPC interceptor around the handler and read with `current_identity()` by
servicers that must check court scope (R46).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from zhixing.kernel.errors import InvalidInput


class Role(StrEnum):
    """The roles a policy can name (DESIGN §8)."""

    OFFICER = "officer"  # 执行员 — enforcement officer
    JUDGE = "judge"
    PRESIDENT = "president"
    RELIEF_COMMITTEE = "relief_committee"  # 司法救助委员会 — decides relief with the president (R31)
    FINANCE = "finance"
    SUPERVISOR = "supervisor"  # the court's command centre
    PROCURATOR = "procurator"
    CONGRESS = "congress"  # people's congress deputies
    DISCIPLINE = "discipline"  # 纪检监察 — reads the interference register with the president (R35)
    AGENCY = "agency"  # assisting agencies: banks, registries, ...
    PARTNER = "partner"  # joint-punishment partners checking the list (R42); id in `agency`
    PRESS = "press"  # 新闻宣传 — writes typical cases for the public portal (issue 17)
    PUBLIC = "public"
    SERVICE = "service"  # another Zhixing service
    ADMIN = "admin"  # 系统管理员 — keeps reference tables, e.g. the R30 wage table


@dataclass(frozen=True)
class Identity:
    """An authenticated caller. Court, team and agency are codes, never personal data."""

    subject: str
    role: Role
    court: str = ""
    team: str = ""
    agency: str = ""

    def __post_init__(self) -> None:
        if not self.subject:
            raise InvalidInput("an identity needs a subject", rule="R46", field="subject")
        try:
            object.__setattr__(self, "role", Role(self.role))
        except ValueError:
            raise InvalidInput(
                f"unknown role {self.role!r}; expected one of {', '.join(Role)}",
                rule="R46",
                field="role",
            ) from None


_CURRENT: ContextVar[Identity | None] = ContextVar("zhixing_identity", default=None)


def current_identity() -> Identity | None:
    """The caller of the RPC being served, or None when anonymous/outside an RPC."""
    return _CURRENT.get()


@contextmanager
def bound_identity(identity: Identity | None) -> Iterator[Identity | None]:
    """Make `identity` the current caller for the block (CLI, jobs, tests)."""
    token = _CURRENT.set(identity)
    try:
        yield identity
    finally:
        _CURRENT.reset(token)
