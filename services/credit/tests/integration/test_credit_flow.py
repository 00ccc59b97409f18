"""The credit application on SQLite with a fixed clock: decisions, publication, removal
on case events and the partners' list, one behaviour per rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing.contracts.events.credit import v1
from zhixing.credit.application.list_feed import ListFeed, ListView
from zhixing.credit.application.listings import Decision
from zhixing.credit.domain.errors import ListingRefused, RemovalRefused, RestrictionRefused
from zhixing.credit.outbound import mapping_for
from zhixing.kernel.errors import InvalidInput

from ..conftest import COMPANY_CODE, CONTROLLER_ID, DEBTOR_ID, LEGAL_REP_ID

PERSONS = [{"role": "legal_representative", "name": "李四", "identity_number": LEGAL_REP_ID},
           {"role": "actual_controller", "name": "赵六", "identity_number": CONTROLLER_ID}]
TODAY = date(2026, 3, 2)


def violence(identity: str = DEBTOR_ID, **changes) -> Decision:
    fields = {"debtor_identity_number": identity, "grounds": [2], "facts": "以暴力方法抗拒执行",
              "decision_number": f"(2026)川0104执100号之{identity[-2:]}", "decided_on": TODAY,
              "signed_by_president": True}
    fields.update(changes)
    return Decision(**fields)


def published(app) -> list:
    mapping = mapping_for(app)
    return [e for _, d in app.read_notifications(0, 1000) for e in mapping(d)]


def list_states(app) -> dict[str, v1.IntegrationEvent]:
    """The compacted list as a partner ends up with it: the last record per key."""
    last: dict[str, v1.IntegrationEvent] = {}
    for event in published(app):
        if event.destination() == v1.CREDIT_LIST:
            last[event.key()] = event
    return last


class TestPublication:
    """R10: published when the grace period since the notice's warning has ended."""

    def test_published_at_once_when_the_warning_is_older_than_the_grace(self, app, case):
        listing = app.decide_listing(case, violence())  # warned 2026-01-05, 1 month grace
        assert listing.published_on == "2026-03-02"
        assert isinstance(list_states(app)[DEBTOR_ID], v1.DebtorCreditState)

    def test_waits_for_the_grace_period_then_the_sweep_publishes(self, app, case, clock):
        recent = replace(case, notice_served_on="2026-02-20")
        listing = app.decide_listing(recent, violence())
        assert (listing.publish_on, listing.published_on) == ("2026-03-20", "")
        assert DEBTOR_ID not in list_states(app), "not on the partners' list before R10"
        assert app.sweep() == 0
        clock.set(clock.now().replace(month=3, day=20))
        assert app.sweep() == 1
        assert list_states(app)[DEBTOR_ID].listed is True

    def test_refused_without_the_warning_in_the_notice(self, app, case):
        with pytest.raises(ListingRefused, match="R5"):
            app.decide_listing(replace(case, warned=False), violence())

    def test_refused_for_someone_who_is_not_a_debtor_of_the_case(self, app, case):
        with pytest.raises(InvalidInput, match="R1"):
            app.decide_listing(case, violence(identity=LEGAL_REP_ID))

    def test_ground_one_is_refused_when_seized_assets_cover_the_debt(self, app, case):
        """R3, with the seizure known from the assets events."""
        covered = replace(case, seized_fen=case.claim_total_fen)
        with pytest.raises(ListingRefused, match="R3"):
            app.decide_listing(covered, violence(grounds=[1]))

    def test_deciding_the_same_decision_twice_lists_once(self, app, case):
        first = app.decide_listing(case, violence())
        again = app.decide_listing(case, violence())
        assert again.id == first.id
        assert sum(isinstance(e, v1.DebtorListed) for e in published(app)) == 1


