"""`zhixing asset <measure>` — 查封、扣押、冻结、划拨 over gRPC (AssetControlService, R20–R25).

A measure is imposed on an asset id from `zhixing asset picture`, for the case named by
its number (案号), with a development token for that number's court. Commands about one
measure (renew, release, deduct) and an asset's queue name the court with `--court` (or
ZHIXING_COURT). Every write takes `--request-id`, its idempotency key: a fresh one by
default, printed back so that a retry can repeat it. Money is read and printed in yuan;
a debtor's identity number is printed masked (R60). Which measures `measures` flags as
expiring is the service's answer (the court's `control.expiry_reminder_working_days`, R20).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from zhixing.assets.cli.options import AssetId, RequestId, day, moment, new_key
from zhixing.contracts.pb.assets.v1 import control_pb2 as pb
from zhixing.contracts.pb.assets.v1 import control_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import (
    TARGET,
    Court,
    Number,
    Role,
    Target,
    Team,
    User,
    fen,
    masked_id,
    positive_fen,
    yuan,
)

KINDS = {"seal": "查封", "detain": "扣押", "freeze": "冻结"}


class Ground(StrEnum):
    """R25 grounds for lifting (解除) a measure, as ReleaseMeasureRequest.ground names them."""

    third_party_property = "third_party_property"  # 案外人财产
    withdrawn = "withdrawn"  # 申请执行人撤回
    paid = "paid"  # 被执行人履行完毕
    security_accepted = "security_accepted"  # 申请执行人接受担保
    case_closed = "case_closed"  # 结案
    disposed = "disposed"  # 已处置
    over_seizure = "over_seizure"  # 超标的查封
    other = "other"


MeasureId = Annotated[str, typer.Argument(help="The measure, as `zhixing asset measures` shows it.")]
Ruling = Annotated[str, typer.Option("--ruling", help="The ruling's number (裁定书文号, R25).")]
Amount = Annotated[str, typer.Option(help="Amount frozen, or the asset's value, in yuan (R21).")]
AssetKind = Annotated[str, typer.Option(help="As the picture reports it: deposit, vehicle, "
                                             "real_property, equity, … (sets the R20 term).")]
Months = Annotated[int, typer.Option("--months", help="Term in months; 0 = the class maximum "
                                                      "(R20: deposits 12, movables 24, other 36).",
                                     min=kit.INT32_MIN, max=kit.INT32_MAX)]
ServedAt = Annotated[str, typer.Option(help="When the assistance notice was served, ISO 8601 "
                                            "with offset (default: now; R22, R25).")]
Debtor = Annotated[str, typer.Option(help="The debtor whose asset it is (resident ID or code).")]
Balance = Annotated[str, typer.Option(help="The account's balance in yuan: a person keeps the "
                                           "living minimum (R24).")]
Exempt = Annotated[str, typer.Option(help="Declared category if it may be exempt (R24).")]
Preservation = Annotated[bool, typer.Option(help="A 诉讼保全 measure under this case.")]


def on_case(number: str, target: str, role: str, team: str, user: str) -> kit.Client:
    """The AssetControlService as a member of the court the case number names."""
    return kit.on_case(control_pb2_grpc.AssetControlServiceStub, number, target, role, team, user)


def in_court(court: str, target: str, role: str, team: str, user: str) -> kit.Client:
    """The AssetControlService as a member of `court`."""
    return kit.in_court(control_pb2_grpc.AssetControlServiceStub, court, target, role, team, user)


def _imposer(kind: str, asset_kind_default: str, doc: str) -> Callable[..., None]:
    """One command per kind of measure: the same ruling, a different default asset kind."""

    def impose(number: Number, asset_id: AssetId, ruling: Ruling, amount: Amount,
               asset_kind: AssetKind = asset_kind_default, months: Months = 0,
               served_at: ServedAt = "", debtor: Debtor = "", balance: Balance = "0",
               exempt: Exempt = "", preservation: Preservation = False,
               request_id: RequestId = "", target: Target = TARGET, role: Role = "officer",
               team: Team = "", user: User = "cli") -> None:
        client, key = on_case(number, target, role, team, user), request_id or new_key()
        measure = client.call("ImposeMeasure", pb.ImposeMeasureRequest(
            case_id=number, request_id=key, asset_id=asset_id, kind=kind, asset_kind=asset_kind,
            ruling_number=ruling, amount_fen=positive_fen(amount, "amount"),
            served_at=moment(served_at, "served-at"), term_months=months,
            exempt_category=exempt, balance_fen=fen(balance, "balance"),
            debtor_identity_number=debtor, preservation=preservation)).measure
        whose = f"  debtor {masked_id(debtor)}" if debtor else ""
        typer.echo(f"{number}: {measure_line(measure)}{whose}  request {key}")

    impose.__doc__ = doc
    return impose


freeze = _imposer("freeze", "deposit", "冻结 — freeze money in an account, or property "
                  "rights, for the case (R20: deposits 12 months at most).")
seal = _imposer("seal", "real_property", "查封 — seal real property or a movable "
                "(R20: real property 36 months, movables 24).")
detain = _imposer("detain", "vehicle", "扣押 — detain a movable such as a vehicle "
                  "(R20: 24 months at most).")


def renew(measure_id: MeasureId, months: Months = 0, request_id: RequestId = "",
          court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
          team: Team = "", user: User = "cli") -> None:
    """续行 — renew a measure in effect, by its last day (R20)."""
    key = request_id or new_key()
    measure = in_court(court, target, role, team, user).call("RenewMeasure", pb.RenewMeasureRequest(
        measure_id=measure_id, request_id=key, term_months=months)).measure
    added = measure.renewals[-1].months if measure.renewals else 0
    typer.echo(f"measure {measure.measure_id} renewed (续行) by {added} months: in effect until "
               f"{measure.expires_on}  request {key}")


def release(measure_id: MeasureId,
            ground: Annotated[Ground, typer.Argument(help="The R25 ground.")],
            note: Annotated[str, typer.Option(help="Why, in a few words (no personal data).")]
            = "", court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
            team: Team = "", user: User = "cli") -> None:
    """解除 — lift a measure on an R25 ground; the next in line takes effect (R22)."""
    measure = in_court(court, target, role, team, user).call("ReleaseMeasure",
                                                             pb.ReleaseMeasureRequest(
        measure_id=measure_id, ground=ground.value, note=note)).measure
    typer.echo(f"measure {measure.measure_id} {measure.status} (解除: {measure.end_ground}) "
               f"on {measure.ended_on or '-'}")


def convert(number: Number, measure_id: MeasureId, ruling: Ruling, request_id: RequestId = "",
            target: Target = TARGET, role: Role = "officer", team: Team = "",
            user: User = "cli") -> None:
    """保全转执行 — continue a preservation measure as this case's, same term and place (R23)."""
    key = request_id or new_key()
    measure = on_case(number, target, role, team, user).call(
        "ConvertPreservation", pb.ConvertPreservationRequest(
            measure_id=measure_id, case_id=number, request_id=key, ruling_number=ruling)).measure
    typer.echo(f"{number}: {measure_line(measure)}  converted from {measure.converted_from}  "
               f"request {key}")


