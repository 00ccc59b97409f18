"""轮候查封 — one waiting list per asset across courts (R22): order of service, automatic
promotion on release or lapse, the whole asset disposed vs. part of it; preservation
converted with its term and place (R23); closure releases a case's measures (R25)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from testkit.assets import cloud_event
from zhixing.assets.domain.errors import ControlRefused
from zhixing.assets.policies.control import ControlPolicy
from zhixing.contracts.events.assets.v1 import MeasureLapsed, MeasureQueued, MeasureTookEffect

from .control_fixtures import ASSET, MeasureView, a_case, at, order, other_court_case, published

CHONGQING = other_court_case()


def travel_to(clock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))


@pytest.fixture
def held(app, case, clock):
    """川0104's freeze holds the asset: imposed 2026-03-02, last day 2026-06-02."""
    return app.impose_measure(case, order(clock, term_months=3), "first")


def queue_courts(app):
    return [(m.court_code, m.status) for m in app.queue_of(ASSET)]


class TestWaitingList:
    def test_a_later_measure_from_another_court_waits_when_the_asset_is_held(
            self, app, held, clock):
        # R22: already controlled, so the later measure queues.
        waiting = app.impose_measure(CHONGQING, order(clock, served_at=at(clock, hours=-1)),
                                     "cq-1")
        assert (waiting.status, waiting.rank, waiting.expires_on) == ("queued", 1, "")
        [event] = published(app, MeasureQueued)
        assert (event.court_code, event.rank) == ("渝0103", 1)

    def test_queue_follows_service_time_not_the_order_requests_arrive(self, app, held, case,
                                                                      clock):
        # R22: "in the order its assistance notice was served".
        later = app.impose_measure(CHONGQING, order(clock, served_at=clock.now()), "cq-1")
        earlier = app.impose_measure(a_case("00000000-0000-4000-8000-000000000301"),
                                     order(clock, served_at=at(clock, hours=-2)), "other-1")
        assert [m.id for m in app.queue_of(ASSET)] == [held.id, earlier.id, later.id]

    def test_next_measure_of_another_court_takes_effect_with_its_own_term_when_the_freeze_lapses(
            self, app, held, clock):
        # R20: 川0104's term ends unrenewed and it loses its place; R22: 渝0103's waiting
        # freeze takes effect the next day, its court is told, its own 12 months run.
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        travel_to(clock, date(2026, 6, 8))
        assert app.sweep_measures(clock.today()) == 2
        promoted = app.get_measure(waiting.id)
        assert (promoted.status, promoted.effective_on, promoted.expires_on) == (
            "effective", "2026-06-03", "2027-06-03")
        [event] = [e for e in published(app, MeasureTookEffect) if e.from_queue]
        assert (event.measure_id, event.case_id, event.court_code) == (
            str(waiting.id), CHONGQING.case_id, "渝0103")

    def test_lapsed_measure_leaves_the_queue_when_its_term_ends(self, app, held, clock):
        # R20: a lapsed measure loses its priority.
        app.impose_measure(CHONGQING, order(clock), "cq-1")
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        assert queue_courts(app) == [("渝0103", "effective")]

    def test_next_measure_takes_effect_on_the_day_the_holder_is_released(self, app, held,
                                                                         clock):
        # R22: "when the earlier measure is lifted, the earliest queued takes effect".
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        travel_to(clock, date(2026, 4, 1))
        app.release_measure(held.id, "paid")
        assert app.get_measure(waiting.id).effective_on == "2026-04-01"

    def test_the_holder_stays_in_effect_when_a_waiting_measure_is_released(self, app, held,
                                                                           clock):
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        app.release_measure(waiting.id, "withdrawn")
        assert queue_courts(app) == [("川0104", "effective")]

    def test_releasing_twice_changes_nothing_more(self, app, held):
        app.release_measure(held.id, "paid")
        again = app.release_measure(held.id, "paid")
        assert again.status == "released"

    def test_a_lapsed_measure_cannot_be_released(self, app, held, clock):
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        with pytest.raises(ControlRefused, match="R25"):
            app.release_measure(held.id, "paid")


