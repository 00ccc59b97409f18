"""The public portal and the parties' window end to end — in both run modes (issue 17).

The court works two cases (testkit.portal: filed with access codes, assigned with the
officer's name and the team's phone, a person's debtor restricted, listed and taken to
终本, a company's restricted and listed with its legal representative bound, R14, R16).
Then, as the public and the parties see it over `PublicityService`:
- 综合查询 by name + number finds the person on the 失信, 限制消费 and 终本 lists, masked
  (R6, R19, R60), and the representative by HIS name + number finds the company's
  restriction; the right number with another name finds nothing;
- the removal (R8) takes the person's entry off the search at once (R61);
- a party opens its case with its code (timeline with the officer's name and phone) and
  leaves a message that the team's GetWorklist shows, with its text; the answer closes it;
  wrong codes are limited per case (RESOURCE_EXHAUSTED);
- a lead reported through ReportLead reaches the team's ListLeads with R27's
  verification deadline, and its status follows through GetLeadStatus;
- a typical case drafted (redacted), submitted and approved appears in ListTypicalCases.
Cluster mode runs each service's api, relay and worker on PostgreSQL and Kafka; embedded
mode one process on SQLite. Both give the same results. The e2e layer's scanner then
reads every page, PublicityService answer, log line and span (tests/e2e/conftest.py).
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from testkit.portal import (
    ACCOUNT,
    COMPANY,
    CONCLUDED,
    COURT,
    DEBTOR,
    OFFICER_NAME,
    POLL,
    REPRESENTATIVE,
    START,
    TEAM_PHONE,
    WAIT,
    Filed,
    PortalCourt,
    court_works,
    team_lead,
    worklist_item,
)
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.eventstore.settings import Settings

pytestmark = pytest.mark.e2e

SERVICES = ("cases", "assets", "credit", "publicity")
MESSAGE = "请问执行款何时能够发放"
LEAD_TEXT = "被执行人公司的一辆白色货车常停在锦江区某物流园，" + f"其账户{ACCOUNT}仍在使用"
"""A lead naming an account: the team reads it (ListLeads); the public never does."""


def portal_of(suite: RunningSuite) -> PortalCourt:
    return PortalCourt(suite.targets, suite.secret, suite.travel, Settings.from_env(suite.env))


def searched_until(portal: PortalCourt, name: str, number: str, what: str,
                   holds: Any) -> Any:
    return wait_until(lambda: (a := portal.searched(name, number)) is not None and holds(a)
                      and a, timeout=WAIT, interval=POLL, what=what)


def search(portal: PortalCourt, person: Filed, company: Filed) -> dict[str, Any]:
    """综合查询: the person on three lists, the representative on the company's order."""
    found = searched_until(portal, DEBTOR.name, DEBTOR.identity_number,
                           "the person on the 失信, 限制消费 and 终本 lists",
                           lambda a: a.dishonest and a.restricted and a.zhongben)
    bound = searched_until(portal, REPRESENTATIVE.name, REPRESENTATIVE.identity_number,
                           "the representative bound by the company's restriction (R14)",
                           lambda a: a.restricted)
    stranger = portal.searched("王五", DEBTOR.identity_number)
    return {
        "person": (sorted(e.case_number == person.case_number for e in found.dishonest),
                   [e.case_number == person.case_number for e in found.restricted],
                   [(e.case_number == person.case_number, e.unpaid_fen > 0)
                    for e in found.zhongben],
                   found.identity == masked(DEBTOR.identity_number),
                   [e.identity == masked(DEBTOR.identity_number) for e in found.dishonest],
                   [(e.sex, e.age > 0) for e in found.dishonest]),
        "representative": [(e.case_number == company.case_number, e.name == COMPANY.name,
                            sorted((p.role, p.name == REPRESENTATIVE.name,
                                    p.identity == masked(REPRESENTATIVE.identity_number))
                                   for p in e.persons))
                           for e in bound.restricted],
        "stranger": stranger is not None and not (stranger.dishonest or stranger.restricted
                                                  or stranger.zhongben or stranger.in_progress),
    }


def masked(number: str) -> str:
    """R60's mask of a resident ID as the policy table sets it (6 + 4 kept)."""
    return number[:6] + "*" * 8 + number[-4:]


