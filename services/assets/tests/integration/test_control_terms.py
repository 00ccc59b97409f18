"""查封、扣押、冻结 and their terms: in effect on service (R25), at most 1/2/3 years by
class (R20), renewed (续行) up to the last day, reminded before expiry, lapsed when the
term ends unrenewed (R20; periods counted per R62–R63 on calendar dates, R64)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zhixing.assets.application import AssetsApplication
from zhixing.assets.domain.errors import InvalidAssetInput, TermRefused
from zhixing.contracts.events.assets.v1 import (
    MeasureExpiring,
    MeasureLapsed,
    MeasureRenewed,
    MeasureTookEffect,
)
from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import AlreadyExists

from .control_fixtures import flat, order, published


def travel_to(clock, day: date) -> None:
    """10:00 in Beijing on `day`."""
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))


def three_month_freeze(app, case, clock):
    """Imposed Monday 2026-03-02; its term's last day is Tuesday 2026-06-02 (R62, R63)."""
    return app.impose_measure(case, order(clock, term_months=3), "freeze-1")


class TestImposing:
    def test_freeze_runs_twelve_months_from_service_when_no_term_is_asked(self, app, case,
                                                                          clock):
        # R20 deposits 1 year; R25 in effect on service; R62/R63 ends on the same date.
        measure = app.impose_measure(case, order(clock), "r-1")
        assert (measure.status, measure.effective_on, measure.expires_on) == (
            "effective", "2026-03-02", "2027-03-02")

    def test_took_effect_is_published_with_the_term_when_the_asset_is_free(self, app, case,
                                                                           clock):
        # R25: the court learns its measure controls the asset, and until when (R20).
        app.impose_measure(case, order(clock), "r-1")
        [event] = published(app, MeasureTookEffect)
        assert (event.case_id, event.court_code, event.asset_class, event.expires_on,
                event.from_queue) == (case.case_id, "川0104", "deposit", "2027-03-02", False)

    def test_refused_naming_r20_and_the_figures_when_a_deposit_freeze_asks_13_months(
            self, app, case, clock):
        with pytest.raises(TermRefused) as refusal:
            app.impose_measure(case, order(clock, term_months=13), "r-1")
        assert str(refusal.value) == ("R20 [term_months]: a deposit freeze may run at most "
                                      "12 months; asked 13")

    def test_nothing_is_written_when_the_term_is_refused(self, app, case, clock):
        # STYLE 14: a refusal leaves nothing half-written.
        with pytest.raises(TermRefused):
            app.impose_measure(case, order(clock, term_months=13), "r-1")
        assert app.measures_of_case(case.case_id) == []

    def test_real_property_seal_runs_three_years_when_no_term_is_asked(self, app, case, clock):
        # R20: real property 3 years.
        measure = app.impose_measure(case, flat(clock, value_yuan=50_000), "r-1")
        assert measure.expires_on == "2029-03-02"

    def test_equity_freeze_runs_three_years_as_another_property_right(self, app, case, clock):
        # R20: "real property and other property rights 3 years".
        measure = app.impose_measure(case, order(clock, asset_id="equity-1",
                                                 asset_kind="equity"), "r-1")
        assert (measure.asset_class, measure.expires_on) == ("real_property", "2029-03-02")

    def test_vehicle_detention_is_refused_beyond_24_months(self, app, case, clock):
        # R20: movables 2 years.
        with pytest.raises(TermRefused, match="at most 24 months; asked 25"):
            app.impose_measure(case, order(clock, asset_id="car-1", asset_kind="vehicle",
                                           kind="detain", term_months=25), "r-1")

    def test_a_retry_with_the_same_request_id_imposes_nothing_new(self, app, case, clock):
        first = app.impose_measure(case, order(clock), "r-1")
        again = app.impose_measure(case, order(clock), "r-1")
        assert again.id == first.id
        assert len(published(app, MeasureTookEffect)) == 1

    def test_already_exists_naming_request_id_when_reused_for_another_order(
            self, app, case, clock):
        app.impose_measure(case, order(clock), "r-1")
        with pytest.raises(AlreadyExists) as refusal:
            app.impose_measure(case, order(clock, asset_id="car-1", asset_kind="vehicle",
                                           kind="detain"), "r-1")
        assert refusal.value.field == "request_id"
        assert len(published(app, MeasureTookEffect)) == 1

    def test_refused_naming_r25_when_the_ruling_number_is_blank(self, app, case, clock):
        with pytest.raises(InvalidAssetInput, match=r"R25 \[ruling_number\]"):
            app.impose_measure(case, order(clock, ruling_number=" "), "r-1")

    def test_refused_naming_served_at_when_service_is_in_the_future(self, app, case, clock):
        # R25: a measure takes effect on service; a service that has not happened is not.
        with pytest.raises(InvalidAssetInput, match="served_at"):
            app.impose_measure(case, order(clock, served_at=clock.now() + timedelta(days=1)),
                               "r-1")

    def test_refused_naming_kind_when_a_deposit_would_be_sealed(self, app, case, clock):
        with pytest.raises(InvalidAssetInput, match=r"\[kind\]"):
            app.impose_measure(case, order(clock, kind="seal"), "r-1")


