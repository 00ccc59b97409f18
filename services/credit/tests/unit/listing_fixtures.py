"""Builders of listing decisions for the credit domain tests (no I/O)."""

from __future__ import annotations

from datetime import date
from typing import Any

from stdnum.cn import ric, uscc

from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.terms import AbilityToPerform
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.masking import IdentityKind


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


ADULT_ID = resident_id("51010419800312123")
MINOR_ID = resident_id("51010420080615123")  # turns 18 on 2026-06-15
COMPANY_CODE = "91510104MA6CQ1W2E" + uscc.calc_check_digit("91510104MA6CQ1W2E")
CALENDAR = WorkingCalendar.default()
DECIDED_ON = date(2026, 3, 2)
ABLE = AbilityToPerform(debt_fen=10_000_000, seized_value_fen=2_000_000)


def decide(**overrides: Any) -> Listing:
    """A complete, valid decision on ground (2); any argument may be overridden."""
    arguments: dict[str, Any] = {
        "case_id": "case-1", "case_number": "(2026)川0104执1234号", "court_code": "川0104",
        "debtor_identity_number": ADULT_ID, "debtor_name": "张三",
        "debtor_kind": IdentityKind.NATURAL_PERSON, "grounds": [2],
        "facts": "以暴力方法抗拒执行", "decision_number": "(2026)川0104执1234号之一",
        "decided_on": DECIDED_ON, "signed_by_president": True, "warned_in_notice": True,
    }
    arguments.update(overrides)
    return Listing.decide(**arguments)


def refusing_to_perform(**overrides: Any) -> Listing:
    """A valid decision on ground (1) alone: no fixed term (R2)."""
    return decide(grounds=[1], ability=ABLE, **overrides)


def replayed(listing: Listing) -> Listing:
    """The listing rebuilt from the events it has recorded so far."""
    copy: Listing | None = None
    for domain_event in listing.collect_events():
        copy = domain_event.mutate(copy)
    assert copy is not None
    return copy
