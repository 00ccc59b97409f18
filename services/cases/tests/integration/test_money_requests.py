"""A reference names one disbursement or one relief advance (R28, R32): sent again with
the same content it is answered as the first time and nothing is paid twice; reused for
another payee, amount or day it is refused (ALREADY_EXISTS naming `reference`). An
account snapshot taken before the account kept that content still loads."""

from __future__ import annotations

import pytest

from zhixing.cases.application import CasesApplication
from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import AlreadyExists

from ..cases_kit import executing_case

COSTS = 1_000_00  # the conftest claim's costs


@pytest.fixture
def paid(app, a_filing):
    """A case whose account received 1,600 yuan and paid 600 of the costs as `pay-1`."""
    case = executing_case(app, a_filing)
    app.record_payment(case.id, "slip-1", COSTS + 600_00)
    app.disburse(case.id, "pay-1", "costs", 600_00)
    return case


class TestDisbursementSentAgain:
    def test_paid_once_and_answered_the_same_when_the_same_disbursement_comes_again(
            self, app, paid):
        stored = app.max_notification_id()
        account = app.disburse(paid.id, "pay-1", "costs", 600_00)
        assert (account.paid, app.max_notification_id()) == ({"costs": 600_00}, stored)

    @pytest.mark.parametrize(("payee", "amount_fen"), [("costs", 400_00),
                                                       ("applicant:0", 600_00)],
                             ids=["another-amount", "another-payee"])
    def test_already_exists_naming_reference_when_it_is_reused_for_another_disbursement(
            self, app, paid, payee, amount_fen):
        stored = app.max_notification_id()
        with pytest.raises(AlreadyExists) as refusal:
            app.disburse(paid.id, "pay-1", payee, amount_fen)
        assert refusal.value.field == "reference"
        assert (app.get_account(paid.id).paid, app.max_notification_id()) == (
            {"costs": 600_00}, stored)


class TestReliefAdvanceSentAgain:
    def test_registered_once_when_the_same_advance_comes_again(self, app, paid):
        app.register_relief_advance(paid.id, "relief:1", 500_00, "2026-03-02")
        account = app.register_relief_advance(paid.id, "relief:1", 500_00, "2026-03-02")
        assert account.relief_advanced == 500_00

    @pytest.mark.parametrize(("amount_fen", "paid_on"), [(900_00, "2026-03-02"),
                                                         (500_00, "2026-03-03")],
                             ids=["another-amount", "another-day"])
    def test_already_exists_naming_reference_when_it_is_reused_for_another_advance(
            self, app, paid, amount_fen, paid_on):
        app.register_relief_advance(paid.id, "relief:1", 500_00, "2026-03-02")
        with pytest.raises(AlreadyExists) as refusal:
            app.register_relief_advance(paid.id, "relief:1", amount_fen, paid_on)
        assert refusal.value.field == "reference"
        assert app.get_account(paid.id).relief_advanced == 500_00


class TestVersionOneSnapshot:
    """An account snapshot of version 1 kept only the references."""

    @pytest.fixture
    def restored(self, app, paid, tmp_path, clock):
        """Another application on a store holding the account's events and a version-1
        snapshot of it (taken after `pay-1`)."""
        account_id = app.account_id(paid.id)
        app.take_snapshot(account_id)
        [stored] = app.snapshots.recorder.select_events(account_id)
        snapshot = app.mapper.to_domain_event(stored)
        state = {k: v for k, v in snapshot.state.items()
                 if k not in ("disbursements", "advances")}
        v1 = snapshot.model_copy(update={"state": {**state, "class_version": 1}})
        other = CasesApplication(Settings(var_dir=tmp_path / "other"), clock=clock)
        other.recorder.insert_events([e for c in (paid.id, account_id)
                                      for e in app.recorder.select_events(c)])
        other.snapshots.recorder.insert_events([other.mapper.to_stored_event(v1)])
        yield other
        other.close()

    def test_the_account_loads_with_what_it_paid_when_the_snapshot_is_version_1(
            self, restored, paid):
        account = restored.get_account(paid.id)
        assert (account.paid, account.disbursements, account.version) == (
            {"costs": 600_00}, {}, 3)

    def test_a_reference_from_before_the_snapshot_is_answered_as_before(self, restored, paid):
        account = restored.disburse(paid.id, "pay-1", "costs", 400_00)
        assert account.paid == {"costs": 600_00}

    def test_already_exists_naming_reference_when_a_later_one_is_reused(self, restored, paid):
        restored.disburse(paid.id, "pay-2", "costs", 400_00)
        with pytest.raises(AlreadyExists) as refusal:
            restored.disburse(paid.id, "pay-2", "costs", 1_00)
        assert refusal.value.field == "reference"
