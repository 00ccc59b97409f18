"""The sweep publishes a listing when its grace period ends (R10) even while a correction
request (R9) is open beside it — "the listing stays in force meanwhile" — and still
reports the correction's missed deadline on its own day. Both for a request a listing
stored before `CorrectionRequest` recorded itself, and for a `CorrectionRequest`."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from testkit.stored import insert_recorded, read_fixture
from zhixing.contracts.events.credit import v1
from zhixing.credit.application import CreditApplication
from zhixing.credit.application.listings import Decision
from zhixing.credit.outbound import mapping_for
from zhixing.kernel.clock import FixedClock

from ..conftest import DEBTOR_ID

FIXTURE = read_fixture(Path(__file__).parents[1] / "fixtures" / "v1_listing_events.json")
LEGACY = UUID(FIXTURE["listings"]["overdue"])
"""Recorded by v1: decided 2026-03-02, correction requested 2026-03-02, decide by 03-17."""
GRACE_ENDS = "2026-03-10"


def unpublished_with_open_request(fixture: dict[str, Any]) -> dict[str, Any]:
    """The recorded v1 listing as v1 stored it before publication: its grace period ends
    on GRACE_ENDS, its correction request not yet decided (nor flagged). Its case file
    comes with it; its published records (restriction, debtor record) are left out."""
    case_file = next(r["originator_id"] for r in fixture["events"]
                     if r["topic"].endswith("CaseCreditFile.ListingNoted")
                     and str(LEGACY) in base64.b64decode(r["state"]).decode())
    listed, requested = (next(r for r in fixture["events"]
                              if r["originator_id"] == str(LEGACY) and r["topic"].endswith(t))
                         for t in ("Listing.Listed", "Listing.CorrectionRequested"))
    state = json.loads(base64.b64decode(listed["state"]))
    state["publish_on"] = GRACE_ENDS
    listed = {**listed, "state": base64.b64encode(json.dumps(state).encode()).decode()}
    noted = [r for r in fixture["events"] if r["originator_id"] == case_file
             and not r["topic"].endswith("RestrictionNoted")]
    return {"events": [listed, {**requested, "originator_version": 2}, *noted]}


def published(app: CreditApplication) -> list[Any]:
    mapping = mapping_for(app)
    return [e for _, d in app.read_notifications(0, 1000) for e in mapping(d)]


def overdue_reports(app: CreditApplication) -> list[tuple[str, list[str], str]]:
    return [(e.listing_id, e.steps, e.flagged_on) for e in published(app)
            if isinstance(e, v1.CorrectionOverdue)]


def on(clock: FixedClock, day: str) -> None:
    clock.set(datetime.fromisoformat(f"{day}T02:00:00+00:00"))


@pytest.fixture
def legacy_clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 9, 2, tzinfo=UTC))


@pytest.fixture
def legacy_app(backend, legacy_clock):
    """The unpublished v1 listing with its open request, on SQLite (and PostgreSQL when
    connected)."""
    application = CreditApplication(backend, clock=legacy_clock)
    insert_recorded(application, unpublished_with_open_request(FIXTURE), snapshots=False)
    yield application
    application.close()


class TestSweepBesideALegacyCorrection:
    """A v1 listing whose own request (R9) is open while its grace period (R10) runs."""

    def test_published_when_the_grace_ends_before_the_correction_deadline(
            self, legacy_app, legacy_clock):
        assert legacy_app.sweep() == 0
        on(legacy_clock, GRACE_ENDS)
        assert legacy_app.sweep() == 1
        assert legacy_app.repository.get(LEGACY).published_on == GRACE_ENDS

    def test_overdue_is_reported_on_its_own_day_when_the_listing_was_published(
            self, legacy_app, legacy_clock):
        on(legacy_clock, GRACE_ENDS)
        legacy_app.sweep()
        on(legacy_clock, "2026-03-17")
        assert (legacy_app.sweep(), overdue_reports(legacy_app)) == (0, [])
        on(legacy_clock, "2026-03-18")
        assert legacy_app.sweep() == 1
        assert overdue_reports(legacy_app) == [(str(LEGACY), ["decide_by"], "2026-03-18")]


class TestSweepBesideACorrectionRequest:
    """The same with a request of today's code (its own aggregate) beside the listing."""

    @pytest.fixture
    def listing(self, app, case):
        decision = Decision(debtor_identity_number=DEBTOR_ID, grounds=[2], facts="以暴力方法抗拒执行",
                            decision_number="(2026)川0104执100号之一", decided_on=date(2026, 3, 2),
                            signed_by_president=True)
        listing = app.decide_listing(replace(case, notice_served_on="2026-02-20"), decision)
        app.advance_correction(listing.id, "request", False, date(2026, 3, 10))  # by 03-25
        return listing

    def test_published_when_the_grace_ends_before_the_correction_deadline(
            self, app, clock, listing):
        assert listing.publish_on == "2026-03-20"
        on(clock, "2026-03-20")
        assert app.sweep() == 1
        assert app.repository.get(listing.id).published_on == "2026-03-20"

    def test_overdue_is_reported_on_its_own_day_when_the_listing_was_published(
            self, app, clock, listing):
        on(clock, "2026-03-20")
        app.sweep()
        on(clock, "2026-03-26")
        assert app.sweep() == 1
        assert overdue_reports(app) == [(str(listing.id), ["decide_by"], "2026-03-26")]
