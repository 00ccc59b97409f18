"""Who may apply for relief and how much may be approved (R29, R30, R32).

Pure functions in the style of the cases service's `zhongben`: they return EVERY unmet
rule, so a refusal tells the officer everything at once. The application raises the first
as its error and names all (`refusal`). Figures are named in yuan; no name, identity
number or hardship fact ever is (R46).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

from zhixing.kernel.errors import InvalidInput, RuleViolation
from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.errors import (
    AboveCap,
    AboveUnpaidClaim,
    AlreadyPaid,
    ApplicationOpen,
    FundInsufficient,
    NeedlessExceptional,
    NotEligible,
    OtherOrganPaid,
    WageEntryMissing,
)
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.domain.values import ExceptionalDecision, positive_fen
from zhixing.relief.domain.wage import WageEntry, province_of


@dataclass(frozen=True)
class Unmet:
    """One unmet rule: its ID, the request field it concerns, and what is wrong."""

    rule: str
    field: str
    message: str
    error: type[RuleViolation] = dataclass_field(default=NotEligible, compare=False)
    """The error it is raised as (`refusal`)."""

    @classmethod
    def of(cls, error: RuleViolation) -> Unmet:
        """The unmet rule an error names (its message without the rule/field prefix)."""
        text = str(error)
        prefix = " ".join(p for p in (error.rule, f"[{error.field}]" if error.field else "") if p)
        message = text[len(prefix) + 2:] if prefix and text.startswith(prefix) else text
        return cls(error.rule, error.field, message, type(error))

    def __str__(self) -> str:
        return f"{self.rule} [{self.field}] {self.message}"


def refusal(unmet: Sequence[Unmet]) -> RuleViolation:
    """The error of the first unmet rule, its message naming all the others too."""
    first, rest = unmet[0], unmet[1:]
    also = f" (also unmet: {'; '.join(str(u) for u in rest)})" if rest else ""
    return first.error(first.message + also, rule=first.rule, field=first.field)


def unmet_to_apply(facts: CaseFacts | None, party_index: int, other_organ_paid: bool,
                   claimant: Claimant | None, *,
                   earlier: Sequence[Claimant] = (), untold: bool = False) -> list[Unmet]:
    """R29: the debtor truly cannot pay; the party is an applicant of the case; it was not
    paid relief in the case already, nor by another organ; one open application.
    `earlier`: the party in the cases a 执恢 case continues — a payment there counts;
    `untold`: in one of them the party could not be told (no identity index known)."""
    unmet = _debtor_cannot_pay(facts)
    if facts is not None:
        party = facts.party(party_index)
        if party is None or party.role != "applicant":
            unmet.append(Unmet("R29", "party_index", f"party #{party_index} is not an "
                               "applicant (申请执行人) of the enforcement case"))
    if claimant is not None:
        try:
            claimant.check_can_apply()
        except (AlreadyPaid, ApplicationOpen) as refused:
            unmet.append(Unmet.of(refused))
    if any(party.paid for party in earlier):
        unmet.append(Unmet.of(AlreadyPaid(
            "this party was already paid relief in the case this 执恢 case continues (one "
            "relief payment per party per case)")))
    if untold:
        unmet.append(Unmet("R29", "party_index", "cannot tell whether this party was paid "
                           "relief in the case this 执恢 case continues: relief's facts of "
                           "that case hold no identity index for its parties (kept since "
                           "relief keys them): rebuild them first (zhixing relief rebuild "
                           "relief_case_facts)"))
    if other_organ_paid:
        unmet.append(Unmet.of(OtherOrganPaid()))
    return unmet


def unmet_to_approve(facts: CaseFacts | None, amount_fen: int, wage: WageEntry | None,
                     exceptional: ExceptionalDecision | None, fund_available_fen: int, *,
                     decided_on: date | None = None, others_fen: int = 0) -> list[Unmet]:
    """R29 again (the debtor may have found property since); R30: at most 36 × the
    province's previous-year monthly wage (`wage`, looked up with `wage.cap_for`) unless
    `exceptional` (recorded only for an amount above the cap), never above the unpaid
    claim, no decision without a wage entry; R32: no more than the fund has available.
    `decided_on` names the missing wage entry's year; `others_fen` is what other relief
    cases of the case hold or were paid and still owe (the unpaid claim is the ceiling of
    all the relief of the case together)."""
    try:
        positive_fen(amount_fen, "amount_fen")
    except InvalidInput as bad:  # not whole fen, zero or less, or above MAX_FEN
        return [Unmet.of(bad)]
    unmet = _debtor_cannot_pay(facts)
    if wage is None:
        province = province_of(facts.court_code) if facts is not None else "?"
        year = decided_on.year - 1 if decided_on is not None else None
        unmet.append(Unmet.of(WageEntryMissing.of(province, year)))
    elif amount_fen > wage.cap_fen and exceptional is None:
        unmet.append(Unmet.of(AboveCap.of(amount_fen, wage.cap_fen, wage.province, wage.year)))
    elif amount_fen <= wage.cap_fen and exceptional is not None:
        unmet.append(Unmet.of(NeedlessExceptional.of(amount_fen, wage.cap_fen, wage.province,
                                                     wage.year)))
    if facts is not None and amount_fen > facts.unpaid_fen - others_fen:
        unmet.append(Unmet.of(AboveUnpaidClaim.of(amount_fen, facts.unpaid_fen, others_fen)))
    if amount_fen > fund_available_fen:
        unmet.append(Unmet.of(FundInsufficient.of(fund_available_fen, amount_fen)))
    return unmet


def _debtor_cannot_pay(facts: CaseFacts | None) -> list[Unmet]:
    if facts is None:
        return [Unmet("R29", "case_id", "the enforcement case is not known to the relief "
                      "service (yet): no cases event about it has arrived")]
    if facts.debtor_cannot_pay:
        return []
    if facts.inquiries_completed and facts.property_found:
        why = "its property inquiry found disposable property"
    else:
        why = "no property inquiry has completed for it"
    return [Unmet("R29", "case_id", f"the debtor may still pay: the case is "
                  f"{facts.stage.value} (not 终本) and {why}")]
