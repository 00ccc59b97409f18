"""网络司法拍卖 rules on the Disposal aggregate itself: starting price (R47), notice and
deposit (R48), bidding time and late-bid extension (R49), the second auction (R50)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from zhixing.assets.domain.disposal import UNSOLD, Disposal
from zhixing.assets.domain.errors import AuctionTermsRefused, BidRefused, DisposalRefused

from ..disposal_fixtures import OPENED, START_PRICE, after, auction_ready, default_terms, plan

TERMS = default_terms()


def announce(disposal: Disposal, round_plan=None, now: datetime = OPENED,
             request_id: str = "a-1") -> Disposal:
    disposal.announce(request_id, round_plan or plan(), TERMS, now)
    return disposal


def bidding(starts_at: datetime | None = None) -> Disposal:
    """A first round announced today, bidding from day 15 10:00 to day 16 10:00."""
    return announce(auction_ready(), plan(starts_at=starts_at))


def ends_at(disposal: Disposal) -> datetime:
    return datetime.fromisoformat(disposal.current_round["ends_at"])


def disposal_day(disposal: Disposal) -> date:
    """The day the last round ended, in Beijing."""
    return ends_at(disposal).date()


def first_unsold() -> Disposal:
    """Round 1 closed without a bid on day 16 (2026-03-18) at 10:00."""
    disposal = bidding()
    disposal.close_round("c-1", ends_at(disposal))
    return disposal


def announce_second(disposal: Disposal, price: int, starts_at: datetime,
                    platform: str | None = None) -> Disposal:
    closed = ends_at(disposal)
    second = plan(price, starts_at=starts_at, **({"platform": platform} if platform else {}))
    return announce(disposal, second, now=closed, request_id="a-2")


class TestStartingPrice:
    def test_refused_naming_r47_and_figures_when_below_70_percent_of_valuation(self):
        with pytest.raises(AuctionTermsRefused) as refusal:
            announce(auction_ready(), plan(START_PRICE - 1))
        assert str(refusal.value) == (
            "R47 [starting_price_fen]: starting price 699,999.99 yuan is below 70% of the "
            "valuation (700,000.00 yuan)")

    def test_announced_when_exactly_70_percent_of_valuation(self):
        disposal = announce(auction_ready(), plan(START_PRICE))
        assert disposal.current_round["starting_price_fen"] == START_PRICE  # R47

    def test_refused_naming_r47_when_no_valuation_is_recorded(self):
        disposal = Disposal.start(case_id="c", case_number="n", court_code="川0104",
                                  asset_id="a", asset_class="movable", whole_asset=True,
                                  request_id="d", started_on=OPENED.date())
        with pytest.raises(DisposalRefused, match="R47"):
            announce(disposal)


class TestAnnouncementPeriod:
    def test_refused_naming_r48_when_a_movable_is_announced_14_days_before(self):
        with pytest.raises(AuctionTermsRefused) as refusal:
            announce(auction_ready("movable"), plan(starts_at=after(14)))
        assert refusal.value.rule == "R48" and refusal.value.field == "starts_at"
        assert "at least 15 days" in str(refusal.value) and "(14 days later)" in str(refusal.value)

    def test_announced_when_a_movable_is_announced_15_days_before(self):
        disposal = announce(auction_ready("movable"), plan(starts_at=after(15)))
        assert disposal.current_round["starts_at"] == "2026-03-17T10:00:00+08:00"  # R48

    def test_refused_naming_r48_when_real_property_is_announced_29_days_before(self):
        with pytest.raises(AuctionTermsRefused, match=r"R48 \[starts_at\].*at least 30 days"):
            announce(auction_ready("real_property"), plan(starts_at=after(29)))

    def test_announced_when_real_property_is_announced_30_days_before(self):
        disposal = announce(auction_ready("real_property"), plan(starts_at=after(30)))
        assert disposal.stage == "auction"  # R48

    def test_refused_naming_r48_when_another_property_right_has_only_movable_notice(self):
        with pytest.raises(AuctionTermsRefused, match="R48"):
            announce(auction_ready("property_right"), plan(starts_at=after(15)))


class TestDeposit:
    @pytest.mark.parametrize("deposit", [START_PRICE * 5 // 100 - 1, START_PRICE * 20 // 100 + 1])
    def test_refused_naming_r48_when_deposit_is_outside_5_to_20_percent(self, deposit):
        with pytest.raises(AuctionTermsRefused) as refusal:
            announce(auction_ready(), plan(deposit_fen=deposit))
        assert refusal.value.rule == "R48" and refusal.value.field == "deposit_fen"
        assert "(35,000.00 yuan to 140,000.00 yuan)" in str(refusal.value)

    @pytest.mark.parametrize("deposit", [START_PRICE * 5 // 100, START_PRICE * 20 // 100])
    def test_announced_when_deposit_is_at_either_bound(self, deposit):
        disposal = announce(auction_ready(), plan(deposit_fen=deposit))
        assert disposal.current_round["deposit_fen"] == deposit  # R48


class TestBiddingTime:
    def test_refused_naming_r49_when_bidding_lasts_23_hours(self):
        with pytest.raises(AuctionTermsRefused, match=r"R49 \[ends_at\].*is 23 hours 00 minutes"):
            announce(auction_ready(), plan(hours=23))

    def test_announced_when_bidding_lasts_24_hours(self):
        disposal = announce(auction_ready(), plan(hours=24))
        assert disposal.current_round["ends_at"] == "2026-03-18T10:00:00+08:00"  # R49


class TestBids:
    def test_end_moves_to_5_minutes_after_the_bid_when_bid_3_minutes_before_the_end(self):
        disposal = bidding()
        bid_at = ends_at(disposal) - timedelta(minutes=3)
        disposal.place_bid("b-1", "A0001", START_PRICE, bid_at, bid_at, TERMS)
        assert ends_at(disposal) == bid_at + timedelta(minutes=5)  # R49

    def test_end_stays_when_bid_6_minutes_before_the_end(self):
        disposal = bidding()
        end = ends_at(disposal)
        bid_at = end - timedelta(minutes=6)
        disposal.place_bid("b-1", "A0001", START_PRICE, bid_at, bid_at, TERMS)
        assert ends_at(disposal) == end  # R49

    def test_a_bid_in_the_extension_is_accepted_when_an_earlier_bid_extended_the_end(self):
        disposal = bidding()
        first = ends_at(disposal) - timedelta(minutes=1)
        disposal.place_bid("b-1", "A0001", START_PRICE, first, first, TERMS)
        late = first + timedelta(minutes=4)  # after the announced end, inside the extension
        disposal.place_bid("b-2", "A0002", START_PRICE + 100_000, late, late, TERMS)
        assert ends_at(disposal) == late + timedelta(minutes=5)  # R49

    def test_refused_naming_r49_when_bid_does_not_exceed_the_highest(self):
        disposal = bidding()
        at = after(15) + timedelta(hours=1)
        disposal.place_bid("b-1", "A0001", START_PRICE + 500_000, at, at, TERMS)
        with pytest.raises(BidRefused, match=r"R49 \[amount_fen\].*705,000.00 yuan"):
            disposal.place_bid("b-2", "A0002", START_PRICE + 500_000, at, at, TERMS)

    def test_refused_naming_r47_when_first_bid_is_below_the_starting_price(self):
        at = after(15) + timedelta(hours=1)
        with pytest.raises(BidRefused, match=r"R47 \[amount_fen\]"):
            bidding().place_bid("b-1", "A0001", START_PRICE - 1, at, at, TERMS)

    def test_refused_naming_r49_when_bid_comes_before_bidding_opens(self):
        at = after(15) - timedelta(minutes=1)
        with pytest.raises(BidRefused, match=r"R49 \[placed_at\]"):
            bidding().place_bid("b-1", "A0001", START_PRICE, at, at, TERMS)

    def test_refused_naming_r49_when_bid_comes_after_bidding_closed(self):
        disposal = bidding()
        at = ends_at(disposal)
        with pytest.raises(BidRefused, match=r"R49 \[placed_at\]"):
            disposal.place_bid("b-1", "A0001", START_PRICE, at, at, TERMS)

    def test_bid_recorded_once_when_the_platform_feed_repeats_it(self):
        disposal = bidding()
        at = after(15) + timedelta(hours=1)
        for _ in range(2):
            disposal.place_bid("b-1", "A0001", START_PRICE, at, at, TERMS)
        assert len(disposal.current_round["bids"]) == 1  # R49: one bid, one entry


class TestSecondAuction:
    def test_refused_naming_r50_when_starting_price_is_75_percent_of_the_first(self):
        disposal = first_unsold()
        with pytest.raises(AuctionTermsRefused) as refusal:
            announce_second(disposal, START_PRICE * 75 // 100, after(7, disposal_day(disposal)))
        assert str(refusal.value) == (
            "R50 [starting_price_fen]: starting price 525,000.00 yuan is more than 20% below "
            "the previous starting price 700,000.00 yuan (at least 560,000.00 yuan)")

    def test_announced_when_starting_price_is_80_percent_of_the_first(self):
        disposal = first_unsold()
        announce_second(disposal, START_PRICE * 80 // 100, after(7, disposal_day(disposal)))
        assert (disposal.current_round["round"], disposal.stage) == (2, "auction")  # R50

    def test_refused_naming_r50_when_held_more_than_30_days_after_the_first_ended(self):
        disposal = first_unsold()
        with pytest.raises(AuctionTermsRefused, match=r"R50 \[starts_at\].*within 30 days"):
            announce_second(disposal, START_PRICE, after(31, disposal_day(disposal)))

    def test_announced_when_held_on_the_30th_day_after_the_first_ended(self):
        disposal = first_unsold()
        announce_second(disposal, START_PRICE, after(30, disposal_day(disposal)))
        assert disposal.current_round["starts_at"] == "2026-04-17T10:00:00+08:00"  # R50

    def test_refused_naming_r50_when_a_movable_is_announced_6_days_before(self):
        disposal = first_unsold()
        with pytest.raises(AuctionTermsRefused, match=r"R50 \[starts_at\].*at least 7 days"):
            announce_second(disposal, START_PRICE, after(6, disposal_day(disposal)))

    def test_refused_naming_r50_when_on_another_platform(self):
        disposal = first_unsold()
        with pytest.raises(DisposalRefused, match=r"R50 \[platform\]"):
            announce_second(disposal, START_PRICE, after(7, disposal_day(disposal)),
                            platform="京东司法拍卖")

    def test_refused_naming_r50_when_a_third_auction_is_announced(self):
        disposal = first_unsold()
        announce_second(disposal, START_PRICE, after(7, disposal_day(disposal)))
        disposal.close_round("c-2", ends_at(disposal))
        assert disposal.stage == UNSOLD
        with pytest.raises(DisposalRefused, match=r"R50 .*变卖 or 以物抵债"):
            announce(disposal, plan(starts_at=after(30, disposal_day(disposal))),
                     now=ends_at(disposal), request_id="a-3")

