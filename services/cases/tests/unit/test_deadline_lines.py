"""How the CLI prints a last day (R64): a provisional one says so, a final one is bare."""

from __future__ import annotations

from zhixing.cases.cli.common import day


class TestDeadlineLines:
    def test_marked_when_provisional(self) -> None:
        assert day("2027-01-11", True) == "2027-01-11 (暂定 provisional)"

    def test_bare_when_final(self) -> None:
        assert day("2027-01-12", False) == "2027-01-12"
