"""Leads the public reported (执行线索, issue 17): accepted for the case's team with R27's
5 days counted as the cases service counts its `verify_lead` node (the policy table's
`node_limits.lead_verify_days`, working days when `node_limits.count_working_days`, the
service's working calendar: R62–R64), and verified by the team."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from zhixing.assets.application.base import AssetsStore
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.domain.lead import InvestigationLead, verify_by
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.eventstore.unit import Work
from zhixing.kernel.calendar import Deadline
from zhixing.kernel.errors import NotFound


class LeadNotFound(NotFound):
    """No reported lead with that id (or not one the caller may see)."""


def lead_missing() -> LeadNotFound:
    return LeadNotFound("no lead with that id", field="lead_id")


class LeadCommands(AssetsStore):
    """Accept a reported lead (from `LeadReported`), verify it (VerifyLead)."""

    def lead_verify_by(self, court_code: str, reported_on: date) -> Deadline:
        """R27's last day for a lead of this court received on `reported_on` (R62–R64)."""
        return verify_by(self.policy_for(court_code), self.calendar, reported_on)

    def accept_lead(self, reported: LeadReported, team: str = "") -> InvestigationLead:
        """The lead as the team's to verify; the same lead again changes nothing."""
        verify_by = self.lead_verify_by(reported.court_code,
                                        date.fromisoformat(reported.reported_on))
        lead_id = InvestigationLead.create_id(reported.lead_id)

        def make() -> InvestigationLead:
            return InvestigationLead(
                reported.lead_id, reported.case_id, reported.case_number, reported.court_code,
                team, reported.source, reported.property_kind, reported.text,
                reported.contact, reported.reported_on, self.today().isoformat(),
                verify_by.date.isoformat(), verify_by.provisional)

        return self.create_once(lead_id, make)

    def recount_provisional_leads(self, lead_ids: Iterable[str]) -> int:
        """R64: the leads whose `verify_by` was counted provisionally, counted again with
        the calendar as it is now (a holiday schedule was loaded); how many changed."""
        changed = 0
        for lead_id in lead_ids:
            try:
                wanted = self.lead_key(lead_id)
            except NotFound:
                continue  # no lead's id: nothing to count

            def command(work: Work, wanted: UUID = wanted) -> bool:
                lead = work.find(wanted)
                if not isinstance(lead, InvestigationLead):
                    return False
                return lead.recount(self.lead_verify_by(
                    lead.court_code, date.fromisoformat(lead.reported_on)))

            changed += self.unit.run(command, lock=[wanted])
        return changed

    def verify_lead(self, lead_id: str, outcome: str, note: str,
                    by: str = "") -> InvestigationLead:
        """核查: the team's outcome and note; after `verify_by` it is flagged late."""
        wanted = self.lead_key(lead_id)
        today = self.today().isoformat()

        def command(work: Work) -> InvestigationLead:
            lead = work.find(wanted)
            if not isinstance(lead, InvestigationLead):
                raise lead_missing()
            lead.verify(outcome, note, today, by)
            return lead

        return self.unit.run(command, lock=[wanted])

    def get_lead(self, lead_id: str) -> InvestigationLead:
        """A lead by publicity's id (LeadNotFound naming lead_id)."""
        found = self.get_or_none(self.lead_key(lead_id))
        if not isinstance(found, InvestigationLead):
            raise lead_missing()
        return found

    @staticmethod
    def lead_key(lead_id: str) -> UUID:
        """The aggregate id of publicity's lead id (a UUID; anything else names none)."""
        text = lead_id.strip() if isinstance(lead_id, str) else ""
        try:
            return InvestigationLead.create_id(str(UUID(text)))
        except ValueError:
            if len(text) > 64:
                raise InvalidAssetInput("at most 64 characters", field="lead_id") from None
            raise lead_missing() from None
