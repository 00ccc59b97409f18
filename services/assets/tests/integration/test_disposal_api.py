"""AssetDisposalService over real in-process gRPC: the case's team acts (R46), refusals
carry their status, rule and figures, bids come from staff, every act is audited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import grpc
import pytest

from testkit.assets import case_assigned, case_filed
from testkit.serving import serving
from zhixing.assets.api.disposal import POLICIES, SERVICE, AssetDisposalServicer
from zhixing.assets.projections.cases_seen import CasesSeen, CasesSeenQueries
from zhixing.contracts.pb.assets.v1 import disposal_pb2 as pb
from zhixing.contracts.pb.assets.v1 import disposal_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.clock import FixedClock
from zhixing.runtime.service import ServiceInstance
from zhixing.security.audit import AuditEntry, AuditLog
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

from ..disposal_fixtures import (
    ASSET,
    CASE,
    COURT,
    OPENED,
    START_PRICE,
    TEAM,
    ControlledAssetsApp,
    Desk,
    after,
)

INVALID, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED
PRECONDITION, NOT_FOUND = grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.NOT_FOUND


@dataclass
class GrpcDisposals:
    settings: Settings
    channel: grpc.Channel
    desk: Desk
    store: SqlStore

    def caller(self, role: str = "officer", court: str = COURT, team: str = TEAM) -> Any:
        """The service stub with one caller's token: `caller.StartDisposal(request)`."""
        stub = disposal_pb2_grpc.AssetDisposalServiceStub(self.channel)
        metadata = bearer_metadata(issue_token(Identity("officer-1", role, court, team),
                                               self.settings.jwt_secret))
        return _Bound(stub, metadata)

    def audit(self, method: str) -> list[AuditEntry]:
        entries = AuditLog(self.store).entries(limit=1000)
        return [e for e in entries if e.action in (method, f"/{SERVICE}/{method}")]


class _Bound:
    def __init__(self, stub: Any, metadata: Any) -> None:
        self._stub, self._metadata = stub, metadata

    def __getattr__(self, method: str) -> Callable[[Any], Any]:
        rpc = getattr(self._stub, method)
        return lambda request: rpc(request, metadata=self._metadata, timeout=10)


@pytest.fixture
def grpc_disposals(tmp_path) -> Iterator[GrpcDisposals]:
    settings = Settings(var_dir=tmp_path, grpc_port=0)
    clock = FixedClock(OPENED)
    app = ControlledAssetsApp(settings, clock=clock)
    store = settings.sql_store("assets")
    _case_seen(store, settings)
    servicer = AssetDisposalServicer(app, AuditLog(store),
                                     CasesSeenQueries(store, settings.field_cipher))
    instance = ServiceInstance(
        name="assets", store=store, grpc_service_names=[SERVICE], policies=POLICIES,
        register_grpc=lambda server: disposal_pb2_grpc.add_AssetDisposalServiceServicer_to_server(
            servicer, server))
    with serving(instance, settings) as target:
        channel = grpc.insecure_channel(target)
        yield GrpcDisposals(settings, channel, Desk(app, clock), store)
        channel.close()
    app.close()
    store.close()


def _case_seen(store: SqlStore, settings: Settings) -> None:
    """The case as the cases events made it known: filed, then assigned to TEAM."""
    CasesSeen.migrate(store)
    with store.transaction() as cursor:
        for event in (case_filed(CASE), case_assigned(CASE)):
            CasesSeen(settings.field_cipher).handle(event, cursor)


def start_request(**changes: Any) -> pb.StartDisposalRequest:
    fields = {"case_id": CASE.case_id, "asset_id": ASSET, "asset_class": "movable",
              "request_id": "d-1", **changes}
    return pb.StartDisposalRequest(**fields)


def announce_request(disposal_id: UUID, **changes: Any) -> pb.AnnounceAuctionRequest:
    starts = after(15)
    fields = {"disposal_id": str(disposal_id), "request_id": "a-1",
              "starting_price_fen": START_PRICE, "deposit_fen": START_PRICE // 10,
              "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(days=1)).isoformat(),
              "platform": "淘宝网司法拍卖", **changes}
    return pb.AnnounceAuctionRequest(**fields)


