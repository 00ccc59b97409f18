"""What the authorisation matrix calls about, made through the APIs by the case's own
team and bench, and any RPC called generically from its descriptor (issue 12).

One case of 川0104 held by 执行一组, with one of everything an RPC can name: the case,
a 拒执 referral, a network inquiry, a seal on a flat and its disposal, a consumption
restriction and a listing (and the id of a relief application, which names none). A
request is built from the RPC's descriptor alone: each field that names a thing gets it
(`fill`), the rest stay empty — so an act the matrix lets through is refused as
incomplete rather than done, and a new RPC gets a request too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import descriptor_pool
from google.protobuf.descriptor import FieldDescriptor, MethodDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass

from testkit.authz import COURT, OBJECT_FIELDS, OTHER_TEAM, TEAM
from testkit.filings import file_case_request
from testkit.suites import RunningSuite
from testkit.waiting import wait_until
from zhixing.contracts.pb.assets.v1 import control_pb2, disposal_pb2, inquiry_pb2
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.contracts.pb.publicity.v1 import publicity_pb2
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity

DECIDED = "2026-04-10T10:00:00+08:00"
"""After the grace period of the notice's warning (R10): listing is possible."""
ASSET = "authz-flat-1"
UNKNOWN_NUMBER = f"(2026){COURT}执99999号"
REPRESENTATIVE = credit_pb2.Person(role="legal_representative", name="赵六",
                                   identity_number="11010519491231002X")
"""The company debtor's legal representative (R14)."""


@dataclass
class Targets:
    """The ids of what the matrix names (all of 川0104, team 执行一组)."""

    case_id: str
    case_number: str
    debtor: str
    ids: dict[str, str]
    """measure_id, disposal_id, inquiry_id, referral_id, listing_id, restriction_id,
    lead_id (a lead the public reported, issue 17)."""


def invoke(channel: grpc.Channel, path: str, method: MethodDescriptor, request: Message,
           metadata: tuple[tuple[str, str], ...]) -> tuple[grpc.StatusCode, str]:
    """Call any RPC (unary or streaming) once; its status (OK: answered) and details."""
    reply = GetMessageClass(method.output_type)
    options = {"request_serializer": lambda m: m.SerializeToString(),
               "response_deserializer": reply.FromString}
    try:
        if method.client_streaming:
            list(channel.stream_stream(path, **options)(iter([request]), metadata=metadata,
                                                        timeout=20))
        elif method.server_streaming:  # Follow never ends: its first answer will do
            stream = channel.unary_stream(path, **options)(request, metadata=metadata,
                                                           timeout=20)
            next(stream, None)
            stream.cancel()
        else:
            channel.unary_unary(path, **options)(request, metadata=metadata, timeout=20)
    except grpc.RpcError as error:
        return _status(error), str(error.details() or "")  # type: ignore[attr-defined]
    return grpc.StatusCode.OK, ""


def _status(error: grpc.RpcError) -> grpc.StatusCode:
    code = error.code()  # type: ignore[attr-defined]
    return code if code is not grpc.StatusCode.CANCELLED else grpc.StatusCode.OK


def fill(method: MethodDescriptor, targets: Targets, *, missing: bool = False,
         by_number: bool = False) -> Message:
    """A request naming the targets (or, `missing`, things that do not exist)."""
    request = GetMessageClass(method.input_type)()
    # A request whose only way to name the case is its 案号 (PostRewardNotice) names it so.
    only_number = not {f.name for f in method.input_type.fields} & {"case", "case_id",
                                                                      "case_ref"}
    values = _values(targets, missing, by_number or only_number)
    for field in method.input_type.fields:
        value = values.get(field.name)
        if value is None:
            continue
        if field.message_type is not None and field.message_type.name == "CaseRef":
            getattr(request, field.name).CopyFrom(value(request))
        elif field.is_repeated:
            getattr(request, field.name).extend([value(request)])
        elif field.type == FieldDescriptor.TYPE_STRING:
            setattr(request, field.name, value(request))
    return request


def names_object(method: MethodDescriptor) -> bool:
    """Whether the RPC's request names one protected thing (not a court)."""
    return any(field.name in OBJECT_FIELDS for field in method.input_type.fields)


def _values(t: Targets, missing: bool, by_number: bool) -> dict[str, Callable[[Any], Any]]:
    def one(name: str) -> Callable[[Any], str]:
        return lambda _: str(uuid.uuid4()) if missing else t.ids[name]

    case_id = (lambda _: str(uuid.uuid4())) if missing else (lambda _: t.case_id)
    number = (lambda _: UNKNOWN_NUMBER) if missing else (lambda _: t.case_number)
    case_key = number if by_number else case_id

    def case_ref(request: Any) -> Any:
        ref = type(request).DESCRIPTOR.fields_by_name["case"].message_type
        key = "case_number" if by_number else "case_id"
        return GetMessageClass(ref)(**{key: case_key(request)})

    return {"case": case_ref, "case_id": None if by_number else case_id, "case_ref": case_key,
            "case_number": number if by_number else None,
            **{name: one(name) for name in t.ids}, "asset_id": lambda _: ASSET,
            "court_code": lambda _: COURT, "team": lambda _: TEAM,
            "identity_number": lambda _: t.debtor, "debtor_identity_number": lambda _: t.debtor,
            "identity_numbers": lambda _: t.debtor}


