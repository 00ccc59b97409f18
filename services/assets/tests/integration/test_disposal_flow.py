"""处置 through the application: start on a controlled asset (R22), value, auction, close,
变卖 / 以物抵债 (R50), proceeds to the case account (R28) and the public events."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from zhixing.assets.domain.errors import (
    DisposalNotFound,
    DisposalRefused,
    InvalidAssetInput,
)
from zhixing.kernel.errors import AlreadyExists

from ..disposal_fixtures import (
    ASSET,
    CASE,
    START_PRICE,
    VALUE,
    Desk,
    after,
    desk_for,
    plan,
)


@pytest.fixture
def desk(tmp_path):
    yield from desk_for(tmp_path)


class TestStartDisposal:
    def test_refused_naming_r22_when_the_case_holds_no_effective_measure_on_the_asset(self, desk):
        desk.app.controlled = set()  # queued behind another court's measure, or none
        with pytest.raises(DisposalRefused, match=r"R22 \[asset_id\]"):
            desk.start()

    def test_same_disposal_when_start_is_retried_with_the_same_request_id(self, desk):
        first = desk.start(request_id="d-1")
        assert desk.start(request_id="d-1") == first
        assert len(list(desk.app.read_notifications(0))) == 1  # R22: one disposal per request

    def test_refused_when_the_asset_is_money(self, desk):
        with pytest.raises(InvalidAssetInput, match=r"R48 \[asset_class\].*deducted"):
            desk.start("deposit")

    def test_not_found_when_the_disposal_id_is_unknown(self, desk):
        with pytest.raises(DisposalNotFound, match=r"\[disposal_id\]"):
            desk.app.get_disposal(UUID(int=7))  # R46: nothing to show, nothing leaked


class TestValuation:
    def test_method_value_and_date_are_recorded(self, desk):
        disposal_id = desk.start()
        disposal = desk.app.record_valuation(disposal_id, "v-1", "online_inquiry", VALUE,
                                             desk.clock.today())
        assert disposal.valuation == {"method": "online_inquiry", "value_fen": VALUE,
                                      "valued_on": "2026-03-02"}  # R47

    def test_refused_naming_r47_when_the_method_is_unknown(self, desk):
        with pytest.raises(InvalidAssetInput, match=r"R47 \[method\]"):
            desk.app.record_valuation(desk.start(), "v-1", "guess", VALUE, desk.clock.today())

    def test_refused_naming_r47_when_revalued_after_the_first_auction_is_announced(self, desk):
        disposal_id = desk.at_auction()
        with pytest.raises(DisposalRefused, match="R47"):
            desk.app.record_valuation(disposal_id, "v-2", "appraisal", VALUE // 2,
                                      desk.clock.today())


class TestAnnounceAuction:
    def test_auction_announced_is_published_with_round_price_and_times(self, desk):
        desk.at_auction()
        [announced] = desk.published("AuctionAnnounced")
        assert (announced.round, announced.starting_price_fen, announced.announced_on,
                announced.starts_at, announced.asset_id) == (
            1, START_PRICE, "2026-03-02", "2026-03-17T10:00:00+08:00", ASSET)  # R48

    def test_announced_once_when_the_request_is_retried(self, desk):
        disposal_id = desk.at_auction()
        desk.announce(disposal_id, plan(), request_id="a-1")
        assert len(desk.published("AuctionAnnounced")) == 1  # R48: one announcement


class TestPlaceBid:
    def test_the_bid_is_recorded_once_when_the_feed_sends_it_again(self, desk):
        disposal_id = desk.at_auction()
        desk.bid(disposal_id, START_PRICE, after(15) + timedelta(hours=1), "b-1")
        disposal = desk.bid(disposal_id, START_PRICE, after(15) + timedelta(hours=1), "b-1")
        assert len(disposal.current_round["bids"]) == 1

    def test_already_exists_naming_bid_id_when_reused_for_another_amount(self, desk):
        disposal_id = desk.at_auction()
        desk.bid(disposal_id, START_PRICE, after(15) + timedelta(hours=1), "b-1")
        with pytest.raises(AlreadyExists) as refusal:
            desk.bid(disposal_id, START_PRICE + 1_000_000, after(15) + timedelta(hours=2), "b-1")
        assert refusal.value.field == "bid_id"
        assert len(desk.app.get_disposal(disposal_id).current_round["bids"]) == 1


class TestCloseRound:
    def test_sold_to_the_highest_bid_when_the_round_closes_with_bids(self, desk):
        disposal_id = desk.at_auction()
        desk.bid(disposal_id, START_PRICE, after(15) + timedelta(hours=1), "b-1")
        desk.bid(disposal_id, START_PRICE + 1_000_000, after(15) + timedelta(hours=2), "b-2")
        disposal = desk.close_at_end(disposal_id)
        assert (disposal.stage, disposal.sale["method"], disposal.sale["price_fen"]) == (
            "sold", "auction", START_PRICE + 1_000_000)  # R49

    def test_unsold_when_the_round_closes_without_bids(self, desk):
        disposal = desk.close_at_end(desk.at_auction())
        assert (disposal.stage, disposal.current_round["outcome"]) == ("unsold", "unsold")  # R50

    def test_refused_naming_r49_when_closed_before_bidding_ends(self, desk):
        disposal_id = desk.at_auction()
        desk.clock.set(after(16) - timedelta(minutes=1))
        with pytest.raises(DisposalRefused, match=r"R49 \[ends_at\]"):
            desk.app.close_round(disposal_id, "c-1")


class TestSellOff:
    def test_sold_when_sold_off_at_the_second_starting_price(self, desk):
        disposal = desk.app.sell_off(desk.unsold_twice(), "s-1", 56_000_000, "买受人编号B01")
        assert (disposal.stage, disposal.sale["method"]) == ("sold", "sale")  # R50

    def test_refused_naming_r50_when_below_the_second_starting_price(self, desk):
        with pytest.raises(DisposalRefused, match=r"R50 \[price_fen\].*560,000.00 yuan"):
            desk.app.sell_off(desk.unsold_twice(), "s-1", 55_999_999, "B01")

    def test_refused_naming_r50_when_only_the_first_auction_went_unsold(self, desk):
        with pytest.raises(DisposalRefused, match="R50"):
            desk.app.sell_off(desk.unsold_once(), "s-1", START_PRICE, "B01")


class TestDeliverInKind:
    def test_refused_naming_r50_when_the_creditor_does_not_consent(self, desk):
        with pytest.raises(DisposalRefused, match=r"R50 \[creditor_consents\]"):
            desk.app.deliver_in_kind(desk.unsold_twice(), "k-1", creditor_consents=False)

    def test_concluded_in_kind_at_the_second_starting_price_when_the_creditor_consents(self, desk):
        desk.app.deliver_in_kind(desk.unsold_twice(), "k-1", creditor_consents=True)
        [concluded] = desk.published("DisposalConcluded")
        assert (concluded.method, concluded.price_fen) == ("in_kind", 56_000_000)  # R50
        assert desk.published("AuctionProceedsPaid") == []


class TestPayProceeds:
    def test_proceeds_are_published_once_when_pay_proceeds_is_retried(self, desk):
        disposal_id = desk.sold()
        desk.app.pay_proceeds(disposal_id)
        desk.app.pay_proceeds(disposal_id)
        [paid] = desk.published("AuctionProceedsPaid")
        assert (paid.case_id, paid.amount_fen, paid.disposal_id) == (
            CASE.case_id, 80_000_000, str(disposal_id))  # R28, R50

    def test_concluded_by_auction_at_the_price_when_proceeds_are_paid(self, desk):
        desk.app.pay_proceeds(desk.sold())
        [concluded] = desk.published("DisposalConcluded")
        assert (concluded.method, concluded.price_fen, concluded.whole_asset) == (
            "auction", 80_000_000, True)  # R50

    def test_disposal_concluded_says_part_when_only_part_of_the_asset_is_disposed(self, desk):
        desk.app.pay_proceeds(desk.sold(whole_asset=False))
        [concluded] = desk.published("DisposalConcluded")
        assert concluded.whole_asset is False  # R22: queued measures go on on the rest

    def test_refused_naming_r50_when_nothing_was_sold(self, desk):
        with pytest.raises(DisposalRefused, match="R50"):
            desk.app.pay_proceeds(desk.unsold_once())


class TestConcludeUnsold:
    def test_concluded_unsold_without_a_price_after_a_second_unsold_auction(self, desk):
        desk.app.conclude_unsold(desk.unsold_twice(), "u-1")
        [concluded] = desk.published("DisposalConcluded")
        assert (concluded.method, concluded.price_fen) == ("unsold", 0)  # R50


class TestReplay:
    def test_disposal_reads_back_the_same_when_loaded_from_its_events(self, desk: Desk):
        disposal_id = desk.sold()
        desk.app.pay_proceeds(disposal_id)
        loaded = desk.app.repository.get(disposal_id)
        assert (loaded.stage, loaded.proceeds, len(loaded.rounds[0]["bids"])) == (
            "concluded", {"amount_fen": 80_000_000, "paid_on": "2026-03-18"}, 1)  # R50

