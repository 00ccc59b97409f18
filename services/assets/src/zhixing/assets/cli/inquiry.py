"""`zhixing asset inquire|inquiries|picture|overdue|investigate` — network inquiry (网络查控)
and property results over gRPC. Reading property results is audited (R46)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from zhixing.contracts.pb.assets.v1 import inquiry_pb2 as pb
from zhixing.contracts.pb.assets.v1 import inquiry_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Number, Role, Target, Team, User, masked_account, yuan

Debtor = Annotated[str, typer.Option(help="Only this debtor (resident ID or credit code).")]


def on_case(number: str, target: str, role: str, team: str, user: str) -> kit.Client:
    """The AssetInquiryService as a member of the court the case number names."""
    return kit.on_case(inquiry_pb2_grpc.AssetInquiryServiceStub, number, target, role, team, user)


def inquire(number: Number, debtor: Debtor = "", target: Target = TARGET,
            role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """网络查控 — ask every agency about the case's debtors (one round a day on demand)."""
    client = on_case(number, target, role, team, user)
    started = client.call("StartInquiry", pb.StartInquiryRequest(
        case_id=number, debtor_identity_number=debtor))
    for inquiry in started.inquiries:
        show_inquiry(inquiry)


def inquiries(number: Number, agencies: Annotated[bool, typer.Option(
        help="One line per agency too.")] = False, target: Target = TARGET,
        role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """查控记录 — the case's inquiries, newest first, with what each agency answered."""
    client = on_case(number, target, role, team, user)
    for inquiry in client.call("ListCaseInquiries",
                                pb.ListCaseInquiriesRequest(case_id=number)).inquiries:
        show_inquiry(inquiry, agencies)


def picture(number: Number, debtor: Debtor = "", target: Target = TARGET,
            role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """财产状况 — everything found about the debtors (audited: who, which case, when)."""
    client = on_case(number, target, role, team, user)
    found = client.call("GetPropertyPicture", pb.GetPropertyPictureRequest(
        case_id=number, debtor_identity_number=debtor))
    for h in found.holdings:
        mark = "" if h.disposable else "  (not disposable)"
        typer.echo(f"{h.agency_id:<18} {h.asset_kind:<16} {masked_account(h.reference):<22} "
                   f"{yuan(h.value_fen):>14}  {h.description}{mark}  asset {h.asset_id}")
    typer.echo(f"disposable value {yuan(found.disposable_value_fen)} yuan"
               + (f"; no answer from {', '.join(found.overdue_agency_ids)}"
                  if found.overdue_agency_ids else ""))


def overdue(court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
            team: Team = "", user: User = "cli") -> None:
    """超期未反馈 — agencies' answers past their deadline in the court."""
    client = kit.in_court(inquiry_pb2_grpc.AssetInquiryServiceStub, court, target, role, team, user)
    for row in client.call("ListOverdueAnswers", pb.ListOverdueAnswersRequest()).overdue:
        typer.echo(f"{row.reply_by[:16]}  {row.agency_id:<18} {row.agency_kind:<16} "
                   f"{row.case_number}")


def investigate(number: Number, measure: Annotated[str, typer.Argument(
        help="reward_notice (悬赏公告), lawyer_order (律师调查令) or audit (审计).")],
        request_id: Annotated[str, typer.Option(help="Idempotency key of this record.")],
        found: Annotated[bool, typer.Option(help="It led to property.")] = False,
        outcome: str = "", on: str = "", target: Target = TARGET, role: Role = "officer",
        team: Team = "", user: User = "cli") -> None:
    """财产调查 — record a reward notice, a lawyer's investigation order or an audit."""
    client = on_case(number, target, role, team, user)
    recorded = client.call("RecordInvestigation", pb.RecordInvestigationRequest(
        case_id=number, measure=measure, recorded_on=on, property_found=found,
        outcome=outcome, request_id=request_id))
    typer.echo(f"{number}: {measure} recorded ({recorded.investigation_id})")


def show_inquiry(inquiry: Any, agencies: bool = False) -> None:
    answered = sum(a.status in ("found", "nothing") for a in inquiry.agencies)
    overdue_count = sum(a.status == "overdue" for a in inquiry.agencies)
    found = "property found" if inquiry.disposable_property_found else "nothing disposable yet"
    kind = "R18 re-query" if inquiry.requery else "inquiry"
    typer.echo(f"{inquiry.started_at[:16]}  {kind} {inquiry.inquiry_id}  debtor {inquiry.debtor}"
               f"  {inquiry.status}: {answered}/{len(inquiry.agencies)} answered, "
               f"{overdue_count} overdue, {found}")
    for a in inquiry.agencies if agencies else ():
        typer.echo(f"    {a.agency_id:<18} {a.agency_kind:<16} {a.status:<8} "
                   f"attempts {a.attempts}  reply by {a.reply_by[:16]}")


COMMANDS = {"inquire": inquire, "inquiries": inquiries, "picture": picture,
            "overdue": overdue, "investigate": investigate}

