"""`zhixing case <act>` — the commands that move a case on (分案 … 结案, 执行款)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from zhixing.cases.cli.common import on_case, show_account, show_case
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.cli_kit import (
    INT32_MAX,
    INT32_MIN,
    TARGET,
    Number,
    Role,
    Target,
    Team,
    User,
    fail,
    fen,
)

Text = Annotated[str, typer.Option()]


def assign(number: Number, team_to: Annotated[str, typer.Option("--to-team", help="承办团队")],
           lead_officer: Annotated[str, typer.Option(help="承办人")],
           officer_name: Annotated[str, typer.Option(
               help="承办人姓名, shown to the parties")] = "",
           team_phone: Annotated[str, typer.Option(
               help="联系电话 of the team, shown to the parties")] = "",
           target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """分案 — give the case to a team and its lead officer (R27: within 7 days)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("AssignCase", pb.AssignCaseRequest(
        case=case, team=team_to, lead_officer=lead_officer, lead_officer_name=officer_name,
        team_phone=team_phone)).case)


def answer(number: Number,
           message_id: Annotated[str, typer.Argument(help="The message (worklist node "
                                                          "party_message:<id>).")],
           text: Annotated[str, typer.Option("--text", help="The answer the party reads.")],
           target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """答复当事人留言 — answer a party's message; it leaves the worklist (issue 17)."""
    client, case = on_case(number, target, role, team, user)
    answered = client.call("AnswerPartyMessage", pb.AnswerPartyMessageRequest(
        case=case, message_id=message_id, answer=text))
    typer.echo(f"answered {answered.message_id} on {answered.answered_on}")


def notice(number: Number, target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """执行通知书 and 报告财产令 served (R5, R27)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("ServeNotice", pb.ServeNoticeRequest(case=case)).case)


def leads(number: Number,
          action: Annotated[str, typer.Argument(help="request | receive | verify")],
          lead_id: Annotated[str, typer.Argument(help="The lead, for verify.")] = "",
          found: Annotated[bool, typer.Option("--found/--not-found")] = False,
          target: Target = TARGET, role: Role = "officer", team: Team = "",
          user: User = "cli") -> None:
    """财产线索 — ask the applicant for leads, receive one, verify one (R27)."""
    client, case = on_case(number, target, role, team, user)
    if action == "request":
        show_case(client.call("RequestLeads", pb.RequestLeadsRequest(case=case)).case)
    elif action == "receive":
        received = client.call("ReceiveLead", pb.ReceiveLeadRequest(case=case))
        typer.echo(f"lead {received.lead_id}")
        show_case(received.case)
    elif action == "verify" and lead_id:
        show_case(client.call("VerifyLead", pb.VerifyLeadRequest(
            case=case, lead_id=lead_id, found=found)).case)
    else:
        fail("leads: expected request, receive, or verify LEAD_ID", code=2)


def report(number: Number, target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """财产报告 — the debtor reported its property (R5)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("RecordPropertyReport",
                           pb.RecordPropertyReportRequest(case=case)).case)


def extend(number: Number, due_on: Annotated[str, typer.Option(help="New last day, YYYY-MM-DD.")],
           node: Annotated[str, typer.Option(help="The time limit, e.g. close.")] = "close",
           target: Target = TARGET, role: Role = "president", team: Team = "",
           user: User = "cli") -> None:
    """延长期限 — approved by the court president, before expiry (R26)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("ExtendDeadline", pb.ExtendDeadlineRequest(
        case=case, node=node, due_on=due_on)).case)


def interview(number: Number, summary: Annotated[str, typer.Option(help="What was said.")],
              target: Target = TARGET, role: Role = "officer", team: Team = "",
              user: User = "cli") -> None:
    """约谈 — the applicant told the measures taken and what 终本 means (R17)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("InterviewApplicant", pb.InterviewApplicantRequest(
        case=case, summary=summary)).case)


