"""`zhixing case file|get` — 立案 and reading one case back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from zhixing.cases.cli.common import in_court
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.runtime.cli_kit import TARGET, Target, fail, fen

KIND_BY_NAME = {"person": cases_pb2.PARTY_KIND_NATURAL_PERSON,
                "org": cases_pb2.PARTY_KIND_ORGANISATION,
                "state": cases_pb2.PARTY_KIND_STATE_ORGAN}


def file_case(
    court: Annotated[str, typer.Option(help="Court code, e.g. 川0104.")],
    applicant: Annotated[list[str], typer.Option(help="NAME:ID[:person|org|state]")],
    respondent: Annotated[list[str], typer.Option(help="NAME:ID[:person|org|state]")],
    principal: Annotated[str, typer.Option(help="Principal in yuan, e.g. 120000.00")],
    basis_number: Annotated[str, typer.Option(help="Document number of the enforcement basis.")],
    basis_date: Annotated[str, typer.Option(help="Its effective date, YYYY-MM-DD.")],
    basis_kind: str = "judgment", case_type: str = "执", costs: str = "0",
    target: Target = TARGET,
) -> None:
    """立案 — file an enforcement case; prints its case number, then each party's access
    code to the parties' window (当事人查询), shown this once: hand each to its party."""
    request = cases_pb2.FileCaseRequest(
        court_code=court, case_type=case_type,
        basis=cases_pb2.EnforcementBasis(kind=basis_kind, document_number=basis_number,
                                         effective_date=basis_date),
        applicants=[party(text, "applicant") for text in applicant],
        respondents=[party(text, "respondent") for text in respondent],
        claim=cases_pb2.Claim(principal_fen=fen(principal, "principal"),
                              costs_fen=fen(costs, "costs")))
    response = in_court(court, target, "officer", "", "cli").call("FileCase", request, timeout=10)
    typer.echo(response.case_number)
    show_codes(response.access_codes)


ROLE_LABELS = {"applicant": "申请执行人", "respondent": "被执行人"}


def show_codes(codes: Sequence[cases_pb2.PartyAccessCode]) -> None:
    """Each party's access code, once (only a hash is kept: it cannot be shown again)."""
    if not codes:
        return
    typer.echo("WARNING: hand each party its access code now — shown this once, stored only "
               "as a hash (当事人查询码，仅显示一次)", err=True)
    for code in codes:
        typer.echo(f"{code.role}[{code.party_index}] {ROLE_LABELS.get(code.role, '')} "
                   f"access code: {code.access_code}")


def get_case(case_number: str, court: str = "川0104", target: Target = TARGET) -> None:
    """Show a case (officers of its court only)."""
    case = in_court(court, target, "officer", "", "cli").call(
        "GetCase", cases_pb2.GetCaseRequest(case_number=case_number), timeout=10).case
    typer.echo(f"{case.case_number}  {case.court_code}  {case.status}  filed {case.filed_on}")


def party(text: str, role: str) -> cases_pb2.Party:
    """NAME:ID[:person|org|state] — the identity number is never echoed back (R60)."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or parts[-1] not in (*KIND_BY_NAME, parts[1]):
        fail(f"{role}: expected NAME:ID or NAME:ID:person|org|state")
    kind = KIND_BY_NAME[parts[2]] if len(parts) == 3 else KIND_BY_NAME["person"]
    return cases_pb2.Party(name=parts[0], identity_number=parts[1], kind=kind)
