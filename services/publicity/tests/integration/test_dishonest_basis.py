"""R6 on the public list: a listing shows its case's enforcement basis (执行依据文号, 作出
执行依据单位), the obligation it fixed and its performance — over the RPC and on the page."""

from __future__ import annotations

import pytest

from zhixing.contracts.events.cases.v1 import CaseClosed, CaseFiled, MoneyDisbursed
from zhixing.publicity.api.messages import dishonest_message

from .test_dishonest_list import COURT, NUMBER, PERSON, View

FILED = CaseFiled(case_id="c1", case_number=NUMBER, court_code=COURT, case_type="执",
                  filed_on="2026-03-02", basis_kind="judgment",
                  basis_document_number="(2025)川0104民初88号",
                  basis_issuing_body="成都市锦江区人民法院", claim_total_fen=1_234_500,
                  parties=[])


def disbursed(received_total_fen: int, n: int) -> MoneyDisbursed:
    return MoneyDisbursed(case_id="c1", case_number=NUMBER, court_code=COURT,
                          disbursement_id=f"d{n}", payee="applicant", amount_fen=1,
                          disbursed_on="2026-05-01", received_total_fen=received_total_fen,
                          claim_total_fen=1_234_500)


@pytest.fixture
def view(tmp_path):
    view = View(tmp_path / "views.db")
    yield view
    view.store.close()


class TestBasisOfAListing:
    def test_basis_obligation_and_nothing_performed_shown_when_a_filed_case_is_listed_r6(
            self, view):
        [entry] = view.feed(FILED, PERSON).queries.list(COURT)[0]
        assert (entry.basis.document_number, entry.basis.issuing_body) == (
            "(2025)川0104民初88号", "成都市锦江区人民法院")
        assert entry.basis.obligation == "判决书确定给付金钱12,345.00元"
        assert entry.basis.performance == "全部未履行"
        message = dishonest_message(entry)  # what ListDishonest and SearchDebtor answer
        assert (message.basis_document_number, message.basis_issuing_body, message.obligation,
                message.performance) == ("(2025)川0104民初88号", "成都市锦江区人民法院",
                                         "判决书确定给付金钱12,345.00元", "全部未履行")
        page = view.page("/dishonest")
        for shown in ("(2025)川0104民初88号", "判决书确定给付金钱12,345.00元", "全部未履行"):
            assert shown in page, f"R6: {shown} on the public list"

    def test_performance_only_grows_when_disbursements_come_redelivered_or_late_r6(self, view):
        view.feed(FILED, PERSON, disbursed(300_000, 1), disbursed(100_000, 2))
        [entry] = view.queries.list(COURT)[0]
        assert entry.basis.performance == "部分未履行（已履行3,000.00元）", \
            "an older, smaller total must not lower what was performed"

    def test_full_performance_shown_when_the_case_closes_with_the_claim_recovered_r6(self, view):
        closed = CaseClosed(case_id="c1", case_number=NUMBER, court_code=COURT,
                            closure="executed_in_full", closed_on="2026-06-01",
                            recovered_fen=1_234_500, respondents=[])
        [entry] = view.feed(FILED, PERSON, closed).queries.list(COURT)[0]
        assert entry.basis.performance == "全部履行"

    def test_basis_left_empty_not_guessed_when_the_case_is_not_known_to_the_portal(self, view):
        [entry] = view.feed(PERSON).queries.list(COURT)[0]
        assert (entry.basis.document_number, entry.basis.obligation,
                entry.basis.performance) == ("", "", "")
