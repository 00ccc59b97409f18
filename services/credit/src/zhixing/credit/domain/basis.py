"""Why an identity is on the partners' list: one `Basis` per hold of its `DebtorRecord`.

A partner's Check says listed / restricted; the person at the counter asks why. Each
hold is a listing published (R1, R5: its grounds), a restriction binding the identity as
the debtor (R12), or an organisation's restriction binding it as one of the
organisation's four categories of persons (R14: which organisation, which role). Every
fact named is one the list publishes anyway (R6: case number, court, the dishonest
conduct, the organisation's name and code) — never a natural person's name (R60).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zhixing.credit.domain.record import LISTING, RESTRICTION


class BasisKind(StrEnum):
    """What binds the identity; the order a Check names them in on the same day."""

    LISTED = "listed"
    """On the dishonest-debtor list (R1, R5)."""
    RESTRICTED_DEBTOR = "restricted_debtor"
    """Under a consumption restriction as the debtor (R12)."""
    RESTRICTED_PERSON = "restricted_person"
    """Bound by an organisation's restriction as one of its persons (R14)."""


LISTED, RESTRICTED_DEBTOR, RESTRICTED_PERSON = (BasisKind.LISTED, BasisKind.RESTRICTED_DEBTOR,
                                                BasisKind.RESTRICTED_PERSON)
KINDS = tuple(BasisKind)


@dataclass(frozen=True)
class Basis:
    """One reason an identity is listed or restricted now."""

    kind: BasisKind
    case_number: str
    court_code: str
    since: str
    """YYYY-MM-DD: published (listing) or in force on the list (restriction)."""
    grounds: tuple[int, ...] = ()
    """LISTED: the grounds of R1 the decision states."""
    conduct: tuple[str, ...] = ()
    """RESTRICTED_*: the R13 codes."""
    organisation_name: str = ""
    organisation_code: str = ""
    role: str = ""
    """RESTRICTED_PERSON: the R14 category (`restriction.PERSON_ROLES`)."""


@dataclass(frozen=True)
class Decision:
    """What a hold's listing or restriction says that never changes once decided."""

    debtor_identity_number: str
    debtor_name: str
    grounds: tuple[int, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    """A restriction's persons (R14): (identity number, role)."""

    @classmethod
    def of(cls, aggregate: Any) -> Decision:
        """From a `Listing` or a `ConsumptionRestriction`."""
        return cls(debtor_identity_number=aggregate.debtor_identity_number,
                   debtor_name=aggregate.debtor_name,
                   grounds=tuple(getattr(aggregate, "grounds", ())),
                   roles=tuple((p["identity_number"], p["role"])
                               for p in getattr(aggregate, "persons", ())))


def basis_of(identity_number: str, hold: dict[str, Any], decision: Decision) -> Basis | None:
    """The basis a record's hold (`DebtorRecord.holds` value) gives, read with the
    decision behind it; None for a hold this identity is not the subject of (none in a
    record that agrees with its decisions)."""
    common = {"case_number": hold["case_number"], "court_code": hold["court_code"],
              "since": hold["since"]}
    if hold["kind"] == LISTING:
        return Basis(LISTED, grounds=tuple(sorted(decision.grounds)), **common)
    if hold["kind"] != RESTRICTION:
        return None
    conduct = tuple(hold["conduct"])
    if identity_number == decision.debtor_identity_number:
        return Basis(RESTRICTED_DEBTOR, conduct=conduct, **common)
    role = next((r for number, r in decision.roles if number == identity_number), "")
    if not role:
        return None
    return Basis(RESTRICTED_PERSON, conduct=conduct, role=role,
                 organisation_name=decision.debtor_name,
                 organisation_code=decision.debtor_identity_number, **common)


def ordered(bases: list[Basis]) -> list[Basis]:
    """Earliest first; then listing, as debtor, as person; then by case number."""
    return sorted(bases, key=lambda b: (b.since, KINDS.index(b.kind), b.case_number,
                                        b.organisation_code))
