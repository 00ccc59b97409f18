"""What the relief service knows of an enforcement case, from the cases and assets
integration events (never from their stores, DESIGN §2).

The read model `projections.case_facts` keeps these; the rules of R29 and R30 read them.
Names and identity numbers stay in that read model (sealed, R60): a party is its index.
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
