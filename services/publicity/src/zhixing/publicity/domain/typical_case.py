"""典型案例 — a typical case a court's press role writes for the public portal.

Its life: draft → submitted → (returned → submitted …) → published → withdrawn. The text
is redacted on the way in (`redaction`: the listed names replaced, every identity,
account and mobile number masked, R60), so no event of it holds a number in full; the
names the author listed are kept (events keep full values, sealed at rest, R60) so a
revision is redacted by them again. A reviewer approves or returns it, never its author
(R46); publishing checks the text once more (R60, defence in depth).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from types import MappingProxyType

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput, PermissionDenied, PreconditionFailed
from zhixing.publicity.domain.redaction import checked_names, redact, unmasked_numbers

TITLE_MAX, SUMMARY_MAX, BODY_MAX, NOTE_MAX = 100, 500, 20_000, 500
"""desk.proto's bounds: title, summary, body, a review's comment or a withdrawal's reason."""


class TypicalCaseStatus(StrEnum):
    """Where a typical case stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {"draft": "草稿", "submitted": "待审核", "returned": "已退回",
                 "published": "已发布", "withdrawn": "已撤回"}


def text_of(value: str, field: str, bound: int, required: bool = True) -> str:
    """`value` trimmed, within `bound` characters (and present when `required`)."""
    value = value.strip()
    if len(value) > bound:
        raise InvalidInput(f"at most {bound} characters", field=field)
    if required and not value:
        raise InvalidInput("is required", field=field)
    return value


class TypicalCase(Aggregate):
    """One typical case (典型案例) of one court, in any state."""

    typed_state = MappingProxyType({"status": TypicalCaseStatus, "published_on": date | None})

    @event("Drafted")
    def __init__(self, court_code: str, author: str, title: str, summary: str, body: str,
                 case_number: str, names: list[str], redactions: int) -> None:
        self.court_code = court_code
        self.author = author
        self.title = title
        self.summary = summary
        self.body = body
        self.case_number = case_number
        self.names = names
        """The names the author listed (personal data: only in the sealed events)."""
        self.redactions = redactions
        self.status = TypicalCaseStatus.DRAFT
        self.reviewer = ""
        self.review_comment = ""
        self.published_on: date | None = None
        self.withdrawn_reason = ""

    @classmethod
    def draft(cls, court_code: str, author: str, title: str, summary: str, body: str,
              case_number: str = "", redact_names: list[str] | tuple[str, ...] = ()
              ) -> TypicalCase:
        """A new draft, its text redacted before it is recorded (R60)."""
        names = checked_names(redact_names)
        texts, count = _redacted(names, title, summary, body)
        return cls(court_code, author, *texts, case_number, names, count)

    def revise(self, by: str, title: str, summary: str, body: str,
               redact_names: list[str] | tuple[str, ...] = ()) -> None:
        """New text for a draft or a returned case, redacted by the names listed before
        and now (R60); it is a draft again."""
        self._must_be("revise", TypicalCaseStatus.DRAFT, TypicalCaseStatus.RETURNED)
        names = checked_names([*self.names, *redact_names])
        texts, count = _redacted(names, title, summary, body)
        self._revised(by, *texts, names, count)

    @event("Revised")
    def _revised(self, by: str, title: str, summary: str, body: str, names: list[str],
                 redactions: int) -> None:
        self.title, self.summary, self.body = title, summary, body
        self.names, self.redactions = names, redactions
        self.status = TypicalCaseStatus.DRAFT

    def submit(self, by: str) -> None:
        """To review."""
        self._must_be("submit", TypicalCaseStatus.DRAFT, TypicalCaseStatus.RETURNED)
        self._submitted(by)

    @event("Submitted")
    def _submitted(self, by: str) -> None:
        self.status = TypicalCaseStatus.SUBMITTED

    def review(self, by: str, approve: bool, comment: str, on: date) -> None:
        """Approved (published `on`) or returned with a comment; never by its author
        (R46). Published text still showing a number in full is refused (R60)."""
        self._must_be("review", TypicalCaseStatus.SUBMITTED)
        if by == self.author:
            raise PermissionDenied("the author of a typical case may not review it",
                                   rule="R46", field="reviewer")
        comment = text_of(comment, "comment", NOTE_MAX, required=not approve)
        if not approve:
            self._returned(by, comment)
            return
        for field in ("title", "summary", "body"):
            if unmasked_numbers(getattr(self, field)):
                raise PreconditionFailed("still shows an identity, account or phone number",
                                         rule="R60", field=field)
        self._published(by, comment, on)

    @event("Returned")
    def _returned(self, by: str, comment: str) -> None:
        self.status = TypicalCaseStatus.RETURNED
        self.reviewer, self.review_comment = by, comment

    @event("Published")
    def _published(self, by: str, comment: str, on: date) -> None:
        self.status = TypicalCaseStatus.PUBLISHED
        self.reviewer, self.review_comment = by, comment
        self.published_on = on

    def withdraw(self, by: str, reason: str) -> None:
        """Off the portal, at once (R61); the reason is required."""
        self._must_be("withdraw", TypicalCaseStatus.PUBLISHED)
        self._withdrawn(by, text_of(reason, "reason", NOTE_MAX))

    @event("Withdrawn")
    def _withdrawn(self, by: str, reason: str) -> None:
        self.status = TypicalCaseStatus.WITHDRAWN
        self.withdrawn_reason = reason

    def _must_be(self, step: str, *statuses: TypicalCaseStatus) -> None:
        if self.status not in statuses:
            raise PreconditionFailed(f"a typical case that is {self.status} cannot {step}",
                                     field="status")


def _redacted(names: list[str], title: str, summary: str,
              body: str) -> tuple[tuple[str, str, str], int]:
    """The three texts bounded and redacted, and the replacements made in all."""
    parts = [redact(text_of(title, "title", TITLE_MAX), names),
             redact(text_of(summary, "summary", SUMMARY_MAX, required=False), names),
             redact(text_of(body, "body", BODY_MAX), names)]
    return ((parts[0].text, parts[1].text, parts[2].text),
            sum(p.replacements for p in parts))
