"""Party identities: PRC resident ID (GB 11643) and unified social credit code (GB 32100).

Error messages never contain the number itself (R60); ``repr``/``str`` of a
``ResidentId`` are masked, ``.value`` gives the raw number to code that needs it.

Every identity that enters the suite goes through `canonical_identity` first, so one
person or organisation has one spelling everywhere: stored, compared, looked up, shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, ValidationError

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import IdentityKind, mask_id_number

ADULT_AGE = 18  # R4: minors are never listed
_RIC_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
_SEPARATORS = re.compile(r"[\s\-]+")


def canonical_identity(number: str) -> str:
    """The one form a resident ID (GB 11643) or credit code (GB 32100) is kept in.

    Full-width characters become ASCII (NFKC: `５１０１…ｘ` -> `5101…x`), whitespace and
    hyphens anywhere go, letters are upper-case (the check character `X`; a credit code is
    upper-case by GB 32100). Nothing is validated here: a wrong number stays wrong, only
    spelt the canonical way, so the validators' errors still name the field.
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", number)).upper()



@dataclass(frozen=True)
class ResidentId:
    """An 18-digit resident identity card number, validated on construction."""

    value: str = field(repr=False)
    kind: ClassVar[IdentityKind] = IdentityKind.NATURAL_PERSON

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _validate_ric(self.value, "id_number"))

    @classmethod
    def parse(cls, number: str, field: str = "id_number") -> ResidentId:
        """Validate ``number``; errors name ``field`` and rule R4, never the number."""
        return cls(_validate_ric(number, field))

    @property
    def birth_date(self) -> date:
        """Digits 7–14 (YYYYMMDD)."""
        return ric.get_birth_date(self.value)

    @property
    def sex(self) -> str:
        """``male`` for an odd 17th digit, ``female`` for an even one."""
        return "male" if int(self.value[16]) % 2 else "female"

    def age_on(self, day: date) -> int:
        """Age in full years on ``day``; the birthday itself completes a year."""
        born = self.birth_date
        if day < born:
            raise InvalidInput("date is before the birth date", rule="R4", field="date")
        before_birthday = (day.month, day.day) < (born.month, born.day)
        return day.year - born.year - int(before_birthday)

    def is_minor_on(self, day: date) -> bool:
        """R4: under 18 on ``day``, so never listed as a dishonest debtor."""
        return self.age_on(day) < ADULT_AGE

    def masked(self, keep_head: int = 6, keep_tail: int = 4) -> str:
        """R60 mask, birth date always hidden."""
        return mask_id_number(self.value, keep_head, keep_tail)

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:
        return f"ResidentId({self.masked()!r})"


@dataclass(frozen=True)
class SocialCreditCode:
    """An 18-character unified social credit code 统一社会信用代码."""

    value: str
    kind: ClassVar[IdentityKind] = IdentityKind.ORGANISATION

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _validate_uscc(self.value, "credit_code"))

    @classmethod
    def parse(cls, number: str, field: str = "credit_code") -> SocialCreditCode:
        """Validate ``number``; errors name ``field`` and rule R6."""
        return cls(_validate_uscc(number, field))

    def masked(self) -> str:
        """An organisation's code is published in full (R6), so nothing is hidden."""
        return self.value

    def __str__(self) -> str:
        return self.value


class PartyIdentity:
    """Parses whichever identity a party number is."""

    @staticmethod
    def parse(
        number: str, field: str, kind: IdentityKind | None = None
    ) -> ResidentId | SocialCreditCode:
        """A resident ID or a social credit code; ``kind`` forces one of them."""
        if kind is IdentityKind.ORGANISATION:
            return SocialCreditCode.parse(number, field)
        if kind is IdentityKind.NATURAL_PERSON:
            return ResidentId.parse(number, field)
        if not _looks_like_ric(number):
            return SocialCreditCode.parse(number, field)
        try:
            return ResidentId.parse(number, field)
        except InvalidInput:
            # Some credit codes are all digits; accept one only if its checksum holds.
            if uscc.is_valid(canonical_identity(number)):
                return SocialCreditCode.parse(number, field)
            raise


def _looks_like_ric(number: str) -> bool:
    return _RIC_SHAPE.match(canonical_identity(number)) is not None


def _validate_ric(number: str, field: str) -> str:
    compact = canonical_identity(number)
    if _RIC_SHAPE.match(compact) is None:
        raise InvalidInput(
            "resident ID number must be 17 digits and a check digit 0-9 or X",
            rule="R4",
            field=field,
        )
    if compact[-1] != ric.calc_check_digit(compact):
        raise InvalidInput(
            "resident ID number fails its checksum (GB 11643)", rule="R4", field=field
        )
    try:
        ric.get_birth_date(compact)
    except ValidationError:
        raise InvalidInput(
            "resident ID number has no valid birth date", rule="R4", field=field
        ) from None
    return compact


def _validate_uscc(number: str, field: str) -> str:
    try:
        return str(uscc.validate(canonical_identity(number)))
    except InvalidChecksum:
        raise InvalidInput(
            "unified social credit code fails its checksum (GB 32100)", rule="R6", field=field
        ) from None
    except ValidationError:
        raise InvalidInput(
            "unified social credit code must be 18 characters (GB 32100)", rule="R6", field=field
        ) from None
