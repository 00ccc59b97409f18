"""R32: relief advanced in a case is repaid first from money later received in it — the
cases service pays the repayment to "relief_fund", and the relief fund is credited.
Fed as the bootstrap wires it: `InOrder(CaseFactsView(), RecoveryPolicy(app))` on the
cases topic, with a fake application that keeps its repayments by recovery id."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.contracts.events.cases.v1 import MoneyDisbursed
from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import NotFound, PreconditionFailed
from zhixing.messaging.consumer import InOrder
from zhixing.relief.policies.recovery import RecoveryPolicy
from zhixing.relief.projections.case_facts import CaseFactsView

from .read_support import FakeRelief, deliver

CASE_ID, COURT = "9d0c5e1a-0000-4000-8000-000000000091", "川0104"
HEAD = {"case_id": CASE_ID, "case_number": "(2026)川0104执91号", "court_code": COURT}


def paid(payee: str, disbursement: str = "d-1", amount: int = 5_000_00) -> MoneyDisbursed:
    return MoneyDisbursed(**HEAD, disbursement_id=disbursement, payee=payee,
                          amount_fen=amount, disbursed_on="2026-06-01",
                          received_total_fen=20_000_00, claim_total_fen=100_000_00)


@pytest.fixture
def consumer(tmp_path):
    """`deliver(event, position)` through the case facts' consumer, on SQLite."""
    store = Settings(var_dir=tmp_path).sql_store("relief")
    CaseFactsView.migrate(store)

    def make(app: FakeRelief):
        handler = InOrder(CaseFactsView(), RecoveryPolicy(app))
        return lambda event, position: deliver(store, handler, event, position)

    yield make
    store.close()


class TestRepaidFromTheCase:
    def test_the_fund_is_credited_when_the_case_pays_the_relief_fund(self, consumer):
        app = FakeRelief()
        consumer(app)(paid("relief_fund"), 1)
        assert app.repaid == {"case:d-1": (CASE_ID, 5_000_00, date(2026, 6, 1))}

    def test_nothing_is_asked_when_the_case_pays_an_applicant_or_the_costs(self, consumer):
        app = FakeRelief()
        send = consumer(app)
        send(paid("applicant:0"), 1)
        send(paid("costs", "d-2"), 2)
        assert (app.calls, app.repaid) == (0, {})

    def test_a_redelivered_repayment_credits_once_when_the_event_comes_again(self, consumer):
        """The recovery id is the disbursement's: the application credits it once."""
        app = FakeRelief()
        send = consumer(app)
        send(paid("relief_fund"), 1)
        send(paid("relief_fund"), 1)
        send(paid("relief_fund", "d-2", 1_000_00), 2)
        assert app.calls == 3
        assert sorted((k, v[1]) for k, v in app.repaid.items()) == [
            ("case:d-1", 5_000_00), ("case:d-2", 1_000_00)]

    def test_a_repayment_is_skipped_when_no_relief_of_this_deployment_was_advanced(
            self, consumer):
        app = FakeRelief(refuse=NotFound("no relief was disbursed in the case",
                                         field="case_id"))
        consumer(app)(paid("relief_fund"), 1)
        assert app.calls == 1

    def test_the_delivery_fails_when_the_application_refuses_otherwise(self, consumer):
        """Any other refusal is raised: the consumer retries, then parks the delivery."""
        app = FakeRelief(refuse=PreconditionFailed("the fund is closed", rule="R32"))
        with pytest.raises(PreconditionFailed):
            consumer(app)(paid("relief_fund"), 1)
