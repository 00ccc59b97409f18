"""What the relief service knows of an enforcement case, from the cases and assets
integration events (never from their stores, DESIGN §2).

The read model `projections.case_facts` keeps these; the rules of R29 and R30 read them.
No name or identity number is kept (R60): a party is its index, and its identity only a
keyed blind index, to tell the same party in a 执恢 case and the case it continues.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CaseStage(StrEnum):
    """Where the enforcement case stands, as its events told."""

    UNDER_ENFORCEMENT = "under_enforcement"
    """Filed and not ended: its property may still pay the claim."""
    CONCLUDED = "concluded"
    """终本 — ended without disposable property (R16–R19): the debtor cannot pay now."""
    CLOSED = "closed"
    """结案 — the case ended for good."""


@dataclass(frozen=True)
class CaseParty:
    """A party as relief needs it: its place in the case and what it is."""

    index: int
    """Its index among the case's parties (as filed)."""
    role: str
    """"applicant" (申请执行人, who may ask for relief) or "respondent"."""
    kind: str
    """"natural_person", "organisation" or "state_organ"."""
    identity_key: str = ""
    """A keyed blind index of its identity number (never the number, R60): how the party
    is told in another case, whatever its index there; "" when relief does not know it."""


@dataclass(frozen=True)
class CaseFacts:
    """One enforcement case, as far as relief is concerned."""

    case_id: str
    case_number: str
    court_code: str
    stage: CaseStage
    claim_total_fen: int
    """The claim being enforced."""
    received_total_fen: int
    """Everything received into the case account so far (R28)."""
    parties: tuple[CaseParty, ...]
    inquiries_completed: int = 0
    """Network inquiries (网络查控) completed for the case's debtors."""
    property_found: bool = False
    """True when any completed inquiry (its latest revision) found disposable property."""
    resumes_case_id: str = ""
    """For a 执恢 case, the case it continues (`CaseFiled.linked_case_id` when `link_kind`
    is "resumes"); "" otherwise. R29: a party paid relief there is paid in this one."""

    @property
    def unpaid_fen(self) -> int:
        """The part of the claim not yet paid: the ceiling of any relief (R30)."""
        return max(self.claim_total_fen - self.received_total_fen, 0)

    @property
    def debtor_cannot_pay(self) -> bool:
        """R29: the case is in 终本, or its property inquiry found nothing disposable."""
        if self.stage is CaseStage.CONCLUDED:
            return True
        return self.inquiries_completed > 0 and not self.property_found

    def party(self, index: int) -> CaseParty | None:
        return next((p for p in self.parties if p.index == index), None)

    def counterparts(self, party: CaseParty) -> tuple[CaseParty, ...] | None:
        """`party` (of another case) as it is in this one — same role, kind and identity
        (blind index), whatever its index here (R29 across a 执恢 case and the case it
        continues). None when that cannot be told: relief knows no identity index for
        `party` or for a party of this case it could be."""
        alike = [p for p in self.parties if (p.role, p.kind) == (party.role, party.kind)]
        if not party.identity_key or any(not p.identity_key for p in alike):
            return None
        return tuple(p for p in alike if p.identity_key == party.identity_key)
