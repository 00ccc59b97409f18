"""Fixtures: valid identity numbers computed with stdnum, never hard-coded."""

from __future__ import annotations

import pytest
from stdnum.cn import ric, uscc


class Numbers:
    """Builders for identity numbers with correct (or deliberately wrong) check digits."""

    @staticmethod
    def resident_id(area: str = "510104", birth: str = "19900101", order: str = "123") -> str:
        body = area + birth + order
        return body + ric.calc_check_digit(body + "0")

    def resident_id_with_x(self, area: str = "510104", birth: str = "20080315") -> str:
        for order in range(1000):
            number = self.resident_id(area, birth, f"{order:03d}")
            if number.endswith("X"):
                return number
        raise AssertionError("no order code yields an X check digit")

    @staticmethod
    def credit_code(body: str = "91510100MA6CAB12") -> str:
        body = body.ljust(17, "0")
        return body + uscc.calc_check_digit(body + "0")

    @staticmethod
    def wrong_check_digit(number: str) -> str:
        return number[:-1] + ("1" if number[-1] != "1" else "2")


@pytest.fixture
def numbers() -> Numbers:
    return Numbers()
