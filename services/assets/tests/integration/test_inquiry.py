"""网络查控: one inquiry per debtor reaches every agency; each answer counts once; silent
agencies are asked again and then reported overdue (R41, R46)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zhixing.assets.application.inquiries import Answer
from zhixing.assets.domain.errors import InvalidAssetInput, NotAddressedToAgency
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.assets.outbound import to_public
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswerOverdue,
    AgencyRequest,
    NetworkInquiryCompleted,
)

DEPOSIT = {"asset_kind": "deposit", "reference": "6222000011112222", "description": "活期存款",
           "value_fen": 5_000_00, "disposable": True}


def published(app, kind):
    return [e for _, d in app.read_notifications(0) for e in to_public(d) if isinstance(e, kind)]


def answer_all(app, inquiry, clock, *, except_agencies=(), outcome="nothing"):
    answers = [Answer(r, inquiry.agency_of(r), outcome, clock.now())
               for r in inquiry.requests if inquiry.agency_of(r) not in except_agencies]
    return app.apply_answers(answers)


class TestFanOut:
    def test_every_agency_is_asked_once_per_debtor_when_an_inquiry_starts(self, app, case):
        inquiries = app.start_inquiries(case, "filing")
        requests = published(app, AgencyRequest)
        assert len(inquiries) == 2
        assert len(requests) == 2 * len(app.agencies)
        assert {r.agency_kind for r in requests} == {a.kind for a in app.agencies}
        assert all(r.case_number == case.case_number for r in requests)  # R46: why

    def test_each_request_goes_to_the_topic_of_its_agency_kind(self, app, case):
        app.start_inquiries(case, "filing")
        for request in published(app, AgencyRequest):
            assert request.destination() == f"zhixing.assets.requests.v1.{request.agency_kind}"

    def test_nothing_new_is_started_when_the_same_occasion_comes_again(self, app, case):
        first = app.start_inquiries(case, "filing")
        again = app.start_inquiries(case, "filing")
        assert [i.id for i in first] == [i.id for i in again]
        assert len(published(app, AgencyRequest)) == 2 * len(app.agencies)

    def test_refused_when_the_debtor_is_not_a_party_of_the_case(self, app, case):
        with pytest.raises(InvalidAssetInput, match="debtor_identity_number"):
            app.start_inquiries(case, "demand", only="110101199001011237")


class TestAnswers:
    def test_an_answer_is_applied_once_when_it_arrives_twice(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        agency = inquiry.agency_of(request)
        found = Answer(request, agency, "found", clock.now(), [DEPOSIT])
        assert app.apply_answers([found]) == (1, 0)
        assert app.apply_answers([found]) == (0, 1)
        assert len(app.get_inquiry(inquiry.id).holdings) == 1

    def test_refused_when_an_agency_answers_a_request_addressed_to_another(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        with pytest.raises(NotAddressedToAgency, match="R46"):
            app.apply_answers([Answer(request, "bank.not-this-one", "nothing", clock.now())])
        assert app.get_inquiry(inquiry.id).statuses("pending")  # nothing written

    def test_refused_when_the_outcome_is_unknown(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        with pytest.raises(InvalidAssetInput, match="outcome"):
            app.apply_answers([Answer(request, inquiry.agency_of(request), "maybe", clock.now())])

    def test_completes_with_property_found_when_every_agency_has_answered(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        bank = next(r for r in inquiry.requests if inquiry.agency_of(r) == "bank.icbc")
        app.apply_answers([Answer(bank, "bank.icbc", "found", clock.now(), [DEPOSIT])])
        answer_all(app, app.get_inquiry(inquiry.id), clock, except_agencies={"bank.icbc"})
        [completed] = published(app, NetworkInquiryCompleted)
        assert completed.disposable_property_found
        assert "bank_deposit" in completed.agency_kinds and not completed.overdue_agency_ids

    def test_assets_found_by_two_courts_share_one_asset_id(self, app, case, clock):
        [inquiry, other] = app.start_inquiries(case, "filing")
        for each in (inquiry, other):
            bank = next(r for r in each.requests if each.agency_of(r) == "bank.icbc")
            app.apply_answers([Answer(bank, "bank.icbc", "found", clock.now(), [DEPOSIT])])
        ids = {app.get_inquiry(i.id).holdings[0]["asset_id"] for i in (inquiry, other)}
        assert len(ids) == 1  # R22 queues are per asset, whoever found it


class TestDeadlines:
    def test_a_silent_agency_is_asked_again_with_the_same_key(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        clock.advance(timedelta(hours=4))  # network_inquiry.resend_after_minutes = 240
        assert app.sweep_inquiry(inquiry.id)
        resent = [r for r in published(app, AgencyRequest) if r.attempt == 2]
        assert len(resent) == len(app.agencies)
        assert {r.request_id for r in resent} == set(inquiry.requests)

    def test_an_error_delivered_twice_or_for_an_old_attempt_asks_nothing_new(self, app, case,
                                                                              clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        agency = inquiry.agency_of(request)
        busy = Answer(request, agency, "error", clock.now(), error="系统繁忙", attempt=1)
        assert app.apply_answers([busy]) == (1, 0)
        assert app.apply_answers([busy]) == (0, 1)  # the same error, redelivered
        clock.advance(timedelta(minutes=1))
        app.sweep_due_inquiries()  # attempt 2 goes out
        assert app.apply_answers([busy]) == (0, 1)  # attempt 1's error is stale now
        assert app.inquiries_due() == []

    def test_an_agency_that_errs_is_asked_again_at_the_next_sweep(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        app.apply_answers([Answer(request, inquiry.agency_of(request), "error", clock.now(),
                                  error="系统繁忙")])
        clock.advance(timedelta(minutes=1))
        app.sweep_inquiry(inquiry.id)
        assert [r.request_id for r in published(app, AgencyRequest) if r.attempt == 2] == [request]

    def test_an_error_is_resent_by_this_services_clock_not_the_agencys(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        request = next(iter(inquiry.requests))
        agency_clock_ahead = clock.now() + timedelta(days=200)
        app.apply_answers([Answer(request, inquiry.agency_of(request), "error",
                                  agency_clock_ahead, error="系统繁忙")])
        clock.advance(timedelta(minutes=1))
        assert app.inquiries_due() == [inquiry.id]
        app.sweep_due_inquiries()
        assert [r.request_id for r in published(app, AgencyRequest) if r.attempt == 2] == [request]

    def test_nothing_is_due_right_after_an_inquiry_starts(self, app, case, clock):
        app.start_inquiries(case, "filing")
        clock.advance(timedelta(minutes=239))
        assert app.inquiries_due() == []
        clock.advance(timedelta(minutes=1))
        assert len(app.inquiries_due()) == 2

    def test_one_inquiry_failing_does_not_hold_up_the_others(self, app, case, clock,
                                                             monkeypatch):
        first, second = app.start_inquiries(case, "filing")
        clock.advance(timedelta(hours=4))
        swept = []
        real = app.sweep_inquiry

        def sweep(inquiry_id):
            if inquiry_id == min(first.id, second.id):
                raise RuntimeError("this one is broken")
            swept.append(inquiry_id)
            return real(inquiry_id)

        monkeypatch.setattr(app, "sweep_inquiry", sweep)
        assert app.sweep_due_inquiries() == 1
        assert swept == [max(first.id, second.id)]

    def test_no_more_than_max_attempts_are_sent(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        for _ in range(5):
            clock.advance(timedelta(hours=5))
            app.sweep_inquiry(inquiry.id)
        assert max(r.attempt for r in published(app, AgencyRequest)) == 3

    def test_a_silent_agency_is_reported_overdue_and_the_inquiry_completes(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        answer_all(app, inquiry, clock, except_agencies={"bank.ccb"})
        clock.advance(timedelta(hours=72))  # network_inquiry.reply_hours
        app.sweep_inquiry(inquiry.id)
        [overdue] = published(app, AgencyAnswerOverdue)
        assert overdue.agency_id == "bank.ccb" and overdue.case_id == case.case_id
        [completed] = published(app, NetworkInquiryCompleted)
        assert completed.overdue_agency_ids == ["bank.ccb"]
        assert "bank_deposit" in completed.agency_kinds  # other banks answered

    def test_a_late_answer_with_property_publishes_the_result_revised(self, app, case, clock):
        [inquiry, _] = app.start_inquiries(case, "filing")
        answer_all(app, inquiry, clock, except_agencies={"bank.ccb"})
        clock.advance(timedelta(hours=73))
        app.sweep_inquiry(inquiry.id)
        late = next(r for r in inquiry.requests if inquiry.agency_of(r) == "bank.ccb")
        assert app.apply_answers([Answer(late, "bank.ccb", "found", clock.now(), [DEPOSIT])]) == (1, 0)
        first, revised = published(app, NetworkInquiryCompleted)
        assert (first.revision, first.disposable_property_found) == (0, False)
        assert (revised.revision, revised.disposable_property_found) == (1, True)  # R16(3)
        assert revised.overdue_agency_ids == []


class TestInquiryIdentity:
    def test_request_ids_name_their_inquiry(self, app, case):
        [inquiry, _] = app.start_inquiries(case, "filing")
        assert all(r.startswith(f"{inquiry.id}:") for r in inquiry.requests)
        assert inquiry.id == Inquiry.create_id(case.case_id, case.debtors[0].identity_number,
                                               "filing")