class TestDisposal:
    def test_waiting_measures_lapse_when_the_first_court_disposes_of_the_whole_asset(
            self, app, held, case, clock):
        # R22: nothing is left for them.
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        app.asset_disposed(ASSET, whole=True, on=date(2026, 5, 1), case_id=case.case_id)
        assert (app.get_measure(held.id).status, app.get_measure(waiting.id).status) == (
            "disposed", "lapsed")
        assert app.queue_of(ASSET) == []
        assert [(e.measure_id, e.reason) for e in published(app, MeasureLapsed)] == [
            (str(waiting.id), "asset_disposed")]  # not "its term ran out"

    def test_the_queue_continues_on_the_remainder_when_only_part_is_disposed(
            self, app, held, case, clock):
        # R22: "if only part, they continue on the remainder".
        second = app.impose_measure(CHONGQING, order(clock), "cq-1")
        third = app.impose_measure(other_court_case(2), order(clock), "cq-2")
        app.asset_disposed(ASSET, whole=False, on=date(2026, 5, 1), case_id=case.case_id)
        assert [(m.id, m.status) for m in app.queue_of(ASSET)] == [
            (second.id, "effective"), (third.id, "queued")]

    def test_a_disposal_applied_again_changes_nothing(self, app, held, case, clock):
        app.impose_measure(CHONGQING, order(clock), "cq-1")
        app.asset_disposed(ASSET, whole=False, on=date(2026, 5, 1), case_id=case.case_id)
        assert app.asset_disposed(ASSET, whole=False, on=date(2026, 5, 1),
                                  case_id=case.case_id) == 0

    def test_only_the_holding_case_may_dispose_when_measures_wait(self, app, held, case, clock):
        # R22: the first court disposes; a waiting court does not.
        app.impose_measure(CHONGQING, order(clock), "cq-1")
        assert app.holds_effective_measure(case.case_id, ASSET)
        assert not app.holds_effective_measure(CHONGQING.case_id, ASSET)


class TestPreservationConversion:
    @pytest.fixture
    def preservation(self, app, clock):
        """A 执保 case of 川0104 whose freeze waits behind 渝0103's (rank 1 of 2)."""
        app.impose_measure(CHONGQING, order(clock, served_at=at(clock, hours=-3)), "cq-1")
        kept = app.impose_measure(a_case("00000000-0000-4000-8000-000000000401"),
                                  order(clock, served_at=at(clock, hours=-2), preservation=True),
                                  "bao-1")
        app.impose_measure(other_court_case(2), order(clock), "cq-2")
        return kept

    def test_the_converted_measure_keeps_the_place_in_the_queue(self, app, case,
                                                                preservation):
        # R23: the preservation "converts automatically ... its term runs on"; R22 place.
        converted = app.convert_preservation(preservation.id, case, "convert-1", "(2026)川0104执100号")
        assert app.queue_of(ASSET)[1].id == converted.id
        assert (converted.served_at, converted.converted_from) == (
            preservation.served_at, str(preservation.id))
        assert app.get_measure(preservation.id).status == "converted"

    def test_the_converted_measure_keeps_the_expiry_when_the_preservation_held_the_asset(
            self, app, case, clock):
        # R23: the term runs on — same effective date, same last day.
        bao = a_case("00000000-0000-4000-8000-000000000402")
        kept = app.impose_measure(bao, order(clock, preservation=True), "bao-1")
        clock.advance(timedelta(days=90))
        converted = app.convert_preservation(kept.id, case, "convert-1", "(2026)川0104执100号")
        assert (converted.status, converted.effective_on, converted.expires_on) == (
            "effective", kept.effective_on, kept.expires_on)
        [event] = [e for e in published(app, MeasureTookEffect) if e.converted_from]
        assert (event.case_id, event.expires_on) == (case.case_id, kept.expires_on)

    def test_a_conversion_retried_with_the_same_request_id_creates_one_measure(
            self, app, case, preservation):
        first = app.convert_preservation(preservation.id, case, "convert-1", "执100号")
        again = app.convert_preservation(preservation.id, case, "convert-1", "执100号")
        assert again.id == first.id
        assert len(app.measures_of_case(case.case_id)) == 1

    def test_only_a_preservation_measure_converts(self, app, held, case):
        with pytest.raises(ControlRefused, match="R23"):
            app.convert_preservation(held.id, other_court_case(3), "convert-1", "执1号")


def case_closed(case_id: str, closure: str, position: int = 1):
    return cloud_event("cn.zhixing.cases.v1.CaseClosed", case_id, {
        "case_id": case_id, "case_number": "(2026)川0104执100号", "court_code": "川0104",
        "closure": closure, "closed_on": "2026-04-01", "recovered_fen": 0,
        "respondents": []}, position)


