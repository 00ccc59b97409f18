"""What every `zhixing supervise` command shares: its options and its client."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc
from zhixing.runtime import cli_kit as kit

Role = Annotated[str, typer.Option(help="Your role (dev token).", envvar="ZHIXING_ROLE")]
Day = Annotated[str, typer.Option(help="YYYY-MM-DD; today when left out.")]
Month = Annotated[str, typer.Option(help="YYYY-MM.")]
Scope = Annotated[str, typer.Option(help="The court or court prefix; yours when left out.")]
Region = Annotated[str, typer.Option(help="A region: a court code prefix, or 成渝.")]
Id = Annotated[str, typer.Argument(help="The id.")]
PageSize = Annotated[int, typer.Option(min=0, max=500, help="At most this many (0: 50).")]
PageToken = Annotated[str, typer.Option(help="The token a previous page printed.")]
Key = Annotated[str, typer.Option(help="Idempotency key.")]


def client_for(court: str, target: str, role: str, user: str) -> kit.Client:
    return kit.in_court(supervision_pb2_grpc.SupervisionServiceStub, court, target, role, "",
                        user)


def print_more(token: str) -> None:
    if token:
        typer.echo(f"more: --page-token {token}")
