"""A request id names one step of a disposal: sent again with the same content it is
answered as the first time and recorded once; reused for something else it is refused
(ALREADY_EXISTS naming `request_id`) and nothing is recorded. Closing a round and
concluding unsold ask nothing beyond their id. A version-1 snapshot, which kept only
the ids, still loads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import AlreadyExists

from ..disposal_fixtures import (
    START_PRICE,
    VALUE,
    ControlledAssetsApp,
    Desk,
    desk_for,
    plan,
)

SECOND_PRICE = 56_000_000  # the second round's starting price (R50)


@pytest.fixture
def desk(tmp_path):
    yield from desk_for(tmp_path)


def recorded(desk: Desk, name: str) -> int:
    """How many domain events of that name the disposal's store holds."""
    return sum(type(e).__name__ == name for _, e in desk.app.read_notifications(0))


def refused_with_nothing_recorded(desk: Desk, step) -> None:
    stored = desk.app.max_notification_id()
    with pytest.raises(AlreadyExists) as refusal:
        step()
    assert refusal.value.field == "request_id"
    assert desk.app.max_notification_id() == stored


class TestValuation:
    def test_recorded_once_when_the_same_valuation_is_sent_again(self, desk):
        disposal_id = desk.valued()
        again = desk.app.record_valuation(disposal_id, "v-1", "appraisal", VALUE,
                                          desk.clock.today())
        assert again.valuation["value_fen"] == VALUE
        assert recorded(desk, "ValuationRecorded") == 1

    @pytest.mark.parametrize(("method", "value_fen"), [("appraisal", VALUE + 1),
                                                       ("online_inquiry", VALUE)],
                             ids=["another-value", "another-method"])
    def test_already_exists_naming_request_id_when_it_is_reused_for_another_valuation(
            self, desk, method, value_fen):
        disposal_id = desk.valued()
        refused_with_nothing_recorded(desk, lambda: desk.app.record_valuation(
            disposal_id, "v-1", method, value_fen, desk.clock.today()))
        assert desk.app.get_disposal(disposal_id).valuation["value_fen"] == VALUE


class TestAnnounce:
    def test_announced_once_when_the_same_announcement_is_sent_again(self, desk):
        disposal_id = desk.at_auction()
        desk.announce(disposal_id, plan())
        assert recorded(desk, "AuctionAnnounced") == 1

    @pytest.mark.parametrize("changed", [
        plan(START_PRICE + 100),
        plan(starts_at=plan().starts_at + timedelta(days=1)),
        plan(hours=48)], ids=["another-price", "another-start", "another-end"])
    def test_already_exists_naming_request_id_when_it_is_reused_for_another_round(
            self, desk, changed):
        disposal_id = desk.at_auction()
        refused_with_nothing_recorded(desk, lambda: desk.announce(disposal_id, changed))


class TestSellOff:
    def test_sold_once_when_the_same_sale_is_sent_again(self, desk):
        disposal_id = desk.unsold_twice()
        desk.app.sell_off(disposal_id, "s-1", SECOND_PRICE, "买受人编号B01")
        again = desk.app.sell_off(disposal_id, "s-1", SECOND_PRICE, " 买受人编号B01 ")
        assert again.sale["buyer"] == "买受人编号B01"
        assert recorded(desk, "SoldOff") == 1

    @pytest.mark.parametrize(("price_fen", "buyer"), [(SECOND_PRICE + 1, "买受人编号B01"),
                                                      (SECOND_PRICE, "买受人编号B02")],
                             ids=["another-price", "another-buyer"])
    def test_already_exists_naming_request_id_when_it_is_reused_for_another_sale(
            self, desk, price_fen, buyer):
        disposal_id = desk.unsold_twice()
        desk.app.sell_off(disposal_id, "s-1", SECOND_PRICE, "买受人编号B01")
        refused_with_nothing_recorded(desk, lambda: desk.app.sell_off(
            disposal_id, "s-1", price_fen, buyer))


class TestDeliverInKind:
    def test_concluded_once_when_the_same_delivery_is_sent_again(self, desk):
        disposal_id = desk.unsold_twice()
        desk.app.deliver_in_kind(disposal_id, "k-1", creditor_consents=True)
        desk.app.deliver_in_kind(disposal_id, "k-1", creditor_consents=True)
        assert recorded(desk, "Concluded") == 1

    def test_already_exists_naming_request_id_when_it_is_resent_without_the_consent(
            self, desk):
        disposal_id = desk.unsold_twice()
        desk.app.deliver_in_kind(disposal_id, "k-1", creditor_consents=True)
        refused_with_nothing_recorded(desk, lambda: desk.app.deliver_in_kind(
            disposal_id, "k-1", creditor_consents=False))


class TestStepsThatAskOnlyTheirId:
    def test_closed_once_when_the_close_is_sent_again(self, desk):
        disposal_id = desk.unsold_once()
        assert desk.app.close_round(disposal_id, "c-1").stage == "unsold"
        assert recorded(desk, "RoundClosed") == 1

    def test_concluded_once_when_concluding_unsold_is_sent_again(self, desk):
        disposal_id = desk.unsold_twice()
        desk.app.conclude_unsold(disposal_id, "u-1")
        assert desk.app.conclude_unsold(disposal_id, "u-1").stage == "concluded"
        assert recorded(desk, "Concluded") == 1


class TestVersionOneSnapshot:
    """A disposal snapshot of version 1 kept only the request ids."""

    @pytest.fixture
    def restored(self, desk, tmp_path):
        """Another application on a store holding the valued disposal's events and a
        version-1 snapshot of it."""
        disposal_id = desk.valued()
        desk.app.take_snapshot(disposal_id)
        [stored] = desk.app.snapshots.recorder.select_events(disposal_id)
        snapshot = desk.app.mapper.to_domain_event(stored)
        state = {k: v for k, v in snapshot.state.items() if k != "asked"}
        v1 = snapshot.model_copy(update={"state": {**state, "class_version": 1}})
        other = ControlledAssetsApp(Settings(var_dir=tmp_path / "other"), clock=desk.clock)
        other.controlled = set()
        other.recorder.insert_events(desk.app.recorder.select_events(disposal_id))
        other.snapshots.recorder.insert_events([other.mapper.to_stored_event(v1)])
        yield other, disposal_id
        other.close()

    def test_the_disposal_loads_with_its_valuation_when_the_snapshot_is_version_1(
            self, restored):
        app, disposal_id = restored
        disposal = app.get_disposal(disposal_id)
        assert (disposal.valuation["value_fen"], disposal.asked, disposal.stage) == (
            VALUE, {}, "valued")

    def test_a_request_from_before_the_snapshot_is_answered_as_before(self, desk, restored):
        app, disposal_id = restored
        again = app.record_valuation(disposal_id, "v-1", "appraisal", VALUE + 1,
                                     desk.clock.today())
        assert again.valuation["value_fen"] == VALUE

    def test_already_exists_naming_request_id_when_a_later_one_is_reused(
            self, desk, restored):
        app, disposal_id = restored
        app.record_valuation(disposal_id, "v-2", "appraisal", VALUE, desk.clock.today())
        with pytest.raises(AlreadyExists) as refusal:
            app.record_valuation(disposal_id, "v-2", "appraisal", VALUE + 1,
                                 desk.clock.today())
        assert refusal.value.field == "request_id"
