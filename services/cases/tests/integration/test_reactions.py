"""The service's reactions: facts from other services (R16, R28, R32), the case index,
worklists and the node-limit sweep (R26, R27)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from prometheus_client import REGISTRY

from zhixing.cases.application.base import case_uuid
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.outbound import CaseOutbound
from zhixing.cases.policies.facts import CaseFactsPolicy
from zhixing.cases.projections.case_index import CaseIndexProjection, CaseIndexQueries
from zhixing.cases.sweep import NodeSweep
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, all_models
from zhixing.contracts.events.assets.v1 import FundsDeducted, NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.contracts.events.credit.v1 import ConsumptionRestrictionIssued
from zhixing.contracts.events.relief.v1 import ReliefDisbursed
from zhixing.contracts.topics import CASES_EVENTS
from zhixing.eventstore.settings import Settings

QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities", "tax"]


def _cloud(event: IntegrationEvent) -> CloudEvent:
    return CloudEvent(id=str(uuid4()), source="/test", type=event.event_type,
                      time="2026-03-02T02:00:00Z", subject="", court="川0104", region="chengdu",
                      sequence=0, position=0, data=event.model_dump(mode="json"))


def _oldest_overdue_days() -> float | None:
    return REGISTRY.get_sample_value("zhixing_oldest_overdue_node_days", {"service": "cases"})


@pytest.fixture
def store(tmp_path):
    sql = Settings(var_dir=tmp_path).sql_store("cases")
    CaseIndexProjection.migrate(sql)
    yield sql
    sql.close()


@pytest.fixture
def project(app, store):
    """Feed the case index every integration event the app has published so far."""
    projection, outbound = CaseIndexProjection(app), CaseOutbound(app)

    def run() -> CaseIndexQueries:
        with store.transaction() as cur:
            for _, domain_event in app.read_notifications(0):
                for event in outbound(domain_event):
                    projection.handle(_cloud(event), cur)
        return CaseIndexQueries(store)

    return run


class TestFactsFromOtherServices:
    def test_a_deduction_becomes_a_receipt_once_when_delivered_twice(self, app, a_filing):
        """R28: money deducted by the assets service lands in the case account, once."""
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        deducted = _cloud(FundsDeducted(measure_id="m-1", case_id=str(case.id),
                                        court_code="川0104", amount_fen=5_000_00,
                                        deducted_on="2026-03-05"))
        policy.handle(deducted, cursor=None)
        policy.handle(deducted, cursor=None)
        account = app.get_account(case.id)
        assert account.received_fen == 5_000_00
        assert [r.source for r in account.receipts] == ["deduction"]

    def test_a_fact_naming_no_uuid_is_skipped_as_one_about_a_case_not_held_here(self, app):
        # Issue 12 (consumer fuzz): UUID("c-1") failed as a bare ValueError and the
        # consumer parked the event; an id that is no UUID names no case held here.
        policy = CaseFactsPolicy(app)
        policy.handle(_cloud(FundsDeducted(measure_id="m-1", case_id="c-1",
                                           court_code="川0104", amount_fen=1_00,
                                           deducted_on="2026-03-05")), cursor=None)
        with pytest.raises(CaseNotFound):
            case_uuid("c-1")

    def test_inquiry_and_restriction_are_recorded_for_the_checklist(self, app, a_filing):
        case = app.file_case(a_filing())
        debtor = case.respondents[0].identity_number
        policy = CaseFactsPolicy(app)
        policy.handle(_cloud(NetworkInquiryCompleted(
            inquiry_id="i-1", case_id=str(case.id), court_code="川0104",
            debtor_identity_number=debtor, completed_on="2026-03-20",
            agency_kinds=["bank_deposit", "vehicle", "real_estate", "securities"],
            disposable_property_found=False)), cursor=None)
        policy.handle(_cloud(ConsumptionRestrictionIssued(
            restriction_id="r-1", case_id=str(case.id), court_code="川0104",
            debtor_identity_number=debtor, decided_on="2026-03-20")), cursor=None)
        rules = [rule for rule, _ in app.check_conclusion(case.id)]
        assert "R16(3)" not in rules
        assert rules.count("R16(2)") == 1  # restriction done; listing still undecided

    def test_a_revised_inquiry_result_with_property_found_late_blocks_zhongben(self, app,
                                                                               a_filing):
        """R16(3): an overdue agency's late answer revises the inquiry's result."""
        case = app.file_case(a_filing())
        debtor = case.respondents[0].identity_number
        policy = CaseFactsPolicy(app)
        for revision, found in ((0, False), (1, True)):
            policy.handle(_cloud(NetworkInquiryCompleted(
                inquiry_id="i-1", case_id=str(case.id), court_code="川0104",
                debtor_identity_number=debtor, completed_on="2026-03-20",
                agency_kinds=["bank_deposit", "vehicle", "real_estate", "securities"],
                disposable_property_found=found, revision=revision)), cursor=None)
        assert any(rule == "R16(3)" and "property" in text
                   for rule, text in app.check_conclusion(case.id))

    def test_relief_paid_is_repaid_first_from_the_next_receipt(self, app, a_filing):
        """R32: money later recovered repays the relief advanced first."""
        case = app.file_case(a_filing())
        CaseFactsPolicy(app).handle(_cloud(ReliefDisbursed(
            application_id="a-1", case_id=str(case.id), court_code="川0104",
            amount_fen=3_000_00, disbursed_on="2026-03-03")), cursor=None)
        account = app.record_payment(case.id, "slip-1", 4_000_00)
        assert account.owed == {"relief_fund": 3_000_00, "costs": 1_000_00}

    def test_a_fact_about_a_case_held_elsewhere_is_ignored(self, app):
        CaseFactsPolicy(app).handle(_cloud(FundsDeducted(
            measure_id="m-9", case_id=str(uuid4()), court_code="渝0103", amount_fen=1,
            deducted_on="2026-03-05")), cursor=None)
        assert app.max_notification_id() == 0


class TestInquiryResultsInAnyOrder:
    """R16(3): the checklist weighs what every completed inquiry of a debtor found, in
    whatever order the results arrive. In embedded mode the assets service inquires by
    itself at filing; with no agency answering, that inquiry completes with every agency
    overdue and no kind answered — and its result may arrive after a complete one."""

    @staticmethod
    def _inquiry(policy, case, inquiry_id, completed_on, kinds, found=False):  # type: ignore[no-untyped-def]
        policy.handle(_cloud(NetworkInquiryCompleted(
            inquiry_id=inquiry_id, case_id=str(case.id), court_code="川0104",
            debtor_identity_number=case.respondents[0].identity_number,
            completed_on=completed_on, agency_kinds=kinds,
            disposable_property_found=found)), cursor=None)

    @staticmethod
    def _investigation_gaps(app, case) -> list[str]:  # type: ignore[no-untyped-def]
        return [text for rule, text in app.check_conclusion(case.id) if rule == "R16(3)"]

    def test_complete_inquiry_still_counts_when_an_all_overdue_one_arrives_after_it(
            self, app, a_filing):
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-20", QUERIED)
        self._inquiry(policy, case, "auto-filing", "2026-03-12", [])  # the racy order
        assert self._investigation_gaps(app, case) == []
        assert app.get_case(case.id).inquiries[
            case.respondents[0].identity_number].completed_on == "2026-03-20"

    def test_complete_inquiry_still_counts_when_a_later_partial_one_finds_nothing(
            self, app, a_filing):
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-20", QUERIED)
        self._inquiry(policy, case, "inq-2", "2026-06-10", ["bank_deposit"])
        assert self._investigation_gaps(app, case) == []

    def test_property_found_blocks_zhongben_when_a_partial_inquiry_finds_it(
            self, app, a_filing):
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-20", QUERIED)
        self._inquiry(policy, case, "inq-2", "2026-04-20", ["vehicle"], found=True)
        assert self._investigation_gaps(app, case) == ["disposable property found for "
                                                       "debtor #1"]

    def test_property_found_stands_when_a_later_partial_inquiry_did_not_look_everywhere(
            self, app, a_filing):
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-20", QUERIED, found=True)
        self._inquiry(policy, case, "inq-2", "2026-04-20", ["bank_deposit"])
        assert self._investigation_gaps(app, case) == ["disposable property found for "
                                                       "debtor #1"]

    def test_no_gap_when_a_later_complete_inquiry_finds_nothing_after_property_found(
            self, app, a_filing):
        """A fresh look at every kind supersedes: the property found may be gone."""
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-20", QUERIED, found=True)
        self._inquiry(policy, case, "inq-2", "2026-04-20", QUERIED)
        assert self._investigation_gaps(app, case) == []

    def test_kinds_of_two_partial_inquiries_add_up_when_together_they_cover_r16(
            self, app, a_filing):
        case = app.file_case(a_filing())
        policy = CaseFactsPolicy(app)
        self._inquiry(policy, case, "inq-1", "2026-03-12", ["bank_deposit", "vehicle"])
        self._inquiry(policy, case, "inq-2", "2026-03-20", ["real_estate", "securities"])
        assert self._investigation_gaps(app, case) == []


class TestCaseIndex:
    def test_lists_a_courts_cases_newest_first_with_paging(self, app, clock, a_filing, project):
        for _ in range(3):
            app.file_case(a_filing())
            clock.advance(timedelta(days=1))
        app.file_case(a_filing(court_code="川0107"))
        queries = project()
        first, token = queries.list_cases("川0104", page_size=2)
        rest, end = queries.list_cases("川0104", page_size=2, page_token=token)
        assert [r.case_number for r in first + rest] == [
            "(2026)川0104执3号", "(2026)川0104执2号", "(2026)川0104执1号"]
        assert end == ""

    def test_filters_by_status_and_officer(self, app, a_filing, project):
        assigned = app.file_case(a_filing())
        app.file_case(a_filing())
        app.assign_case(assigned.id, "执行一组", "officer-1")
        queries = project()
        rows, _ = queries.list_cases("川0104", status="executing", lead_officer="officer-1")
        assert [r.case_id for r in rows] == [str(assigned.id)]

    def test_worklist_shows_overdue_and_due_soon_nodes_most_urgent_first(
            self, app, clock, a_filing, project):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")  # notice due 2026-03-05
        clock.set(datetime(2026, 3, 6, 2, tzinfo=UTC))
        items = project().worklist("川0104", clock.today(), lead_officer="officer-1",
                                   due_within_days=7)
        assert [(i.node, i.due_on, i.overdue) for i in items] == [
            ("leads_request", "2026-03-05", True), ("notice", "2026-03-05", True)]
        assert items[1].rule == "R27" and items[1].label == "发出执行通知书"

    def test_the_sweep_flags_overdue_nodes_found_through_the_index(
            self, app, clock, a_filing, project):
        case = app.file_case(a_filing())
        queries = project()
        clock.set(datetime(2026, 3, 12, 2, tzinfo=UTC))  # assignment was due 03-11
        assert NodeSweep(app, queries).run() == 1
        assert app.get_case(case.id).nodes["assign"].overdue is True
        assert project().due_for_sweep(clock.today()) == []

    def test_the_oldest_overdue_node_counts_days_until_met_when_already_reported(
            self, app, clock, a_filing, project):
        case = app.file_case(a_filing())  # assignment due 03-11 (R27)
        clock.set(datetime(2026, 3, 12, 2, tzinfo=UTC))
        NodeSweep(app, project()).run()  # reported overdue now
        clock.set(datetime(2026, 3, 20, 2, tzinfo=UTC))
        NodeSweep(app, project()).run()
        assert _oldest_overdue_days() == 9  # still not assigned: 9 days late, not 0
        app.assign_case(case.id, "执行一组", "officer-1")
        NodeSweep(app, project()).run()
        assert _oldest_overdue_days() == 0

    def test_an_event_about_a_case_held_elsewhere_changes_nothing(self, app, store):
        """Regions share topics (R43): another deployment's case is not ours to index."""
        foreign = CaseAssigned(case_id=str(uuid4()), case_number="(2026)渝0103执9号",
                               court_code="渝0103", team="t", lead_officer="o",
                               assigned_on="2026-03-02")
        with store.transaction() as cur:
            CaseIndexProjection(app).handle(_cloud(foreign), cur)
        assert CaseIndexQueries(store).list_cases("渝0103") == ([], "")

    def test_every_cases_event_refreshes_the_row_when_the_contract_gains_one(self):
        """The index declares its models one by one (STYLE 16); a new cases event that
        could change a case must be added to them, or the row would go stale."""
        published = {model for model in all_models() if model.topic == CASES_EVENTS}
        assert CaseIndexProjection.reads() == published