def deduct(measure_id: MeasureId,
           amount: Annotated[str, typer.Option(help="The amount to transfer, in yuan.")],
           request_id: RequestId = "",
           court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
           team: Team = "", user: User = "cli") -> None:
    """划拨 — transfer frozen money to the case account (R28); never more than is frozen."""
    key, amount_fen = request_id or new_key(), positive_fen(amount, "amount")
    deducted = in_court(court, target, role, team, user).call("Deduct", pb.DeductRequest(
        measure_id=measure_id, request_id=key, amount_fen=amount_fen))
    measure = deducted.measure
    typer.echo(f"{measure.case_number}: 划拨 {yuan(amount_fen)} yuan from measure "
               f"{measure.measure_id} to the case account (receipt {deducted.deduction_id}); "
               f"still frozen {yuan(measure.frozen_fen)} yuan  request {key}")


def measures(number: Number, on: Annotated[str, typer.Option(
        help="Flag terms ending within the reminder window as of this day, YYYY-MM-DD "
             "(default: today).")] = "", target: Target = TARGET, role: Role = "officer",
        team: Team = "", user: User = "cli") -> None:
    """控制措施 — the case's measures: status, rank, term; flags those about to expire (R20)."""
    listed = on_case(number, target, role, team, user).call(
        "ListCaseMeasures", pb.ListCaseMeasuresRequest(case_id=number,
                                                       as_of=day(on, "on").isoformat()))
    soon = set(listed.expiring_measure_ids)
    if listed.measures:
        typer.echo(f"{'measure':<36}  {'kind':<17} {'status':<9} {'rank':<7} {'held, yuan':>14}  "
                   f"{'until':<16}  ruling")
    for m in listed.measures:
        mark = f"  EXPIRES {m.expires_on}: renew (R20)" if m.measure_id in soon else ""
        typer.echo(f"{m.measure_id}  {KINDS.get(m.kind, m.kind)} {m.asset_kind:<14} "
                   f"{m.status:<9} {rank_text(m.rank):<7} {yuan(held_fen(m)):>14}  "
                   f"until {m.expires_on or '-':<10}  {m.ruling_number}{extras(m)}{mark}")
    typer.echo(f"{number}: {len(listed.measures)} measure(s), {len(soon)} expiring within "
               f"{listed.reminder_working_days} working days of {listed.as_of}"
               + (" (暂定 provisional: no official holiday schedule yet, R64)"
                  if listed.provisional else ""))


