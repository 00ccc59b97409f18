"""执行案件 — one enforcement case from filing to closure.

The methods read like the procedure: file, assign (分案), serve the execution notice
(执行通知书), record the property report, gather the facts for 终本, conclude (终本),
resume (恢复执行), close (结案), delegate (委托执行). Deadlines arrive computed (see
`nodes.NodeClock`) so that replaying the events never depends on today's policy.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any, ClassVar
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import event

from zhixing.cases.domain import zhongben
from zhixing.cases.domain.errors import (
    ClosureRefused,
    ConclusionRefused,
    ExtensionRefused,
    WrongStage,
)
from zhixing.cases.domain.filing import Filing
from zhixing.cases.domain.numbering import NAMESPACE
from zhixing.cases.domain.values import (
    Basis,
    CaseLink,
    CaseStatus,
    Claim,
    Closure,
    Counted,
    Delegation,
    DelegationResult,
    Inquiry,
    Instalment,
    Lead,
    Node,
    Notice,
    Party,
    PartyAccess,
    PartyMessage,
    ReportState,
    Resumption,
    Sanction,
    Settlement,
    SettlementState,
)
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt

FILED, EXECUTING, SETTLED = CaseStatus.FILED, CaseStatus.EXECUTING, CaseStatus.SETTLED
CONCLUDED, CLOSED = CaseStatus.CONCLUDED, CaseStatus.CLOSED
STATUS_LABELS: dict[str, str] = {FILED: "已立案", EXECUTING: "执行中", SETTLED: "和解履行中",
                 CONCLUDED: "终结本次执行", CLOSED: "已结案"}
OPEN = frozenset({FILED, EXECUTING, SETTLED})
CLOSURES = {
    "executed_in_full": "执行完毕", "terminated": "终结执行", "not_enforced": "不予执行",
    "rejected": "驳回申请", "withdrawn": "撤回申请", "bankruptcy": "移送破产",
    "delegated": "委托执行",
}
CLOSED_BY_ORDER = frozenset({"terminated", "not_enforced", "rejected", "withdrawn"})


class EnforcementCase(Aggregate):
    """执行案件 — one case from filing to closure.

    Version 2 holds value objects and `StrEnum`s where version 1 held dicts and strings;
    its snapshots of version 1 are upcast (`upcast_v1_v2`), as are its `Filed` events.
    Version 3 (issue 17) adds the parties' access hashes, the officer's name and team
    phone, and the parties' messages (`upcast_v2_v3`).
    """

    class_version = 3
    typed_state = MappingProxyType({
        "basis": Basis, "parties": tuple[Party, ...], "claim": Claim, "link": CaseLink | None,
        "status": CaseStatus, "closure": Closure, "nodes": dict[str, Node], "notice": Notice | None,
        "leads": dict[str, Lead], "property_report": ReportState,
        "inquiries": dict[str, Inquiry], "settlement": Settlement | None,
        "sanctions": list[Sanction], "resumed_as": Resumption | None,
        "delegation": Delegation | None, "access": tuple[PartyAccess, ...],
        "party_messages": dict[str, PartyMessage],
    })
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 snapshot: an absent notice, settlement, resumption, delegation or
        delegation result was `{}`, now `None`; the link was two strings, now a `CaseLink`."""
        for name in ("notice", "settlement", "resumed_as", "delegation"):
            state[name] = state.get(name) or None
        if state["delegation"] is not None:
            delegation = state["delegation"]
            state["delegation"] = {**delegation, "result": delegation.get("result") or None}
        _upcast_link(state)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """Issue 17 added the parties' access hashes, the officer's name and team phone
        as entered, and the parties' messages: a version-2 snapshot has none of them."""
        state.setdefault("access", [])
        state.setdefault("lead_officer_name", "")
        state.setdefault("team_phone", "")
        state.setdefault("party_messages", {})

    class Filed(Aggregate.Created):
        """立案 (version 2: typed basis, parties and claim; one optional link)."""

        class_version: ClassVar[int] = 2
        case_number: str
        court_code: str
        case_type: str
        basis: Basis
        parties: tuple[Party, ...]
        claim: Claim
        filed_on: str
        request_id: str
        nodes: dict[str, str]
        link: CaseLink | None
        provisional: tuple[str, ...] = ()
        """The nodes counted with no official holiday schedule (R64); added later, so
        a default: stored events without it read as none provisional."""
        access: tuple[PartyAccess, ...] = ()
        """The parties' access-code hashes (issue 17); none in events stored before."""

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 said `linked_case_id` and `link_kind` ("" when unlinked) and
            could omit `nodes`; the dicts of basis, parties and claim keep their shape."""
            state.setdefault("nodes", {})
            _upcast_link(state)

    @staticmethod
    def create_id(court_code: str, request_id: str) -> UUID:
        """A court's idempotency key always names the same case (keys of other courts
        never collide with it)."""
        return uuid5(NAMESPACE, f"request/{court_code}/{request_id}") if request_id else uuid4()

    @event(Filed)
    def __init__(self, case_number: str, court_code: str, case_type: str, basis: Basis,
                 parties: tuple[Party, ...], claim: Claim, filed_on: str, request_id: str,
                 nodes: dict[str, str], link: CaseLink | None,
                 provisional: tuple[str, ...] = (),
                 access: tuple[PartyAccess, ...] = ()) -> None:
        self.case_number = case_number
        self.court_code = court_code
        self.case_type = case_type
        self.basis = basis
        self.parties = tuple(parties)
        self.claim = claim
        self.filed_on = filed_on
        self.link = link
        self.status = CaseStatus.FILED
        self.closure = Closure.NONE
        self.team = ""
        self.lead_officer = ""
        self.nodes: dict[str, Node] = {}
        self._open_nodes(nodes, provisional, filed_on)
        self.notice: Notice | None = None
        self.leads: dict[str, Lead] = {}
        self.property_report = ReportState.NONE
        self.restricted: list[str] = []
        self.listing_decided: list[str] = []
        self.inquiries: dict[str, Inquiry] = {}
        self.interviewed_on = ""
        self.debtor_missing = False
        self.debtor_searched = False
        self.settlement: Settlement | None = None
        self.sanctions: list[Sanction] = []
        self.concluded_on = ""
        self.requery_dates: list[str] = []
        self.resumed_as: Resumption | None = None
        self.delegation: Delegation | None = None
        self.applied: list[str] = []
        self.access = tuple(access)
        self.lead_officer_name = ""
        self.team_phone = ""
        self.party_messages: dict[str, PartyMessage] = {}

    @classmethod
    def file(cls, filing: Filing, number: CaseNumber, filed_on: str, request_id: str = "",
             nodes: dict[str, str] | None = None, provisional: tuple[str, ...] = (),
             access: tuple[PartyAccess, ...] = ()) -> EnforcementCase:
        """立案: open the case under its new number (R38), its node clock running (R26/R27)."""
        link = (CaseLink(filing.linked_case_id, filing.link_kind)
                if filing.linked_case_id else None)
        return cls(
            case_number=str(number), court_code=str(filing.court.code),
            case_type=filing.case_type.value, basis=filing.basis, parties=filing.parties,
            claim=filing.claim, filed_on=filed_on, request_id=request_id, nodes=nodes or {},
            link=link, provisional=provisional, access=access,
        )

    # --- who and what ---------------------------------------------------------------

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def linked_case_id(self) -> str:
        """R40: the case this one hangs off, or ""."""
        return self.link.case_id if self.link else ""

    @property
    def link_kind(self) -> str:
        return self.link.kind if self.link else ""

    @property
    def respondents(self) -> list[Party]:
        return [p for p in self.parties if p.role == "respondent"]

    @property
    def applicants(self) -> list[Party]:
        return [p for p in self.parties if p.role == "applicant"]

    @property
    def claim_total_fen(self) -> int:
        return self.claim.total_fen

    @property
    def government_debtor(self) -> bool:
        return any(p.kind == "state_organ" for p in self.respondents)

    def has_applied(self, key: str) -> bool:
        """Facts from other services arrive at least once; each is applied once."""
        return key in self.applied

    # --- 分案, 执行通知, 财产报告 (R5, R27) ------------------------------------------

    class Assigned(Aggregate.Event):
        """分案; `provisional` (R64) was added later with a default."""

        team: str
        lead_officer: str
        assigned_on: str
        nodes: dict[str, str]
        provisional: tuple[str, ...] = ()
        lead_officer_name: str = ""
        """The officer's name as entered, shown to the parties (issue 17)."""
        team_phone: str = ""
        """The team's phone as entered, shown to the parties (issue 17)."""

    @event(Assigned)
    def assign(self, team: str, lead_officer: str, assigned_on: str,
               nodes: dict[str, str], provisional: tuple[str, ...] = (),
               lead_officer_name: str = "", team_phone: str = "") -> None:
        """分案 — a team and lead officer take the case; the R27 node clock starts."""
        self._require_status(FILED, EXECUTING, act="assign")
        self.team = team
        self.lead_officer = lead_officer
        self.lead_officer_name = lead_officer_name
        self.team_phone = team_phone
        self.status = EXECUTING
        self._done("assign", assigned_on)
        # A reassignment keeps the limits already met or running (R27 counts from the
        # first receipt of the file).
        self._open_nodes({k: v for k, v in nodes.items() if k not in self.nodes},
                         provisional, assigned_on)

    class NoticeServed(Aggregate.Event):
        """执行通知书 served; `provisional` (R64) was added later with a default."""

        served_on: str
        property_report_due: str
        listing_warning: bool = True
        provisional: bool = False

    @event(NoticeServed)
    def serve_notice(self, served_on: str, property_report_due: str,
                     listing_warning: bool = True, provisional: bool = False) -> None:
        """执行通知书 with the property-report order (报告财产令) and, by R5, the warning
        that the debtor may be listed as dishonest."""
        self._require_status(EXECUTING, act="serve the execution notice", rule="R27")
        self.notice = Notice(served_on, report_order=True, listing_warning=listing_warning)
        self._done("notice", served_on)
        self._open_nodes({"property_report": property_report_due},
                         ("property_report",) if provisional else (), served_on)

    @event("LeadsRequested")
    def request_leads(self, requested_on: str) -> None:
        """Ask the applicant for property leads (R27: within 3 days)."""
        self._require_status(EXECUTING, SETTLED, act="ask for property leads")
        self._done("leads_request", requested_on)

    class LeadReceived(Aggregate.Event):
        """A property lead received; `provisional` (R64) was added later with a default."""

        lead_id: str
        received_on: str
        verify_by: str
        provisional: bool = False

    @event(LeadReceived)
    def receive_lead(self, lead_id: str, received_on: str, verify_by: str,
                     provisional: bool = False) -> None:
        """A property lead from the applicant; R27 gives 5 days to verify it."""
        self._require_status(EXECUTING, SETTLED, CONCLUDED, act="receive a property lead")
        self.leads[lead_id] = Lead(received_on)
        node = f"verify_lead:{lead_id}"
        self._open_nodes({node: verify_by}, (node,) if provisional else (), received_on)

    @event("LeadVerified")
    def verify_lead(self, lead_id: str, verified_on: str, found: bool) -> None:
        self._require_status(EXECUTING, SETTLED, CONCLUDED, act="verify a property lead")
        if lead_id not in self.leads:
            raise WrongStage("no such property lead", field="lead_id")
        self.leads[lead_id] = replace(self.leads[lead_id], verified_on=verified_on, found=found)
        self._done(f"verify_lead:{lead_id}", verified_on)

    @event("PropertyReported")
    def record_property_report(self, reported_on: str) -> None:
        """财产报告 — the debtor reported (R5: the order came with the notice)."""
        if self.notice is None:
            raise WrongStage("no property-report order was served yet", rule="R27",
                             field="case_id")
        self.property_report = ReportState.REPORTED
        self._done("property_report", reported_on)

    @event("PropertyReportMissed")
    def record_report_missed(self, due_on: str, noted_on: str) -> None:
        """No report by the deadline: a candidate for listing ground R1(4)."""
        self.property_report = ReportState.MISSED

    def report_is_missed(self, today: date) -> bool:
        node = self.nodes.get("property_report")
        return (self.property_report is ReportState.NONE and node is not None
                and not node.done_on and date.fromisoformat(node.due) < today)

    # --- the node clock (R26, R27, R28) ----------------------------------------------

    def overdue_nodes(self, today: date) -> list[str]:
        """Open nodes past their last day and not yet flagged."""
        return [name for name, node in self.nodes.items()
                if not node.done_on and not node.overdue
                and date.fromisoformat(node.due) < today]

    @event("NodeOverdue")
    def flag_overdue(self, node: str, due_on: str, rule: str, noted_on: str) -> None:
        self.nodes[node] = replace(self.nodes[node], overdue=True)

    @event("DeadlinesCounted")
    def count_deadlines(self, counted: dict[str, Counted], counted_on: str) -> None:
        """期限 counted (again) on `counted_on`: running nodes' last days, flagged
        provisional while no official holiday schedule covers them (R64). An extended
        node keeps the day the president approved (R26)."""
        for name, count in counted.items():
            node = self.nodes.get(name)
            if node is None or node.done_on or node.extended:
                continue
            self.nodes[name] = replace(
                node, due=count.due, provisional=count.provisional,
                counted_from=count.counted_from if count.provisional else "",
                overdue=node.overdue and count.due <= node.due)

    def provisional_nodes(self) -> dict[str, Node]:
        """Running nodes whose last day was counted provisionally (R64)."""
        return {name: node for name, node in self.nodes.items()
                if node.provisional and not node.done_on and not node.extended}

    def extend(self, node: str, due_on: date, *, approver_role: str, approver: str,
               today: date, lead_days: int) -> None:
        """R26: extended only with the (vice-)president's approval, applied for at least
        `lead_days` days before expiry — never after."""
        current = self.nodes.get(node)
        if current is None or current.done_on:
            raise ExtensionRefused(f"no running time limit {excerpt(node)}", rule="R26", field="node")
        if approver_role != "president":
            raise ExtensionRefused("only the court (vice-)president approves an extension",
                                   rule="R26", field="approved_by")
        expiry = date.fromisoformat(current.due)
        if (expiry - today).days < lead_days:
            raise ExtensionRefused(
                f"the time limit ends {expiry}; an extension must be sought at least "
                f"{lead_days} days before", rule="R26", field="node")
        if due_on <= expiry:
            raise ExtensionRefused("the new last day must be after the current one",
                                   rule="R26", field="due_on")
        self._extend(node, due_on.isoformat(), approver)

    @event("DeadlineExtended")
    def _extend(self, node: str, due_on: str, approved_by: str) -> None:
        self.nodes[node] = replace(self.nodes[node], due=due_on, overdue=False, extended=True,
                                   provisional=False, counted_from="")

    # --- facts from other services (assets, credit) ------------------------------------

    @event("InquiryRecorded")
    def record_inquiry(self, key: str, debtor: str, completed_on: str, kinds: list[str],
                       disposable: bool, requery: bool) -> None:
        """网络查控 result for a debtor, from the assets service (R16(3), R18)."""
        self.applied.append(key)
        result = Inquiry(completed_on, tuple(sorted(kinds)), disposable, requery)
        known = self.inquiries.get(debtor)
        # Every completed inquiry counts (R16(3)): a partial one arriving last hides nothing.
        self.inquiries[debtor] = known.with_result(result) if known else result
        if not requery:
            self._done("investigation", completed_on)

    @event("RestrictionRecorded")
    def record_restriction(self, key: str, debtor: str, issued_on: str) -> None:
        """限制消费令 issued (R16(2)), from the credit service."""
        self.applied.append(key)
        if debtor not in self.restricted:
            self.restricted.append(debtor)

    @event("ListingDecisionRecorded")
    def record_listing_decision(self, key: str, debtor: str, listed: bool,
                                decided_on: str) -> None:
        """The listing question settled for a debtor (R16(2)), from the credit service."""
        self.applied.append(key)
        if debtor not in self.listing_decided:
            self.listing_decided.append(debtor)

    @event("ApplicantInterviewed")
    def interview_applicant(self, interviewed_on: str, summary: str) -> None:
        """约谈 — the applicant was told the measures taken and what 终本 means (R17)."""
        self._require_status(EXECUTING, SETTLED, act="interview the applicant")
        self.interviewed_on = interviewed_on

    @event("DebtorReportedMissing")
    def report_debtor_missing(self, noted_on: str) -> None:
        self._require_status(EXECUTING, SETTLED, act="report the debtor missing")
        self.debtor_missing = True

    @event("DebtorSearched")
    def record_debtor_search(self, searched_on: str, located: bool) -> None:
        """R16(5): a missing debtor was searched for (located or not)."""
        self._require_status(EXECUTING, SETTLED, CONCLUDED, act="record a search for the debtor")
        self.debtor_searched = True
        self.debtor_missing = not located

    # --- 当事人留言 (issue 17; a local practice, not a statutory limit) -----------------

    class PartyMessageReceived(Aggregate.Event):
        """A party left a message in the parties' window; the team answers it by `due_on`
        (the policy table's local limit, not a rule of law)."""

        message_id: str
        party_role: str
        excerpt: str
        left_at: str
        due_on: str
        provisional: bool = False

    @event(PartyMessageReceived)
    def receive_party_message(self, message_id: str, party_role: str, excerpt: str,
                              left_at: str, due_on: str, provisional: bool = False) -> None:
        """A party's message reaches the team's worklist (node `party_message:<id>`) —
        on a closed case it is recorded only: no limit runs on a case that has ended
        (the sweep would load it for ever)."""
        self.party_messages[message_id] = PartyMessage(party_role, excerpt, left_at)
        if self.status == CLOSED:
            return
        node = f"party_message:{message_id}"
        self._open_nodes({node: due_on}, (node,) if provisional else (), left_at[:10])

    def answer_party_message(self, message_id: str, answer: str, answered_on: str) -> None:
        """The team answers; the message leaves the worklist."""
        message = self.party_messages.get(message_id)
        if message is None:
            raise WrongStage("no such message on this case", field="message_id")
        if message.answered_on:
            raise WrongStage(f"the message was answered on {message.answered_on}",
                             field="message_id")
        if not answer.strip():
            raise InvalidInput("the answer must not be empty", field="answer")
        self._answer_party_message(message_id, answer, answered_on)

    @event("PartyMessageAnswered")
    def _answer_party_message(self, message_id: str, answer: str, answered_on: str) -> None:
        self.party_messages[message_id] = replace(self.party_messages[message_id],
                                                  answered_on=answered_on)
        self._done(f"party_message:{message_id}", answered_on)

    # --- 终本 and 恢复执行 (R16–R19) --------------------------------------------------

    def zhongben_facts(self, earliest_day: date, unpaid_fen: int) -> zhongben.ZhongbenFacts:
        return zhongben.ZhongbenFacts(
            notice_served=self.notice is not None,
            report_order_issued=self.notice is not None and self.notice.report_order,
            respondents=[p.identity_number for p in self.respondents],
            restricted=set(self.restricted), listing_decided=set(self.listing_decided),
            inquiries=self.inquiries,
            open_leads=sum(1 for lead in self.leads.values() if not lead.verified_on),
            earliest_day=earliest_day, debtor_missing=self.debtor_missing,
            debtor_searched=self.debtor_searched,
            applicant_interviewed=bool(self.interviewed_on), unpaid_fen=unpaid_fen)

    def conclude(self, today: date, *, earliest_day: date, unpaid_fen: int,
                 requery_dates: list[str]) -> None:
        """终本 — only when every precondition of R16 and R17 holds."""
        self._require_status(EXECUTING, act="terminate the current round (终本)", rule="R16")
        unmet = zhongben.unmet_preconditions(self.zhongben_facts(earliest_day, unpaid_fen), today)
        if unmet:
            raise ConclusionRefused(unmet)
        self._conclude(today.isoformat(), unpaid_fen, requery_dates)

    @event("Concluded")
    def _conclude(self, concluded_on: str, unpaid_fen: int, requery_dates: list[str]) -> None:
        self.status = CONCLUDED
        self.concluded_on = concluded_on
        self.requery_dates = requery_dates
        # A party's unanswered message stays on the worklist: 终本 ends no conversation
        # (issue 17); closing the case (结案) takes it off.
        self._close_nodes(concluded_on, but="party_message:")

    @event("Resumed")
    def resume(self, resumed_on: str, new_case_id: str, new_case_number: str,
               reason: str) -> None:
        """恢复执行 (R18): at any time after 终本, as a new 执恢 case."""
        self._require_status(CONCLUDED, act="resume (恢复执行)", rule="R18")
        if self.resumed_as is not None:
            raise WrongStage(f"already resumed as {self.resumed_as.case_number}",
                             rule="R18", field="case_id")
        self.resumed_as = Resumption(new_case_id, new_case_number, reason)

    # --- 执行和解 ------------------------------------------------------------------------

    @event("SettlementAgreed")
    def agree_settlement(self, agreed_on: str, instalments: tuple[Instalment, ...]) -> None:
        """执行和解 — enforcement pauses while the debtor pays by instalments."""
        self._require_status(EXECUTING, act="record a settlement (执行和解)")
        self.settlement = Settlement(agreed_on, tuple(instalments), SettlementState.RUNNING)
        self.status = SETTLED

    def perform_settlement(self, today: date, *, recovered_fen: int,
                           undisbursed_fen: int) -> None:
        """The agreement was performed: the case closes as executed (履行完毕)."""
        self._require_status(SETTLED, act="record the settlement as performed")
        self._require_no_money_held(undisbursed_fen)
        self._settlement_performed(today.isoformat())
        self._close(Closure.EXECUTED_IN_FULL, today.isoformat(), recovered_fen)

    @event("SettlementPerformed")
    def _settlement_performed(self, performed_on: str) -> None:
        self._settle(SettlementState.PERFORMED)

    @event("SettlementDefaulted")
    def settlement_defaulted(self, defaulted_on: str) -> None:
        """The debtor defaulted: enforcement resumes; a candidate for R1(6)."""
        self._require_status(SETTLED, act="record a settlement default")
        self._settle(SettlementState.DEFAULTED)
        self.status = EXECUTING

    # --- sanctions (罚款、拘留; 拒执罪 referrals live in `referral.py`) ------------------

    @event("SanctionDecided")
    def decide_sanction(self, sanction_id: str, kind: str, amount_fen: int, days: int,
                        document_number: str, decided_on: str) -> None:
        self._require_status(EXECUTING, SETTLED, CONCLUDED, act="decide a sanction")
        self.sanctions.append(Sanction(sanction_id, kind, amount_fen, days, document_number,
                                       decided_on))

    # --- 结案, 执行转破产, 委托执行 ----------------------------------------------------

    def close(self, closure: str, today: date, *, recovered_fen: int,
              undisbursed_fen: int) -> None:
        """结案 in one of the ways the law knows; money must have left the account (R28)."""
        if closure not in CLOSED_BY_ORDER | {"executed_in_full"}:
            raise InvalidInput(f"closure must be one of executed_in_full, "
                               f"{', '.join(sorted(CLOSED_BY_ORDER))}", field="closure")
        self._require_status(*OPEN, act="close")
        if closure == "executed_in_full" and recovered_fen < self.claim_total_fen:
            raise ClosureRefused(f"recovered {recovered_fen} fen of {self.claim_total_fen}",
                                 rule="R28", field="closure")
        self._require_no_money_held(undisbursed_fen)
        self._close(Closure(closure), today.isoformat(), recovered_fen)

    def transfer_to_bankruptcy(self, today: date, *, consent_of: str, recovered_fen: int,
                               undisbursed_fen: int) -> None:
        """执行转破产 (R45): an insolvent organisation, with a party's consent."""
        self._require_status(*OPEN, CONCLUDED, act="transfer to bankruptcy", rule="R45")
        if not any(p.kind == "organisation" for p in self.respondents):
            raise ClosureRefused("only a corporate debtor (organisation) can be transferred "
                                 "to bankruptcy", rule="R45", field="case_id")
        if consent_of not in ("applicant", "respondent"):
            raise InvalidInput("needs the written consent of a party (applicant or "
                                 "respondent)", rule="R45", field="consent_of")
        self._require_no_money_held(undisbursed_fen)
        self._close(Closure.BANKRUPTCY, today.isoformat(), recovered_fen)

    def delegate(self, to_court: str, today: date) -> None:
        """委托执行 — the receiving court opens a 执协 case; this case closes as delegated."""
        self._require_status(FILED, EXECUTING, act="delegate (委托执行)")
        if to_court == self.court_code:
            raise WrongStage("a court cannot delegate to itself", field="to_court")
        self._delegate(to_court, today.isoformat())

    @event("Delegated")
    def _delegate(self, to_court: str, delegated_on: str) -> None:
        self.delegation = Delegation(to_court, delegated_on)
        self.status, self.closure = CLOSED, Closure.DELEGATED
        self._close_nodes(delegated_on)

    @event("DelegationResultReceived")
    def record_delegation_result(self, key: str, assisting_case_number: str, closure: str,
                                 recovered_fen: int, closed_on: str) -> None:
        """The 执协 case at the receiving court closed; its result flows back here."""
        self.applied.append(key)
        result = DelegationResult(assisting_case_number, closure, recovered_fen, closed_on)
        if self.delegation is not None:
            self.delegation = replace(self.delegation, result=result)

    @event("Closed")
    def _close(self, closure: Closure, closed_on: str, recovered_fen: int) -> None:
        self.status, self.closure = CLOSED, closure
        self._close_nodes(closed_on)

    # --- guards and node bookkeeping -------------------------------------------------

    def _require_status(self, *allowed: str, act: str, rule: str = "") -> None:
        if self.status not in allowed:
            wanted = "/".join(STATUS_LABELS[s] for s in allowed)
            raise WrongStage(f"cannot {act}: the case is {self.status_label}, not {wanted}",
                             rule=rule, field="case_id")

    @staticmethod
    def _require_no_money_held(undisbursed_fen: int) -> None:
        if undisbursed_fen:
            raise ClosureRefused(f"{undisbursed_fen} fen of execution money is still in the "
                                 "case account: disburse it first", rule="R28", field="closure")

    def _open_nodes(self, nodes: dict[str, str], provisional: tuple[str, ...] = (),
                    counted_from: str = "") -> None:
        """Running nodes; those in `provisional` keep the day they count from (R64)."""
        for name, due in nodes.items():
            marked = name in provisional
            self.nodes[name] = Node(due, provisional=marked,
                                    counted_from=counted_from if marked else "")

    def _done(self, node: str, on: str) -> None:
        if node in self.nodes and not self.nodes[node].done_on:
            self.nodes[node] = replace(self.nodes[node], done_on=on)

    def _close_nodes(self, on: str, but: str = "") -> None:
        """A closed or concluded case has no running node limits (but those whose name
        starts with `but`, when given)."""
        for name, node in self.nodes.items():
            if not node.done_on and not (but and name.startswith(but)):
                self.nodes[name] = replace(node, done_on=on)

    def _settle(self, state: SettlementState) -> None:
        if self.settlement is not None:
            self.settlement = replace(self.settlement, state=state)


def _upcast_link(state: dict[str, Any]) -> None:
    """Version 1's `linked_case_id` and `link_kind` ("" when unlinked) → `link`."""
    case_id, kind = state.pop("linked_case_id", ""), state.pop("link_kind", "")
    state["link"] = {"case_id": case_id, "kind": kind} if case_id else None