class TestRestrictionWithListing:
    """R12 *must*, R13 conduct, R14 an organisation's persons on the list too."""

    def test_a_published_listing_restricts_every_conduct_of_r13(self, app, case):
        app.decide_listing(case, violence())
        state = list_states(app)[DEBTOR_ID]
        assert state.listed and state.restricted and len(state.conduct) == 15
        issued = [e for e in published(app) if isinstance(e, v1.ConsumptionRestrictionIssued)]
        assert [e.basis for e in issued] == ["listing"]

    def test_an_organisations_persons_are_restricted_not_listed(self, app, case):
        app.decide_listing(case, violence(COMPANY_CODE, persons=PERSONS))
        states = list_states(app)
        assert states[COMPANY_CODE].listed is True
        for person in (LEGAL_REP_ID, CONTROLLER_ID):
            assert (states[person].listed, states[person].restricted) == (False, True)

    def test_releasing_a_former_legal_representative_clears_them_alone(self, app, case):
        """R15: released on their own showing; the controller stays restricted."""
        app.decide_listing(case, violence(COMPANY_CODE, persons=PERSONS))
        restriction_id = app.act(lambda u: u.case_file(case.case_id).restrictions[COMPANY_CODE])
        app.release_person(restriction_id, LEGAL_REP_ID, "工商变更登记", TODAY)
        states = list_states(app)
        assert isinstance(states[LEGAL_REP_ID], v1.DebtorCleared)
        assert states[CONTROLLER_ID].restricted is True

    def test_an_order_needs_the_notices_deadline_to_have_passed(self, app, case):
        """R12 *may*: only after the execution notice's deadline."""
        with pytest.raises(RestrictionRefused, match="R12"):
            app.order_restriction(case, DEBTOR_ID, "(2026)川0104执100号之二",
                                  date(2026, 1, 15), [])
        order = app.order_restriction(case, DEBTOR_ID, "(2026)川0104执100号之二",
                                      date(2026, 1, 16), [])
        state = list_states(app)[DEBTOR_ID]
        assert order.basis == "order" and (state.listed, state.restricted) == (False, True)


class TestRemovalOnCaseEvents:
    """R8: removed on the case events, within 3 working days; R11 repaired; R15 lifted."""

    def test_executed_in_full_removes_lifts_and_clears_the_list(self, app, case):
        app.decide_listing(case, violence())
        assert app.case_closed(case.case_id, "executed_in_full", TODAY) == 1
        events = published(app)
        removed = next(e for e in events if isinstance(e, v1.ListingRemoved))
        assert (removed.reason, removed.removed_on, removed.remove_by) == (
            1, "2026-03-02", "2026-03-05")
        assert any(isinstance(e, v1.DebtorRepaired) for e in events)
        lifted = next(e for e in events if isinstance(e, v1.ConsumptionRestrictionLifted))
        assert lifted.ground == "full_performance"
        assert isinstance(list_states(app)[DEBTOR_ID], v1.DebtorCleared)

    @pytest.mark.parametrize(("closure", "reason"), [
        ("not_enforced", 6), ("terminated", 7), ("bankruptcy", 5)])
    def test_other_closures_remove_for_their_reason_and_keep_the_restriction(
            self, app, case, closure, reason):
        app.decide_listing(case, violence())
        app.case_closed(case.case_id, closure, TODAY)
        removed = next(e for e in published(app) if isinstance(e, v1.ListingRemoved))
        assert removed.reason == reason
        state = list_states(app)[DEBTOR_ID]
        assert (state.listed, state.restricted) == (False, True)

    def test_a_withdrawn_case_removes_nothing(self, app, case):
        app.decide_listing(case, violence())
        assert app.case_closed(case.case_id, "withdrawn", TODAY) == 0
        assert list_states(app)[DEBTOR_ID].listed is True

    def test_settlement_performed_removes_on_reason_two(self, app, case):
        app.decide_listing(case, violence())
        app.settlement_performed(case.case_id, TODAY)
        removed = next(e for e in published(app) if isinstance(e, v1.ListingRemoved))
        assert removed.reason == 2

    def test_redelivered_closure_changes_nothing(self, app, case):
        app.decide_listing(case, violence())
        app.case_closed(case.case_id, "executed_in_full", TODAY)
        before = app.max_notification_id()
        assert app.case_closed(case.case_id, "executed_in_full", TODAY) == 0
        assert app.max_notification_id() == before

    def test_two_empty_requeries_after_zhongben_remove_a_listing_without_term(self, app, case):
        """R8(4): ground (1) alone, 终本, then two re-queries that found nothing."""
        app.decide_listing(case, violence(grounds=[1]))
        app.case_concluded(case.case_id, TODAY)
        assert app.requery_answered(case.case_id, DEBTOR_ID, "q1", False, TODAY) == 0
        assert app.requery_answered(case.case_id, DEBTOR_ID, "q1", False, TODAY) == 0
        assert app.requery_answered(case.case_id, DEBTOR_ID, "q2", False, TODAY) == 1
        removed = next(e for e in published(app) if isinstance(e, v1.ListingRemoved))
        assert removed.reason == 4

    def test_empty_requeries_never_remove_a_fixed_term_listing(self, app, case):
        app.decide_listing(case, violence(grounds=[2]))
        app.case_concluded(case.case_id, TODAY)
        for query in ("q1", "q2", "q3"):
            assert app.requery_answered(case.case_id, DEBTOR_ID, query, False, TODAY) == 0
        assert list_states(app)[DEBTOR_ID].listed is True

    def test_a_fixed_term_expires_the_day_after_its_last_day(self, app, case, clock):
        listing = app.decide_listing(case, violence())
        assert listing.expires_on == "2028-03-02"
        clock.set(clock.now().replace(year=2028))
        assert app.sweep() == 0
        clock.set(clock.now().replace(day=3))
        assert app.sweep() == 1
        removed = next(e for e in published(app) if isinstance(e, v1.ListingRemoved))
        assert (removed.reason, removed.removed_on) == (0, "2028-03-03")


