"""罚款、拘留 — sanctions against obstruction, within the policy table's limits
(Civil Procedure Law art. 118; `[sanctions]` in the policy table)."""

from __future__ import annotations

import pytest

from zhixing.cases.demo import resident_id
from zhixing.cases.domain.filing import Party
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.events.cases.v1 import SanctionDecided
from zhixing.kernel.errors import InvalidInput

from ..cases_kit import executing_case

PERSON_FINE_CAP = 10_000_000  # 100,000 yuan
ORGANISATION_FINE_CAP = 100_000_000  # 1,000,000 yuan



def _person_debtor() -> list[Party]:
    return [Party("respondent", "natural_person", "李强", resident_id("500103", "20010105", "311"))]


class TestFine:
    """罚款 is capped by the policy table: per natural person, per organisation."""

    def test_fine_is_refused_naming_the_amount_when_above_the_organisation_cap(self, app,
                                                                               a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.decide_sanction(case.id, "fine", amount_fen=ORGANISATION_FINE_CAP + 1,
                                document_number="(2026)川0104执1号之一")
        assert refused.value.field == "amount_fen"
        assert app.get_case(case.id).sanctions == []

    def test_fine_is_refused_when_above_the_person_cap_for_a_natural_person(self, app,
                                                                            a_filing):
        case = executing_case(app, a_filing, respondents=_person_debtor())
        with pytest.raises(InvalidInput) as refused:
            app.decide_sanction(case.id, "fine", amount_fen=PERSON_FINE_CAP + 1,
                                document_number="(2026)川0104执1号之一")
        assert refused.value.field == "amount_fen"

    def test_fine_is_recorded_when_within_the_cap(self, app, a_filing):
        case = executing_case(app, a_filing)
        decided, sanction_id = app.decide_sanction(
            case.id, "fine", amount_fen=5_000_00, document_number="(2026)川0104执1号之一")
        [sanction] = decided.sanctions
        assert (sanction.sanction_id, sanction.kind, sanction.amount_fen) == (
            sanction_id, "fine", 5_000_00)

    def test_fine_is_published_as_sanction_decided_when_recorded(self, app, a_filing):
        case = executing_case(app, a_filing)
        _, sanction_id = app.decide_sanction(
            case.id, "fine", amount_fen=5_000_00, document_number="(2026)川0104执1号之一")
        outbound = CaseOutbound(app)
        [public] = [e for _, d in app.read_notifications(0) for e in outbound(d)
                    if isinstance(e, SanctionDecided)]
        assert (public.case_id, public.sanction_id, public.kind, public.amount_fen,
                public.document_number, public.decided_on) == (
            str(case.id), sanction_id, "fine", 5_000_00, "(2026)川0104执1号之一", "2026-03-02")


class TestDetention:
    """拘留 lasts 1 to 15 days (policy `sanctions.max_detention_days`)."""

    def test_detention_is_refused_naming_the_days_when_over_fifteen_days(self, app,
                                                                         a_filing):
        case = executing_case(app, a_filing, respondents=_person_debtor())
        with pytest.raises(InvalidInput) as refused:
            app.decide_sanction(case.id, "detention", days=16,
                                document_number="(2026)川0104执1号之二")
        assert refused.value.field == "days"
        assert app.get_case(case.id).sanctions == []

    def test_detention_is_recorded_when_fifteen_days(self, app, a_filing):
        case = executing_case(app, a_filing, respondents=_person_debtor())
        decided, _ = app.decide_sanction(case.id, "detention", days=15,
                                         document_number="(2026)川0104执1号之二")
        assert [(s.kind, s.days) for s in decided.sanctions] == [("detention", 15)]
