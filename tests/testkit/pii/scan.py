"""One function that finds full personal numbers in text, wherever the text came from.

What counts as a leak (R60, DESIGN §8): a natural person's full resident ID (GB 11643:
17 digits and a check character that holds, a real birth date), a unified social credit
code that names a natural person (GB 32100 with registration authority 9 and type 2:
个体工商户, a person trading in their own name) and any of the account numbers, IDs and
codes the scenarios used (`known`). Organisations' codes are public (R6) and are not
findings. A finding is reported masked, so the failure message does not leak either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc

from zhixing.kernel.identity import canonical_identity
from zhixing.kernel.masking import mask_id_number

_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
RESIDENT_ID = re.compile(_EDGE_BEFORE + r"\d{17}[\dXx]" + _EDGE_AFTER)
CREDIT_CODE = re.compile(_EDGE_BEFORE + r"[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}"
                         + _EDGE_AFTER)
PERSONAL_CODE_TYPE = "92"
"""Registration authority 9 (market regulation), type 2: an individual business."""


@dataclass(frozen=True)
class Finding:
    """One full personal number where it must not be: `where` names the source."""

    where: str
    kind: str
    masked: str
    offset: int

    def __str__(self) -> str:
        return f"{self.kind} {self.masked} in {self.where} at character {self.offset}"


@dataclass
class Coverage:
    """What a scan looked at, for the figures in the issue's note."""

    bytes_by_kind: dict[str, int] = field(default_factory=dict)
    sources: int = 0
    known_values: int = 0

    def add(self, other: Coverage) -> None:
        for kind, size in other.bytes_by_kind.items():
            self.bytes_by_kind[kind] = self.bytes_by_kind.get(kind, 0) + size
        self.sources += other.sources
        self.known_values = max(self.known_values, other.known_values)


def full_resident_id(text: str) -> bool:
    """A GB 11643 number whose check character holds and whose birth date is real, in
    whatever form a caller typed it (issue 12 item 5: ` 5101…x ` is the same person)."""
    number = canonical_identity(text)
    try:
        ric.get_birth_date(number)
        return ric.calc_check_digit(number) == number[-1]
    except ValueError:
        return False


def personal_credit_code(text: str) -> bool:
    """A valid unified social credit code of an individual business (names a person)."""
    return text.startswith(PERSONAL_CODE_TYPE) and uscc.is_valid(text)


def masked(value: str) -> str:
    """How a finding is shown: never the whole number (R60's masks: 6 + 4 for an
    18-character identity, the last 4 of an account)."""
    if len(value) == 18:
        return mask_id_number(value)
    return "*" * max(len(value) - 4, 2) + value[-4:]


def scan(sources: Mapping[str, tuple[str, str]], known: Iterable[str] = ()) -> tuple[
        list[Finding], Coverage]:
    """Every full personal number in `sources` (name → (kind, text)): resident IDs and
    personal credit codes by their shape and check character, and every `known` value
    (accounts, IDs the scenarios used) verbatim. Returns the findings and the coverage."""
    wanted = sorted({k for k in known if k}, key=len, reverse=True)
    findings: list[Finding] = []
    coverage = Coverage(known_values=len(wanted))
    for where, (kind, text) in sources.items():
        coverage.sources += 1
        coverage.bytes_by_kind[kind] = coverage.bytes_by_kind.get(kind, 0) + len(text.encode())
        findings.extend(_in(where, text, wanted))
    return findings, coverage


def _in(where: str, text: str, known: list[str]) -> list[Finding]:
    found = [Finding(where, "resident ID", masked(m.group()), m.start())
             for m in RESIDENT_ID.finditer(text) if full_resident_id(m.group())]
    found += [Finding(where, "personal credit code", masked(m.group()), m.start())
              for m in CREDIT_CODE.finditer(text) if personal_credit_code(m.group())]
    seen = {f.offset for f in found}
    for value in known:
        start = text.find(value)
        while start != -1:
            if start not in seen and _standalone(text, start, len(value)):
                found.append(Finding(where, "known number", masked(value), start))
                seen.add(start)
            start = text.find(value, start + 1)
    return found


def _standalone(text: str, start: int, length: int) -> bool:
    """Not a part of a longer run of letters and digits (a masked copy, a longer id)."""
    before = text[start - 1] if start else " "
    after = text[start + length] if start + length < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
