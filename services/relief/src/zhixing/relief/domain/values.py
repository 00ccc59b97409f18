"""The value objects relief is made of (STYLE 15), shaped like the cases service's.

Frozen dataclasses: events carry them as fields, so pydantic validates them when an event
is made and when it is read back; aggregates hold them, so mypy checks every read; a
snapshot restores them from JSON by the aggregate's `typed_state` (libs/eventstore).
Their JSON form is their fields by name — an upcaster knows their shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from zhixing.kernel.money import bounded_fen
from zhixing.relief.domain.errors import InvalidRelief

NARRATIVE_MAX = 2000
"""Characters of a hardship narrative (an explanation, not a file)."""
REASONS_MAX = 500
"""Characters of the reasons of an exceptional decision, a rejection or a revocation."""
SUBJECT_MAX = 200
"""Characters of a subject (who acted)."""


class HardshipCategory(StrEnum):
    """Why the applicant is in hardship (the values are the stored codes)."""

    MEDICAL = "medical"
    LIVELIHOOD = "livelihood"
    DISABILITY = "disability"
    ELDERLY = "elderly"
    MINOR = "minor"
    INJURY_OR_DEATH = "injury_or_death"
    OTHER = "other"


HARDSHIP_LABELS: dict[str, str] = {
    HardshipCategory.MEDICAL: "因病", HardshipCategory.LIVELIHOOD: "生活困难",
    HardshipCategory.DISABILITY: "残疾", HardshipCategory.ELDERLY: "年老",
    HardshipCategory.MINOR: "未成年", HardshipCategory.INJURY_OR_DEATH: "人身伤亡",
    HardshipCategory.OTHER: "其他",
}


class FundEntryKind(StrEnum):
    """What fed a fund (R32)."""

    APPROPRIATION = "appropriation"
    DONATION = "donation"


FUND_ENTRY_LABELS: dict[str, str] = {FundEntryKind.APPROPRIATION: "财政拨款",
                                     FundEntryKind.DONATION: "社会捐助"}


class ReliefStatus(StrEnum):
    """Where a relief case stands (R31); the values are the stored (and public) codes."""

    APPLIED = "applied"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    DISBURSED = "disbursed"
    NOTIFIED = "notified"
    REVOKED = "revoked"


class RecoverySource(StrEnum):
    """Where money owed back to the fund came from (R32)."""

    CASE_ACCOUNT = "case_account"
    """Repaid first from money later received in the enforcement case."""
    FRAUD_RECOVERY = "fraud_recovery"
    """Paid back under the recovery order of a revocation for fraud."""


class Step(StrEnum):
    """A step of R31 with a limit: the decision (10 working days) and the notice that
    the funds arrived (2 working days)."""

    DECISION = "decision"
    NOTIFICATION = "notification"


class MovementKind(StrEnum):
    """A line of a fund's ledger (R32)."""

    APPROPRIATED = "appropriated"
    DONATED = "donated"
    RESERVED = "reserved"
    RELEASED = "released"
    DISBURSED = "disbursed"
    REPAID = "repaid"
    """From the enforcement case's account (recovery)."""
    RECOVERED = "recovered"
    """After a revocation for fraud."""


class _Value:
    """JSON-ready fields by name, for the readers that build contracts and messages."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        """Immutable, so shared (the repository's cache deep-copies what it hands out)."""
        return self


def bounded_text(value: str, field_name: str, *, rule: str, most: int,
                 least: int = 1) -> str:
    """`value` stripped, refused (naming the field and the bound, never the text) when
    shorter than `least` or longer than `most` characters."""
    if not isinstance(value, str):
        raise InvalidRelief("must be text", rule=rule, field=field_name)
    text = value.strip()
    if not least <= len(text) <= most:
        raise InvalidRelief(f"must be {least}–{most} characters, is {len(text)}", rule=rule,
                            field=field_name)
    return text


def positive_fen(amount_fen: int, field_name: str, rule: str = "R30") -> int:
    """`amount_fen` when it is whole fen above zero and within the kernel's bound."""
    bounded_fen(amount_fen, field_name, rule=rule)
    if amount_fen <= 0:
        raise InvalidRelief("an amount must be above zero", rule=rule, field=field_name)
    return amount_fen


def party_index_of(party_index: int) -> int:
    """A party's index in its enforcement case, 0–999 (a bool is no index: `True` would
    name party 1 to the case facts but another claimant record, R29)."""
    if not isinstance(party_index, int) or isinstance(party_index, bool) or not (
            0 <= party_index < 1000):
        raise InvalidRelief("must be 0–999", rule="R29", field="party_index")
    return party_index


def subject(by: str) -> str:
    """Who acted (the caller's subject), bounded."""
    return bounded_text(by, "by", rule="R46", most=SUBJECT_MAX)


def recovery_source(source: RecoverySource | str) -> RecoverySource:
    """`source` as a `RecoverySource`, refused naming the field when it is none."""
    try:
        return RecoverySource(source)
    except ValueError:
        raise InvalidRelief("must be one of " + ", ".join(RecoverySource), rule="R32",
                            field="source") from None


@dataclass(frozen=True)
class Hardship(_Value):
    """The applicant's hardship — sensitive personal information (R46): stored only in
    the encrypted event store and a sealed column, never in an integration event, a log,
    a span or an error. Its `repr` shows the category and the narrative's length only."""

    category: HardshipCategory
    narrative: str = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", _category(self.category))
        object.__setattr__(self, "narrative", bounded_text(
            self.narrative, "hardship.narrative", rule="R29", most=NARRATIVE_MAX))

    def __repr__(self) -> str:
        return f"Hardship(category={self.category.value}, narrative=<{len(self.narrative)} chars>)"


def _category(value: str) -> HardshipCategory:
    try:
        return HardshipCategory(value)
    except ValueError:
        raise InvalidRelief("must be one of " + ", ".join(HardshipCategory), rule="R29",
                            field="hardship.category") from None


@dataclass(frozen=True)
class ExceptionalDecision(_Value):
    """R30: the recorded decision allowing relief above the cap — who decided, and why."""

    decided_by: str
    reasons: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "decided_by", bounded_text(
            self.decided_by, "exceptional.decided_by", rule="R30", most=SUBJECT_MAX))
        object.__setattr__(self, "reasons", bounded_text(
            self.reasons, "exceptional.reasons", rule="R30", most=REASONS_MAX))


@dataclass(frozen=True)
class Movement(_Value):
    """One line of a fund's ledger: what moved, under which reference, and the fund after
    it (`balance_fen` = income − disbursed; `available_fen` = balance − reserved)."""

    kind: MovementKind
    ref: str
    """The entry id, application id or recovery id the movement is booked under."""
    amount_fen: int
    day: date
    balance_fen: int
    available_fen: int


@dataclass(frozen=True)
class Returned(_Value):
    """Money paid back to the fund on one relief case (R32)."""

    recovery_id: str
    amount_fen: int
    on: date
    source: RecoverySource


@dataclass(frozen=True)
class WageFigure(_Value):
    """One figure of a province-year's average monthly wage as entered (R30): kept, with
    every correction, so a decision can be traced to the figure it used."""

    monthly_wage_fen: int
    source: str
    entered_by: str
    demonstration: bool