def refused(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        call()
    return failure.value


class TestStartDisposal:
    def test_disposal_is_started_and_read_back_when_the_case_team_calls(self, grpc_disposals):
        officer = grpc_disposals.caller()
        started = officer.StartDisposal(start_request(partial=True)).disposal
        read = officer.GetDisposal(pb.GetDisposalRequest(disposal_id=started.disposal_id))
        assert (read.disposal.stage, read.disposal.case_number, read.disposal.whole_asset) == (
            "started", CASE.case_number, False)

    def test_the_same_disposal_is_answered_when_the_start_is_sent_again(self, grpc_disposals):
        officer = grpc_disposals.caller()
        first = officer.StartDisposal(start_request()).disposal
        again = officer.StartDisposal(start_request()).disposal
        assert again.disposal_id == first.disposal_id

    def test_already_exists_naming_request_id_when_reused_for_another_start(
            self, grpc_disposals):
        officer = grpc_disposals.caller()
        officer.StartDisposal(start_request())
        error = refused(lambda: officer.StartDisposal(start_request(partial=True)))
        assert error.code() == grpc.StatusCode.ALREADY_EXISTS
        assert "[request_id]" in error.details()

    def test_permission_denied_naming_r46_when_another_team_starts_it(self, grpc_disposals):
        error = refused(lambda: grpc_disposals.caller(team="执行二组").StartDisposal(
            start_request()))
        assert error.code() == DENIED and "R46" in error.details()

    def test_not_found_when_the_caller_is_of_another_court(self, grpc_disposals):
        error = refused(lambda: grpc_disposals.caller(role="judge", court="渝0103")
                        .StartDisposal(start_request()))
        assert error.code() == grpc.StatusCode.NOT_FOUND

    def test_failed_precondition_naming_r22_when_the_asset_is_not_controlled(self, grpc_disposals):
        grpc_disposals.desk.app.controlled = set()
        error = refused(lambda: grpc_disposals.caller().StartDisposal(start_request()))
        assert error.code() == PRECONDITION and "R22 [asset_id]" in error.details()

    def test_start_is_audited_with_the_case_number(self, grpc_disposals):
        grpc_disposals.caller().StartDisposal(start_request())
        [entry] = grpc_disposals.audit("StartDisposal")
        assert (entry.outcome, entry.target) == ("ok", CASE.case_number)  # R46


class TestAnnounceAuction:
    def test_invalid_argument_names_r47_and_figures_when_the_price_is_too_low(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.valued()
        error = refused(lambda: grpc_disposals.caller().AnnounceAuction(
            announce_request(disposal_id, starting_price_fen=60_000_000)))
        assert error.code() == INVALID
        assert error.details() == ("R47 [starting_price_fen]: starting price 600,000.00 yuan "
                                   "is below 70% of the valuation (700,000.00 yuan)")

    def test_refusal_is_audited_with_its_rule_and_field(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.valued()
        refused(lambda: grpc_disposals.caller().AnnounceAuction(
            announce_request(disposal_id, deposit_fen=1)))
        [entry] = grpc_disposals.audit("AnnounceAuction")
        assert entry.outcome == "refused" and "R48 [deposit_fen]" in entry.reason

    def test_invalid_argument_names_the_field_when_a_time_has_no_offset(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.valued()
        error = refused(lambda: grpc_disposals.caller().AnnounceAuction(
            announce_request(disposal_id, starts_at="2026-03-17T10:00:00")))
        assert error.code() == INVALID and "[starts_at]" in error.details()


class TestPlaceBid:
    def test_staff_enter_a_late_bid_and_the_end_moves_5_minutes_after_it(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.at_auction()
        bid_at = after(16) - timedelta(minutes=3)
        grpc_disposals.desk.clock.set(bid_at)
        disposal = grpc_disposals.caller().PlaceBid(pb.PlaceBidRequest(
            disposal_id=str(disposal_id), bid_id="tb-1", bidder="A0001",
            amount_fen=START_PRICE, placed_at=bid_at.isoformat())).disposal
        assert datetime.fromisoformat(disposal.rounds[0].ends_at) == bid_at + timedelta(minutes=5)

    def test_failed_precondition_naming_r49_when_the_bid_is_not_above_the_highest(
            self, grpc_disposals):
        disposal_id = grpc_disposals.desk.at_auction()
        grpc_disposals.desk.bid(disposal_id, START_PRICE, after(15) + timedelta(hours=1), "tb-1")
        error = refused(lambda: grpc_disposals.caller().PlaceBid(pb.PlaceBidRequest(
            disposal_id=str(disposal_id), bid_id="tb-2", bidder="A0002",
            amount_fen=START_PRICE, placed_at=grpc_disposals.desk.clock.now().isoformat())))
        assert error.code() == PRECONDITION and "R49 [amount_fen]" in error.details()


class TestAfterUnsoldAuctions:
    def test_failed_precondition_naming_r50_when_in_kind_lacks_consent(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.unsold_twice()
        error = refused(lambda: grpc_disposals.caller().DeliverInKind(pb.DeliverInKindRequest(
            disposal_id=str(disposal_id), request_id="k-1", creditor_consents=False)))
        assert error.code() == PRECONDITION and "R50 [creditor_consents]" in error.details()

    def test_proceeds_paid_once_when_pay_proceeds_is_called_twice(self, grpc_disposals):
        disposal_id = grpc_disposals.desk.sold()
        officer = grpc_disposals.caller()
        for _ in range(2):
            disposal = officer.PayProceeds(pb.PayProceedsRequest(
                disposal_id=str(disposal_id))).disposal
        assert (disposal.stage, disposal.proceeds_fen, disposal.conclusion.method) == (
            "concluded", 80_000_000, "auction")
        assert len(grpc_disposals.desk.published("AuctionProceedsPaid")) == 1  # R28, R50


class TestGetDisposal:
    def test_not_found_when_no_disposal_has_that_id(self, grpc_disposals):
        error = refused(lambda: grpc_disposals.caller().GetDisposal(
            pb.GetDisposalRequest(disposal_id=str(UUID(int=7)))))
        assert error.code() == NOT_FOUND and "[disposal_id]" in error.details()

    def test_invalid_argument_when_the_id_is_not_a_disposal_id(self, grpc_disposals):
        error = refused(lambda: grpc_disposals.caller().GetDisposal(
            pb.GetDisposalRequest(disposal_id="(2026)川0104执1号")))
        assert error.code() == INVALID
