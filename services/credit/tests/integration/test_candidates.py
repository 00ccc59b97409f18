"""失信候选 — proposed by the cases events (R1 grounds 4 and 6), settled by the credit
service's own decisions (DebtorListed, ListingDeclined): derived from events only
(STYLE 17), whatever order the two topics arrive in."""

from __future__ import annotations

import pytest

from testkit.assets import cloud_event
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import PartyV1, PropertyReportMissed, SettlementDefaulted
from zhixing.contracts.events.credit.v1 import DebtorListed, ListingDeclined
from zhixing.credit.projections.candidates import Candidates
from zhixing.credit.projections.cases_seen import CasesSeenQueries

from ..conftest import COMPANY_CODE, DEBTOR_ID, resident_id

CASE_ID, COURT, NUMBER = "7f1c2a9e-0000-4000-8000-000000000077", "川0104", "(2026)川0104执77号"
ENDS_IN_X = resident_id("51010419800312009")
"""A resident ID whose check character is X."""
HEAD = {"case_id": CASE_ID, "case_number": NUMBER, "court_code": COURT}
PERSON = PartyV1(role="respondent", kind="natural_person", name="王五",
                 identity_number=DEBTOR_ID)
COMPANY = PartyV1(role="respondent", kind="organisation", name="成都锦城建设有限公司",
                  identity_number=COMPANY_CODE)


def missed(on: str = "2026-01-15", *who: PartyV1) -> PropertyReportMissed:
    return PropertyReportMissed(**HEAD, due_on=on, respondents=list(who or (PERSON,)))


def defaulted(on: str = "2026-02-20", *who: PartyV1) -> SettlementDefaulted:
    return SettlementDefaulted(**HEAD, defaulted_on=on, respondents=list(who or (PERSON,)))


def listed(on: str = "2026-03-02", identity: str = DEBTOR_ID) -> DebtorListed:
    return DebtorListed(**HEAD, debtor_identity_number=identity, decided_on=on,
                        listing_id=f"listing-{identity[-4:]}", grounds=[4])


def declined(on: str = "2026-03-02", identity: str = DEBTOR_ID) -> ListingDeclined:
    return ListingDeclined(**HEAD, debtor_identity_number=identity, decided_on=on,
                           reason_rule="R4")


@pytest.fixture
def view(backend):
    """Feed events to the projection as the consumers would; read what a court sees
    (another court's view: `feed(court=…)`)."""
    store = backend.sql_store("credit")
    Candidates.migrate(store)
    queries, positions = CasesSeenQueries(store, backend.field_cipher), iter(range(1, 1000))

    def feed(*events: IntegrationEvent, court: str = COURT) -> list[tuple[int, str, str]]:
        for event in events:
            with store.transaction() as cursor:
                Candidates(backend.field_cipher).handle(cloud_event(event.event_type, CASE_ID,
                                                event.model_dump(mode="json"),
                                                next(positions)), cursor)
        return [(c.ground, c.identity_number, c.seen_on) for c in queries.candidates(court)]

    yield feed
    store.close()


class TestProposals:
    def test_grounds_4_and_6_are_proposed_when_a_report_is_missed_and_a_settlement_fails(
            self, view):
        assert view(missed(), defaulted()) == [(6, DEBTOR_ID, "2026-02-20"),
                                               (4, DEBTOR_ID, "2026-01-15")]

    def test_another_court_sees_nothing_when_the_case_is_not_its_own(self, view):
        assert view(missed(), court="渝0103") == []


class TestDecisions:
    def test_the_debtor_is_no_longer_a_candidate_when_listed(self, view):
        assert view(missed(), defaulted(), listed()) == []

    def test_the_debtor_is_no_longer_a_candidate_when_listing_is_declined(self, view):
        assert view(missed(), declined()) == []

    def test_only_the_decided_debtor_leaves_when_two_are_proposed(self, view):
        assert view(missed("2026-01-15", PERSON, COMPANY), listed()) == [
            (4, COMPANY_CODE, "2026-01-15")]

    def test_a_proposal_after_the_decision_stays_a_candidate_when_it_is_later(self, view):
        assert view(missed(), listed("2026-02-01"), defaulted("2026-02-20")) == [
            (6, DEBTOR_ID, "2026-02-20")]

    def test_the_debtor_is_no_longer_a_candidate_when_an_earlier_event_spelt_the_id_as_typed(
            self, view):
        """Cases events of an earlier release kept the ID as typed, a check character `x`
        in lower case (issue 12 item 5); the decision names it canonically: one debtor,
        one blind index (R60)."""
        typed = PERSON.model_copy(update={"identity_number": ENDS_IN_X.lower()})
        assert view(missed("2026-01-15", typed), listed(identity=ENDS_IN_X)) == []

    def test_a_candidate_shows_the_canonical_id_when_an_earlier_event_spelt_it_as_typed(
            self, view):
        typed = PERSON.model_copy(update={"identity_number": ENDS_IN_X.lower()})
        assert view(missed("2026-01-15", typed)) == [(4, ENDS_IN_X, "2026-01-15")]

    def test_a_proposal_is_stored_decided_when_its_decision_arrived_first(self, view):
        """The decision (credit topic) overtook the proposal (cases topic)."""
        assert view(listed("2026-03-02"), missed("2026-01-15")) == []

    def test_the_latest_decision_day_is_kept_when_an_earlier_one_arrives_after_it(self, view):
        assert view(missed(), listed("2026-03-02"), listed("2026-02-01"),
                    defaulted("2026-02-25")) == []
