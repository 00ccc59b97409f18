"""`zhixing supervise matter …|suggest …` — procuratorial matters (R34) and judicial
suggestions (R37)."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import TARGET, Court, Target, User
from zhixing.supervision.cli.common import (
    Day,
    Id,
    Key,
    PageSize,
    PageToken,
    Role,
    Scope,
    client_for,
    print_more,
)
from zhixing.supervision.cli.show import (
    show_matter,
    show_suggestion,
)


def matter_receive(kind: Annotated[str, typer.Argument(
                       help="suggestion (检察建议) or inquiry (书面询问).")],
                   document: Annotated[str, typer.Option(help="The document number.")],
                   procuratorate: Annotated[str, typer.Option(help="The procuratorate.")],
                   case_id: Annotated[str, typer.Option(help="The case it names, by id.")] = "",
                   case_number: Annotated[str, typer.Option(help="That case's 案号.")] = "",
                   summary: Annotated[str, typer.Option(help="What it asks.")] = "",
                   request_id: Key = "", on: Day = "", scope: Scope = "",
                   court: Court = "川0104", target: Target = TARGET,
                   role: Role = "supervisor", user: User = "cli") -> None:
    """收到检察建议/询问 — the reply is due in 3 months or 15 days (R34)."""
    show_matter(client_for(court, target, role, user).call("ReceiveMatter",
                                                        pb.ReceiveMatterRequest(
        court_code=scope, kind=kind, document_number=document, procuratorate=procuratorate,
        case_id=case_id, case_number=case_number, received_on=on, summary=summary,
        request_id=request_id)).matter)


def matter_extend(matter_id: Id, on: Day = "", court: Court = "川0104",
                  target: Target = TARGET, role: Role = "president",
                  user: User = "cli") -> None:
    """批准延期回复 — one more month, asked for before the reply's last day (R34)."""
    show_matter(client_for(court, target, role, user).call("ExtendReply", pb.ExtendReplyRequest(
        matter_id=matter_id, requested_on=on)).matter)


def matter_reply(matter_id: Id, document: Annotated[str, typer.Option(
                     help="The court's reply document number.")],
                 on: Day = "", court: Court = "川0104", target: Target = TARGET,
                 role: Role = "supervisor", user: User = "cli") -> None:
    """回复检察监督 — the court's reply (R34)."""
    show_matter(client_for(court, target, role, user).call("RecordReply", pb.RecordReplyRequest(
        matter_id=matter_id, replied_on=on, document_number=document)).matter)


def matter_show(matter_id: Id, court: Court = "川0104", target: Target = TARGET,
                role: Role = "supervisor", user: User = "cli") -> None:
    """检察监督事项 — one matter."""
    found = client_for(court, target, role, user).call("GetMatter", pb.GetMatterRequest(
        matter_id=matter_id)).matter
    show_matter(found)
    if found.summary:
        typer.echo(f"  {found.summary}")


def matter_list(scope: Scope = "", status: Annotated[str, typer.Option(
                    help="awaiting or replied; all when left out.")] = "",
                page_size: PageSize = 50, page_token: PageToken = "",
                court: Court = "川0104", target: Target = TARGET,
                role: Role = "supervisor", user: User = "cli") -> None:
    """检察监督事项列表 — the scope's matters, newest first."""
    answer = client_for(court, target, role, user).call("ListMatters", pb.ListMattersRequest(
        court_code=scope, status=status, page_size=page_size, page_token=page_token))
    for found in answer.matters:
        show_matter(found)
    print_more(answer.next_page_token)


def suggest_send(kind: Annotated[str, typer.Argument(
                     help="judicial (司法建议) or disciplinary (纪律处分建议).")],
                 recipient: Annotated[str, typer.Option(help="The unit or official.")],
                 document: Annotated[str, typer.Option(help="The document number.")],
                 reason: Annotated[str, typer.Option(help="Why (R37).")],
                 agency_id: Annotated[str, typer.Option(help="The agency, if one.")] = "",
                 case_id: Annotated[str, typer.Option(help="The case, by id.")] = "",
                 handle_by: Annotated[str, typer.Option(
                     help="Its handling's last day; 2 months when left out.")] = "",
                 request_id: Key = "", on: Day = "", scope: Scope = "",
                 court: Court = "川0104", target: Target = TARGET,
                 role: Role = "president", user: User = "cli") -> None:
    """发出司法建议 — to a unit or official that refuses to assist (R37)."""
    show_suggestion(client_for(court, target, role, user).call("SendSuggestion",
                                                            pb.SendSuggestionRequest(
        court_code=scope, kind=kind, recipient=recipient, agency_id=agency_id,
        case_id=case_id, document_number=document, reason=reason, sent_on=on,
        handle_by=handle_by, request_id=request_id)).suggestion)


def suggest_handled(suggestion_id: Id, outcome: Annotated[str, typer.Option(
                        help="What the recipient did.")],
                    on: Day = "", court: Court = "川0104", target: Target = TARGET,
                    role: Role = "supervisor", user: User = "cli") -> None:
    """司法建议办理情况 — the recipient's handling (R37)."""
    show_suggestion(client_for(court, target, role, user).call("RecordHandling",
                                                            pb.RecordHandlingRequest(
        suggestion_id=suggestion_id, handled_on=on, outcome=outcome)).suggestion)


def suggest_list(scope: Scope = "", status: Annotated[str, typer.Option(
                     help="sent or handled; all when left out.")] = "",
                 page_size: PageSize = 50, page_token: PageToken = "",
                 court: Court = "川0104", target: Target = TARGET,
                 role: Role = "supervisor", user: User = "cli") -> None:
    """司法建议列表 — the scope's suggestions, newest first."""
    answer = client_for(court, target, role, user).call("ListSuggestions",
                                                     pb.ListSuggestionsRequest(
        court_code=scope, status=status, page_size=page_size, page_token=page_token))
    for found in answer.suggestions:
        show_suggestion(found)
    print_more(answer.next_page_token)
