"""`zhixing progress` — the public progress of a case (案件进度, masked by R60).

Mounted as a top-level command by the `zhixing` command through the `zhixing.cli` entry
point `progress`. A client of the public contract only (contracts and the runtime's CLI
kit); the PublicityService needs no token.
"""

from __future__ import annotations

import json

import typer

from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.runtime.cli_kit import TARGET, Client, Target, court_of


def progress(case_number: str, target: Target = TARGET) -> None:
    """案件进度 — the public progress of a case (masked by R60)."""
    court_of(case_number)  # its form first: the service's NOT_FOUND repeats what it got
    found = Client(publicity_pb2_grpc.PublicityServiceStub, target).call(
        "GetCaseProgress", publicity_pb2.GetCaseProgressRequest(case_number=case_number),
        timeout=10).progress
    parties = [f"{p.role}: {p.name} {p.identity}" for p in found.parties]
    typer.echo(json.dumps({"case_number": found.case_number, "court": found.court_name,
                           "status": found.status_label, "filed_on": found.filed_on,
                           "parties": parties}, ensure_ascii=False, indent=2))