class TestReactions:
    def test_a_closed_case_releases_its_measures_and_the_next_takes_effect(self, app, held,
                                                                           case, clock):
        # R25 ground case_closed; R22 promotion.
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        ControlPolicy(app).handle(case_closed(case.case_id, "executed_in_full"), None)
        assert (app.get_measure(held.id).ground, app.get_measure(waiting.id).status) == (
            "case_closed", "effective")

    @pytest.mark.parametrize(("closure", "kept"), [("executed_in_full", True),
                                                    ("withdrawn", False)])
    def test_a_closed_preservation_case_keeps_its_preservation_unless_withdrawn(
            self, app, clock, closure, kept):
        # R23: the preservation runs on into the enforcement case, in its place.
        bao = a_case("00000000-0000-4000-8000-000000000402")
        measure = app.impose_measure(bao, order(clock, preservation=True), "bao-9")
        ControlPolicy(app).handle(case_closed(bao.case_id, closure), None)
        assert (app.get_measure(measure.id).status == "effective") is kept

    def test_a_delegated_case_keeps_its_measures(self, app, held, case):
        ControlPolicy(app).handle(case_closed(case.case_id, "delegated"), None)
        assert app.get_measure(held.id).status == "effective"

    def test_a_redelivered_closure_releases_nothing_more(self, app, held, case):
        policy = ControlPolicy(app)
        policy.handle(case_closed(case.case_id, "withdrawn"), None)
        before = app.max_notification_id()
        policy.handle(case_closed(case.case_id, "withdrawn"), None)
        assert app.max_notification_id() == before

    def test_a_concluded_whole_disposal_lapses_the_waiting_measures(self, app, held, case,
                                                                    clock):
        # R22 via the service's own DisposalConcluded.
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        ControlPolicy(app).handle(cloud_event("cn.zhixing.assets.v1.DisposalConcluded", "d-1", {
            "disposal_id": "d-1", "case_id": case.case_id, "court_code": "川0104",
            "asset_id": ASSET, "method": "auction", "price_fen": 1, "concluded_on": "2026-05-01",
            "whole_asset": True}), None)
        assert app.get_measure(waiting.id).status == "lapsed"


class TestReadModel:
    def test_the_asset_queue_lists_courts_in_rank_order(self, app, held, clock, tmp_path):
        # R22 across courts, ranks by service time.
        app.impose_measure(CHONGQING, order(clock), "cq-1")
        earlier = app.impose_measure(other_court_case(2), order(clock, served_at=at(
            clock, hours=-1)), "cq-2")
        rows = MeasureView(tmp_path, app).catch_up().queue(ASSET)
        assert [(r.rank, r.measure_id == str(earlier.id)) for r in rows] == [
            (0, False), (1, True), (2, False)]

    def test_ranks_move_up_when_the_holder_lapses(self, app, held, clock, tmp_path):
        view = MeasureView(tmp_path, app)
        waiting = app.impose_measure(CHONGQING, order(clock), "cq-1")
        view.catch_up()
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        [row] = view.catch_up().queue(ASSET)
        assert (row.measure_id, row.rank, row.expires_on) == (str(waiting.id), 0, "2027-06-03")

    def test_a_case_lists_its_measures_with_their_expiry(self, app, held, case, tmp_path):
        [row] = MeasureView(tmp_path, app).catch_up().of_case(case.case_id)
        assert (row.status, row.kind, row.asset_class, row.amount_fen, row.expires_on) == (
            "effective", "freeze", "deposit", 10_000_00, "2026-06-02")

    def test_measures_due_for_the_sweep_are_expired_or_expiring(self, app, held, case, clock,
                                                                tmp_path):
        app.impose_measure(case, order(clock, asset_id="other-account"), "second")
        due = MeasureView(tmp_path, app).catch_up().due_for_sweep(date(2026, 5, 20), 14)
        assert [r.measure_id for r in due] == [str(held.id)]

    def test_delivering_every_event_again_changes_no_row(self, app, held, clock, tmp_path):
        # Idempotent upserts: redelivery and replay converge.
        app.impose_measure(CHONGQING, order(clock), "cq-1")
        app.release_measure(held.id, "paid")
        view = MeasureView(tmp_path, app)
        first = view.catch_up().queue(ASSET)
        assert view.replay_all().queue(ASSET) == first
