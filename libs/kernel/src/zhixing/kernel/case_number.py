"""Case numbers 案号 (R38–R40): ``(2026)川0104执1234号``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from zhixing.kernel.courts import CourtCode
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt

# Plausible filing years; anything outside is a typo, not an old case.
MIN_YEAR, MAX_YEAR = 1949, 2199


class CaseType(StrEnum):
    """Enforcement case type codes (R40)."""

    ZHI = "执"  # first enforcement
    ZHI_HUI = "执恢"  # resumed enforcement 恢复执行 (R18)
    ZHI_BAO = "执保"  # preservation
    ZHI_YI = "执异"  # objection
    ZHI_FU = "执复"  # review
    ZHI_JIAN = "执监"  # supervision
    ZHI_XIE = "执协"  # assistance / delegated
    ZHI_TA = "执他"  # other
    SI_JIU_ZHI = "司救执"  # judicial relief (R31)

    @classmethod
    def parse(cls, text: str, field: str = "case_type") -> CaseType:
        """The type whose code is exactly ``text`` (R40)."""
        for member in cls:
            if member.value == text.strip():
                return member
        raise InvalidInput(f"unknown enforcement case type {excerpt(text)}", rule="R40", field=field)


# Longest codes first so that 执恢 is never read as 执 followed by garbage.
_TYPES = "|".join(sorted((t.value for t in CaseType), key=len, reverse=True))
# A serial has at most 7 digits (the busiest court files tens of thousands of cases of a
# type a year): a longer one is no case number — an ID number typed into the box, or a
# thousand digits no int() should parse (issue 12 item 4).
_NUMBER = re.compile(rf"^[(（]([0-9]{{4}})[)）](\D[0-9]{{0,4}}?)({_TYPES})([1-9][0-9]{{0,6}})号$")


@dataclass(frozen=True, order=True)
class CaseNumber:
    """A case number (R38): year, court (R39), type (R40), serial from 1."""

    year: int
    court: CourtCode
    case_type: CaseType
    serial: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise InvalidInput(f"case year {self.year} out of range", rule="R38", field="year")
        if self.serial < 1:
            raise InvalidInput("case serial starts at 1", rule="R38", field="serial")

    @classmethod
    def parse(cls, text: str, field: str = "case_number") -> CaseNumber:
        """Exact inverse of ``str()``; also accepts full-width parentheses."""
        match = _NUMBER.match(text.strip())
        if match is None:
            raise InvalidInput(
                # the text is not repeated: it may be an ID number pasted in the wrong place
                "not a case number: it must look like (2026)川0104执1234号", rule="R38",
                field=field,
            )
        year, court, case_type, serial = match.groups()
        return cls(
            int(year),
            CourtCode.parse(court, field=field),
            CaseType.parse(case_type, field=field),
            int(serial),
        )

    def __str__(self) -> str:
        return f"({self.year}){self.court}{self.case_type.value}{self.serial}号"
