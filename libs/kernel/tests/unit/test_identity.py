from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import (
    PartyIdentity,
    ResidentId,
    SocialCreditCode,
    canonical_identity,
)
from zhixing.kernel.masking import IdentityKind

if TYPE_CHECKING:  # conftest is not importable at run time (importlib import mode)
    from conftest import Numbers


class TestResidentIdChecksum:
    def test_accepted_when_checksum_correct(self, numbers: Numbers) -> None:
        number = numbers.resident_id()
        assert ResidentId.parse(number).value == number

    def test_accepted_when_check_digit_is_x(self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        assert ResidentId.parse(number).value.endswith("X")

    def test_normalised_when_check_digit_lower_case_x(self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        assert ResidentId.parse(number.lower()).value == number

    def test_refused_when_checksum_wrong(self, numbers: Numbers) -> None:
        with pytest.raises(InvalidInput, match="checksum"):
            ResidentId.parse(numbers.wrong_check_digit(numbers.resident_id()))

    def test_refused_when_birth_date_impossible(self, numbers: Numbers) -> None:
        with pytest.raises(InvalidInput, match="birth date"):
            ResidentId.parse(numbers.resident_id(birth="19900230"))

    def test_refused_when_too_short(self) -> None:
        with pytest.raises(InvalidInput, match="17 digits"):
            ResidentId.parse("51010419900101")


class TestResidentIdAge:
    def test_one_year_short_when_day_before_birthday(self, numbers: Numbers) -> None:
        person = ResidentId.parse(numbers.resident_id(birth="19900615"))
        assert person.age_on(date(2026, 6, 14)) == 35

    def test_full_year_when_on_birthday(self, numbers: Numbers) -> None:
        person = ResidentId.parse(numbers.resident_id(birth="19900615"))
        assert person.age_on(date(2026, 6, 15)) == 36

    def test_minor_when_under_eighteen(self, numbers: Numbers) -> None:
        person = ResidentId.parse(numbers.resident_id(birth="20080616"))
        assert person.is_minor_on(date(2026, 6, 15))

    def test_adult_when_eighteenth_birthday(self, numbers: Numbers) -> None:
        person = ResidentId.parse(numbers.resident_id(birth="20080615"))
        assert not person.is_minor_on(date(2026, 6, 15))

    def test_birth_date_read_when_parsed(self, numbers: Numbers) -> None:
        person = ResidentId.parse(numbers.resident_id(birth="19851203"))
        assert person.birth_date == date(1985, 12, 3)

    @pytest.mark.parametrize(("order", "sex"), [("123", "male"), ("124", "female")])
    def test_sex_from_seventeenth_digit_when_read(
        self, numbers: Numbers, order: str, sex: str
    ) -> None:
        assert ResidentId.parse(numbers.resident_id(order=order)).sex == sex


class TestResidentIdPrivacy:
    def test_repr_masked_when_printed(self, numbers: Numbers) -> None:
        number = numbers.resident_id()
        person = ResidentId.parse(number)
        assert number not in repr(person)
        assert number not in str(person)
        assert "19900101" not in repr(person)

    def test_masked_keeps_six_and_four_when_default(self, numbers: Numbers) -> None:
        number = numbers.resident_id()
        assert ResidentId.parse(number).masked() == number[:6] + "*" * 8 + number[-4:]


class TestSocialCreditCode:
    def test_accepted_when_checksum_correct(self, numbers: Numbers) -> None:
        code = numbers.credit_code()
        assert SocialCreditCode.parse(code).value == code

    def test_refused_citing_r6_when_checksum_wrong(self, numbers: Numbers) -> None:
        code = numbers.credit_code()
        wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
        with pytest.raises(InvalidInput, match="checksum") as caught:
            SocialCreditCode.parse(wrong, field="debtor_code")
        assert (caught.value.rule, caught.value.field) == ("R6", "debtor_code")

    def test_refused_when_wrong_length(self) -> None:
        with pytest.raises(InvalidInput, match="18 characters"):
            SocialCreditCode.parse("91510100")

    def test_published_in_full_when_masked(self, numbers: Numbers) -> None:
        code = numbers.credit_code()
        assert SocialCreditCode.parse(code).masked() == code


class TestPartyIdentity:
    def test_resident_id_when_number_is_personal(self, numbers: Numbers) -> None:
        assert isinstance(PartyIdentity.parse(numbers.resident_id(), "debtor"), ResidentId)

    def test_credit_code_when_number_is_organisational(self, numbers: Numbers) -> None:
        parsed = PartyIdentity.parse(numbers.credit_code(), "debtor")
        assert isinstance(parsed, SocialCreditCode)

    def test_credit_code_when_all_digit_code_valid(self, numbers: Numbers) -> None:
        code = numbers.credit_code("91510100201901010")
        assert isinstance(PartyIdentity.parse(code, "debtor"), SocialCreditCode)

    def test_resident_id_forced_when_kind_given(self, numbers: Numbers) -> None:
        with pytest.raises(InvalidInput, match="resident ID"):
            PartyIdentity.parse(numbers.credit_code(), "debtor", IdentityKind.NATURAL_PERSON)

    @pytest.mark.parametrize("broken", ["wrong_checksum", "bad_date"])
    def test_message_names_field_and_rule_but_not_number_when_refused(
        self, numbers: Numbers, broken: str
    ) -> None:
        number = (
            numbers.wrong_check_digit(numbers.resident_id())
            if broken == "wrong_checksum"
            else numbers.resident_id(birth="19901332")
        )
        with pytest.raises(InvalidInput) as caught:
            PartyIdentity.parse(number, field="applicant_id")
        message = str(caught.value)
        assert (caught.value.field, caught.value.rule) == ("applicant_id", "R4")
        assert "applicant_id" in message and "R4" in message
        assert number not in message and number[:14] not in message


def _full_width(text: str) -> str:
    """What an IME in full-width mode types: ＡＳＣＩＩ shifted to U+FF01…U+FF5E."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


class TestCanonicalIdentity:
    """Item 5 of issue 12: one spelling of an identity, whatever the caller typed."""

    def test_check_character_upper_case_when_typed_lower_case(self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        assert canonical_identity(number.lower()) == number

    def test_spaces_and_hyphens_dropped_when_typed_around_or_inside(
            self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        typed = f"  {number[:6]} {number[6:14]}-{number[14:].lower()}\t"
        assert canonical_identity(typed) == number

    def test_ascii_when_typed_full_width(self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        assert canonical_identity(_full_width(number.lower())) == number

    def test_credit_code_upper_case_when_typed_lower_case(self, numbers: Numbers) -> None:
        code = numbers.credit_code()
        assert canonical_identity(f" {code.lower()} ") == code

    def test_resident_id_parsed_when_typed_full_width(self, numbers: Numbers) -> None:
        number = numbers.resident_id_with_x()
        assert ResidentId.parse(_full_width(number)).value == number

    def test_credit_code_parsed_when_typed_full_width(self, numbers: Numbers) -> None:
        code = numbers.credit_code()
        assert PartyIdentity.parse(_full_width(code.lower()), "f").value == code