def queue(asset_id: AssetId, court: Court = "川0104", target: Target = TARGET,
          role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """轮候 — who holds an asset and who waits, across courts (R22); details of your own only."""
    places = in_court(court, target, role, team, user).call(
        "GetAssetQueue", pb.GetAssetQueueRequest(asset_id=asset_id)).places
    for p in places:
        own = (f"{p.measure.case_number}  {measure_line(p.measure)}" if p.HasField("measure")
               else "(another court's measure)")
        typer.echo(f"{rank_text(p.rank):<7} {p.court_code:<8} served {p.served_at}  {own}")
    if not places:
        typer.echo(f"asset {asset_id}: no live measure")


def measure_line(m: Any) -> str:
    """One measure on one line: what, how much, whether it holds the asset."""
    state = (f"effective {m.effective_on} to {m.expires_on}" if m.status == "effective"
             else f"queued, {rank_text(m.rank)} (R22)" if m.status == "queued" else m.status)
    return (f"{KINDS.get(m.kind, m.kind)} {m.asset_kind} asset {m.asset_id}  "
            f"{yuan(m.amount_fen)} yuan  {state}  measure {m.measure_id}"
            + ("  over the R21 cap: flagged" if m.over_cap_flagged else ""))


def extras(m: Any) -> str:
    parts = [f"renewed x{len(m.renewals)}" if m.renewals else "",
             "保全" if m.preservation else "",
             f"ended {m.ended_on} ({m.end_ground})" if m.ended_on else "",
             f"deducted {yuan(m.deducted_fen)}" if m.deducted_fen else "",
             "over cap (R21)" if m.over_cap_flagged else ""]
    return "".join(f"  {p}" for p in parts if p)


def held_fen(m: Any) -> int:
    return int(m.frozen_fen if m.kind == "freeze" else m.amount_fen)


def rank_text(rank: int) -> str:
    return "ended" if rank < 0 else "holds" if rank == 0 else f"rank {rank}"


COMMANDS: dict[str, Callable[..., None]] = {
    "freeze": freeze, "seal": seal, "detain": detain, "renew": renew, "release": release,
    "convert": convert, "deduct": deduct, "measures": measures, "queue": queue}
