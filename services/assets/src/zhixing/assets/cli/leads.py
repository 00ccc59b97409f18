"""`zhixing asset leads|verify-lead` — leads the public reported (执行线索, issue 17) and
their verification by the case's team (R27: within 5 days) over gRPC."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.contracts.pb.assets.v1 import inquiry_pb2 as pb
from zhixing.contracts.pb.assets.v1 import inquiry_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Role, Target, Team, User


def leads(court: Court = "川0104", only_team: Annotated[str, typer.Option(
        "--only-team", help="Only this team's leads.")] = "",
        open_only: Annotated[bool, typer.Option(help="Only those not yet verified.")] = False,
        target: Target = TARGET, role: Role = "officer", team: Team = "",
        user: User = "cli") -> None:
    """执行线索 — the court's reported leads, soonest verify-by first (超期 marked)."""
    client = kit.in_court(inquiry_pb2_grpc.AssetInquiryServiceStub, court, target, role, team,
                          user)
    found = client.call("ListLeads", pb.ListLeadsRequest(
        court_code=court, team=only_team, open_only=open_only)).leads
    for lead in found:
        state = (f"verified {lead.verified_on}: {lead.outcome}" if lead.verified_on
                 else "OVERDUE" if lead.overdue else "open")
        typer.echo(f"{lead.verify_by}  {lead.case_number:<22} {lead.team or '-':<10} "
                   f"{lead.property_kind:<12} {state}  lead {lead.lead_id}")
    if not found:
        typer.echo("no leads")


def verify_lead(lead_id: str, outcome: Annotated[str, typer.Argument(
        help="property_found (查实财产), not_found (未查实) or not_relevant (与本案无关).")],
        note: Annotated[str, typer.Option(help="The team's note (required).")],
        court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
        team: Team = "", user: User = "cli") -> None:
    """核查线索 — record the team's verification of a reported lead (R27)."""
    client = kit.in_court(inquiry_pb2_grpc.AssetInquiryServiceStub, court, target, role, team,
                          user)
    lead = client.call("VerifyLead", pb.VerifyLeadRequest(
        lead_id=lead_id, outcome=outcome, note=note)).lead
    late = "  (late: after " + lead.verify_by + ")" if lead.verified_on > lead.verify_by else ""
    typer.echo(f"{lead.case_number}: lead {lead.lead_id} verified {lead.verified_on}, "
               f"{lead.outcome}{late}")


COMMANDS = {"leads": leads, "verify-lead": verify_lead}