def debtor(number: Number,
           action: Annotated[str, typer.Argument(help="missing | located | not-located")],
           target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """下落不明 — the debtor is missing, or was searched for (R16(5))."""
    client, case = on_case(number, target, role, team, user)
    if action == "missing":
        show_case(client.call("ReportDebtorMissing",
                               pb.ReportDebtorMissingRequest(case=case)).case)
    elif action in ("located", "not-located"):
        show_case(client.call("RecordDebtorSearch", pb.RecordDebtorSearchRequest(
            case=case, located=action == "located")).case)
    else:
        fail("debtor: expected missing, located or not-located", code=2)


def conclude(number: Number, target: Target = TARGET, role: Role = "officer",
             team: Team = "", user: User = "cli") -> None:
    """终本 — when every precondition of R16/R17 holds; see check-conclusion."""
    client, case = on_case(number, target, role, team, user)
    concluded = client.call("ConcludeCase", pb.ConcludeCaseRequest(case=case)).case
    show_case(concluded)
    typer.echo(f"re-query (R18): {', '.join(concluded.requery_dates)}")


def resume(number: Number,
           reason: Annotated[str, typer.Option(help="applicant_request | property_found")]
           = "applicant_request", target: Target = TARGET, role: Role = "officer",
           team: Team = "", user: User = "cli") -> None:
    """恢复执行 — a new 执恢 case for what is unpaid (R18); prints its number."""
    client, case = on_case(number, target, role, team, user)
    resumed = client.call("ResumeCase", pb.ResumeCaseRequest(case=case, reason=reason)).case
    typer.echo(resumed.case_number)


def settle(number: Number,
           action: Annotated[str, typer.Argument(help="agree | performed | defaulted")] = "agree",
           instalment: Annotated[list[str] | None, typer.Option(
               help="DATE:YUAN, e.g. 2026-04-01:5000 (repeat, in date order).")] = None,
           target: Target = TARGET, role: Role = "officer", team: Team = "",
           user: User = "cli") -> None:
    """执行和解 — agree instalments, or record the settlement performed or defaulted."""
    client, case = on_case(number, target, role, team, user)
    acts: dict[str, Callable[[], Any]] = {
        "agree": lambda: client.call("AgreeSettlement", pb.AgreeSettlementRequest(
            case=case, instalments=[_instalment(i) for i in instalment or []])),
        "performed": lambda: client.call("PerformSettlement",
                                          pb.PerformSettlementRequest(case=case)),
        "defaulted": lambda: client.call("RecordSettlementDefault",
                                          pb.RecordSettlementDefaultRequest(case=case)),
    }
    if action not in acts:
        fail("settle: expected agree, performed or defaulted", code=2)
    show_case(acts[action]().case)


def close(number: Number,
          closure: Annotated[str, typer.Option(
              help="executed_in_full | terminated | not_enforced | rejected | withdrawn")],
          target: Target = TARGET, role: Role = "officer", team: Team = "",
          user: User = "cli") -> None:
    """结案 — no money may be left in the case account (R28)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("CloseCase", pb.CloseCaseRequest(case=case, closure=closure)).case)


def bankruptcy(number: Number,
               consent_of: Annotated[str, typer.Option(help="applicant | respondent")],
               target: Target = TARGET, role: Role = "officer", team: Team = "",
               user: User = "cli") -> None:
    """执行转破产 — an insolvent organisation, with a party's consent (R45)."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("TransferToBankruptcy", pb.TransferToBankruptcyRequest(
        case=case, consent_of=consent_of)).case)


def delegate(number: Number, to_court: Annotated[str, typer.Option(help="e.g. 渝0103")],
             target: Target = TARGET, role: Role = "officer", team: Team = "",
             user: User = "cli") -> None:
    """委托执行 — the receiving court opens a 执协 case."""
    client, case = on_case(number, target, role, team, user)
    show_case(client.call("DelegateCase", pb.DelegateCaseRequest(
        case=case, to_court=to_court)).case)


def sanction(number: Number, kind: Annotated[str, typer.Option(help="fine | detention")],
             document: Annotated[str, typer.Option(help="决定书文号")],
             amount: Annotated[str, typer.Option(help="The fine in yuan.")] = "0",
             days: Annotated[int, typer.Option(help="Days of detention.", min=INT32_MIN,
                                               max=INT32_MAX)] = 0,
             target: Target = TARGET, role: Role = "officer", team: Team = "",
             user: User = "cli") -> None:
    """罚款/拘留 against obstruction of enforcement."""
    client, case = on_case(number, target, role, team, user)
    decided = client.call("DecideSanction", pb.DecideSanctionRequest(
        case=case, kind=kind, amount_fen=fen(amount, "amount"), days=days,
        document_number=document))
    typer.echo(f"sanction {decided.sanction_id}")
    show_case(decided.case)


