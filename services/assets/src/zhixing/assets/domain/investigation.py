"""Investigation beside the network inquiry: 悬赏公告 (reward notice), 律师调查令 (a
lawyer's investigation order) and 审计 (compulsory audit), each with its outcome."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.masking import excerpt

MEASURES = {"reward_notice": "悬赏公告", "lawyer_order": "律师调查令", "audit": "审计"}


class Investigation(Aggregate):
    """One investigation measure of a case and what it found."""

    @staticmethod
    def create_id(case_id: str, request_id: str) -> UUID:
        return uuid5(NAMESPACE, f"investigation/{case_id}/{request_id}")

    @classmethod
    def record(cls, *, case_id: str, request_id: str, court_code: str, measure: str,
               recorded_on: str, property_found: bool, outcome: str) -> Investigation:
        if measure not in MEASURES:
            raise InvalidAssetInput(f"unknown investigation measure {excerpt(measure)}; expected "
                                    f"one of {', '.join(MEASURES)}", field="measure")
        return cls(case_id=case_id, request_id=request_id, court_code=court_code,
                   measure=measure, recorded_on=recorded_on, property_found=property_found,
                   outcome=outcome[:500])

    @event("Recorded")
    def __init__(self, case_id: str, request_id: str, court_code: str, measure: str,
                 recorded_on: str, property_found: bool, outcome: str) -> None:
        self.case_id = case_id
        self.court_code = court_code
        self.measure = measure
        self.recorded_on = recorded_on
        self.property_found = property_found
        self.outcome = outcome
