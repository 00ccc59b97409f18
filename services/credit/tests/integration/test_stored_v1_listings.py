"""Listings stored by the v1 code, whose R9 correction lived in the listing's own events,
read and carried on with today's code (`CorrectionRequest`), on SQLite and PostgreSQL
(STYLE 4, 10). The bytes were recorded once by `fixtures/record_v1.py`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import pytest

from testkit.stored import insert_recorded, read_fixture
from zhixing.contracts.events.credit import v1
from zhixing.credit.application import CreditApplication
from zhixing.credit.domain.correction import Correction, CorrectionRequest, CorrectionStage
from zhixing.credit.domain.errors import RemovalRefused
from zhixing.credit.outbound import mapping_for
from zhixing.kernel.clock import FixedClock

FIXTURE = read_fixture(Path(__file__).parents[1] / "fixtures" / "v1_listing_events.json")
LISTINGS = {name: UUID(i) for name, i in FIXTURE["listings"].items()}
OBSERVED = FIXTURE["observed"]


def as_v1(steps: Correction | None) -> dict[str, object]:
    """The steps as the v1 listing's `correction` dict had them."""
    if steps is None:
        return {}
    shown = {k: v for k, v in asdict(steps).items() if v is not None}
    flagged = shown.pop("overdue_flagged")
    assert shown.pop("provisional") == ()  # added later (R64); never set on v1 steps
    return {**shown, **({"overdue_flagged": list(flagged)} if flagged else {})}


def published(app: CreditApplication) -> list[object]:
    mapping = mapping_for(app)
    return [e for _, d in app.read_notifications(0, 1000) for e in mapping(d)]


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 3, 20, 2, tzinfo=UTC))


@pytest.fixture
def open_app(backend, clock):
    """Applications on one store (SQLite, and PostgreSQL when connected: the credit
    tests' `backend`); each new one reads what is stored (empty cache)."""
    apps: list[CreditApplication] = []

    def open_() -> CreditApplication:
        apps.append(CreditApplication(backend, clock=clock))
        return apps[-1]

    yield open_
    for app in apps:
        app.close()


@pytest.fixture
def app(open_app):
    application = open_app()
    insert_recorded(application, FIXTURE, snapshots=False)
    return application


class TestV1ListingsLoad:
    def test_listings_show_what_v1_showed_when_read_with_the_new_code(self, app):
        for listing_id, seen in OBSERVED.items():
            listing = app.repository.get(UUID(listing_id))
            assert {"version": listing.version, "is_listed": listing.is_listed,
                    "removed_on": listing.removed_on, "removal_reason": listing.removal_reason,
                    "correction": as_v1(listing.correction)} == seen

    def test_v1_corrections_are_typed_steps_when_read(self, app):
        stages = {name: app.repository.get(i).correction.stage for name, i in LISTINGS.items()}
        assert stages == {"overdue": CorrectionStage.AWAITING_DECISION,
                          "fixed": CorrectionStage.CORRECTED,
                          "removed": CorrectionStage.CORRECTED,
                          "awaiting_fix": CorrectionStage.AWAITING_FIX}

    def test_v1_corrections_are_published_as_before_when_the_log_is_mapped(self, app):
        events = published(app)
        corrected = {e.listing_id for e in events if isinstance(e, v1.ListingCorrected)}
        overdue = sorted((e.listing_id, tuple(e.steps)) for e in events
                         if isinstance(e, v1.CorrectionOverdue))
        assert corrected == {str(LISTINGS["fixed"]), str(LISTINGS["removed"])}
        assert overdue == sorted([(str(LISTINGS["overdue"]), ("decide_by",)),
                                  (str(LISTINGS["awaiting_fix"]), ("fix_by",))])


class TestV1CorrectionCarriedOn:
    """A v1 listing's request moves to its own CorrectionRequest when next advanced."""

    def test_request_is_handed_over_with_its_steps_when_a_v1_correction_is_made(
            self, app, open_app):
        listing_id = LISTINGS["awaiting_fix"]
        app.advance_correction(listing_id, "correct", False, date(2026, 3, 20))
        fresh = open_app()
        listing = fresh.repository.get(listing_id)
        request = fresh.repository.get(CorrectionRequest.create_id(str(listing_id), 1))
        assert (listing.correction, request.carried_over, request.number) == (None, True, 1)
        assert as_v1(request.steps) == {**OBSERVED[str(listing_id)]["correction"],
                                        "corrected_on": "2026-03-20"}
        assert fresh.correction_of(listing) == request.steps

    def test_missed_deadline_is_reported_once_when_a_v1_request_is_carried_on(
            self, app, clock):
        listing_id = LISTINGS["overdue"]
        app.advance_correction(listing_id, "decide", True, date(2026, 3, 20))  # fix by 03-25
        clock.set(datetime(2026, 3, 26, 2, tzinfo=UTC))
        assert app.sweep() == 1
        assert app.sweep() == 0
        overdue = [(e.listing_id, e.steps, e.flagged_on) for e in published(app)
                   if isinstance(e, v1.CorrectionOverdue) and e.flagged_on == "2026-03-26"]
        assert overdue == [(str(listing_id), ["fix_by"], "2026-03-26")]

    def test_new_request_is_number_two_when_the_v1_request_was_finished(self, app):
        listing_id = LISTINGS["fixed"]
        app.advance_correction(listing_id, "request", False, date(2026, 3, 20))
        second = app.repository.get(CorrectionRequest.create_id(str(listing_id), 2))
        assert (second.number, second.steps.decide_by) == (2, "2026-04-07")

    def test_new_request_is_refused_naming_r9_when_the_v1_request_awaits_its_fix(self, app):
        with pytest.raises(RemovalRefused, match="R9"):
            app.advance_correction(LISTINGS["awaiting_fix"], "request", False,
                                   date(2026, 3, 20))
