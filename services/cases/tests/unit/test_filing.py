"""立案 refusals (R28, R39, R40): a filing is validated before anything is stored."""

from __future__ import annotations

import pytest

from zhixing.cases.domain.errors import InvalidFiling
from zhixing.cases.domain.filing import Claim, Party, validate_filing
from zhixing.kernel.errors import InvalidInput


class TestRefusals:
    def test_bad_checksum_is_refused_naming_the_field_without_the_number(self, a_filing, person_id):
        bad = person_id[:-1] + ("0" if person_id[-1] != "0" else "1")
        with pytest.raises(InvalidFiling) as refusal:
            a_filing(applicants=[Party("applicant", "natural_person", "张伟", bad)])
        assert refusal.value.field == "applicants[0].identity_number"
        assert bad not in str(refusal.value)

    def test_unknown_court_is_refused_citing_r39(self, a_filing):
        with pytest.raises(InvalidInput) as refusal:
            a_filing(court_code="川9999")
        assert (refusal.value.field, refusal.value.rule) == ("court_code", "R39")

    def test_negative_claim_is_refused_citing_r28(self, a_filing):
        with pytest.raises(InvalidFiling) as refusal:
            a_filing(claim=Claim(-1, 0, 0))
        assert (refusal.value.field, refusal.value.rule) == ("claim.principal_fen", "R28")

    def test_unknown_case_type_is_refused_citing_r40(self, a_filing):
        with pytest.raises(InvalidInput) as refusal:
            a_filing(case_type="民初")
        assert (refusal.value.field, refusal.value.rule) == ("case_type", "R40")

    def test_person_with_a_credit_code_is_refused(self, filing_fields):
        fields = filing_fields()
        company = fields["respondents"][0]  # type: ignore[index]
        person = Party("respondent", "natural_person", "李强", company.identity_number)
        with pytest.raises(InvalidFiling) as refusal:
            validate_filing(**filing_fields(respondents=[person]))  # type: ignore[arg-type]
        assert refusal.value.field == "respondents[0].identity_number"


class TestLinkedFilings:
    """R40: the linked case is named, and (except for 执协) exists in this deployment."""

    @pytest.mark.parametrize("case_type", ["执异", "执复", "执恢", "执协"])
    def test_filing_is_refused_naming_r40_when_no_case_is_linked(self, a_filing, case_type):
        with pytest.raises(InvalidFiling) as refused:
            a_filing(case_type=case_type)
        assert refused.value.rule == "R40"
