"""Redaction of a typical case's text (典型案例, R60) before anything of it is stored.

Two layers. The author lists the names the text spells (`redact_names`): a person's
becomes surname + 某 (张三 → 张某, 欧阳娜娜 → 欧阳某), an organisation's 某 + its kind
(成都天府建材有限公司 → 某有限公司). And whatever the list says, every run of digits
shaped like a resident ID (18 characters, the last may be X), a bank account (15, 16, 19
digits) or a mobile number (11 digits) is masked to its last 4: any run of 11 digits or
more counts, grouped by up to 3 spaces, dashes, dots or invisible marks, in any script's
digits (full-width ５１０… too) — an attacker's spacing does not hide a number.
Publishing checks the text again (`unmasked_numbers`): defence in depth.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import MASK_CHAR

NAMES_MAX = 50
"""At most this many names to replace (desk.proto's bound)."""
NAME_MAX = 100
NAME_MIN = 2
"""A name of one character would replace that character everywhere."""
NUMBER_DIGITS = 11
"""A run of this many digits or more is an identity, an account or a mobile (R60)."""
KEEP_TAIL = 4
"""What a masked number keeps: its last 4 characters, as an excerpt does."""

# Between two digits of one number: up to 3 spaces (any kind), dashes, dots, slashes,
# underscores or invisible format marks (zero-width space/joiners, BOM, word joiner).
_GAP = r"[\s\-\u2010-\u2015\uff0d._/\u00b7\u200b-\u200f\u2060\ufeff]{0,3}"
_CHINESE_DIGITS = "〇零一二三四五六七八九"
_DIGIT = rf"[\d{_CHINESE_DIGITS}]"
_NUMBER = re.compile(rf"{_DIGIT}(?:{_GAP}{_DIGIT})+(?:{_GAP}[xX\uff58\uff38])?")
_INVISIBLE = r"[\s\u200b-\u200f\u2060\ufeff]*"
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "宇文", "长孙", "夏侯", "端木", "轩辕", "独孤", "南宫", "西门", "司徒", "申屠"))
ORGANISATION_KINDS = (
    "股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "合作社", "事务所",
    "研究院", "银行", "医院", "学校", "中心", "商行", "工厂", "厂", "店")
"""An organisation's name ends with its kind; longest first."""


@dataclass(frozen=True)
class Redacted:
    """A text as redacted and how many replacements that made."""

    text: str
    replacements: int


def replacement_for(name: str) -> str:
    """What a listed name becomes: 张三 → 张某, 欧阳娜娜 → 欧阳某, an organisation
    某 + its kind (…有限公司 → 某有限公司), a name in Latin letters 某某."""
    name = name.strip()
    for kind in ORGANISATION_KINDS:
        if name.endswith(kind) and len(name) > len(kind):
            return "某" + kind
    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return "某某"
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2] + "某"
    return name[0] + "某"


def checked_names(names: Sequence[str]) -> list[str]:
    """The listed names, trimmed, without empties and repeats, longest first (so 张三丰
    is replaced before 张三); bounds as desk.proto's (R60 names the purpose)."""
    if len(names) > NAMES_MAX:
        raise InvalidInput(f"at most {NAMES_MAX} names", field="redact_names", rule="R60")
    kept: set[str] = set()
    for name in names:
        trimmed = re.sub(_INVISIBLE, "", name)
        if len(name) > NAME_MAX:
            raise InvalidInput(f"a name has at most {NAME_MAX} characters",
                               field="redact_names", rule="R60")
        if trimmed and len(trimmed) < NAME_MIN:
            raise InvalidInput(f"a name has at least {NAME_MIN} characters",
                               field="redact_names", rule="R60")
        if trimmed:
            kept.add(trimmed)
    return sorted(kept, key=lambda n: (-len(n), n))


def redact(text: str, names: Sequence[str]) -> Redacted:
    """`text` with each of `names` (already `checked_names`) replaced wherever it is
    spelt — spaces or invisible marks between its characters too — and every number
    masked (`mask_numbers`)."""
    count = 0
    for name in names:
        spelt = re.compile(_INVISIBLE.join(re.escape(c) for c in name))
        text, n = spelt.subn(replacement_for(name), text)
        count += n
    masked = mask_numbers(text)
    return Redacted(masked.text, count + masked.replacements)


def mask_numbers(text: str, least: int = NUMBER_DIGITS) -> Redacted:
    """Every identity, account or mobile number of `text` masked to its last 4 (R60):
    every run of `least` digits or more (15: identities and accounts only)."""
    count = 0

    def masked(found: re.Match[str]) -> str:
        nonlocal count
        run = found.group()
        signs = [_digit(c) if _is_digit(c) else "X" for c in run
                 if _is_digit(c) or c in "xX\uff58\uff38"]
        if sum(_is_digit(c) for c in run) < least:
            return run
        count += 1
        return MASK_CHAR * (len(signs) - KEEP_TAIL) + "".join(signs[-KEEP_TAIL:])

    return Redacted(_NUMBER.sub(masked, text), count)


def unmasked_numbers(text: str) -> int:
    """How many identity, account or mobile numbers `text` still shows in full (R60)."""
    return sum(1 for found in _NUMBER.finditer(text)
               if sum(_is_digit(c) for c in found.group()) >= NUMBER_DIGITS)


def _is_digit(c: str) -> bool:
    return c.isdecimal() or c in _CHINESE_DIGITS


def _digit(c: str) -> str:
    """The ASCII digit `c` stands for (５ → 5, 七 → 7, 〇/零 → 0)."""
    if c in _CHINESE_DIGITS:
        return str(max(_CHINESE_DIGITS.index(c) - 1, 0))
    return str(int(c))
