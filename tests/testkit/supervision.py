"""The supervision service as the cross-service tests drive it (issue 15): one court's
people over every court API, and the KPIs of R33 computed independently of the service
— from what the test did and what the other services answered about it (their
events' own figures: filing and closing days, node limits, receipts, removal deadlines,
relief decision limits), never from supervision's tables.

The definitions are the binding ones of the supervision spec (period = months inclusive;
a case counts once, by its first closure, 终本 included; rates absent when their divisor
is 0; p90 by nearest rank).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import grpc

from zhixing.contracts.pb.assets.v1 import control_pb2
from zhixing.contracts.pb.assets.v1.control_pb2_grpc import AssetControlServiceStub
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.contracts.pb.credit.v1.credit_pb2_grpc import CreditServiceStub
from zhixing.contracts.pb.supervision.v1 import supervision_pb2
from zhixing.contracts.pb.supervision.v1.supervision_pb2_grpc import SupervisionServiceStub
from zhixing.kernel.periods import period_end
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

NOT_YET = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION}
"""What a service answers about a case its consumers have not seen yet."""
R16_AGENCIES = {"bank_deposit", "vehicle", "real_estate", "securities"}
"""R16(3): the network inquiry covers at least these (the spec's definition)."""
FIGURES = ("received", "closed", "pending_at_start", "closure_rate", "recovered_rate",
           "avg_days", "p90_days", "zhongben", "zhongben_rate", "zhongben_compliant",
           "zhongben_compliance", "overdue_nodes", "first_closed",
           "first_closed_within_limit", "removals", "removals_within_limit",
           "relief_decided", "relief_within_limit")
OPTIONAL = {"closure_rate", "recovered_rate", "avg_days", "p90_days", "zhongben_rate",
            "zhongben_compliance"}
"""Figures absent on the wire when their divisor is 0 (or no case closed)."""


class Court:
    """One court's people, each with a token of their role, over the cases, assets,
    credit and supervision APIs: `court("cases", "AssignCase", "officer", …)`."""

    ROLES = ("officer", "judge", "president", "supervisor")
    SERVICES: ClassVar[dict[str, tuple[Any, Any]]] = {
        "cases": (CasesServiceStub, cases_pb2),
        "assets": (AssetControlServiceStub, control_pb2),
        "credit": (CreditServiceStub, credit_pb2),
        "supervision": (SupervisionServiceStub, supervision_pb2)}

    def __init__(self, targets: dict[str, str], secret: str, court: str, team: str) -> None:
        self.channels = {name: grpc.insecure_channel(targets[name]) for name in self.SERVICES}
        self.stubs = {name: (stub(self.channels[name]), pb)
                      for name, (stub, pb) in self.SERVICES.items()}
        self.metadata = {
            role: bearer_metadata(issue_token(
                Identity(f"{role}-{court}", role, court,
                         team=team if role == "officer" else ""), secret))
            for role in self.ROLES}

    def __call__(self, service: str, method: str, role: str = "officer", **fields: Any) -> Any:
        stub, pb = self.stubs[service]
        request = getattr(pb, f"{method}Request")(**fields)
        return getattr(stub, method)(request, metadata=self.metadata[role], timeout=30)

    def once_known(self, service: str, method: str, role: str = "officer", *,
                   team_known: bool = False, **fields: Any) -> Any:
        """The call's answer; None while the service does not know the case yet (its
        consumers lag), so a caller polls it with a deadline. Only for calls that change
        nothing when refused and are idempotent by their request id or number.
        `team_known`: the call is the team's, refused (R46) until the service has seen
        the case's assignment."""
        try:
            return self(service, method, role, **fields)
        except grpc.RpcError as error:
            if error.code() in NOT_YET or (team_known and error.code()
                                           == grpc.StatusCode.PERMISSION_DENIED):
                return None
            raise

    def close(self) -> None:
        for channel in self.channels.values():
            channel.close()


@dataclass
class CaseFacts:
    """What the test knows of one case it drove, as the cases service answered it."""

    case_id: str
    case_type: str
    filed_on: str
    claim_fen: int
    closed_on: str = ""
    """The first closure: 结案 or 终本."""
    zhongben: bool = False
    r16_met: bool = False
    """The test's own check of R16(1)–(4) from the days the acts were done on."""
    close_due: str = ""
    """The last day of the case's "close" node (R26); "" when it has none."""
    receipts: list[tuple[str, int]] = field(default_factory=list)
    """(received_on, amount_fen) of every receipt."""
    overdue_nodes: list[tuple[str, str]] = field(default_factory=list)
    """(node, due_on) of every node reported overdue."""


def facts_of(case: cases_pb2.EnforcementCase, account: cases_pb2.Account,
             closed_on: str, r16_met: bool = False) -> CaseFacts:
    """A case's facts from its GetCase and GetAccount answers; `closed_on` is the day
    the test closed it (the case message names the 终本 day only)."""
    claim = case.claim.principal_fen + case.claim.interest_fen + case.claim.costs_fen
    nodes = {node.node: node for node in case.nodes}
    first = case.concluded_on or closed_on
    return CaseFacts(
        case_id=case.case_id, case_type=case.case_type, filed_on=case.filed_on,
        claim_fen=claim, closed_on=first, zhongben=bool(case.concluded_on), r16_met=r16_met,
        close_due=nodes["close"].due_on if "close" in nodes else "",
        receipts=[(r.received_on, r.amount_fen) for r in account.receipts],
        overdue_nodes=[(n.node, n.due_on) for n in case.nodes if n.overdue])


def r16_held(*, filed_on: str, concluded_on: str, notice_served_on: str,
             restricted_on: str, listed_on: str, inquiry_on: str, inquiry_found: bool,
             inquiry_agencies: set[str]) -> bool:
    """R16(1)–(4) at the decision, from the days each act was done (the spec's
    definition; R16(5) and R17 are not in the events)."""
    on = date.fromisoformat(concluded_on)

    def by(day: str) -> bool:
        return bool(day) and date.fromisoformat(day) <= on

    return (by(notice_served_on) and by(restricted_on) and by(listed_on)
            and by(inquiry_on) and not inquiry_found and inquiry_agencies >= R16_AGENCIES
            # R62, R63 — not moved off a rest day (R64 is for an act's last day)
            and period_end(date.fromisoformat(filed_on), months=3, procedural=False).date < on)


@dataclass(frozen=True)
class Decided:
    """A listing removed (removed_on, remove_by) or a relief decided (decided_on,
    decide_by)."""

    on: str
    by: str


def expected(cases: list[CaseFacts], removals: list[Decided], reliefs: list[Decided],
             months: list[str]) -> dict[str, Any]:
    """Every figure of R33 over `months` (YYYY-MM, consecutive), by its definition."""
    first = months[0]

    def within(day: str) -> bool:
        return bool(day) and day[:7] in months

    closed = [c for c in cases if within(c.closed_on)]
    received = sum(1 for c in cases if within(c.filed_on))
    pending = sum(1 for c in cases if c.filed_on[:7] < first
                  and not (c.closed_on and c.closed_on[:7] < first))
    claimed = sum(c.claim_fen for c in closed)
    recovered = sum(amount for c in closed for on, amount in c.receipts if on <= c.closed_on)
    days = sorted((date.fromisoformat(c.closed_on) - date.fromisoformat(c.filed_on)).days
                  for c in closed)
    zhongben = [c for c in closed if c.zhongben]
    compliant = sum(1 for c in zhongben if c.r16_met)
    first_closed = [c for c in closed if c.case_type == "执"]
    removed = [r for r in removals if within(r.on)]
    decided = [r for r in reliefs if within(r.on)]
    return {
        "received": received, "closed": len(closed), "pending_at_start": pending,
        "closure_rate": ratio(len(closed), pending + received),
        "recovered_rate": ratio(recovered, claimed),
        "avg_days": ratio(sum(days), len(days)),
        "p90_days": days[math.ceil(0.9 * len(days)) - 1] if days else None,
        "zhongben": len(zhongben), "zhongben_rate": ratio(len(zhongben), len(closed)),
        "zhongben_compliant": compliant,
        "zhongben_compliance": ratio(compliant, len(zhongben)),
        "overdue_nodes": len({(c.case_id, node) for c in cases
                              for node, due_on in c.overdue_nodes if within(due_on)}),
        "first_closed": len(first_closed),
        "first_closed_within_limit": sum(1 for c in first_closed
                                         if c.close_due and c.closed_on <= c.close_due),
        "removals": len(removed),
        "removals_within_limit": sum(1 for r in removed if r.on <= r.by),
        "relief_decided": len(decided),
        "relief_within_limit": sum(1 for r in decided if r.on <= r.by),
    }


def ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 6)


def answered(figures: supervision_pb2.Figures) -> dict[str, Any]:
    """The service's figures in the shape of `expected` (an absent rate is None)."""
    got: dict[str, Any] = {}
    for name in FIGURES:
        if name in OPTIONAL and not figures.HasField(name):
            got[name] = None
        else:
            value = getattr(figures, name)
            got[name] = round(value, 6) if isinstance(value, float) else value
    return got