def removal(portal: PortalCourt, person: Filed) -> tuple[bool, bool]:
    """R8/R61: removed, and off the search and the court's public list within the same
    deadline (the company's entry stays)."""
    def listed() -> list[str]:
        return [e.case_number for e in portal.public("ListDishonest", court_code=COURT).entries]

    before = person.case_number in listed()
    portal.remove(person, CONCLUDED)
    searched_until(portal, DEBTOR.name, DEBTOR.identity_number,
                   "the removed listing off the 综合查询 (R61)", lambda a: not a.dishonest)
    wait_until(lambda: person.case_number not in listed(), timeout=WAIT, interval=POLL,
               what="the removed listing off the court's 失信 list (R61)")
    return before, len(listed()) == 1


def parties(portal: PortalCourt, person: Filed, company: Filed) -> dict[str, Any]:
    """The person's applicant sees its 终本 case's timeline; the company's applicant
    leaves a message on its open case that the team's worklist shows, and the answer
    closes it; wrong codes are limited per case."""
    opened = portal.public("OpenPartyCase", case_number=person.case_number,
                           access_code=person.codes["applicant"])
    code = company.codes["applicant"]
    left = portal.public("LeaveMessage", case_number=company.case_number, access_code=code,
                         text=MESSAGE)
    item = wait_until(lambda: worklist_item(portal, company), timeout=WAIT,
                      what="the party's message on the team's worklist")
    portal.cases("AnswerPartyMessage", case=cases_pb2.CaseRef(case_id=company.case_id),
                 message_id=left.message_id, answer="执行款将于本月内发放。")
    wait_until(lambda: worklist_item(portal, company) is None, timeout=WAIT,
               what="the answered message off the worklist")
    answered = wait_until(
        lambda: [(m.text, m.answer) for m in portal.public(
            "OpenPartyCase", case_number=company.case_number, access_code=code).messages
            if m.answer], timeout=WAIT, interval=POLL, what="the answer in the party's window")
    other = portal.public("OpenPartyCase", case_number=company.case_number,
                          access_code=company.codes["respondent"])
    details = " ".join(step.detail for step in opened.timeline)
    return {
        "role": opened.party_role,
        "progress": opened.progress.case_number == person.case_number,
        "timeline": sorted({step.kind for step in opened.timeline}),
        "officer": OFFICER_NAME in details and TEAM_PHONE in details,
        "item": (item.label, item.detail.startswith("申请执行人"), MESSAGE in item.detail),
        "answered": answered,
        "other party sees it": [m.text for m in other.messages],
        "wrong codes": wrong_codes(portal, person),
    }


def wrong_codes(portal: PortalCourt, case: Filed) -> list[str]:
    """Six wrong codes on one case: five answered as "wrong", then held (per case)."""
    answers = []
    for n in range(6):
        try:
            portal.public("OpenPartyCase", case_number=case.case_number,
                          access_code=f"AAAA-BBBB-CCC{n}")
            answers.append("OK")
        except grpc.RpcError as error:
            answers.append(error.code().name)
    return answers


def leads(portal: PortalCourt, company: Filed) -> dict[str, Any]:
    """A lead on the company's listing reaches the team; its status follows."""
    receipt = portal.public("ReportLead", source="listing", source_id=company.listing_id,
                            property_kind="vehicle", text=LEAD_TEXT, contact="微信 lead-e2e")
    lead = wait_until(lambda: team_lead(portal, company), timeout=WAIT,
                      what="the lead on the team's ListLeads")
    accepted = wait_until(
        lambda: (s := portal.public("GetLeadStatus", reference=receipt.reference)).verify_by
        and s, timeout=WAIT, interval=POLL, what="the lead's status to show it accepted")
    portal.inquiry("VerifyLead", lead_id=lead.lead_id, outcome="property_found",
                   note="已查明车辆，依法查封")
    verified = wait_until(
        lambda: (s := portal.public("GetLeadStatus", reference=receipt.reference)).verified_on
        and s, timeout=WAIT, interval=POLL, what="the lead's status to show it verified")
    return {"team": (lead.case_number == company.case_number, lead.text == LEAD_TEXT,
                     lead.verify_by == accepted.verify_by, lead.overdue),
            "status": (accepted.status, verified.status, verified.outcome,
                       LEAD_TEXT not in str(verified))}


