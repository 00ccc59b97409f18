"""Leads from the public (执行线索, R27) and reward notices (悬赏公告): the commands.

A lead is taken only on what the public can see (the caller resolves it first with
`LeadQueries.target_of`); it leaves for the case's team as `LeadReported`. A reward
notice is posted by the case's own court, for a case publicity knows (`LeadQueries.
notice_case`), and withdrawn by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from zhixing.kernel.errors import NotFound
from zhixing.publicity.application.base import PublicityStore, Unit, uuid_of
from zhixing.publicity.domain.lead import Lead, LeadTarget, lead_id_of, new_reference
from zhixing.publicity.domain.reward_notice import NoticeCase, RewardNotice

REFERENCE_TRIES = 5
"""A fresh reference that happens to be taken (1 in 2^40 per lead) is drawn again."""


@dataclass(frozen=True)
class LeadReceipt:
    """What the reporter is given: the reference to follow the lead (举报编号)."""

    reference: str
    reported_on: str


class LeadCommands(PublicityStore):
    """Leads from the public (执行线索) and reward notices (悬赏公告)."""

    def report_lead(self, target: LeadTarget, source: str, source_id: str,
                    property_kind: str, text: str, contact: str = "") -> LeadReceipt:
        """Receive a lead on `target` (resolved from a published entry); every input is
        bounded (InvalidInput naming field and bound, never echoing it)."""
        today = self.today()
        for _ in range(REFERENCE_TRIES):
            reference = new_reference()

            def command(unit: Unit, reference: str = reference) -> Lead | None:
                if unit.find(lead_id_of(reference)) is not None:
                    return None  # taken: draw again
                return unit.add(Lead.report(reference, target.case_id, target.case_number,
                                            target.court_code, source, source_id,
                                            property_kind, text, contact, today))

            lead = self.act(command, lock=[lead_id_of(reference)])
            if lead is not None:
                return LeadReceipt(lead.reference, lead.reported_on)
        raise RuntimeError("no free lead reference after several draws")  # pragma: no cover

    def lead(self, reference: str) -> Lead:
        """A lead by its reference (NotFound naming `reference`)."""
        return self.loaded(lead_id_of(reference), Lead, "reference")

    def post_reward_notice(self, court_code: str, case: NoticeCase, reward: str, text: str,
                           valid_until: str, by: str = "") -> RewardNotice:
        """悬赏公告 for a case of the caller's court (another court's case is answered as
        unknown, R46); reward and text bounded, in force until `valid_until`."""
        if case.court_code != court_code:
            raise NotFound("no case with that number", field="case_number")
        notice = RewardNotice.post(case.case_id, case.case_number, case.court_code,
                                   case.court_name, case.debtor_name, case.debtor_identity,
                                   case.owed_fen, reward, text, self.today(), valid_until, by)
        return self.act(lambda unit: unit.add(notice), lock=[notice.id])

    def withdraw_reward_notice(self, court_code: str, notice_id: UUID | str, reason: str,
                               by: str = "") -> RewardNotice:
        """Take a notice of the caller's court down (R61: off the portal at once)."""
        wanted = uuid_of(notice_id, "notice_id")
        today = self.today()

        def command(unit: Unit) -> RewardNotice:
            notice = unit.find(wanted)
            if not isinstance(notice, RewardNotice):
                raise NotFound("no reward notice with that id", field="notice_id")
            if notice.court_code != court_code:  # to another court: unknown (R46)
                raise NotFound("no reward notice with that id", field="notice_id")
            notice.withdraw(reason, today, by)
            return notice

        return self.act(command, lock=[wanted])

    def reward_notice_record(self, notice_id: UUID | str) -> RewardNotice:
        """A notice as posted (withdrawn or not), for the desk (NotFound naming notice_id)."""
        return self.loaded(notice_id, RewardNotice, "notice_id")
