"""终本 — the checklist for terminating the current round of enforcement (R16, R17).

Evaluated from the case's own events and from the assets and credit integration events
the case has recorded. Every unmet precondition is reported with its rule, so a refused
终本 tells the officer everything still to do, not just the first gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zhixing.cases.domain.values import Inquiry

# R16(3): the network query must cover at least these agency kinds.
REQUIRED_INQUIRY_KINDS = frozenset({"bank_deposit", "vehicle", "real_estate", "securities"})


@dataclass(frozen=True)
class ZhongbenFacts:
    """What the checklist needs to know about one case."""

    notice_served: bool
    report_order_issued: bool
    respondents: list[str]
    """Identity numbers of the debtors."""
    restricted: set[str]
    """Debtors under a consumption-restriction order."""
    listing_decided: set[str]
    """Debtors listed, or decided not to be listed."""
    inquiries: dict[str, Inquiry]
    """Per debtor, what the completed network inquiries found together (`Inquiry`)."""
    open_leads: int
    """Property leads supplied but not yet verified."""
    earliest_day: date
    """The first day 终本 may be ruled: more than 3 months after filing (R16(4))."""
    debtor_missing: bool
    debtor_searched: bool
    applicant_interviewed: bool
    unpaid_fen: int = field(default=0)


def unmet_preconditions(facts: ZhongbenFacts, today: date) -> list[tuple[str, str]]:
    """(rule, what is missing) for each unmet precondition; empty when 终本 may be ruled."""
    unmet: list[tuple[str, str]] = []
    if not (facts.notice_served and facts.report_order_issued):
        unmet.append(("R16(1)", "execution notice with property-report order not served"))
    unmet += [("R16(2)", f"no consumption restriction for debtor #{i + 1}")
              for i, debtor in enumerate(facts.respondents) if debtor not in facts.restricted]
    unmet += [("R16(2)", f"listing not decided for debtor #{i + 1}")
              for i, debtor in enumerate(facts.respondents) if debtor not in facts.listing_decided]
    unmet += _investigation_gaps(facts)
    if today < facts.earliest_day:
        unmet.append(("R16(4)", f"not more than 3 months since filing (from {facts.earliest_day})"))
    if facts.debtor_missing and not facts.debtor_searched:
        unmet.append(("R16(5)", "missing debtor not searched for"))
    if not facts.applicant_interviewed:
        unmet.append(("R17", "applicant not interviewed (约谈)"))
    if facts.unpaid_fen <= 0:
        unmet.append(("R16", "nothing left to enforce: close the case as executed instead"))
    return unmet


def _investigation_gaps(facts: ZhongbenFacts) -> list[tuple[str, str]]:
    gaps: list[tuple[str, str]] = []
    for index, debtor in enumerate(facts.respondents):
        inquiry = facts.inquiries.get(debtor)
        who = f"debtor #{index + 1}"
        if inquiry is None:
            gaps.append(("R16(3)", f"no network property inquiry for {who}"))
            continue
        missing = REQUIRED_INQUIRY_KINDS - set(inquiry.kinds)
        if missing:
            gaps.append(("R16(3)", f"inquiry for {who} lacks {', '.join(sorted(missing))}"))
        if inquiry.disposable:
            gaps.append(("R16(3)", f"disposable property found for {who}"))
    if facts.open_leads:
        gaps.append(("R16(3)", f"{facts.open_leads} property lead(s) not verified"))
    return gaps