def typical(portal: PortalCourt, person: Filed) -> dict[str, Any]:
    """Drafted by the press role (redacted), approved by a judge, on the portal."""
    body = (f"被执行人{DEBTOR.name}（身份证号{DEBTOR.identity_number}）拒不履行生效判决，"
            f"其名下账户{ACCOUNT}被冻结后仍转移财产，法院依法将其纳入失信被执行人名单。")
    draft = portal.desk("DraftTypicalCase", "press", title="隐匿财产拒不履行 终被纳入失信名单",
                        summary="一起被执行人转移财产的典型案例", body=body,
                        case_number=person.case_number, redact_names=[DEBTOR.name]).draft
    portal.desk("SubmitTypicalCase", "press", typical_case_id=draft.typical_case_id)
    portal.desk("ReviewTypicalCase", "judge", typical_case_id=draft.typical_case_id,
                approve=True)
    shown = wait_until(lambda: next((c for c in portal.public("ListTypicalCases").cases
                                     if c.typical_case_id == draft.typical_case_id), None),
                       timeout=WAIT, interval=POLL, what="the typical case on the portal")
    shown = portal.public("GetTypicalCase", typical_case_id=draft.typical_case_id).typical_case
    return {"title": shown.title, "redacted": (DEBTOR.name not in shown.body,
                                               DEBTOR.identity_number not in shown.body,
                                               ACCOUNT not in shown.body,
                                               DEBTOR.name[0] + "某" in shown.body)}


def portal_life(suite: RunningSuite) -> dict[str, Any]:
    portal = portal_of(suite)
    try:
        person, company = court_works(portal)
        seen = {"search": search(portal, person, company)}
        seen["removal"] = removal(portal, person)
        seen["parties"] = parties(portal, person, company)
        seen["leads"] = leads(portal, company)
        seen["typical"] = typical(portal, person)
        return seen
    finally:
        portal.close()


@pytest.fixture(scope="module")
def lives() -> dict[str, dict[str, Any]]:
    return {}


class TestPublicPortal:
    def test_cluster_mode_public_and_parties_see_what_the_court_did_when_it_works_its_cases(
            self, tmp_path, processes, pii_watch, lives):
        pii_watch.watch_for(ACCOUNT)  # in a lead's and a typical case's free text
        suite = cluster_suite(processes, tmp_path, SERVICES, START, ZHIXING_SWEEP_SECONDS="1")
        lives["cluster"] = seen = portal_life(suite)
        check(seen)

    def test_embedded_mode_gives_the_same_results_when_run_in_one_process(
            self, tmp_path, processes, pii_watch, lives):
        pii_watch.watch_for(ACCOUNT)
        suite = embedded_suite(processes, tmp_path, SERVICES, START, ZHIXING_SWEEP_SECONDS="1")
        seen = portal_life(suite)
        check(seen)
        if "cluster" in lives:
            assert seen == lives["cluster"]


def check(seen: dict[str, Any]) -> None:
    """What the issue asks, from what the public, the parties and the team were told."""
    dishonest, restricted, zhongben, identity, masked_entries, facts = seen["search"]["person"]
    assert dishonest == [True] and restricted == [True] and zhongben == [(True, True)]
    assert identity and masked_entries == [True] and facts == [("female", True)]
    assert seen["search"]["representative"] == [
        (True, True, [("legal_representative", True, True)])]
    assert seen["search"]["stranger"] is True
    assert seen["removal"] == (True, True)
    parties_seen = seen["parties"]
    assert parties_seen["role"] == "applicant" and parties_seen["progress"]
    assert {"filed", "assigned", "notice_served", "concluded"} <= set(parties_seen["timeline"])
    assert parties_seen["officer"]
    assert parties_seen["item"] == ("答复当事人留言", True, True)
    assert parties_seen["answered"] == [(MESSAGE, "执行款将于本月内发放。")]
    assert parties_seen["other party sees it"] == []  # only a party's own messages
    assert parties_seen["wrong codes"] == ["NOT_FOUND"] * 5 + ["RESOURCE_EXHAUSTED"]
    team, status = seen["leads"]["team"], seen["leads"]["status"]
    assert team == (True, True, True, False)
    assert status[3] and status[0] != status[1]
    assert seen["typical"]["redacted"] == (True, True, True, True)
