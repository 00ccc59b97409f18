"""The measure of a lapse not recorded (R20): days past its last day of the oldest
measure still in effect, which the sweep publishes as
`zhixing_oldest_unlapsed_measure_days` for an alert (DESIGN §9)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prometheus_client import REGISTRY

from zhixing.assets.sweep import AssetsSweep

from .control_fixtures import order


def travel_to(clock, day: date) -> None:
    """10:00 in Beijing on `day`."""
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC))


def three_month_freeze(app, case, clock):
    """Imposed Monday 2026-03-02; its term's last day is Tuesday 2026-06-02 (R62, R63)."""
    return app.impose_measure(case, order(clock, term_months=3), "freeze-1")


class TestOldestUnlapsed:
    def test_counts_days_from_the_last_day_when_the_term_ended_unswept(self, app, case, clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 5))
        assert app.oldest_unlapsed_days(clock.today()) == 3

    def test_zero_on_the_last_day_of_the_term(self, app, case, clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 2))
        assert app.oldest_unlapsed_days(clock.today()) == 0

    def test_zero_once_the_sweep_has_recorded_the_lapse(self, app, case, clock):
        three_month_freeze(app, case, clock)
        travel_to(clock, date(2026, 6, 5))
        app.sweep_measures(clock.today())
        assert app.oldest_unlapsed_days(clock.today()) == 0

    def test_zero_when_the_measure_was_renewed_past_its_old_end(self, app, case, clock):
        measure = three_month_freeze(app, case, clock)
        app.renew_measure(measure.id, "renew-1", 3)
        travel_to(clock, date(2026, 6, 5))
        assert app.oldest_unlapsed_days(clock.today()) == 0


class TestSweepGauge:
    def test_gauge_reads_zero_after_the_sweep_lapsed_the_ended_term(self, service, case,
                                                                    clock):
        settings, instance = service
        [job] = [j for j in instance.jobs if j.name == "assets.sweep"]
        sweep = job.run.__self__
        assert isinstance(sweep, AssetsSweep)
        measure = three_month_freeze(sweep.app, case, clock)
        Path(settings.clock_file).write_text(datetime(2026, 6, 5, 2, 0, tzinfo=UTC).isoformat())
        job.run()
        assert sweep.app.get_measure(measure.id).status == "lapsed"
        assert REGISTRY.get_sample_value("zhixing_oldest_unlapsed_measure_days",
                                         {"service": "assets"}) == 0
