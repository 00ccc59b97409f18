"""`zhixing supervise interference …|verify|summary` — the interference register (R35):
recorded by everyone, read with a purpose by the president and discipline, its chain
proved (exit 1 naming the first broken seq)."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Target, User
from zhixing.supervision.cli.common import (
    Day,
    Key,
    PageSize,
    PageToken,
    Role,
    Scope,
    client_for,
    print_more,
)


def interference_record(
        who_name: Annotated[str, typer.Option(help="Who interfered: the name.")],
        who_unit: Annotated[str, typer.Option(help="Their unit.")],
        who_post: Annotated[str, typer.Option(help="Their post.")],
        means: Annotated[str, typer.Option(
            help="letter, call, in_person, via_relatives, via_staff or other.")],
        asked: Annotated[str, typer.Option(help="What was asked.")],
        case_id: Annotated[str, typer.Option(help="The case it concerns, by id.")] = "",
        case_number: Annotated[str, typer.Option(help="That case's 案号.")] = "",
        corrects: Annotated[str, typer.Option(help="The record it corrects, by id.")] = "",
        occurred_on: Day = "", request_id: Key = "", scope: Scope = "",
        court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
        user: User = "cli") -> None:
    """记录干预过问 — append a record to the court's register (R35); nothing of it is
    printed back."""
    answer = client_for(court, target, role, user).call("RecordInterference",
                                                     pb.RecordInterferenceRequest(
        court_code=scope, who_name=who_name, who_unit=who_unit, who_post=who_post,
        means=means, occurred_on=occurred_on, case_id=case_id, case_number=case_number,
        asked=asked, corrects=corrects, request_id=request_id))
    typer.echo(f"已记录  {answer.court_code} #{answer.seq}  {answer.record_id}  "
               f"chain {answer.chain_hash}")


def interference_read(purpose: Annotated[str, typer.Option(
                          help="Why you read it (kept in the audit log).")],
                      scope: Scope = "", page_size: PageSize = 50,
                      page_token: PageToken = "", court: Court = "川0104",
                      target: Target = TARGET, role: Role = "president",
                      user: User = "cli") -> None:
    """干预过问记录 — the court's register; every read is audited (R35, R46)."""
    answer = client_for(court, target, role, user).call("ReadInterference",
                                                     pb.ReadInterferenceRequest(
        court_code=scope, purpose=purpose, page_size=page_size, page_token=page_token))
    for e in answer.entries:
        fixes = f"  更正 {e.corrects}" if e.corrects else ""
        case = f"  {e.case_number or e.case_id}" if (e.case_number or e.case_id) else ""
        typer.echo(f"#{e.seq}  {e.occurred_on}  {e.who_name} ({e.who_unit} {e.who_post})  "
                   f"{e.means}{case}{fixes}  记录 {e.recorded_on} {e.recorded_by}\n"
                   f"    {e.asked}")
    print_more(answer.next_page_token)


def verify(scope: Scope = "",
           head_seq: Annotated[int, typer.Option(
               min=0, max=kit.INT32_MAX, help="A head seq kept outside (0: none).")] = 0,
           head_hash: Annotated[str, typer.Option(help="That head's hash.")] = "",
           court: Court = "川0104", target: Target = TARGET, role: Role = "president",
           user: User = "cli") -> None:
    """核验干预过问记录链 — prove the register unbroken (R35); exit 1 naming the first
    broken record's seq."""
    answer = client_for(court, target, role, user).call("VerifyRegister",
                                                     pb.VerifyRegisterRequest(
        court_code=scope, head_seq=head_seq, head_hash=head_hash))
    if not answer.ok:
        kit.fail(f"the register is broken at seq {answer.first_bad_seq}: {answer.problem} "
                 f"({answer.checked} records checked)")
    typer.echo(f"完好 ok  {answer.checked} records  head #{answer.head_seq} {answer.head_hash}")


def summary(quarter: Annotated[int, typer.Argument(min=1, max=4, help="The quarter, 1–4.")],
            year: Annotated[int, typer.Option(min=0, max=9999,
                                              help="The year; this year when 0.")] = 0,
            scope: Scope = "", court: Court = "川0104", target: Target = TARGET,
            role: Role = "president", user: User = "cli") -> None:
    """干预过问季度报告 — the quarter's summary; a nil report when none was recorded (R35)."""
    s = client_for(court, target, role, user).call("GetQuarterSummary",
                                                pb.GetQuarterSummaryRequest(
        court_code=scope, year=year, quarter=quarter))
    head = f"  head #{s.head_seq} {s.head_hash}" if s.head_seq else ""
    if s.nil:
        typer.echo(f"{s.court_code} {s.year}Q{s.quarter}  零报告 nil report{head}")
        return
    means = ", ".join(f"{c.key} {c.count}" for c in s.by_means)
    typer.echo(f"{s.court_code} {s.year}Q{s.quarter}  {s.count} 件 ({means})  "
               f"涉及案件 {s.cases_named}  更正 {s.corrections}{head}")
