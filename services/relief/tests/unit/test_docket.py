"""Specification of the 司救执 docket (R38–R40): serials per court × year, from 1, in order."""

from __future__ import annotations

import pytest

from zhixing.kernel.case_number import CaseNumber, CaseType
from zhixing.kernel.errors import InvalidInput
from zhixing.relief.domain.docket import ReliefDocket

from .relief_fixtures import replayed


def docket(court_code: str = "川0104", year: int = 2026) -> ReliefDocket:
    return ReliefDocket(court_code=court_code, year=year)


class TestReliefCaseNumbers:
    """R38: in order from 1; R39 the court; R40 the type 司救执."""

    def test_numbered_from_one_in_order_when_filed(self):
        jinjiang = docket()
        assert [jinjiang.next_number() for _ in range(3)] == [
            "(2026)川0104司救执1号", "(2026)川0104司救执2号", "(2026)川0104司救执3号"]

    def test_type_is_si_jiu_zhi_when_parsed_back(self):
        number = CaseNumber.parse(docket().next_number())
        assert number.case_type is CaseType.SI_JIU_ZHI and number.serial == 1

    def test_own_serials_when_another_court_or_year(self):
        assert ReliefDocket.create_id("川0104", 2026) != ReliefDocket.create_id("川0105", 2026)
        assert ReliefDocket.create_id("川0104", 2026) != ReliefDocket.create_id("川0104", 2027)
        first = docket()
        first.next_number()
        assert docket("渝01", 2026).next_number() == "(2026)渝01司救执1号"
        assert docket("川0104", 2027).next_number() == "(2027)川0104司救执1号"

    def test_continues_when_read_back_from_its_events(self):
        first = docket()
        first.next_number()
        first.next_number()
        assert replayed(first).next_number() == "(2026)川0104司救执3号"

    def test_refused_naming_r39_when_the_court_code_is_not_one(self):
        with pytest.raises(InvalidInput, match="R39"):
            docket("XX01")
