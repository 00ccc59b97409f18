"""豁免财产 (R24): exempt property is never sealed, detained or frozen, and a natural
person's deposit freeze leaves the local minimum living amount (policy
`control.living_minimum_fen`, 1,000 yuan by default). A refused order is published for
supervision (ExemptPropertyAttempted, R36) — once, whatever the retries."""

from __future__ import annotations

import pytest

from zhixing.assets.application import AssetsApplication
from zhixing.assets.domain.errors import ExemptProperty, InvalidAssetInput
from zhixing.assets.domain.exempt import EXEMPT_CATEGORIES
from zhixing.assets.domain.over_seizure import CaseControl
from zhixing.contracts.events.assets.v1 import ExemptPropertyAttempted
from zhixing.eventstore.settings import Settings

from .control_fixtures import YUAN, order, published


def movable(clock, category):
    return order(clock, asset_id="item-1", kind="seal", asset_kind="movable",
                 amount_fen=2_000 * YUAN, exempt_category=category)


def person_deposit(clock, amount_yuan, balance_yuan):
    return order(clock, amount_fen=amount_yuan * YUAN, balance_fen=balance_yuan * YUAN,
                 natural_person=True)


class TestExemptCategories:
    @pytest.mark.parametrize("category", sorted(EXEMPT_CATEGORIES))
    def test_refused_naming_r24_when_the_property_is_exempt(self, app, case, clock, category):
        with pytest.raises(ExemptProperty) as refusal:
            app.impose_measure(case, movable(clock, category), "r-1")
        assert str(refusal.value).startswith("R24 [exempt_category]: ")
        assert category in str(refusal.value)

    def test_nothing_is_written_when_exempt_property_is_refused(self, app, case, clock):
        with pytest.raises(ExemptProperty):
            app.impose_measure(case, movable(clock, "medical_aid"), "r-1")
        assert (app.queue_of("item-1"), app.measures_of_case(case.case_id)) == ([], [])

    def test_ordinary_property_without_a_category_is_sealed(self, app, case, clock):
        assert app.impose_measure(case, movable(clock, ""), "r-1").status == "effective"


class TestLivingMinimum:
    def test_refused_with_the_figures_when_a_persons_freeze_leaves_less_than_the_minimum(
            self, app, case, clock):
        # R24: 5,000 yuan in the account, 1,000 yuan kept: at most 4,000 yuan frozen.
        with pytest.raises(ExemptProperty) as refusal:
            app.impose_measure(case, person_deposit(clock, 4_500, 5_000), "r-1")
        assert str(refusal.value) == (
            "R24 [amount_fen]: a natural person keeps 100000 fen to live on: of a balance of "
            "500000 fen at most 400000 fen may be frozen; asked 450000")

    def test_a_persons_deposit_is_frozen_up_to_the_balance_less_the_minimum(self, app, case,
                                                                            clock):
        measure = app.impose_measure(case, person_deposit(clock, 4_000, 5_000), "r-1")
        assert measure.amount_fen == 4_000 * YUAN

    def test_a_companys_deposit_may_be_frozen_to_the_last_fen(self, app, case, clock):
        # R24 protects the living of a person and their dependants, not an organisation.
        measure = app.impose_measure(case, order(clock, amount_fen=5_000 * YUAN,
                                                 balance_fen=5_000 * YUAN), "r-1")
        assert measure.status == "effective"

    def test_the_balance_is_required_to_freeze_a_persons_deposit(self, app, case, clock):
        with pytest.raises(InvalidAssetInput, match=r"R24 \[balance_fen\]"):
            app.impose_measure(case, person_deposit(clock, 100, 0), "r-1")


def attempts(app):
    return published(app, ExemptPropertyAttempted)


class TestAttemptPublished:
    """R24 refuses; R36 wants the attempt seen by supervision."""

    def test_published_with_the_category_when_exempt_property_is_refused(self, app, case,
                                                                         clock):
        with pytest.raises(ExemptProperty):
            app.impose_measure(case, movable(clock, "medical_aid"), "r-1", by="officer-1")
        [attempt] = attempts(app)
        assert attempt.model_dump(exclude={"occurred_at"}) == {
            "attempt_id": CaseControl.attempt_id(case.case_id, "r-1"),
            "case_id": case.case_id, "court_code": "川0104", "asset_id": "item-1",
            "ground": "medical_aid", "attempted_on": "2026-03-02", "by": "officer-1"}

    def test_published_as_living_minimum_when_a_persons_freeze_leaves_too_little(
            self, app, case, clock):
        with pytest.raises(ExemptProperty):
            app.impose_measure(case, person_deposit(clock, 4_500, 5_000), "r-1")
        assert [(a.ground, a.asset_id, a.by) for a in attempts(app)] == [
            ("living_minimum", "asset-deposit-1", "")]

    def test_published_once_when_the_same_refused_order_is_sent_again(self, app, case,
                                                                      clock):
        for _ in range(2):
            with pytest.raises(ExemptProperty):
                app.impose_measure(case, movable(clock, "clothing"), "r-1")
        assert len(attempts(app)) == 1

    def test_each_refused_order_is_its_own_attempt_when_request_ids_differ(self, app, case,
                                                                           clock):
        for request in ("r-1", "r-2"):
            with pytest.raises(ExemptProperty):
                app.impose_measure(case, movable(clock, "clothing"), request)
        assert len({a.attempt_id for a in attempts(app)}) == 2

    def test_nothing_is_published_when_the_order_is_not_refused_as_exempt(self, app, case,
                                                                          clock):
        app.impose_measure(case, movable(clock, ""), "r-1")
        with pytest.raises(InvalidAssetInput):
            app.impose_measure(case, person_deposit(clock, 100, 0), "r-2")
        assert attempts(app) == []

    def test_the_ledger_lists_no_measure_when_an_attempt_was_recorded(self, app, case, clock):
        with pytest.raises(ExemptProperty):
            app.impose_measure(case, movable(clock, "honours"), "r-1")
        assert app.measures_of_case(case.case_id) == []


class TestVersionOneLedger:
    """A case ledger snapshot of version 1 had no `exempt_attempts`."""

    def test_an_attempt_is_published_when_the_ledger_was_restored_from_version_1(
            self, app, case, clock, tmp_path):
        app.impose_measure(case, movable(clock, ""), "r-1")
        ledger_id = CaseControl.create_id(case.case_id)
        app.take_snapshot(ledger_id)
        [stored] = app.snapshots.recorder.select_events(ledger_id)
        snapshot = app.mapper.to_domain_event(stored)
        state = {k: v for k, v in snapshot.state.items() if k != "exempt_attempts"}
        v1 = snapshot.model_copy(update={"state": {**state, "class_version": 1}})
        other = AssetsApplication(Settings(var_dir=tmp_path / "other"), clock=clock)
        try:
            other.recorder.insert_events(app.recorder.select_events(ledger_id))
            other.snapshots.recorder.insert_events([other.mapper.to_stored_event(v1)])
            with pytest.raises(ExemptProperty):
                other.impose_measure(case, movable(clock, "clothing"), "r-2")
            assert [a.ground for a in attempts(other)] == ["clothing"]
        finally:
            other.close()
