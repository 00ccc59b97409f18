"""`zhixing case ...` — run a case from 分案 to 结案 over gRPC (CasesService).

Each command names the case by its number (案号); the token is a development token for
the court in that number, with the role, team and user given by `--role`, `--team`,
`--user` (or ZHIXING_ROLE, ZHIXING_TEAM, ZHIXING_USER), unless ZHIXING_TOKEN holds a
real one. Money is read and printed in yuan. Errors are one line on stderr and a
non-zero exit (STYLE 14). `register(case_app)` adds the commands; nothing runs at import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, TypeVar

import grpc
import typer

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.money import Money
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

T = TypeVar("T")

Target = Annotated[str, typer.Option(help="gRPC address of the suite.",
                                     envvar="ZHIXING_GRPC_TARGET")]
Role = Annotated[str, typer.Option(help="Your role (dev token).", envvar="ZHIXING_ROLE")]
Team = Annotated[str, typer.Option(help="Your team (dev token).", envvar="ZHIXING_TEAM")]
User = Annotated[str, typer.Option(help="Your user id (dev token).", envvar="ZHIXING_USER")]
Court = Annotated[str, typer.Option(help="Court code, e.g. 川0104.", envvar="ZHIXING_COURT")]
Number = Annotated[str, typer.Argument(help="Case number (案号), e.g. (2026)川0104执1号.")]
TARGET = "127.0.0.1:50051"


class Session:
    """Who calls, and where: one channel, one bearer token."""

    def __init__(self, target: str, court: str, role: str, team: str, user: str,
                 stub: Any = cases_pb2_grpc.CasesServiceStub) -> None:
        self.target, self.court, self.stub = target, court, stub
        self.identity = _identity(user, role, court, team)

    def call(self, method: str, request: Any) -> Any:
        token = os.environ.get("ZHIXING_TOKEN") or issue_token(
            self.identity, Settings.from_env().jwt_secret)
        channel = grpc.insecure_channel(self.target)
        try:
            return getattr(self.stub(channel), method)(request, metadata=bearer_metadata(token),
                                                       timeout=15)
        except grpc.RpcError as error:
            fail(f"{error.code().name}: {error.details()}")
        finally:
            channel.close()


def on_case(number: str, target: str, role: str, team: str, user: str) -> tuple[Session,
                                                                               pb.CaseRef]:
    """A session for the court the case number names (R38, R39), and the case."""
    court = str(_parse(lambda: CaseNumber.parse(number)).court)
    return Session(target, court, role, team, user), pb.CaseRef(case_number=number)


def fail(message: str, code: int = 1) -> NoReturn:
    print(f"zhixing: {message}", file=sys.stderr)
    raise typer.Exit(code)


def fen(yuan: str, field: str) -> int:
    return _parse(lambda: Money.from_yuan(yuan, field=field).fen)


def yuan(amount_fen: int) -> str:
    return f"{Money(amount_fen).yuan:.2f}"


def show_case(case: pb.EnforcementCase) -> None:
    """One line: number, status, who has it, and the next running time limit."""
    running = sorted((n for n in case.nodes if not n.done_on), key=lambda n: n.due_on)
    parts = [case.case_number, case.status_label + (f" ({case.closure_label})"
                                                   if case.closure_label else "")]
    if case.team:
        parts.append(f"{case.team}/{case.lead_officer}")
    if running:
        node = running[0]
        parts.append(f"next: {node.label} by {node.due_on} ({node.rule})"
                     + (" OVERDUE" if node.overdue else ""))
    typer.echo("  ".join(parts))


def show_account(account: pb.Account) -> None:
    typer.echo(f"{account.case_number}  received {yuan(account.received_fen)}  "
               f"disbursed {yuan(account.disbursed_fen)}  balance {yuan(account.balance_fen)}  "
               f"unpaid claim {yuan(account.unpaid_claim_fen)}"
               + (f"  disburse by {account.disburse_by} (R28)" if account.disburse_by else ""))
    for payee, owed in sorted(account.owed_fen.items()):
        typer.echo(f"  owed  {payee:<14} {yuan(owed)}")
    for payee, paid in sorted(account.paid_fen.items()):
        typer.echo(f"  paid  {payee:<14} {yuan(paid)}")


def _identity(user: str, role: str, court: str, team: str) -> Identity:
    return _parse(lambda: Identity(subject=user, role=role, court=court, team=team))


def _parse(build: Callable[[], T]) -> T:
    """Bad input on the command line is a usage error (exit 2), named by its field."""
    try:
        return build()
    except InvalidInput as error:
        fail(str(error), code=2)


def register(case_app: typer.Typer) -> None:
    """Add the case commands to `zhixing case`."""
    from zhixing.runtime import case_acts, case_reads

    for module in (case_acts, case_reads):
        for name, command in module.COMMANDS.items():
            case_app.command(name)(command)