class TestGoodFaith:
    def test_paid_in_full_by_the_notices_deadline_is_recorded(self, app, case):
        assert app.record_good_faith(case.case_id, case.case_number, case.court_code,
                                     [DEBTOR_ID], date(2026, 1, 15), "2026-01-15") == 1
        record = next(e for e in published(app) if isinstance(e, v1.GoodFaithRecorded))
        assert (record.debtor_identity_number, record.notice_deadline) == (DEBTOR_ID,
                                                                           "2026-01-15")
        shared = [e for e in published(app) if isinstance(e, v1.PartnerNotice)]
        assert {(n.notice, n.on) for n in shared} == {("good_faith", "2026-01-15")}
        assert len(shared) == 5, "one notice per kind of partner (R7)"

    def test_paid_after_the_deadline_is_not(self, app, case):
        assert app.record_good_faith(case.case_id, case.case_number, case.court_code,
                                     [DEBTOR_ID], date(2026, 1, 16), "2026-01-15") == 0


class TestListView:
    """The index every API process answers Check from follows the decisions."""

    def test_follows_listing_and_removal(self, app, case):
        view = ListView(ListFeed(app))
        app.decide_listing(case, violence(COMPANY_CODE, persons=PERSONS))
        view.refresh()
        assert view.index.get(COMPANY_CODE).listed is True
        assert view.index.get(LEGAL_REP_ID).restricted is True
        app.case_closed(case.case_id, "executed_in_full", TODAY)
        view.refresh()
        assert view.index.get(COMPANY_CODE) is None
        assert view.index.get(LEGAL_REP_ID) is None
        assert len(view.index) == 0


class TestPartnerNotices:
    """R7: each kind of partner has its own feed of the list's changes (R11: repaired)."""

    def test_listing_and_removal_are_noticed_on_every_kinds_feed(self, app, case):
        app.decide_listing(case, violence())
        app.case_closed(case.case_id, "executed_in_full", TODAY)
        notices = [e for e in published(app) if isinstance(e, v1.PartnerNotice)]
        by_topic: dict[str, list[str]] = {}
        for notice in notices:
            by_topic.setdefault(notice.destination(), []).append(notice.notice)
        assert sorted(by_topic) == sorted(f"zhixing.credit.notify.v1.{kind}" for kind in (
            "government", "financial", "administrative", "industry_association",
            "credit_agency"))
        assert all(sorted(seen) == ["lifted", "listed", "removed", "repaired", "restricted"]
                   for seen in by_topic.values())
        assert {n.key() for n in notices} == {DEBTOR_ID}


