"""Network inquiries: start them, apply agencies' answers in batches, sweep deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from zhixing.assets.application.base import AssetsStore
from zhixing.assets.domain.errors import (
    InquiryNotFound,
    InvalidAssetInput,
    NotAddressedToAgency,
)
from zhixing.assets.domain.inquiry import Inquiry, inquiry_of
from zhixing.assets.domain.investigation import Investigation
from zhixing.eventstore.unit import Work, same_request
from zhixing.eventstore.watch import LogWatch, watch_of

OUTCOMES = ("found", "nothing", "error")


@dataclass(frozen=True)
class Debtor:
    identity_number: str
    name: str


@dataclass(frozen=True)
class CaseRef:
    """What the assets service knows of a case (from the cases events)."""

    case_id: str
    case_number: str
    court_code: str
    debtors: tuple[Debtor, ...] = ()
    team: str = ""
    claim_total_fen: int = 0
    """Principal, interest and costs to enforce (R21's cap is computed from it)."""


@dataclass(frozen=True)
class Answer:
    """One agency's answer, from Kafka or the gateway."""

    request_id: str
    agency_id: str
    outcome: str
    answered_at: datetime
    holdings: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    attempt: int = 0
    """The request's attempt it answers; 0 when the agency does not say."""

    def check(self) -> UUID:
        """The inquiry it answers; InvalidAssetInput naming the field otherwise."""
        if self.outcome not in OUTCOMES:
            raise InvalidAssetInput(f"outcome must be one of {', '.join(OUTCOMES)}",
                                    rule="R41", field="outcome")
        try:
            return inquiry_of(self.request_id)
        except ValueError:
            raise InvalidAssetInput("not a request id this service issued", rule="R41",
                                    field="request_id") from None


class InquiryCommands(AssetsStore):
    def start_inquiries(self, case: CaseRef, occasion: str, *, requery: bool = False,
                        only: str = "") -> list[Inquiry]:
        """网络查控: one inquiry per debtor (or just `only`), every agency asked. The
        same case, debtor and occasion always make the same inquiry (idempotent)."""
        debtors = [d for d in case.debtors if not only or d.identity_number == only]
        if not debtors:
            raise InvalidAssetInput("the case has no such debtor", field="debtor_identity_number")
        agencies = [(a.agency_id, a.kind) for a in self.agencies.able_to("query")]
        ids = [Inquiry.create_id(case.case_id, d.identity_number, occasion) for d in debtors]

        def start(work: Work) -> list[Inquiry]:
            # Every debtor's inquiry in ONE save: a case's dozens of debtors were dozens
            # of store transactions, the slowest part of keeping up with filings.
            now, deadlines = self.now(), self.deadlines(case.court_code)

            def once(inquiry_id: UUID, debtor: Debtor) -> Inquiry:
                existing = work.find(inquiry_id)
                return existing if existing is not None else work.add(Inquiry.start(
                    case_id=case.case_id, case_number=case.case_number,
                    court_code=case.court_code, debtor_identity_number=debtor.identity_number,
                    debtor_name=debtor.name, occasion=occasion, requery=requery,
                    agencies=agencies, now=now, deadlines=deadlines))

            return [once(inquiry_id, debtor) for inquiry_id, debtor in zip(ids, debtors, strict=True)]

        return self.unit.run(start, lock=ids)

    def get_inquiry(self, inquiry_id: UUID) -> Inquiry:
        return as_inquiry(self.get_or_none(inquiry_id))

    def apply_answers(self, answers: Iterable[Answer]) -> tuple[int, int]:
        """Apply a batch of answers in one save; returns (applied, duplicates). An answer
        from an agency the request did not address is refused (R46) and nothing of the
        batch is written."""
        batch = list(answers)
        by_inquiry: dict[UUID, list[Answer]] = {}
        for answer in batch:
            by_inquiry.setdefault(answer.check(), []).append(answer)

        def apply(work: Work) -> int:
            received_at = self.now()
            return sum(self._answered(work, inquiry_id, answers, received_at)
                       for inquiry_id, answers in by_inquiry.items())

        applied = self.unit.run(apply, lock=by_inquiry)
        return applied, len(batch) - applied

    def _answered(self, work: Work, inquiry_id: UUID, answers: list[Answer],
                  received_at: datetime) -> int:
        inquiry = as_inquiry(work.find(inquiry_id))
        applied = 0
        for answer in answers:
            if inquiry.agency_of(answer.request_id) != answer.agency_id:
                raise NotAddressedToAgency("an agency answers only requests addressed to it",
                                           rule="R46", field="request_id")
            applied += inquiry.answer(answer.request_id, answer.outcome, answer.holdings,
                                      answer.answered_at, received_at, answer.error,
                                      answer.attempt)
        return applied

    def inquiries_due(self) -> list[UUID]:
        """Open inquiries with a resend or a deadline due now."""
        now = self.now()
        return self._due_watch().select(lambda due: due <= now)

    def sweep_due_inquiries(self) -> int:
        """Resend what is due and report what is overdue, in every open inquiry."""
        def sweep(inquiry_id: UUID) -> int:
            changed = self.sweep_inquiry(inquiry_id)
            self._due_watch().refresh(inquiry_id)
            return int(changed)

        return self.each(self.inquiries_due(), sweep, "inquiry sweep")

    def _due_watch(self) -> LogWatch[datetime]:
        """Open inquiries and when each is next due. Answers are not watched: an answer
        only ever makes an inquiry due later, and the sweep looks again when it comes."""
        events: list[type] = [Inquiry.Started, Inquiry.AnswerFailed, Inquiry.Resent,
                              Inquiry.Completed]
        return watch_of(self, "_inquiry_watch", lambda: LogWatch(
            self, events, lambda i: i.next_due(self.deadlines(i.court_code))
            if isinstance(i, Inquiry) else None))

    def sweep_inquiry(self, inquiry_id: UUID) -> bool:
        """Resend what is due and report what is overdue; True if anything changed."""
        changed = False

        def act(inquiry: Inquiry) -> None:
            nonlocal changed
            changed = inquiry.sweep(self.now(), self.deadlines(inquiry.court_code))

        self.update(inquiry_id, as_inquiry, act)
        return changed

    def record_investigation(self, case: CaseRef, request_id: str, measure: str,
                             recorded_on: str, property_found: bool, outcome: str) -> Investigation:
        """悬赏 / 律师调查令 / 审计 with its outcome; a retry with the same request id
        records nothing new (another investigation under it is refused)."""
        return self.create_once(
            Investigation.create_id(case.case_id, request_id), lambda: Investigation.record(
                case_id=case.case_id, request_id=request_id, court_code=case.court_code,
                measure=measure, recorded_on=recorded_on, property_found=property_found,
                outcome=outcome),
            same=lambda earlier: same_request(
                "request_id", (earlier.measure, earlier.property_found, earlier.outcome),
                (measure, property_found, outcome[:500])))


def inquiry_missing() -> InquiryNotFound:
    """The answer for an inquiry id that names no inquiry (or none the caller may know
    of)."""
    return InquiryNotFound("no inquiry with that id", field="inquiry_id")


def as_inquiry(found: Any) -> Inquiry:
    """An aggregate loaded by an inquiry id, if it is one."""
    if not isinstance(found, Inquiry):
        raise inquiry_missing()
    return found