class TestRenewal:
    def test_renewal_is_allowed_on_the_last_day_of_the_term(self, app, case, clock):
        # R20: registered before expiry — the last day still counts (R62).
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 2))
        renewed = app.renew_measure(measure.id, "renew-1", 12)
        assert renewed.expires_on == "2027-06-02"
        [event] = published(app, MeasureRenewed)
        assert event.expires_on == "2027-06-02"

    def test_renewal_is_refused_the_day_after_expiry(self, app, case, clock):
        # R20: renewal must come before expiry; the sweep has not run yet.
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 3))
        with pytest.raises(TermRefused) as refusal:
            app.renew_measure(measure.id, "renew-1", 12)
        assert "R20" in str(refusal.value)
        assert "ended on 2026-06-02; asked on 2026-06-03" in str(refusal.value)

    def test_renewal_is_refused_when_longer_than_the_class_maximum(self, app, case, clock):
        # R20: each renewal no longer than the same maximum.
        measure = three_month_freeze(app, case, clock)
        with pytest.raises(TermRefused, match="at most 12 months; asked 18"):
            app.renew_measure(measure.id, "renew-1", 18)

    def test_a_renewal_retried_with_the_same_request_id_extends_the_term_once(self, app, case,
                                                                              clock):
        measure = three_month_freeze(app, case, clock)
        app.renew_measure(measure.id, "renew-1", 3)
        renewed = app.renew_measure(measure.id, "renew-1", 3)
        assert (renewed.expires_on, len(renewed.renewals)) == ("2026-09-02", 1)

    def test_renewal_is_refused_while_the_measure_waits_in_the_queue(self, app, case, clock):
        # R20/R22: a waiting measure's term has not begun.
        app.impose_measure(case, order(clock), "first")
        waiting = app.impose_measure(case, order(clock, amount_fen=5_000_00), "second")
        with pytest.raises(TermRefused, match="waiting"):
            app.renew_measure(waiting.id, "renew-1", 12)


class TestReminder:
    def test_expiring_is_published_when_ten_working_days_remain(self, app, case, clock):
        # R20 reminder, control.expiry_reminder_working_days = 10: from Tue 19 May 2026,
        # ten working days remain to Tue 2 June.
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 5, 19))
        assert app.sweep_measures(clock.today()) == 1
        [event] = published(app, MeasureExpiring)
        assert event.expires_on == "2026-06-02"

    def test_no_reminder_while_eleven_working_days_remain(self, app, case, clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 5, 18))
        assert app.sweep_measures(clock.today()) == 0
        assert published(app, MeasureExpiring) == []

    def test_the_reminder_is_sent_once_per_term_when_the_sweep_runs_again(self, app, case,
                                                                          clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 5, 19))
        app.sweep_measures(clock.today())
        travel_to(clock, date(2026, 5, 20))
        assert app.sweep_measures(clock.today()) == 0
        assert len(published(app, MeasureExpiring)) == 1

    def test_a_renewed_term_is_reminded_again_before_its_own_end(self, app, case, clock):
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 5, 19))
        app.sweep_measures(clock.today())
        app.renew_measure(measure.id, "renew-1", 1)  # ends Thu 2 July 2026
        travel_to(clock, date(2026, 6, 30))
        app.sweep_measures(clock.today())
        assert [e.expires_on for e in published(app, MeasureExpiring)] == [
            "2026-06-02", "2026-07-02"]


class TestLapse:
    def test_freeze_lapses_the_day_after_its_last_day_when_not_renewed(self, app, case, clock):
        # R20: the term ended without renewal; the measure loses its priority.
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 5))
        app.sweep_measures(clock.today())
        assert app.get_measure(measure.id).status == "lapsed"
        [event] = published(app, MeasureLapsed)
        assert event.lapsed_on == "2026-06-03"

    def test_nothing_lapses_on_the_last_day_of_the_term(self, app, case, clock):
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 2))
        app.sweep_measures(clock.today())
        assert app.get_measure(measure.id).status == "effective"

    def test_a_lapsed_measure_cannot_be_renewed(self, app, case, clock):
        # R20: a lapsed measure lost its place for good.
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        with pytest.raises(TermRefused, match="lapsed"):
            app.renew_measure(measure.id, "renew-1", 3)

    def test_a_renewed_measure_does_not_lapse_at_its_old_end(self, app, case, clock):
        measure = three_month_freeze(app, case, clock)
        app.renew_measure(measure.id, "renew-1", 3)
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        assert app.get_measure(measure.id).status == "effective"

    def test_a_sweep_repeated_changes_nothing_more(self, app, case, clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 3))
        app.sweep_measures(clock.today())
        assert app.sweep_measures(clock.today()) == 0
        assert len(published(app, MeasureLapsed)) == 1

    def test_a_restarted_service_still_finds_the_term_to_lapse(self, app, case, clock,
                                                               tmp_path):
        # R20: the sweep's watch is rebuilt from the event store, not from memory.
        measure = three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 3))
        restarted = AssetsApplication(Settings(var_dir=tmp_path), clock=clock)
        try:
            assert restarted.sweep_measures(clock.today()) == 1
            assert restarted.get_measure(measure.id).status == "lapsed"
        finally:
            restarted.close()