class TestReviewedEdges:
    def test_a_court_removal_for_performance_lifts_the_restriction(self, app, case):
        """R15 *must*: removal on R8(1) by the court lifts as the case event would."""
        listing = app.decide_listing(case, violence())
        app.remove_listing(listing.id, 1, TODAY)
        assert isinstance(list_states(app)[DEBTOR_ID], v1.DebtorCleared)

    def test_the_applicants_request_removes_but_keeps_the_restriction(self, app, case):
        listing = app.decide_listing(case, violence())
        app.remove_listing(listing.id, 3, TODAY)
        state = list_states(app)[DEBTOR_ID]
        assert (state.listed, state.restricted) == (False, True)

    def test_a_listed_debtors_restriction_cannot_be_lifted(self, app, case):
        """R12 *must*: while the listing stands, so does the restriction."""
        app.decide_listing(case, violence())
        restriction_id = app.act(lambda u: u.case_file(case.case_id).restrictions[DEBTOR_ID])
        with pytest.raises(RestrictionRefused, match="R12"):
            app.lift_restriction(restriction_id, "security", "(2026)川0104执100号之三", TODAY)
        assert list_states(app)[DEBTOR_ID].restricted is True

    def test_nobody_is_told_of_a_listing_removed_in_its_grace_period(self, app, case):
        """R10, R11: never published, so no partner received it."""
        app.decide_listing(replace(case, notice_served_on="2026-02-20"), violence())
        app.case_closed(case.case_id, "executed_in_full", TODAY)
        events = published(app)
        assert not any(isinstance(e, (v1.PartnerNotice, v1.DebtorRepaired)) for e in events)
        assert DEBTOR_ID not in list_states(app)

    def test_an_order_in_the_grace_period_reaches_the_list_when_it_ends(self, app, case, clock):
        """R10: the grace period also comes before a restriction is published."""
        warned_lately = replace(case, notice_served_on="2026-02-20")
        app.order_restriction(warned_lately, DEBTOR_ID, "(2026)川0104执100号之二", TODAY, [])
        assert DEBTOR_ID not in list_states(app)
        clock.set(clock.now().replace(day=20))
        assert app.sweep() == 1
        assert list_states(app)[DEBTOR_ID].restricted is True

    def test_a_correction_finding_the_debtor_wrongly_listed_clears_the_list(self, app, case):
        """R9: upheld, and the listing removed as the correction."""
        listing = app.decide_listing(case, violence())
        for step, upheld in (("request", False), ("decide", True)):
            app.advance_correction(listing.id, step, upheld, TODAY)
        app.advance_correction(listing.id, "correct", False, TODAY, remove=True)
        assert isinstance(list_states(app)[DEBTOR_ID], v1.DebtorCleared), \
            "the listing, and the restriction only it had brought"


class TestCorrectionSteps:
    """R9 through the application: each request is its own CorrectionRequest."""

    def test_refused_naming_r9_when_no_request_awaits_a_decision(self, app, case):
        listing = app.decide_listing(case, violence())
        with pytest.raises(RemovalRefused, match="no correction request") as refused:
            app.advance_correction(listing.id, "decide", True, TODAY)
        assert refused.value.rule == "R9"

    def test_listing_is_removed_with_the_correction_when_the_debtor_was_wrongly_listed(
            self, app, case):
        listing = app.decide_listing(case, violence())
        for step, upheld in (("request", False), ("decide", True)):
            app.advance_correction(listing.id, step, upheld, TODAY)
        before = app.max_notification_id()
        app.advance_correction(listing.id, "correct", False, TODAY, remove=True)
        names = {type(d).__qualname__ for _, d in app.read_notifications(before)}
        assert {"CorrectionRequest.Corrected", "Listing.Removed", "Listing.Repaired"} <= names
        assert app.correction_of(app.repository.get(listing.id)).corrected_on == TODAY.isoformat()


class TestCorrectionDeadlines:
    def test_a_missed_decision_deadline_is_reported_once(self, app, case, clock):
        """R9: 15 days to decide; the sweep tells the supervisors the day after."""
        listing = app.decide_listing(case, violence())
        app.advance_correction(listing.id, "request", False, TODAY)
        clock.set(clock.now().replace(day=17))
        assert app.sweep() == 0
        clock.set(clock.now().replace(day=18))
        assert app.sweep() == 1
        assert app.sweep() == 0
        overdue = [e for e in published(app) if isinstance(e, v1.CorrectionOverdue)]
        assert [(e.steps, e.flagged_on) for e in overdue] == [(["decide_by"], "2026-03-18")]
