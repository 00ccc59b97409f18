"""The assets service reacting to the cases and to agencies: automatic inquiry on filing,
answers from the replies topic in batches, R18 re-queries after 终本."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from testkit.assets import case_filed, cloud_event, drain, feed, set_clock
from zhixing.assets.domain.errors import NotAddressedToAgency
from zhixing.contracts.events.assets.v1 import AgencyAnswered

pytestmark = pytest.mark.usefixtures("clock")


def app_of(instance):
    return instance.outbox.app


def inquiries_of(instance, case_id):
    from zhixing.assets.projections.inquiries import InquiryQueries
    return InquiryQueries(instance.store).of_case(case_id)


class TestAutomaticInquiry:
    def test_each_debtor_is_inquired_about_when_a_case_is_filed(self, service, case):
        _, instance = service
        feed(instance, case_filed(case))
        drain(instance)
        assert len(inquiries_of(instance, case.case_id)) == 2

    def test_nothing_is_started_twice_when_case_filed_is_redelivered(self, service, case):
        _, instance = service
        feed(instance, case_filed(case))
        feed(instance, case_filed(case))
        drain(instance)
        assert len(inquiries_of(instance, case.case_id)) == 2

    @pytest.mark.parametrize("case_type", ["执异", "执复", "执保"])
    def test_no_inquiry_when_the_case_enforces_no_claim(self, service, case, case_type):
        _, instance = service
        feed(instance, case_filed(case, case_type))
        drain(instance)
        assert inquiries_of(instance, case.case_id) == []


def answered(request_id: str, agency_id: str, outcome: str = "nothing",
             sender: str = "") -> object:
    data = AgencyAnswered(request_id=request_id, agency_id=agency_id,
                          answered_at="2026-03-02T10:05:00+08:00", outcome=outcome)
    return cloud_event(AgencyAnswered.event_type, request_id, data.model_dump(mode="json"),
                       source=f"/agencies/{sender or agency_id}")


class TestRepliesTopic:
    def test_answers_from_kafka_complete_the_inquiry(self, service, case):
        _, instance = service
        app = app_of(instance)
        [inquiry, _] = app.start_inquiries(case, "filing")
        for request_id in inquiry.requests:
            feed(instance, answered(request_id, inquiry.agency_of(request_id)))
        assert app.get_inquiry(inquiry.id).completed

    def test_refused_when_an_answer_is_sent_by_another_agency_than_it_names(self, service,
                                                                              case):
        _, instance = service
        app = app_of(instance)
        [inquiry, _] = app.start_inquiries(case, "filing")
        request_id = next(r for r in inquiry.requests if inquiry.agency_of(r) == "bank.icbc")
        with pytest.raises(NotAddressedToAgency, match="R46"):
            feed(instance, answered(request_id, "bank.icbc", sender="bank.ccb"))
        assert not app.get_inquiry(inquiry.id).is_answered(request_id)


class TestRequery:
    def test_the_network_is_queried_again_on_each_requery_date(self, service, case):
        settings, instance = service
        feed(instance, case_filed(case))
        concluded = {"case_id": case.case_id, "case_number": case.case_number,
                     "court_code": case.court_code, "concluded_on": "2026-06-10",
                     "unpaid_fen": 1, "requery_dates": ["2026-12-10", "2027-06-10"],
                     "respondents": []}
        feed(instance, cloud_event("cn.zhixing.cases.v1.CaseConcluded", case.case_id, concluded))
        job = instance.jobs[0]
        set_clock(settings, datetime(2026, 12, 9, 2, tzinfo=UTC))
        job.run()
        drain(instance)
        assert len(inquiries_of(instance, case.case_id)) == 2  # only the filing's
        set_clock(settings, datetime(2026, 12, 10, 2, tzinfo=UTC))
        job.run()
        drain(instance)
        requeries = [app_of(instance).get_inquiry(UUID(i))
                     for i in inquiries_of(instance, case.case_id)]
        assert sum(i.requery for i in requeries) == 2  # R18: both debtors, once

    def test_requeries_stop_when_the_case_resumes(self, service, case):
        settings, instance = service
        feed(instance, case_filed(case))
        base = {"case_id": case.case_id, "case_number": case.case_number,
                "court_code": case.court_code}
        feed(instance, cloud_event("cn.zhixing.cases.v1.CaseConcluded", case.case_id, {
            **base, "concluded_on": "2026-06-10", "unpaid_fen": 1,
            "requery_dates": ["2026-12-10"], "respondents": []}))
        feed(instance, cloud_event("cn.zhixing.cases.v1.CaseResumed", case.case_id, {
            **base, "resumed_on": "2026-07-01", "new_case_id": "n", "new_case_number": "n",
            "reason": "applicant_request"}, position=2))
        set_clock(settings, datetime(2026, 12, 11, 2, tzinfo=UTC))
        instance.jobs[0].run()
        drain(instance)
        assert len(inquiries_of(instance, case.case_id)) == 2
