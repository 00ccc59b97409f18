"""立案 — what a court submits to file an enforcement case, validated field by field.

Every refusal names the field and the rule, and nothing is stored until the whole
request is valid (STYLE 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhixing.cases.domain.errors import InvalidFiling
from zhixing.cases.domain.values import Basis, Claim, Party
from zhixing.kernel.case_number import CaseType
from zhixing.kernel.courts import Court, CourtDirectory
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import PartyIdentity, ResidentId
from zhixing.kernel.masking import excerpt
from zhixing.kernel.money import bounded_fen

__all__ = ["BASIS_KINDS", "LINK_KINDS", "PARTY_KINDS", "Basis", "Claim", "Filing", "Party",
           "validate_filing"]

BASIS_KINDS = {
    "judgment": "判决书",
    "ruling": "裁定书",
    "mediation": "调解书",
    "payment_order": "支付令",
    "arbitral_award": "仲裁裁决书",
    "notarised_debt": "公证债权文书",
}
PARTY_KINDS = ("natural_person", "organisation", "state_organ")
LINK_KINDS = {"执恢": "resumes", "执异": "objection", "执复": "review", "执协": "assists"}
"""R40: these case types always hang off another case (the original or main case)."""


def may_link(filing_court: str, linked_court: str, case_type: str) -> bool:
    """R40: which court's case a filing may hang off. 执恢 and 执异 concern the court's own
    case; 执复 (and 执监) are decided by the same or a superior court (R39: a superior
    court's code is a prefix of its lower courts'); 执协 assists a case delegated by any
    court, of any region."""
    if case_type == "执协":
        return True
    if case_type in ("执复", "执监"):
        return linked_court.startswith(filing_court)
    return linked_court == filing_court


@dataclass(frozen=True)
class Filing:
    """A validated filing request."""

    court: Court
    case_type: CaseType
    basis: Basis
    parties: tuple[Party, ...]
    claim: Claim
    linked_case_id: str = ""
    link_kind: str = ""


def validate_filing(
    *, court_code: str, case_type: str, basis: Basis, applicants: list[Party],
    respondents: list[Party], claim: Claim, today: date, linked_case_id: str = "",
) -> Filing:
    """Check every field; raise `InvalidFiling` naming the first bad field and its rule."""
    court = CourtDirectory.default().get(court_code, field="court_code")
    kind = CaseType.parse(case_type, field="case_type")
    link_kind = _check_link(kind, linked_case_id)
    _check_basis(basis, today)
    _check_parties("applicants", applicants)
    _check_parties("respondents", respondents)
    _check_claim(claim)
    return Filing(court, kind, basis, (*applicants, *respondents), claim,
                  linked_case_id, link_kind)


def _check_link(kind: CaseType, linked_case_id: str) -> str:
    link_kind = LINK_KINDS.get(kind.value, "")
    if link_kind and not linked_case_id:
        raise InvalidFiling(f"a {kind.value} case must name the case it {link_kind}",
                            rule="R40", field="linked_case_number")
    if linked_case_id and not link_kind:
        raise InvalidFiling(f"a {kind.value} case is not linked to another case",
                            rule="R40", field="linked_case_number")
    return link_kind


def _check_basis(basis: Basis, today: date) -> None:
    if basis.kind not in BASIS_KINDS:
        raise InvalidFiling(f"unknown kind {excerpt(basis.kind)}; one of {', '.join(BASIS_KINDS)}",
                            rule="R40", field="basis.kind")
    if not basis.document_number.strip():
        raise InvalidFiling("the enforcement basis needs its document number",
                            rule="R38", field="basis.document_number")
    try:
        effective = date.fromisoformat(basis.effective_date)
    except ValueError:
        raise InvalidFiling("effective date must be YYYY-MM-DD",
                            field="basis.effective_date") from None
    if effective > today:
        raise InvalidFiling("an enforcement basis must already be effective",
                            field="basis.effective_date")


def _check_parties(field: str, parties: list[Party]) -> None:
    if not parties:
        raise InvalidFiling("at least one party is required", field=field)
    for index, party in enumerate(parties):
        where = f"{field}[{index}]"
        if not party.name.strip():
            raise InvalidFiling("name is required", field=f"{where}.name")
        if party.kind not in PARTY_KINDS:
            raise InvalidFiling(f"kind must be one of {', '.join(PARTY_KINDS)}",
                                field=f"{where}.kind")
        _check_identity(party, f"{where}.identity_number")


def _bounded(amount: int, field: str) -> None:
    try:
        bounded_fen(amount, field)
    except InvalidInput as error:
        raise InvalidFiling(str(error).split(": ", 1)[-1], rule="R28", field=field) from None


def _check_identity(party: Party, field: str) -> None:
    try:
        identity = PartyIdentity.parse(party.identity_number, field=field)
    except InvalidInput as error:
        raise InvalidFiling(str(error).split(": ", 1)[-1], rule=error.rule, field=field) from None
    is_person = isinstance(identity, ResidentId)
    if is_person != (party.kind == "natural_person"):
        raise InvalidFiling(
            "a natural person is identified by a resident ID, an organisation or state "
            "organ by a unified social credit code", rule="R6", field=field)


def _check_claim(claim: Claim) -> None:
    for name in ("principal_fen", "interest_fen", "costs_fen"):
        if getattr(claim, name) < 0:
            raise InvalidFiling("must not be negative", rule="R28", field=f"claim.{name}")
        _bounded(getattr(claim, name), f"claim.{name}")
    # R28: the claim's total is what every account and reader sums from.
    _bounded(claim.principal_fen + claim.interest_fen + claim.costs_fen, "claim")
    if claim.total_fen == 0:
        raise InvalidFiling("a case must enforce a claim above zero", rule="R28",
                            field="claim.principal_fen")
