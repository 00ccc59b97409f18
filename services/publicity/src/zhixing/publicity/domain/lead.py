"""执行线索 — a lead the public reported on a published debtor or a reward notice (R27).

The publicity service only receives the lead and hands it to the case's team (the assets
service verifies it within R27's 5 days); what it keeps is the reporter's reference, so
the reporter can follow it without ever seeing the case's internal facts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput

SOURCES = ("listing", "restriction", "zhongben", "reward")
"""What a lead may be reported on: a 失信 listing, a 限制消费 order, a 终本 case, a 悬赏公告."""
PROPERTY_KINDS = ("deposit", "vehicle", "real_estate", "securities", "equity",
                  "whereabouts", "other")
"""What a lead points to."""
TEXT_MAX = 2000
CONTACT_MAX = 100
SOURCE_ID_MAX = 64
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols without 0/O, 1/I: 5 bits each, read aloud without ambiguity."""
REFERENCE_SYMBOLS = 8
"""8 × 5 = 40 random bits: a reference cannot be guessed to learn another's lead."""
REFERENCE_MAX = 32
NAMESPACE = UUID("3b1f6c2e-8d4a-5e7b-9c0d-1a2b3c4d5e6f")


def new_reference() -> str:
    """A fresh reporter's reference (举报编号), e.g. "XS-7K3M-Q9TP" (40 random bits)."""
    symbols = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_SYMBOLS))
    return f"XS-{symbols[:4]}-{symbols[4:]}"


def canonical_reference(value: str) -> str:
    """A reference as typed (spaces, lower case) in its one form; bounded (never echoed)."""
    text = value.strip().upper() if isinstance(value, str) else ""
    if not 0 < len(text) <= REFERENCE_MAX:
        raise InvalidInput(f"a reference has 1–{REFERENCE_MAX} characters", field="reference",
                           rule="R60")
    return text


def lead_id_of(reference: str) -> UUID:
    """The lead's id is its reference's: one reference can name one lead only."""
    return uuid5(NAMESPACE, f"lead/{reference}")


def bounded(value: str, field: str, most: int, *, least: int = 0, rule: str = "R27") -> str:
    """`value` stripped, refused naming the field and the bound (never the text)."""
    if not isinstance(value, str):
        raise InvalidInput("must be text", field=field, rule=rule)
    text = value.strip()
    if not least <= len(text) <= most:
        raise InvalidInput(f"must be {least}–{most} characters, is {len(text)}",
                           field=field, rule=rule)
    return text


def one_of(value: str, allowed: tuple[str, ...], field: str) -> str:
    """`value` if it is one of `allowed`; refused naming them (never the value)."""
    text = value.strip() if isinstance(value, str) else ""
    if text not in allowed:
        raise InvalidInput(f"must be one of {', '.join(allowed)}", field=field, rule="R27")
    return text


class Lead(Aggregate):
    """One reported lead: where it came from and the reporter's reference."""

    @staticmethod
    def create_id(reference: str, *_: object, **__: object) -> UUID:
        return lead_id_of(reference)

    @event("Reported")
    def __init__(self, reference: str, case_id: str, case_number: str, court_code: str,
                 source: str, source_id: str, property_kind: str, text: str, contact: str,
                 reported_on: str) -> None:
        self.reference = reference
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.source = source
        self.source_id = source_id
        self.property_kind = property_kind
        self.text = text
        """The reporter's words: to the team only (sealed at rest there, R60)."""
        self.contact = contact
        self.reported_on = reported_on
        """YYYY-MM-DD (R62: R27's 5 days start the next day)."""

    @classmethod
    def report(cls, reference: str, case_id: str, case_number: str, court_code: str,
               source: str, source_id: str, property_kind: str, text: str, contact: str,
               reported_on: date) -> Lead:
        """A lead received from the public; every input bounded (R27, R60)."""
        return cls(reference, case_id, case_number, court_code,
                   one_of(source, SOURCES, "source"),
                   bounded(source_id, "source_id", SOURCE_ID_MAX, least=1),
                   one_of(property_kind, PROPERTY_KINDS, "property_kind"),
                   bounded(text, "text", TEXT_MAX, least=1),
                   bounded(contact, "contact", CONTACT_MAX), reported_on.isoformat())


@dataclass(frozen=True)
class LeadTarget:
    """The case a lead is reported on: what the public may report on it (a published
    entry: a listing, a published restriction, a 终本 case, a reward notice in force)."""

    case_id: str
    case_number: str
    court_code: str
