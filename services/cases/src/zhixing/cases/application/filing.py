"""立案 and 案号 — filing a case under the next serial of its sequence (R38–R40)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from zhixing.cases.application.base import CaseStore, provisional
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.cases.domain.filing import Filing
from zhixing.cases.domain.numbering import CaseNumberIndex, CaseNumberSequence
from zhixing.cases.domain.values import PartyAccess
from zhixing.eventstore.unit import Work, same_request
from zhixing.kernel import access_code
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.masking import excerpt


@dataclass(frozen=True)
class IssuedCode:
    """One party's access code to the parties' window (issue 17), in clear: given to the
    court once, in the filing's answer, to hand to that party; stored nowhere."""

    party_index: int
    role: str
    access_code: str = ""


@dataclass(frozen=True)
class FiledCase:
    """A case filed, with its parties' access codes (none when the filing was a repeat
    of one already filed under its request id: the codes were given the first time)."""

    case: EnforcementCase
    codes: list[IssuedCode]


class FilingCommands(CaseStore):
    def file_case_with_codes(self, filing: Filing, request_id: str = "") -> FiledCase:
        """立案 as `file_case`, each party given an access code to the parties' window:
        the codes come back here once; the case stores only their salted hashes."""
        codes = [IssuedCode(index, party.role, access_code.new_code())
                 for index, party in enumerate(filing.parties)]
        access = tuple(PartyAccess(c.party_index, c.role, access_code.hash_code(c.access_code))
                       for c in codes)
        case = self.file_case(filing, request_id, access=access)
        fresh = case.access == access  # a repeat returns the case with its first hashes
        return FiledCase(case, codes if fresh else [])

    def file_case(self, filing: Filing, request_id: str = "",
                  access: tuple[PartyAccess, ...] = ()) -> EnforcementCase:
        """立案 — number the case (R38) and store it, atomically with its serial.

        A repeated `request_id` with the same filing returns the case already filed under
        it; with a different filing it is refused (the key names one filing only).
        `access` holds the parties' access-code hashes, if any were issued.
        """
        if filing.linked_case_id and filing.link_kind != "assists":
            # R40: the linked case must exist here (a delegating court may be elsewhere).
            self.get_case(UUID(filing.linked_case_id))
        key = self.sequence_key(str(filing.court.code), filing.case_type.value)

        def file(work: Work) -> EnforcementCase:
            if request_id:
                existing = work.find(EnforcementCase.create_id(str(filing.court.code),
                                                               request_id))
                if isinstance(existing, EnforcementCase):
                    return _same_filing(existing, filing)
            case, numbering = self.numbered_case(filing, request_id, access)
            for aggregate in (*numbering, case):
                work.add(aggregate)
            return case

        return self.unit.run(file, lock=[key])

    @staticmethod
    def sequence_key(court_code: str, case_type: str) -> str:
        """What filings of one sequence queue on within a process, so only other
        processes' filings conflict."""
        return f"sequence/{court_code}/{case_type}"

    def numbered_case(self, filing: Filing, request_id: str = "",
                      access: tuple[PartyAccess, ...] = ()) -> tuple[EnforcementCase, list[Any]]:
        """A new case with its serial taken and its first deadlines set, and the
        numbering aggregates to save with it in one transaction (R38: no gaps).
        Call it in a command locked on `sequence_key`."""
        today = self.today()
        code = str(filing.court.code)
        sequence = self._sequence(code, filing.case_type.value, today.year)
        clock = self.node_clock(code)
        counts = {node: clock.count(node, today, basis_kind=filing.basis.kind)
                  for node in ("assign", "close")}
        case = EnforcementCase.file(filing, sequence.next_number(), today.isoformat(),
                                    request_id, {n: d.date.isoformat() for n, d in counts.items()},
                                    provisional=provisional(counts), access=access)
        return case, [sequence, CaseNumberIndex(case.case_number, str(case.id))]

    def find_case(self, case_number: str) -> EnforcementCase:
        index = self.get_or_none(CaseNumberIndex.create_id(case_number))
        if index is None:
            raise case_numbered_missing(case_number)
        return self.get_case(UUID(index.case_id))

    def _sequence(self, court_code: str, case_type: str, year: int) -> CaseNumberSequence:
        sequence = self.get_or_none(CaseNumberSequence.create_id(court_code, case_type, year))
        return sequence or CaseNumberSequence(court_code, case_type, year)


def case_numbered_missing(case_number: str) -> CaseNotFound:
    """The answer for a case number that names no case (or none the caller may know
    of); it quotes only an excerpt of what the caller gave (`excerpt`: short, masked)."""
    return CaseNotFound(f"no enforcement case numbered {excerpt(case_number)}", field="case_number")


def _same_filing(existing: EnforcementCase, filing: Filing) -> EnforcementCase:
    """The case filed earlier under the same request id, if this is that filing again;
    otherwise the key is refused (its earlier case is not shown: it may be another's)."""
    again = EnforcementCase.file(filing, CaseNumber.parse(existing.case_number),
                                 existing.filed_on, nodes={})
    same_request("request_id", _content(existing), _content(again))
    return existing


def _content(case: EnforcementCase) -> tuple[Any, ...]:
    """What a filing states (not what the court assigned: number, dates, deadlines)."""
    return (case.court_code, case.case_type, case.basis, case.parties, case.claim,
            case.linked_case_id, case.link_kind)
