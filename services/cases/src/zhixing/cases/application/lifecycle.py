"""From assignment to the property report: the R27 node limits at work."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from zhixing.cases.application.base import CaseStore, provisional
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.nodes import is_local, node_rule
from zhixing.cases.domain.values import Instalment
from zhixing.eventstore.unit import Work
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.money import bounded_fen, bounded_total

SANCTION_KINDS = {"fine": "罚款", "detention": "拘留"}


class LifecycleCommands(CaseStore):
    def assign_case(self, case_id: UUID, team: str, lead_officer: str, *,
                    lead_officer_name: str = "", team_phone: str = "") -> EnforcementCase:
        """分案 (R27: within 7 days of filing); starts the notice, leads and
        investigation limits, counted from receipt of the file. The officer's name and
        the team's phone, as entered, are shown to the parties (issue 17)."""
        if not team.strip() or not lead_officer.strip():
            raise InvalidInput("team and lead officer are required", rule="R27",
                               field="team" if not team.strip() else "lead_officer")
        today = self.today()

        def act(case: EnforcementCase) -> None:
            clock = self.node_clock(case.court_code)
            counts = {node: clock.count(node, today)
                      for node in ("notice", "leads_request", "investigation")}
            case.assign(team, lead_officer, today.isoformat(),
                        {n: d.date.isoformat() for n, d in counts.items()},
                        provisional(counts), lead_officer_name.strip(), team_phone.strip())

        return self.update_case(case_id, act)

    def serve_notice(self, case_id: UUID) -> EnforcementCase:
        """执行通知书 with the property-report order and the listing warning (R5, R27)."""
        today = self.today()

        def act(case: EnforcementCase) -> None:
            due = self.node_clock(case.court_code).count("property_report", today)
            case.serve_notice(today.isoformat(), due.date.isoformat(), listing_warning=True,
                              provisional=due.provisional)

        return self.update_case(case_id, act)

    def request_leads(self, case_id: UUID) -> EnforcementCase:
        """Ask the applicant for property leads (R27)."""
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.request_leads(today))

    def receive_lead(self, case_id: UUID) -> tuple[EnforcementCase, str]:
        """A lead from the applicant; R27 gives the officer 5 days to verify it."""
        lead_id, today = uuid4().hex[:12], self.today()

        def act(case: EnforcementCase) -> None:
            verify_by = self.node_clock(case.court_code).count("verify_lead", today)
            case.receive_lead(lead_id, today.isoformat(), verify_by.date.isoformat(),
                              provisional=verify_by.provisional)

        return self.update_case(case_id, act), lead_id

    def verify_lead(self, case_id: UUID, lead_id: str, found: bool) -> EnforcementCase:
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.verify_lead(lead_id, today, found))

    def record_property_report(self, case_id: UUID) -> EnforcementCase:
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.record_property_report(today))

    def extend_deadline(self, case_id: UUID, node: str, due_on: date, *, approver: str,
                        approver_role: str) -> EnforcementCase:
        """延长期限 — the president's approval, sought before expiry (R26)."""
        today = self.today()

        def act(case: EnforcementCase) -> None:
            lead = self.policy_for(case.court_code).int("closing.extension_lead_days")
            case.extend(node, due_on, approver_role=approver_role, approver=approver,
                        today=today, lead_days=lead)

        return self.update_case(case_id, act)

    def interview_applicant(self, case_id: UUID, summary: str) -> EnforcementCase:
        """约谈 (R17) — required before 终本."""
        if not summary.strip():
            raise InvalidInput("record what the applicant was told", rule="R17", field="summary")
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.interview_applicant(today, summary))

    def report_debtor_missing(self, case_id: UUID) -> EnforcementCase:
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.report_debtor_missing(today))

    def record_debtor_search(self, case_id: UUID, located: bool) -> EnforcementCase:
        """R16(5): the search for a missing debtor, located or not."""
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.record_debtor_search(today, located))

    def agree_settlement(self, case_id: UUID,
                         instalments: list[tuple[date, int]]) -> EnforcementCase:
        """执行和解 — instalments in date order, each above zero."""
        if not instalments:
            raise InvalidInput("a settlement needs at least one instalment", field="instalments")
        for index, (due, amount) in enumerate(instalments):
            if amount <= 0:
                raise InvalidInput("must be above zero", rule="R28",
                                   field=f"instalments[{index}].amount_fen")
            bounded_fen(amount, f"instalments[{index}].amount_fen")
            if index and due < instalments[index - 1][0]:
                raise InvalidInput("instalments must be in date order",
                                   field=f"instalments[{index}].due_on")
        bounded_total([amount for _, amount in instalments], "instalments")
        plan = tuple(Instalment(due.isoformat(), amount) for due, amount in instalments)
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.agree_settlement(today, plan))

    def settlement_defaulted(self, case_id: UUID) -> EnforcementCase:
        """Default: enforcement resumes, and the debtor is a candidate for R1(6)."""
        today = self.today().isoformat()
        return self.update_case(case_id, lambda case: case.settlement_defaulted(today))

    def decide_sanction(self, case_id: UUID, kind: str, *, amount_fen: int = 0, days: int = 0,
                        document_number: str) -> tuple[EnforcementCase, str]:
        """罚款/拘留 against obstruction, within the limits of the policy table."""
        sanction_id, today = uuid4().hex[:12], self.today().isoformat()

        def act(case: EnforcementCase) -> None:
            self._check_sanction(case, kind, amount_fen, days, document_number)
            case.decide_sanction(sanction_id, kind, amount_fen, days, document_number, today)

        return self.update_case(case_id, act), sanction_id

    def flag_overdue(self, case_id: UUID) -> list[str]:
        """Node limits past their last day become events (R26–R28 inaction, R36)."""
        today = self.today()
        flagged: list[str] = []

        def act(case: EnforcementCase) -> None:
            # A local practice's limit (a party's message) shows overdue on the
            # worklist but is no statutory inaction to report (R36).
            flagged[:] = [n for n in case.overdue_nodes(today) if not is_local(n)]
            for node in flagged:
                case.flag_overdue(node, case.nodes[node].due, node_rule(node),
                                  today.isoformat())
            if case.report_is_missed(today):
                case.record_report_missed(case.nodes["property_report"].due,
                                          today.isoformat())

        self.update_case(case_id, act)
        flagged += self._flag_money_overdue(case_id, today)
        return flagged

    def _flag_money_overdue(self, case_id: UUID, today: date) -> list[str]:
        def flag(work: Work) -> list[str]:
            account = work.find(self.account_id(case_id))
            if account is None or not account.disbursement_overdue(today):
                return []
            account.flag_overdue(account.disburse_by(), today.isoformat())
            return ["disburse"]

        return self.unit.run(flag, lock=[case_id])

    def _check_sanction(self, case: EnforcementCase, kind: str, amount_fen: int, days: int,
                        document_number: str) -> None:
        policy = self.policy_for(case.court_code)
        if kind not in SANCTION_KINDS:
            raise InvalidInput("kind must be fine or detention", field="kind")
        if not document_number.strip():
            raise InvalidInput("the decision's document number is required",
                               field="document_number")
        if kind == "detention" and not 0 < days <= policy.int("sanctions.max_detention_days"):
            raise InvalidInput(f"detention is 1 to {policy.int('sanctions.max_detention_days')} "
                               "days", field="days")
        if kind == "fine":
            person = all(p.kind == "natural_person" for p in case.respondents)
            cap = policy.int("sanctions.max_fine_person_fen" if person
                             else "sanctions.max_fine_organisation_fen")
            if not 0 < amount_fen <= cap:
                raise InvalidInput(f"a fine is above zero and at most {cap} fen",
                                   field="amount_fen")
