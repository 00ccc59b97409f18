"""划拨 — a frozen deposit moved to the case account (R28): FundsDeducted once per
request, keyed "<measure>:<request>" for the receipt; never more than is frozen; all of
it deducted, the freeze ends as disposed and the next in line takes effect (R22)."""

from __future__ import annotations

import pytest

from zhixing.assets.domain.errors import ControlRefused, OverSeizure
from zhixing.contracts.events.assets.v1 import FundsDeducted, MeasureReleased
from zhixing.kernel.errors import AlreadyExists

from .control_fixtures import ASSET, YUAN, MeasureView, flat, order, other_court_case, published


@pytest.fixture
def frozen(app, case, clock):
    """10,000 yuan frozen for 川0104's case."""
    return app.impose_measure(case, order(clock), "freeze-1")


class TestDeduction:
    def test_funds_deducted_is_published_for_the_case_account(self, app, frozen, case):
        # R28: the money goes to the case's account; the key is unique per deduction.
        app.deduct(frozen.id, "pay-1", 4_000 * YUAN)
        [event] = published(app, FundsDeducted)
        assert (event.measure_id, event.case_id, event.amount_fen, event.deducted_on) == (
            f"{frozen.id}:pay-1", case.case_id, 4_000 * YUAN, "2026-03-02")

    def test_the_same_request_deducts_once_when_repeated(self, app, frozen):
        app.deduct(frozen.id, "pay-1", 4_000 * YUAN)
        measure = app.deduct(frozen.id, "pay-1", 4_000 * YUAN)
        assert measure.frozen_fen == 6_000 * YUAN
        assert len(published(app, FundsDeducted)) == 1

    def test_already_exists_naming_request_id_when_it_is_reused_for_another_amount(
            self, app, frozen):
        app.deduct(frozen.id, "pay-1", 4_000 * YUAN)
        with pytest.raises(AlreadyExists) as refusal:
            app.deduct(frozen.id, "pay-1", 5_000 * YUAN)
        assert refusal.value.field == "request_id"
        assert app.get_measure(frozen.id).frozen_fen == 6_000 * YUAN

    def test_already_exists_when_a_renewals_request_id_is_reused_to_deduct(self, app, frozen):
        app.renew_measure(frozen.id, "r-9")
        with pytest.raises(AlreadyExists, match=r"\[request_id\]"):
            app.deduct(frozen.id, "r-9", 1_000 * YUAN)
        assert published(app, FundsDeducted) == []

    def test_two_requests_make_two_receipts_with_distinct_keys(self, app, frozen):
        app.deduct(frozen.id, "pay-1", 1_000 * YUAN)
        app.deduct(frozen.id, "pay-2", 1_000 * YUAN)
        assert [e.measure_id for e in published(app, FundsDeducted)] == [
            f"{frozen.id}:pay-1", f"{frozen.id}:pay-2"]

    def test_refused_with_the_figures_when_more_than_is_frozen_is_asked(self, app, frozen):
        app.deduct(frozen.id, "pay-1", 8_000 * YUAN)
        with pytest.raises(ControlRefused) as refusal:
            app.deduct(frozen.id, "pay-2", 3_000 * YUAN)
        assert str(refusal.value) == ("R28 [amount_fen]: at most the frozen 200000 fen may "
                                      "be deducted; asked 300000")
        assert len(published(app, FundsDeducted)) == 1

    def test_refused_when_the_amount_is_zero(self, app, frozen):
        with pytest.raises(ControlRefused, match="amount_fen"):
            app.deduct(frozen.id, "pay-1", 0)

    def test_only_a_frozen_deposit_is_deducted(self, app, case, clock):
        sealed = app.impose_measure(case, flat(clock, value_yuan=100_000), "seal-1")
        with pytest.raises(ControlRefused, match="only a frozen deposit"):
            app.deduct(sealed.id, "pay-1", 1)

    def test_a_waiting_freeze_cannot_be_deducted(self, app, frozen, clock):
        # R22: a queued freeze controls nothing until it takes effect.
        waiting = app.impose_measure(other_court_case(), order(clock), "cq-1")
        with pytest.raises(ControlRefused, match="queued"):
            app.deduct(waiting.id, "pay-1", 1)


class TestFullDeduction:
    def test_the_freeze_ends_as_disposed_when_all_of_it_is_deducted(self, app, frozen):
        measure = app.deduct(frozen.id, "pay-1", 10_000 * YUAN)
        assert (measure.status, measure.frozen_fen) == ("disposed", 0)
        [event] = published(app, MeasureReleased)
        assert event.ground == "disposed"

    def test_the_next_freeze_takes_effect_on_what_the_account_still_holds(self, app, frozen,
                                                                         clock):
        # R22: only the frozen part was disposed of; the queue continues on the rest.
        waiting = app.impose_measure(other_court_case(), order(clock), "cq-1")
        app.deduct(frozen.id, "pay-1", 10_000 * YUAN)
        assert app.get_measure(waiting.id).status == "effective"

    def test_the_cap_shrinks_by_what_was_deducted(self, app, frozen, case, clock):
        # R21: the case is owed 90,000 yuan after 10,000 deducted: cap 108,000 yuan.
        app.deduct(frozen.id, "pay-1", 10_000 * YUAN)
        with pytest.raises(OverSeizure, match="cap 10800000 fen = claim and costs 10000000 "
                                              "fen less 1000000 fen deducted"):
            app.impose_measure(case, order(clock, asset_id="account-2",
                                           amount_fen=110_000 * YUAN), "freeze-2")

    def test_the_read_model_shows_what_was_deducted(self, app, frozen, case, tmp_path):
        app.deduct(frozen.id, "pay-1", 4_000 * YUAN)
        [row] = MeasureView(tmp_path, app).catch_up().queue(ASSET)
        assert (row.amount_fen, row.deducted_fen) == (10_000 * YUAN, 4_000 * YUAN)
