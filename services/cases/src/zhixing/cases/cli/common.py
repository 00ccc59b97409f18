"""What every `zhixing case` command shares: the client on a case, how a case and its
account are printed. Money is printed in yuan."""

from __future__ import annotations

import typer

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import yuan


def on_case(number: str, target: str, role: str, team: str,
            user: str) -> tuple[kit.Client, pb.CaseRef]:
    """A client for the court the case number names (R38, R39), and the case."""
    client = kit.on_case(cases_pb2_grpc.CasesServiceStub, number, target, role, team, user)
    return client, pb.CaseRef(case_number=number)


def in_court(court: str, target: str, role: str, team: str, user: str) -> kit.Client:
    """A client for the CasesService as a member of `court`."""
    return kit.in_court(cases_pb2_grpc.CasesServiceStub, court, target, role, team, user)


def day(on: str, provisional: bool) -> str:
    """A last day as printed: marked when counted with no official holiday schedule
    for its year yet (R64), e.g. `2027-01-11 (暂定 provisional)`."""
    return f"{on} (暂定 provisional)" if provisional else on


def show_case(case: pb.EnforcementCase) -> None:
    """One line: number, status, who has it, and the next running time limit."""
    running = sorted((n for n in case.nodes if not n.done_on), key=lambda n: n.due_on)
    parts = [case.case_number, case.status_label + (f" ({case.closure_label})"
                                                   if case.closure_label else "")]
    if case.team:
        parts.append(f"{case.team}/{case.lead_officer}")
    if running:
        node = running[0]
        parts.append(f"next: {node.label} by {day(node.due_on, node.provisional)} ({node.rule})"
                     + (" OVERDUE" if node.overdue else ""))
    typer.echo("  ".join(parts))


def show_account(account: pb.Account) -> None:
    """The case account: totals on one line, then what each payee is owed and was paid."""
    typer.echo(f"{account.case_number}  received {yuan(account.received_fen)}  "
               f"disbursed {yuan(account.disbursed_fen)}  balance {yuan(account.balance_fen)}  "
               f"unpaid claim {yuan(account.unpaid_claim_fen)}"
               + (f"  disburse by {day(account.disburse_by, account.disburse_by_provisional)} (R28)"
                  if account.disburse_by else ""))
    for payee, owed in sorted(account.owed_fen.items()):
        typer.echo(f"  owed  {payee:<14} {yuan(owed)}")
    for payee, paid in sorted(account.paid_fen.items()):
        typer.echo(f"  paid  {payee:<14} {yuan(paid)}")