def refer(number: Number, document: Annotated[str, typer.Option(help="移送函文号")],
          decided_on: Annotated[str, typer.Option(help="YYYY-MM-DD")],
          target: Target = TARGET, role: Role = "officer", team: Team = "",
          user: User = "cli") -> None:
    """拒执罪 — refer the debtor to the police (R44); prints the referral id."""
    client, case = on_case(number, target, role, team, user)
    show_referral(client.call("ReferRefusal", pb.ReferRefusalRequest(
        case=case, document_number=document, decided_on=decided_on)).referral)


def referral(number: Number, referral_id: Annotated[str, typer.Argument()],
             stage: Annotated[str, typer.Option(
                 help="police_filed | police_refused | prosecution_approved | "
                      "prosecution_refused | judged; omit to show the referral")] = "",
             document: Annotated[str, typer.Option(help="This hand-off's document")] = "",
             decided_on: Annotated[str, typer.Option(help="YYYY-MM-DD")] = "",
             target: Target = TARGET, role: Role = "officer", team: Team = "",
             user: User = "cli") -> None:
    """拒执罪 — record the next hand-off (police, procuratorate, court; R44) or show it."""
    client, _ = on_case(number, target, role, team, user)
    if not stage:
        shown = client.call("GetReferral", pb.GetReferralRequest(referral_id=referral_id))
    else:
        shown = client.call("AdvanceReferral", pb.AdvanceReferralRequest(
            referral_id=referral_id, stage=stage, document_number=document,
            decided_on=decided_on))
    show_referral(shown.referral)


def show_referral(referral: pb.Referral) -> None:
    typer.echo(f"referral {referral.referral_id}  {referral.case_number}  now {referral.stage}")
    for step in referral.history:
        typer.echo(f"  {step.decided_on}  {step.label}  {step.document_number}")


def pay(number: Number, amount: Annotated[str, typer.Option(help="In yuan, e.g. 3000.00")],
        reference: Annotated[str, typer.Option(help="Bank slip or other reference.")],
        source: Annotated[str, typer.Option(help="voluntary | deduction | auction | other")]
        = "voluntary",
        received_on: Annotated[str, typer.Option(help="YYYY-MM-DD; default today.")] = "",
        target: Target = TARGET, role: Role = "finance", team: Team = "",
        user: User = "cli") -> None:
    """执行款到账 — money received into the case account (R28)."""
    client, case = on_case(number, target, role, team, user)
    show_account(client.call("RecordPayment", pb.RecordPaymentRequest(
        case=case, reference=reference, amount_fen=fen(amount, "amount"), source=source,
        received_on=received_on)).account)


def disburse(number: Number, payee: Annotated[str, typer.Option(help="e.g. applicant:0")],
             amount: Annotated[str, typer.Option(help="In yuan.")],
             reference: Annotated[str, typer.Option(help="Payment reference.")],
             target: Target = TARGET, role: Role = "finance", team: Team = "",
             user: User = "cli") -> None:
    """执行款发放 — pay a payee what the allocation owes (R28: within 30 days)."""
    client, case = on_case(number, target, role, team, user)
    show_account(client.call("Disburse", pb.DisburseRequest(
        case=case, reference=reference, payee=payee, amount_fen=fen(amount, "amount"))).account)


def _instalment(text: str) -> pb.Instalment:
    due_on, _, amount = text.partition(":")
    if not amount:
        fail("instalment: expected DATE:YUAN, e.g. 2026-04-01:5000", code=2)
    return pb.Instalment(due_on=due_on, amount_fen=fen(amount, "instalment"))


COMMANDS: dict[str, Callable[..., None]] = {
    "assign": assign, "answer": answer, "notice": notice, "leads": leads, "report": report, "extend": extend,
    "interview": interview, "debtor": debtor, "conclude": conclude, "resume": resume,
    "settle": settle, "close": close, "bankruptcy": bankruptcy, "delegate": delegate,
    "sanction": sanction, "refer": refer, "referral": referral, "pay": pay,
    "disburse": disburse,
}
