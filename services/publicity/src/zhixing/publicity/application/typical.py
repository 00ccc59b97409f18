"""Typical cases (典型案例): the press role drafts, revises and submits; the court's
president or a judge approves (publishes) or returns; a published one may be withdrawn.

Each command loads the case, checks it is of the caller's court (R46: as an unknown id
otherwise, so another court's drafts are not even confirmed) and saves one step."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.publicity.application.base import PublicityStore, Unit
from zhixing.publicity.domain.typical_case import TypicalCase


class TypicalCaseNotFound(NotFound):
    """No typical case with that id (of the caller's court)."""


class TypicalCaseCommands(PublicityStore):
    """The desk's steps of a typical case (典型案例)."""

    def draft_typical_case(self, *, court_code: str, author: str, title: str, summary: str,
                           body: str, case_number: str = "",
                           redact_names: Sequence[str] = ()) -> TypicalCase:
        """A new draft of `court_code` by `author`, redacted on the way in (R60); a case
        it names is one of that court (R46: a court tells of its own cases)."""
        number = ""
        if case_number.strip():
            parsed = CaseNumber.parse(case_number, field="case_number")
            if str(parsed.court) != court_code:
                raise InvalidInput("names a case of another court", rule="R46",
                                   field="case_number")
            number = str(parsed)
        drafted = TypicalCase.draft(court_code, author, title, summary, body, number,
                                    list(redact_names))
        return self.act(lambda unit: unit.add(drafted))

    def revise_typical_case(self, typical_case_id: UUID | str, *, court_code: str, by: str,
                            title: str, summary: str, body: str,
                            redact_names: Sequence[str] = ()) -> TypicalCase:
        """New text for a draft or a returned case (redacted again, R60)."""
        return self._step(typical_case_id, court_code, lambda case: case.revise(
            by, title, summary, body, list(redact_names)))

    def submit_typical_case(self, typical_case_id: UUID | str, *, court_code: str,
                            by: str) -> TypicalCase:
        """To review."""
        return self._step(typical_case_id, court_code, lambda case: case.submit(by))

    def review_typical_case(self, typical_case_id: UUID | str, *, court_code: str, by: str,
                            approve: bool, comment: str = "") -> TypicalCase:
        """Approve (publish today) or return; never by the author (R46)."""
        today = self.today()
        return self._step(typical_case_id, court_code,
                          lambda case: case.review(by, approve, comment, today))

    def withdraw_typical_case(self, typical_case_id: UUID | str, *, court_code: str, by: str,
                              reason: str) -> TypicalCase:
        """Off the portal at once (R61)."""
        return self._step(typical_case_id, court_code, lambda case: case.withdraw(by, reason))

    def typical_case(self, typical_case_id: UUID | str, court_code: str = "") -> TypicalCase:
        """The typical case with that id (of `court_code` when given), else NotFound."""
        found = self.loaded(typical_case_id, TypicalCase, "typical_case_id",
                            TypicalCaseNotFound)
        if court_code and found.court_code != court_code:
            raise TypicalCaseNotFound("nothing with that typical_case_id",
                                      field="typical_case_id")
        return found

    def _step(self, typical_case_id: UUID | str, court_code: str,
              step: object) -> TypicalCase:
        known = self.typical_case(typical_case_id, court_code)

        def command(unit: Unit) -> TypicalCase:
            case: TypicalCase = unit.get(known.id)
            step(case)  # type: ignore[operator]
            return case

        return self.act(command, lock=[known.id])
