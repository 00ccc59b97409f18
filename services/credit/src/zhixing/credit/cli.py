"""`zhixing dishonest …` — the dishonest-debtor list (失信), consumption restrictions (限消)
and the partners' checks (联合惩戒), over gRPC.

Court commands name the case by its number (案号) and call as a judge of its court with a
development token (`--role`, `--user`), unless ZHIXING_TOKEN holds a real one. Partner
commands call as `--partner` (role partner). Identity numbers are printed masked (R60).
Mounted by the `zhixing` command through the `zhixing.cli` entry point `dishonest`; a
client of the public contract only (contracts and the runtime's CLI kit).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from zhixing.contracts import packed_states
from zhixing.contracts.pb.credit.v1 import check_pb2, check_pb2_grpc, credit_pb2, credit_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import TARGET, Court, Number, Target, User, fail, masked_id

Role = Annotated[
    str,
    typer.Option(help="Your role (dev token): judge or president decide.", envvar="ZHIXING_ROLE"),
]
Debtor = Annotated[str, typer.Argument(help="Resident ID or unified social credit code.")]
Persons = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        help="An organisation's person (R14) as role:name:identity, e.g. "
        "legal_representative:李四:510104197501012011; repeatable.",
    ),
]
Partner = Annotated[
    str, typer.Option(help="Your partner id (dev token, role partner).", envvar="ZHIXING_PARTNER")
]
Day = Annotated[str, typer.Option(help="YYYY-MM-DD; today when left out.")]
BATCH = 10_000
"""Identities a BatchCheck message carries at most (R42's bound)."""


def _court(number: str, target: str, role: str, user: str) -> kit.Client:
    return kit.on_case(credit_pb2_grpc.CreditServiceStub, number, target, role, "", user)


def _in_court(court: str, target: str, role: str, user: str) -> kit.Client:
    return kit.in_court(credit_pb2_grpc.CreditServiceStub, court, target, role, "", user)


def _as_partner(partner: str, target: str) -> kit.Client:
    return kit.Client(check_pb2_grpc.CreditCheckServiceStub, target,
                      kit.Caller(role="partner", user=partner, agency=partner))


def _persons(given: list[str] | None) -> list[credit_pb2.Person]:
    persons = []
    for number, text in enumerate(given or [], start=1):
        parts = text.split(":")
        if len(parts) != 3:  # the text holds an identity number: not echoed (R60)
            fail(f"--person #{number}: expected role:name:identity", code=2)
        persons.append(credit_pb2.Person(role=parts[0], name=parts[1], identity_number=parts[2]))
    return persons


def decide(number: Number, debtor: Debtor,
           ground: Annotated[list[int], typer.Option(help="Ground of R1, 1–6; repeatable.",
                                                     min=kit.INT32_MIN, max=kit.INT32_MAX)],
           decision: Annotated[str, typer.Option(help="The decision's number (决定书).")],
           facts: Annotated[str, typer.Option(help="The facts found.")] = "",
           signed: Annotated[bool, typer.Option(help="Signed off by the president (R5).")] = False,
           extension: Annotated[int, typer.Option(help="Extension, 0–3 years (R2).",
                                                  min=kit.INT32_MIN, max=kit.INT32_MAX)] = 0,
           grace: Annotated[int, typer.Option(help="Grace period in months (R10); 0: default.",
                                              min=kit.INT32_MIN, max=kit.INT32_MAX)] = 0,
           person: Persons = None, on: Day = "", target: Target = TARGET,
           role: Role = "judge", user: User = "cli") -> None:
    """纳入失信名单 — list a debtor of the case (published after the grace period, R10)."""
    client = _court(number, target, role, user)
    show_listing(client.call("DecideListing", credit_pb2.DecideListingRequest(
        case_ref=number, debtor_identity_number=debtor, grounds=ground, facts=facts,
        decision_number=decision, decided_on=on, signed_by_president=signed,
        extension_years=extension, grace_months=grace, persons=_persons(person))).listing)


def decline(number: Number, debtor: Debtor,
            rule: Annotated[str, typer.Option(
                help="The rule that excludes listing: R1 (no ground made out), R3 (ground 1 "
                "excluded) or R4 (a minor).")],
            reason: Annotated[str, typer.Option(
                help="Why, as the decision states it (R5); at most 500 characters.")],
            on: Day = "", target: Target = TARGET, role: Role = "judge",
            user: User = "cli") -> None:
    """不予纳入 — decide a candidate debtor of the case is not to be listed (R5)."""
    client = _court(number, target, role, user)
    answer = client.call("DeclineListing", credit_pb2.DeclineListingRequest(
        case_ref=number, debtor_identity_number=debtor, reason_rule=rule, reason=reason,
        decided_on=on))
    typer.echo(f"not listed  {answer.case_number}  {answer.debtor}  decided "
               f"{answer.decided_on}  ({answer.reason_rule})")


def remove(number: Number, listing_id: str,
           reason: Annotated[int, typer.Option(help="Reason of R8, 1–7.", min=kit.INT32_MIN,
                                               max=kit.INT32_MAX)],
           on: Day = "", target: Target = TARGET, role: Role = "judge", user: User = "cli") -> None:
    """删除失信信息 — e.g. reason 3: the applicant's written request was approved."""
    client = _court(number, target, role, user)
    show_listing(client.call("RemoveListing", credit_pb2.RemoveListingRequest(
        listing_id=listing_id, reason=reason, triggered_on=on)).listing)


def correct(number: Number, listing_id: str, step: Annotated[str, typer.Argument(
        help="request, decide, apply_reconsideration, decide_reconsideration or correct.")],
        upheld: Annotated[bool, typer.Option(help="For the decisions: upheld.")] = False,
        remove: Annotated[bool, typer.Option(
            help="For correct: the debtor was wrongly listed; remove the listing.")] = False,
        on: Day = "", target: Target = TARGET, role: Role = "judge", user: User = "cli") -> None:
    """纠正 — one step of a correction request (R9)."""
    client = _court(number, target, role, user)
    show_listing(client.call("AdvanceCorrection", credit_pb2.AdvanceCorrectionRequest(
        listing_id=listing_id, step=step, upheld=upheld, on=on, remove=remove)).listing)


def restrict(number: Number, debtor: Debtor,
             order: Annotated[str, typer.Option(help="The order's number (限制消费令).")],
             person: Persons = None, on: Day = "", target: Target = TARGET,
             role: Role = "judge", user: User = "cli") -> None:
    """限制消费令 — after the execution notice's deadline (R12); R13's conduct."""
    client = _court(number, target, role, user)
    show_restriction(client.call("OrderRestriction", credit_pb2.OrderRestrictionRequest(
        case_ref=number, debtor_identity_number=debtor, order_number=order, issued_on=on,
        persons=_persons(person))).restriction)


def lift(number: Number, restriction_id: str, ground: Annotated[str, typer.Option(
        help="security, applicant_consent or full_performance (R15).")],
        reference: Annotated[str, typer.Option(help="The lifting decision's number.")],
        on: Day = "", target: Target = TARGET, role: Role = "judge", user: User = "cli") -> None:
    """解除限制消费令 (R15)."""
    client = _court(number, target, role, user)
    show_restriction(client.call("LiftRestriction", credit_pb2.LiftRestrictionRequest(
        restriction_id=restriction_id, ground=ground, reference=reference,
        lifted_on=on)).restriction)


def release(number: Number, restriction_id: str, identity: Debtor,
            evidence: Annotated[str, typer.Option(help="What shows they no longer control it.")],
            on: Day = "", target: Target = TARGET, role: Role = "judge", user: User = "cli") -> None:
    """Release a former legal representative (R15)."""
    client = _court(number, target, role, user)
    show_restriction(client.call("ReleasePerson", credit_pb2.ReleasePersonRequest(
        restriction_id=restriction_id, identity_number=identity, evidence=evidence,
        released_on=on)).restriction)


def candidates(court: Court = "川0104", target: Target = TARGET, role: Role = "judge",
               user: User = "cli") -> None:
    """失信候选 — debtors the case events propose (R1 grounds 4 and 6); a judge decides."""
    for c in _in_court(court, target, role, user).call(
            "ListCandidates", credit_pb2.ListCandidatesRequest()).candidates:
        typer.echo(f"{c.on}  {c.case_number}  {c.debtor}  ground ({c.ground})  {c.because}")


def record(identity: Debtor, court: Court = "川0104", target: Target = TARGET,
           role: Role = "judge", user: User = "cli") -> None:
    """信用记录 — a debtor's listings, restrictions and the partners' reported blocks."""
    found = _in_court(court, target, role, user).call(
        "GetDebtorRecord", credit_pb2.GetDebtorRecordRequest(identity_number=identity))
    typer.echo(f"{masked_id(identity)}  {describe(found.state)}")
    for listing in found.listings:
        show_listing(listing)
    for restriction in found.restrictions:
        show_restriction(restriction)
    for a in found.actions:
        typer.echo(f"  {a.occurred_at[:16]}  {a.partner}: {a.action} {a.conduct}  {a.detail}")
    for case in found.good_faith_cases:
        typer.echo(f"  good faith (自动履行) in case {case}")


def check(identity: Debtor, partner: Partner = "partner.demo", target: Target = TARGET) -> None:
    """联合惩戒 — is this identity listed or restricted now (as a partner)?"""
    answer = _as_partner(partner, target).call(
        "Check", check_pb2.CheckRequest(identity_number=identity))
    valid = "" if answer.valid else "  (not a valid identity number)"
    typer.echo(f"{masked_id(identity)}  {describe(answer.state)}{valid}")
    for basis in answer.basis:
        typer.echo(f"  because: {because(basis)}")


def batch_check(source: Annotated[str, typer.Argument(
        help="A file of identity numbers, one a line; '-': standard input.")],
        partner: Partner = "partner.demo", target: Target = TARGET) -> None:
    """联合惩戒 at scale — check many identities in one BatchCheck stream (batches of
    10,000, answers in the packed form), one masked line each, in order."""
    identities = _identities(source)
    requests = [check_pb2.BatchCheckRequest(identity_numbers=identities[at:at + BATCH],
                                            answer_form=check_pb2.ANSWER_FORM_PACKED)
                for at in range(0, len(identities), BATCH)]
    answers = _as_partner(partner, target).stream("BatchCheck", requests)
    words = [word for answer in answers for word in packed_states.words(answer.packed_states)]
    for identity, word in zip(identities, words, strict=True):
        typer.echo(f"{masked_id(identity)}  {describe(packed_states.state(word))}")


def _identities(source: str) -> list[str]:
    """The non-blank lines of a file or of standard input, stripped."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {source}: {type(error).__name__}", code=2)
    return [line.strip() for line in text.splitlines() if line.strip()]


def report(identity: Debtor, action: Annotated[str, typer.Argument(
        help="What was refused, e.g. flight_ticket, loan, permit.")],
        report_id: Annotated[str, typer.Option(help="Your id for the report (idempotent).")],
        conduct: Annotated[str, typer.Option(help="The R13 code it enforces.")] = "",
        detail: str = "", partner: Partner = "partner.demo", target: Target = TARGET) -> None:
    """自动反馈 — report a block applied (R42); the court sees it on the record."""
    answer = _as_partner(partner, target).call("ReportAction", check_pb2.ReportActionRequest(
        report_id=report_id, identity_number=identity, action=action, conduct=conduct,
        detail=detail))
    typer.echo("recorded" if answer.recorded else "already recorded")


def describe(state: Any) -> str:
    if not (state.listed or state.restricted):
        return "not listed, not restricted"
    what = [w for w, on in (("listed (失信)", state.listed),
                            ("restricted (限消)", state.restricted)) if on]
    return (f"{', '.join(what)} since {state.since}, {state.cases} case(s); "
            f"conduct: {', '.join(state.conduct) or '-'}")


def because(basis: Any) -> str:
    """One basis of a Check (issue 18): what binds the identity, in which case and court;
    an organisation's code masked like any identity number (R60)."""
    where = f"in {basis.case_number} ({basis.court_code}) since {basis.since}"
    if basis.kind == "listed":
        return f"listed (失信) on grounds {', '.join(basis.grounds)} of R1 {where}"
    if basis.kind == "restricted_person":
        return (f"restricted (限消) as {basis.role} of {basis.organisation_name} "
                f"({masked_id(basis.organisation_code)}), R14, {where}")
    return f"restricted (限消) as the debtor {where}"


def show_listing(x: Any) -> None:
    status = (f"removed {x.removed_on} (R8 reason {x.removal_reason})" if x.removed_on
              else "published" if x.published else f"to be published {x.publish_on}")
    term = f"term to {x.expires_on}" if x.expires_on else "no fixed term"
    typer.echo(f"listing {x.listing_id}  {x.case_number}  {x.debtor}  grounds "
               f"{list(x.grounds)}  decided {x.decided_on}  {term}  {status}"
               + (f"  correction: {x.correction}" if x.correction else ""))


def show_restriction(x: Any) -> None:
    status = f"lifted {x.lifted_on} ({x.lift_ground})" if x.lifted_on else "in force"
    persons = "; ".join(f"{p.role} {p.name} {p.identity_number}" for p in x.persons)
    typer.echo(f"restriction {x.restriction_id}  {x.case_number}  {x.debtor}  by {x.basis} "
               f"from {x.issued_on}  {status}" + (f"  persons: {persons}" if persons else ""))


COMMANDS = {"decide": decide, "decline": decline, "remove": remove, "correct": correct, "restrict": restrict,
            "lift": lift, "release": release, "candidates": candidates, "record": record,
            "check": check, "batch-check": batch_check, "report": report}



app = typer.Typer(no_args_is_help=True,
                  help="失信、限消 — list, restrict, remove; partners check and report.")
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)
