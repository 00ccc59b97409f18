"""拒执罪 referral (R44): the court refers, the police open a case or refuse in writing,
the procuratorate approves prosecution or refuses in writing, the court tries.

Every hand-off has a document and a date, and a date never precedes the previous one.
"""

from __future__ import annotations

from types import MappingProxyType

from eventsourcing.domain import event

from zhixing.cases.domain.errors import WrongStage
from zhixing.cases.domain.values import HandOff
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt

STAGES = {
    "referred": "移送公安机关", "police_filed": "公安机关立案", "police_refused": "公安机关不予立案",
    "prosecution_approved": "检察院批捕/起诉", "prosecution_refused": "检察院不予起诉",
    "judged": "法院判决",
}
NEXT: dict[str, tuple[str, ...]] = {
    "referred": ("police_filed", "police_refused"),
    "police_filed": ("prosecution_approved", "prosecution_refused"),
    "prosecution_approved": ("judged",),
}


class RefusalReferral(Aggregate):
    """One referral of a debtor for the crime of refusing to enforce (R44)."""

    typed_state = MappingProxyType({"history": list[HandOff]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @event("Referred")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 document_number: str, decided_on: str) -> None:
        _require_document(document_number)
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.history: list[HandOff] = [HandOff("referred", document_number, decided_on)]

    @property
    def stage(self) -> str:
        return self.history[-1].stage

    def advance(self, stage: str, document_number: str, decided_on: str) -> None:
        """Record the next hand-off, in the order R44 gives."""
        allowed = NEXT.get(self.stage, ())
        if stage not in allowed:
            raise WrongStage(f"after {self.stage} comes {' or '.join(allowed) or 'nothing'}, "
                             f"not {excerpt(stage)}", rule="R44", field="stage")
        _require_document(document_number)
        if decided_on < self.history[-1].decided_on:
            raise WrongStage("a hand-off cannot predate the previous one", rule="R44",
                             field="decided_on")
        self._advance(stage, document_number, decided_on)

    @event("Advanced")
    def _advance(self, stage: str, document_number: str, decided_on: str) -> None:
        self.history.append(HandOff(stage, document_number, decided_on))


def _require_document(document_number: str) -> None:
    if not document_number.strip():
        raise InvalidInput("every hand-off needs its document number", rule="R44",
                           field="document_number")