class Team:
    """The case's team officer and a judge of the court, over the real APIs."""

    def __init__(self, suite: RunningSuite) -> None:
        self.officer = bearer_metadata(suite.token(Identity("o-authz", "officer", COURT, TEAM)))
        self.judge = bearer_metadata(suite.token(Identity("j-authz", "judge", COURT,
                                                          OTHER_TEAM)))
        self.channel = grpc.insecure_channel(suite.target("cases"))

    def __call__(self, service: str, method: str, request: Message, *,
                 judge: bool = False) -> Any:
        return self.channel.unary_unary(
            f"/{service}/{method}", request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=_reply_of(service, method).FromString)(
            request, metadata=self.judge if judge else self.officer, timeout=20)

    def until(self, service: str, method: str, request: Message, what: str,
              judge: bool = False, ready: Callable[[Any], Any] = lambda _: True) -> Any:
        """The answer once the service has seen what it needs (its consumers lag)."""
        def attempt() -> Any:
            try:
                reply = self(service, method, request, judge=judge)
                return reply if ready(reply) else None
            except grpc.RpcError as error:
                if error.code() in (grpc.StatusCode.NOT_FOUND,  # type: ignore[attr-defined]
                                    grpc.StatusCode.FAILED_PRECONDITION,
                                    grpc.StatusCode.PERMISSION_DENIED):
                    return None
                raise
        return wait_until(attempt, timeout=90, what=what, interval=0.2)


def _reply_of(service: str, method: str) -> Any:
    found = descriptor_pool.Default().FindServiceByName(service).methods_by_name[method]
    return GetMessageClass(found.output_type)


CASES = "zhixing.cases.v1.CasesService"
CONTROL = "zhixing.assets.v1.AssetControlService"
DISPOSAL = "zhixing.assets.v1.AssetDisposalService"
INQUIRY = "zhixing.assets.v1.AssetInquiryService"
CREDIT = "zhixing.credit.v1.CreditService"
PUBLICITY = "zhixing.publicity.v1.PublicityService"


def make_targets(suite: RunningSuite) -> Targets:
    """One case and one of everything of it, as its team and the bench make them."""
    team = Team(suite)
    filed = team(CASES, "FileCase", file_case_request(0, court=COURT, request_id="authz-1"))
    ref = cases_pb2.CaseRef(case_id=filed.case_id)
    team(CASES, "AssignCase", cases_pb2.AssignCaseRequest(case=ref, team=TEAM,
                                                          lead_officer="o-authz"))
    team(CASES, "ServeNotice", cases_pb2.ServeNoticeRequest(case=ref))
    case = team(CASES, "GetCase", cases_pb2.GetCaseRequest(case_id=filed.case_id)).case
    debtor = case.respondents[0].identity_number
    ids = {"referral_id": team(CASES, "ReferRefusal", cases_pb2.ReferRefusalRequest(
        case=ref, document_number=f"{case.case_number}之二",
        decided_on="2026-03-02")).referral.referral_id}
    ids["measure_id"] = team.until(CONTROL, "ImposeMeasure", control_pb2.ImposeMeasureRequest(
        case_id=filed.case_id, request_id="authz-seal", asset_id=ASSET, kind="seal",
        asset_kind="real_property", ruling_number=f"{case.case_number}之一",
        amount_fen=500_000_00), "the assets service to know the case's team").measure.measure_id
    ids["disposal_id"] = team(DISPOSAL, "StartDisposal", disposal_pb2.StartDisposalRequest(
        case_id=filed.case_id, asset_id=ASSET, asset_class="real_property",
        request_id="authz-dispose")).disposal.disposal_id
    ids["inquiry_id"] = team.until(
        INQUIRY, "ListCaseInquiries", inquiry_pb2.ListCaseInquiriesRequest(
            case_id=filed.case_id), "the network inquiry",
        ready=lambda reply: reply.inquiries).inquiries[0].inquiry_id
    suite.travel(DECIDED)
    ids["restriction_id"] = team.until(CREDIT, "OrderRestriction", credit_pb2.OrderRestrictionRequest(
        case_ref=case.case_number, debtor_identity_number=debtor,
        order_number=f"{case.case_number}之三", persons=[REPRESENTATIVE]),
        "credit to have seen the notice",
        judge=True).restriction.restriction_id
    ids["listing_id"] = team(CREDIT, "DecideListing", credit_pb2.DecideListingRequest(
        case_ref=case.case_number, debtor_identity_number=debtor, grounds=[2],
        facts="以暴力方法阻碍执行", decision_number=f"{case.case_number}之四",
        signed_by_president=True, persons=[REPRESENTATIVE]),
        judge=True).listing.listing_id
    # A lead the public reported on the published listing (issue 17): publicity takes it
    # once the listing is public, assets once publicity's event has arrived.
    team.until(PUBLICITY, "ReportLead", publicity_pb2.ReportLeadRequest(
        source="listing", source_id=ids["listing_id"], property_kind="vehicle",
        text="被执行人的车辆停在小区地库（授权矩阵）"), "the listing on the public list")
    ids["lead_id"] = team.until(INQUIRY, "ListLeads", inquiry_pb2.ListLeadsRequest(),
                                "assets to have accepted the reported lead",
                                ready=lambda reply: reply.leads).leads[0].lead_id
    # A relief application needs a case whose debtor cannot pay (R29: 终本, or an inquiry
    # that found nothing), which this one is not: the id names none, so every caller of
    # the court is answered NOT_FOUND past authorisation, and another court's caller the
    # same (HIDDEN) — the role checks come first either way (the interceptor's).
    ids["application_id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, "zhixing:authz:relief"))
    # The same for supervision's alerts, procuratorial matters and suggestions (issue 15):
    # ids naming none, answered NOT_FOUND past authorisation, to another court the same.
    # And publicity's typical cases and reward notices (issue 17).
    for name in ("alert_id", "matter_id", "suggestion_id", "typical_case_id", "notice_id"):
        ids[name] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"zhixing:authz:supervision:{name}"))
    team.channel.close()
    return Targets(filed.case_id, case.case_number, debtor, ids)
