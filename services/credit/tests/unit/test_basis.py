"""A record's holds read as bases (issue 18, R1/R5, R12, R14): the kind follows from who
the identity is in the decision; a natural person's name is never part of one (R60)."""

from __future__ import annotations

from zhixing.credit.domain.basis import (
    LISTED,
    RESTRICTED_DEBTOR,
    RESTRICTED_PERSON,
    Basis,
    Decision,
    basis_of,
    ordered,
)

COMPANY, REP, STRANGER = "91510104MA6CQ1W2E1", "510104197501012011", "510104198003121234"
RESTRICTION = Decision(debtor_identity_number=COMPANY, debtor_name="锦城建设有限公司",
                       roles=((REP, "legal_representative"),))
HOLD = {"kind": "restriction", "case_number": "(2026)川0104执1号", "court_code": "川0104",
        "since": "2026-03-02", "term_ends": "", "conduct": ["flights", "g_trains"]}


class TestKind:
    """Who the identity is in the decision behind the hold."""

    def test_the_debtor_is_restricted_as_debtor_when_it_is_the_decisions_debtor(self):
        basis = basis_of(COMPANY, HOLD, RESTRICTION)
        assert basis == Basis(RESTRICTED_DEBTOR, "(2026)川0104执1号", "川0104", "2026-03-02",
                              conduct=("flights", "g_trains"))

    def test_organisation_and_role_are_named_when_a_person_is_bound_under_r14(self):
        basis = basis_of(REP, HOLD, RESTRICTION)
        assert basis is not None and basis.kind == RESTRICTED_PERSON
        assert (basis.organisation_name, basis.organisation_code, basis.role) == (
            "锦城建设有限公司", COMPANY, "legal_representative")

    def test_no_basis_when_the_identity_is_neither_debtor_nor_person(self):
        assert basis_of(STRANGER, HOLD, RESTRICTION) is None

    def test_a_listing_names_its_grounds_in_order_and_no_conduct(self):
        listing = Decision(debtor_identity_number=STRANGER, debtor_name="王五", grounds=(4, 2))
        basis = basis_of(STRANGER, {**HOLD, "kind": "listing", "conduct": []}, listing)
        assert basis is not None
        assert (basis.kind, basis.grounds, basis.conduct, basis.organisation_name) == (
            LISTED, (2, 4), (), "")


class TestOrder:
    """How a Check lists several bases."""

    def test_earliest_first_then_listed_before_restricted_when_ordered(self):
        later = Basis(LISTED, "(2026)川0104执2号", "川0104", "2026-04-01")
        same_day = [Basis(RESTRICTED_PERSON, "b", "川0104", "2026-03-02"),
                    Basis(RESTRICTED_DEBTOR, "a", "川0104", "2026-03-02"),
                    Basis(LISTED, "c", "川0104", "2026-03-02")]
        assert [b.kind for b in ordered([later, *same_day])] == [
            LISTED, RESTRICTED_DEBTOR, RESTRICTED_PERSON, LISTED]
