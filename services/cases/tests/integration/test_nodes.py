"""The node clock (R26, R27, R5) and deadline extensions (R26)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zhixing.cases.domain.errors import ExtensionRefused, WrongStage
from zhixing.contracts.events.cases.v1 import (
    ExecutionNoticeServed,
    NodeOverdue,
    PropertyReportMissed,
)

from ..cases_kit import beijing_morning, published


class TestNodeLimits:
    """R27 node limits from the policy table, counted in working days (R62, R64)."""

    def test_assignment_is_due_seven_working_days_after_filing_across_national_day(
            self, app, clock, a_filing):
        clock.set(beijing_morning("2026-09-29"))
        case = app.file_case(a_filing(basis=a_filing().basis))
        # 09-30, 10-08, 10-09, 10-10 (make-up working day), 10-12, 10-13, 10-14
        assert case.nodes["assign"].due == "2026-10-14"

    def test_notice_leads_and_investigation_run_from_assignment(self, app, clock, a_filing):
        case = app.file_case(a_filing())  # Monday 2026-03-02
        clock.advance(timedelta(days=1))
        case = app.assign_case(case.id, "执行一组", "officer-1")
        assert case.nodes["notice"].due == "2026-03-06"  # 3 working days after 03-03
        assert case.nodes["leads_request"].due == "2026-03-06"
        assert case.nodes["investigation"].due == "2026-04-03"  # 1 month (R63)
        assert case.nodes["assign"].done_on == "2026-03-03"

    def test_a_chongqing_court_uses_its_stricter_notice_limit(self, app, a_filing):
        case = app.file_case(a_filing(court_code="渝0103"))
        case = app.assign_case(case.id, "执行一组", "officer-1")
        assert case.nodes["notice"].due == "2026-03-04"  # 2 working days (chongqing.toml)

    def test_closing_limit_is_six_months_for_a_judgment_and_three_for_an_award(
            self, app, a_filing):
        judgment = app.file_case(a_filing())
        award_basis = a_filing().basis.__class__("arbitral_award", "成都仲裁委员会",
                                                 "(2025)成仲字第1号", "2025-12-01")
        award = app.file_case(a_filing(basis=award_basis))
        assert judgment.nodes["close"].due == "2026-09-02"  # R26: 6 months
        assert award.nodes["close"].due == "2026-06-02"  # R26: non-litigation, 3 months


class TestOverdueNodes:
    """Overdue nodes emit events once (R26/R27; inaction watched by R36)."""

    def test_nothing_is_flagged_on_the_last_day(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        clock.set(beijing_morning(case.nodes["assign"].due))
        assert app.flag_overdue(case.id) == []

    def test_an_unassigned_case_is_flagged_the_day_after_and_only_once(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        clock.set(beijing_morning(case.nodes["assign"].due) + timedelta(days=1))
        assert app.flag_overdue(case.id) == ["assign"]
        assert app.flag_overdue(case.id) == []
        [event] = published(app, NodeOverdue)
        assert (event.node, event.rule, event.due_on) == ("assign", "R27", "2026-03-11")

    def test_a_missed_property_report_is_published_as_a_listing_candidate(
            self, app, clock, a_filing):
        """R5 warned of listing; the missed report is ground R1(4) for the credit service."""
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        case = app.serve_notice(case.id)
        clock.set(beijing_morning(case.nodes["property_report"].due) + timedelta(days=1))
        app.flag_overdue(case.id)
        [missed] = published(app, PropertyReportMissed)
        assert missed.due_on == case.nodes["property_report"].due
        assert [p.role for p in missed.respondents] == ["respondent"]

    def test_a_reported_debtor_is_no_candidate(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        case = app.serve_notice(case.id)
        app.record_property_report(case.id)
        clock.set(beijing_morning(case.nodes["property_report"].due) + timedelta(days=10))
        app.flag_overdue(case.id)
        assert published(app, PropertyReportMissed) == []


class TestExtension:
    """R26: extension approved by the president, applied for ≥ 5 days before expiry."""

    def test_president_extends_the_closing_limit_before_expiry(self, app, a_filing):
        case = app.file_case(a_filing())
        extended = app.extend_deadline(case.id, "close", date(2026, 12, 2), approver="p-1",
                                       approver_role="president")
        assert extended.nodes["close"].due == "2026-12-02"

    def test_an_officer_cannot_approve_an_extension(self, app, a_filing):
        case = app.file_case(a_filing())
        with pytest.raises(ExtensionRefused, match="R26"):
            app.extend_deadline(case.id, "close", date(2026, 12, 2), approver="o-1",
                                approver_role="officer")

    def test_an_extension_sought_after_expiry_is_refused(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        clock.set(beijing_morning("2026-09-03"))  # the 6 months ended 2026-09-02
        with pytest.raises(ExtensionRefused, match="R26"):
            app.extend_deadline(case.id, "close", date(2026, 12, 2), approver="p-1",
                                approver_role="president")
        assert app.get_case(case.id).nodes["close"].due == "2026-09-02"

    def test_an_extension_sought_four_days_before_expiry_is_refused(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        clock.set(beijing_morning("2026-08-29"))
        with pytest.raises(ExtensionRefused, match="at least 5 days"):
            app.extend_deadline(case.id, "close", date(2026, 12, 2), approver="p-1",
                                approver_role="president")

    def test_an_extended_node_is_not_overdue_at_its_old_date(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        app.extend_deadline(case.id, "close", date(2026, 12, 2), approver="p-1",
                            approver_role="president")
        clock.set(beijing_morning("2026-10-01"))
        assert "close" not in app.flag_overdue(case.id)


class TestExecutionNotice:
    """R5: the execution notice warns of listing; R27: it is served by the assigned team."""

    def test_the_notice_carries_the_report_order_and_the_listing_warning(self, app, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        app.serve_notice(case.id)
        [served] = published(app, ExecutionNoticeServed)
        assert served.listing_warning is True
        assert served.property_report_due == "2026-03-09"  # 5 working days (policy)

    def test_a_notice_before_assignment_is_refused(self, app, a_filing):
        case = app.file_case(a_filing())
        with pytest.raises(WrongStage, match="执行中"):
            app.serve_notice(case.id)


class TestNodesAfterTheFact:
    def test_reassignment_keeps_the_limits_already_met(self, app, a_filing):
        """R27 counts from the first receipt of the file; a new team inherits them."""
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        app.serve_notice(case.id)
        case = app.assign_case(case.id, "执行二组", "officer-2")
        assert case.nodes["notice"].done_on == "2026-03-02"
        assert case.team == "执行二组"

    def test_a_closed_case_never_misses_its_property_report(self, app, clock, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        app.serve_notice(case.id)
        app.close_case(case.id, "withdrawn")
        clock.set(beijing_morning("2026-05-01"))
        assert app.flag_overdue(case.id) == []
        assert published(app, PropertyReportMissed) == []

    def test_a_closed_case_takes_no_interview(self, app, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        app.close_case(case.id, "withdrawn")
        with pytest.raises(WrongStage, match="已结案"):
            app.interview_applicant(case.id, "告知")
