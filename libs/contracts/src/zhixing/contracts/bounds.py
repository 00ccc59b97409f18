"""The bound of every field a client may send (issue 12 item 2, DESIGN §8).

One table for every request message of every RPC in protos/: each string, list and
number has a largest size, enforced in one place (the gRPC server's bounds interceptor,
`zhixing.runtime.bounds`) and stated in the proto comment of the field with the phrase
`Bound.phrase()` writes (tests/contract/test_bounds.py holds the two together).

A bound is an envelope on size, not a business rule: it keeps a megabyte out of a name
and five thousand parties out of a filing, so nothing downstream (the stores, the fan-out
to agencies, an error message) meets an unbounded input. Signs, zeros and the narrower
ranges of the law stay with the domain, which names their rules. Where a bound *is* a
rule (R5's 500 characters of reason, R42's batch) it carries the rule's ID.

Defaults go by kind — a short string (ids, codes, dates, document numbers, keys), a
list, an integer, an amount in fen — and a field that needs more (a name, free text, a
list of a known size) has an override below with the reason for its figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message


@dataclass(frozen=True)
class Bound:
    """The largest value a field may carry; 0 means "not this kind of limit"."""

    chars: int = 0
    """Strings: the most characters (of each item, in a list of strings)."""
    items: int = 0
    """Lists: the most items."""
    magnitude: int = 0
    """Integers: the largest absolute value (of each item, in a list of integers)."""
    declared: bool = False
    """Enums: the value is one the contract declares."""
    rule: str = ""
    """The rule (R1…R64) the bound comes from, when one does."""

    def phrase(self) -> str:
        """The sentence the proto comment states, e.g. ``Bound: at most 64 characters.``"""
        return f"Bound: {self.limit()}" + (f" ({self.rule})." if self.rule else ".")

    def limit(self) -> str:
        """The limit in words, e.g. ``at most 50 items``."""
        each = self._each()
        if self.items:
            return f"at most {self.items} items" + (f" of {each} each" if each else "")
        return each

    def _each(self) -> str:
        if self.chars:
            return f"at most {self.chars} characters"
        if self.magnitude:
            return f"at most {self.magnitude} in magnitude"
        if self.declared:
            return "one of the declared values"
        return ""


SHORT = Bound(chars=64)
"""Ids (UUIDs), codes, dates and times, case and document numbers, keys, page tokens and
the words of a closed list: the longest of them, an ISO time with offset, is 32."""
NAME = Bound(chars=200)
"""A person's or organisation's legal name, or a court's or commission's: registered
Chinese names stay under 60 characters; a foreign company's romanised name may run to
about 150."""
NOTE = Bound(chars=500)
"""A few words for the record (a release note, an agency's reason, an outcome)."""
TEXT = Bound(chars=2000)
"""Free text a decision or interview states (facts, summary, evidence): a page."""
LIST = Bound(items=50)
"""A list without a domain figure of its own."""
COUNT = Bound(magnitude=10_000)
"""Small integers: months, days, page sizes, attempts, grounds and reasons."""
MONEY = Bound(magnitude=100_000_000_000_000)
"""Amounts in fen: 1 trillion yuan, above the largest enforcement claims on record (a few
hundred billion yuan); three of them still add up far inside int64 and SQLite's INTEGER."""
POSITION = Bound(magnitude=2**53 - 1)
"""A position in a log: exact in every JSON number a partner's client may use."""
ENUM = Bound(declared=True)

OVERRIDES: dict[str, Bound] = {
    # Filing: parties. A joint-and-several judgment (a loan with its guarantors) names a
    # few dozen respondents at most; each respondent fans out to one inquiry per agency
    # (16 in agencies.toml), so 50 caps one filing at 800 agency requests, where 5,000
    # parties made ~80,000. Applicants may be many more (a wage claim of a whole
    # workforce): 200.
    "zhixing.cases.v1.FileCaseRequest.applicants": Bound(items=200),
    "zhixing.cases.v1.FileCaseRequest.respondents": Bound(items=50),
    "zhixing.cases.v1.Party.name": NAME,
    "zhixing.cases.v1.EnforcementBasis.issuing_body": NAME,
    "zhixing.cases.v1.InterviewApplicantRequest.summary": TEXT,
    # Monthly instalments over ten years.
    "zhixing.cases.v1.AgreeSettlementRequest.instalments": Bound(items=120),
    # R1 knows six grounds; each is named once.
    "zhixing.credit.v1.DecideListingRequest.grounds": Bound(items=6, magnitude=10_000,
                                                           rule="R1"),
    "zhixing.credit.v1.DecideListingRequest.facts": TEXT,
    # An organisation's persons of R14: a legal representative, principals, those
    # directly responsible, actual controllers — a board at most.
    "zhixing.credit.v1.DecideListingRequest.persons": Bound(items=20),
    "zhixing.credit.v1.OrderRestrictionRequest.persons": Bound(items=20),
    "zhixing.credit.v1.Person.name": NAME,
    "zhixing.credit.v1.DeclineListingRequest.reason": Bound(chars=500, rule="R5"),
    "zhixing.credit.v1.ReleasePersonRequest.evidence": TEXT,
    "zhixing.credit.v1.ReportActionRequest.detail": TEXT,
    # A partner checks up to 10,000 identities a message (R42); 10,000 of 64 characters
    # stay under the server's 1 MiB message limit.
    "zhixing.credit.v1.BatchCheckRequest.identity_numbers": Bound(items=10_000, chars=64,
                                                                  rule="R42"),
    "zhixing.credit.v1.FollowRequest.after": POSITION,
    "zhixing.publicity.v1.ListDishonestRequest.name": NAME,
    # Issue 17: the public portal and the publicity desk.
    "zhixing.publicity.v1.SearchDebtorRequest.name": NAME,
    "zhixing.publicity.v1.SearchDebtorRequest.identity_number": Bound(chars=32),
    "zhixing.publicity.v1.ReportLeadRequest.source": Bound(chars=16),
    "zhixing.publicity.v1.ReportLeadRequest.property_kind": Bound(chars=32),
    "zhixing.publicity.v1.ReportLeadRequest.text": TEXT,
    "zhixing.publicity.v1.ReportLeadRequest.contact": Bound(chars=100),
    "zhixing.publicity.v1.GetLeadStatusRequest.reference": Bound(chars=32),
    "zhixing.publicity.v1.OpenPartyCaseRequest.access_code": Bound(chars=32),
    "zhixing.publicity.v1.LeaveMessageRequest.access_code": Bound(chars=32),
    "zhixing.publicity.v1.LeaveMessageRequest.text": Bound(chars=1000),
    # A typical case is an article: a title, a summary and a body of a few pages.
    **{f"zhixing.publicity.v1.{m}.{f}": b for m in ("DraftTypicalCaseRequest",
                                                    "ReviseTypicalCaseRequest")
       for f, b in (("title", Bound(chars=100)), ("summary", NOTE),
                    ("body", Bound(chars=20_000)),
                    ("redact_names", Bound(items=50, chars=100)))},
    "zhixing.publicity.v1.ReviewTypicalCaseRequest.comment": NOTE,
    "zhixing.publicity.v1.WithdrawTypicalCaseRequest.reason": NOTE,
    "zhixing.publicity.v1.ListTypicalCaseDraftsRequest.status": Bound(chars=16),
    "zhixing.publicity.v1.PostRewardNoticeRequest.reward": NAME,
    "zhixing.publicity.v1.PostRewardNoticeRequest.text": TEXT,
    "zhixing.publicity.v1.PostRewardNoticeRequest.valid_until": Bound(chars=10),
    "zhixing.publicity.v1.WithdrawRewardNoticeRequest.reason": NOTE,
    "zhixing.assets.v1.VerifyLeadRequest.outcome": Bound(chars=32),
    "zhixing.assets.v1.VerifyLeadRequest.note": Bound(chars=1000),
    "zhixing.cases.v1.AssignCaseRequest.lead_officer_name": Bound(chars=32),
    "zhixing.cases.v1.AssignCaseRequest.team_phone": Bound(chars=32),
    "zhixing.cases.v1.AnswerPartyMessageRequest.answer": Bound(chars=1000),
    "zhixing.assets.v1.ReleaseMeasureRequest.note": NOTE,
    "zhixing.assets.v1.RecordInvestigationRequest.outcome": NOTE,
    # An agency answers at most what one pull hands it (PullRequests: at most 1,000).
    "zhixing.assets.v1.SubmitAnswersRequest.answers": Bound(items=1000),
    # What one agency holds for one debtor: accounts, titles, vehicles.
    "zhixing.assets.v1.AgencyAnswer.holdings": Bound(items=200),
    "zhixing.assets.v1.AgencyAnswer.error": NOTE,
    "zhixing.assets.v1.Holding.description": NAME,
    # Relief (R29–R32): the source of a wage figure names a bulletin and its issue; the
    # hardship narrative and a review opinion are a page; reasons of a decision a few lines.
    "zhixing.relief.v1.EnterWageRequest.source": NOTE,
    "zhixing.relief.v1.ApplyRequest.narrative": TEXT,
    "zhixing.relief.v1.ReviewRequest.opinion": TEXT,
    "zhixing.relief.v1.ExceptionalDecision.reasons": Bound(chars=500, rule="R30"),
    "zhixing.relief.v1.RejectRequest.reason": NOTE,
    "zhixing.relief.v1.RevokeRequest.reason": NOTE,
    # The purpose of a read of hardship facts is kept in the audit log (R46).
    "zhixing.relief.v1.ReadHardshipRequest.purpose": NOTE,
    # Supervision (R33–R37): a recipient's name is an organisation's; a procuratorate's
    # name (100) and a matter's summary (500) are the matter's own bounds (R34); a
    # close's reason, a suggestion's reason and its handling, an acknowledgement's note
    # a few lines. An interference record's who (name, unit, post) is 100 characters
    # each and what was asked a page — the register's own bounds (R35). The purpose of
    # reading the register is kept in the audit log (R46). A head seq is a position in
    # a log.
    "zhixing.supervision.v1.AcknowledgeAlertRequest.note": NOTE,
    "zhixing.supervision.v1.CloseAlertRequest.reason": Bound(chars=500, rule="R36"),
    "zhixing.supervision.v1.ReceiveMatterRequest.procuratorate": Bound(chars=100, rule="R34"),
    "zhixing.supervision.v1.ReceiveMatterRequest.summary": Bound(chars=500, rule="R34"),
    "zhixing.supervision.v1.RecordInterferenceRequest.who_name": Bound(chars=100, rule="R35"),
    "zhixing.supervision.v1.RecordInterferenceRequest.who_unit": Bound(chars=100, rule="R35"),
    "zhixing.supervision.v1.RecordInterferenceRequest.who_post": Bound(chars=100, rule="R35"),
    "zhixing.supervision.v1.RecordInterferenceRequest.asked": Bound(chars=2000, rule="R35"),
    "zhixing.supervision.v1.ReadInterferenceRequest.purpose": NOTE,
    "zhixing.supervision.v1.VerifyRegisterRequest.head_seq": POSITION,
    "zhixing.supervision.v1.SendSuggestionRequest.recipient": NAME,
    "zhixing.supervision.v1.SendSuggestionRequest.reason": Bound(chars=500, rule="R37"),
    "zhixing.supervision.v1.RecordHandlingRequest.outcome": Bound(chars=500, rule="R37"),
}
"""Bounds other than the default of a field's kind, by the field's full name."""

_INTEGERS = {FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_SINT32,
             FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_SFIXED32,
             FieldDescriptor.TYPE_SFIXED64, FieldDescriptor.TYPE_UINT32,
             FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_FIXED32,
             FieldDescriptor.TYPE_FIXED64}
_TEXTS = {FieldDescriptor.TYPE_STRING, FieldDescriptor.TYPE_BYTES}


def bound_of(field: FieldDescriptor) -> Bound | None:
    """The bound of `field`; None for a field whose kind bounds it (a bool, or a single
    message, whose own fields have bounds)."""
    if field.full_name in OVERRIDES:
        return OVERRIDES[field.full_name]
    each = _default_each(field)
    if field.is_repeated:
        return Bound(items=LIST.items, chars=each.chars, magnitude=each.magnitude,
                     declared=each.declared) if each else LIST
    return each


def _default_each(field: FieldDescriptor) -> Bound | None:
    if field.type in _TEXTS:
        return SHORT
    if field.type in _INTEGERS:
        return MONEY if field.name.endswith("_fen") else COUNT
    if field.type == FieldDescriptor.TYPE_ENUM:
        return ENUM
    return None  # bool, float (none in the contracts), message


def is_map(field: FieldDescriptor) -> bool:
    """Whether `field` is a map (a repeated entry message with a key and a value)."""
    entry = field.message_type
    return entry is not None and entry.GetOptions().map_entry


def request_fields(request: Descriptor) -> list[FieldDescriptor]:
    """Every field a request message can carry, its own and its messages', each once."""
    seen: dict[str, FieldDescriptor] = {}
    pending, visited = [request], {request.full_name}
    while pending:
        message = pending.pop()
        for field in message.fields:
            seen.setdefault(field.full_name, field)
            nested = field.message_type
            if nested is not None and nested.full_name not in visited:
                visited.add(nested.full_name)
                pending.append(nested)
    return sorted(seen.values(), key=lambda f: f.full_name)


_QUOTED_DIGITS = 8
"""A number of 8 digits or more may be an identity or an account typed into the wrong
field (R60): a refusal gives its length, not its digits."""


def _number(value: int) -> str:
    digits = len(str(abs(value)))
    return str(value) if digits < _QUOTED_DIGITS else f"a number of {digits} digits"


@dataclass(frozen=True)
class Breach:
    """The first field of a message beyond its bound: where, which bound, and the size
    found (a length or a count, never the value: it may be personal data)."""

    path: str
    """The field's path in the request, e.g. ``respondents[3].name``."""
    bound: Bound
    found: str
    """What was found, e.g. ``5000 items`` or ``a value not declared``."""

    def message(self) -> str:
        """The refusal's text (its rule goes before it, with the path), e.g.
        ``Bound: at most 50 items; got 5000 items``."""
        return f"Bound: {self.bound.limit()}; got {self.found}"


def first_breach(message: Message, prefix: str = "") -> Breach | None:
    """The first field of `message` (depth first, in field order) beyond its bound."""
    for field, value in message.ListFields():
        path = f"{prefix}{field.name}"
        bound = bound_of(field)
        if field.is_repeated:
            found = _breach_of_list(field, bound, value, path)
        else:
            found = _breach_of_one(field, bound, value, path)
        if found is not None:
            return found
    return None


def _breach_of_list(field: FieldDescriptor, bound: Bound | None, values: Any,
                    path: str) -> Breach | None:
    if bound is not None and bound.items and len(values) > bound.items:
        return Breach(path, bound, f"{len(values)} items")
    if is_map(field):
        entry = field.message_type
        for key in values:  # keys and values of a map are fields of its entry message
            found = (_breach_of_one(entry.fields_by_name["key"], _entry_bound(field, "key"),
                                    key, f"{path}[key]")
                     or _breach_of_one(entry.fields_by_name["value"], _entry_bound(field, "value"),
                                       values[key], f"{path}[value]"))
            if found is not None:
                return found
        return None
    for index, value in enumerate(values):
        found = _breach_of_one(field, bound, value, f"{path}[{index}]")
        if found is not None:
            return found
    return None


def _entry_bound(field: FieldDescriptor, part: str) -> Bound | None:
    """The bound of a map's keys or values: their kind's, named by the map (the values
    of a map of amounts in fen, ``owed_fen``, are money, as a list's items would be)."""
    inner = field.message_type.fields_by_name[part]
    if inner.type in _INTEGERS and field.name.endswith("_fen"):
        return MONEY
    return _default_each(inner)


def _breach_of_one(field: FieldDescriptor, bound: Bound | None, value: Any,
                   path: str) -> Breach | None:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return first_breach(value, f"{path}.")
    bound = bound if bound is not None else bound_of(field)
    if bound is None:
        return None
    if bound.chars and len(value) > bound.chars:
        return Breach(path, bound, f"{len(value)} characters")
    if bound.magnitude and abs(value) > bound.magnitude:
        return Breach(path, bound, _number(value))
    if bound.declared and field.enum_type.values_by_number.get(value) is None:
        return Breach(path, bound, f"the undeclared value {value}")
    return None
