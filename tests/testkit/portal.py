"""The public portal's scenario as the cross-service tests drive it (issue 17): one court's
people over the cases, assets and credit APIs and the publicity desk, and the public over
`PublicityService` — the same steps for the e2e test (both run modes) and the browser test.

The court files two cases on 2 March (each party gets its access code), assigns them with
the officer's name and the team's phone, serves the notices; the first case's inquiry
finds nothing (injected: no API answers without the agencies) and its applicant is
interviewed (R17); on 20 April the first case's debtor, a person, is restricted and
listed, and the second's, a company, is restricted and listed with its legal
representative bound (R14); in June the first case goes to 终本 (R16).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import grpc

from testkit.filings import company, file_case_request, person
from testkit.supervision import Court
from testkit.waiting import wait_until
from zhixing.cases.demo import resident_id
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.pb.assets.v1 import inquiry_pb2
from zhixing.contracts.pb.assets.v1.inquiry_pb2_grpc import AssetInquiryServiceStub
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.contracts.pb.publicity.v1 import desk_pb2, publicity_pb2
from zhixing.contracts.pb.publicity.v1.desk_pb2_grpc import PublicityDeskServiceStub
from zhixing.contracts.pb.publicity.v1.publicity_pb2_grpc import PublicityServiceStub
from zhixing.eventstore.settings import Settings
from zhixing.runtime.inject import publish_event
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

COURT, TEAM = "川0104", "执行一组"
OFFICER_NAME, TEAM_PHONE = "王建国", "028-86000104"
START = "2026-03-02T10:00:00+08:00"
INQUIRED, RESTRICTED, CONCLUDED = "2026-03-20", "2026-04-20", "2026-06-10"
QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities", "tax"]
WAIT = 60
POLL = 0.25
"""Seconds between a public caller's polls: well inside the anonymous rate (20/s)."""
DEBTOR = cases_pb2.Party(name="李秀英", kind=cases_pb2.PARTY_KIND_NATURAL_PERSON,
                         identity_number=resident_id("510104", "19760415", "322"))
"""The first case's debtor, a person: listed, restricted, then 终本 (R16)."""
REPRESENTATIVE = credit_pb2.Person(role="legal_representative", name="赵国强",
                                   identity_number=resident_id("510105", "19690823", "517"))
"""The company debtor's legal representative, bound by its restriction (R14)."""
COMPANY = company()
ACCOUNT = "6222020402012345678"
"""A debtor's bank account the court knows: never on a public surface (R60)."""


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


@dataclass
class Filed:
    """A case the court filed: its id, number and each party's access code by role."""

    case_id: str
    case_number: str
    codes: dict[str, str]
    listing_id: str = ""
    restriction_id: str = ""


@dataclass
class PortalCourt:
    """The court's people (cases, assets, credit, the desk) and the public, of one suite."""

    targets: dict[str, str]
    secret: str
    clock: Any
    inject: Settings
    court: Court = field(init=False)
    channels: list[grpc.Channel] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Court opens a channel to supervision too, which this scenario never calls (and a
        # cluster without it does not run): any address will do for an unused channel.
        self.court = Court({"supervision": self.targets["cases"], **self.targets},
                           self.secret, COURT, TEAM)
        public = self._channel("publicity")
        self.public_stub = PublicityServiceStub(public)
        self.desk_stub = PublicityDeskServiceStub(public)
        self.inquiry_stub = AssetInquiryServiceStub(self._channel("assets"))
        self.tokens = {role: bearer_metadata(issue_token(Identity(
            f"{role}-{COURT}", role, COURT, team=TEAM if role == "officer" else ""),
            self.secret)) for role in ("press", "judge", "officer")}

    def _channel(self, service: str) -> grpc.Channel:
        channel = grpc.insecure_channel(self.targets[service])
        self.channels.append(channel)
        return channel

    def travel(self, day: str) -> None:
        self.clock(at(day))

    def cases(self, method: str, **fields: Any) -> Any:
        return self.court("cases", method, **fields)

    def public(self, method: str, **fields: Any) -> Any:
        """An anonymous caller of `PublicityService` (no token)."""
        request = getattr(publicity_pb2, f"{method}Request")(**fields)
        return getattr(self.public_stub, method)(request, timeout=30)

    def desk(self, method: str, role: str, **fields: Any) -> Any:
        request = getattr(desk_pb2, f"{method}Request")(**fields)
        return getattr(self.desk_stub, method)(request, metadata=self.tokens[role], timeout=30)

    def inquiry(self, method: str, **fields: Any) -> Any:
        request = getattr(inquiry_pb2, f"{method}Request")(**fields)
        return getattr(self.inquiry_stub, method)(request, metadata=self.tokens["officer"],
                                                  timeout=30)

    def file(self, index: int, respondent: cases_pb2.Party) -> Filed:
        request = file_case_request(index, court=COURT, request_id=f"portal-{index}",
                                    applicants=[person(index + 400)], respondents=[respondent])
        filed = self.cases("FileCase", **{f.name: v for f, v in request.ListFields()})
        codes = {code.role: code.access_code for code in filed.access_codes}
        ref = cases_pb2.CaseRef(case_id=filed.case_id)
        self.cases("AssignCase", case=ref, team=TEAM, lead_officer="officer-portal",
                   lead_officer_name=OFFICER_NAME, team_phone=TEAM_PHONE)
        self.cases("ServeNotice", case=ref)
        return Filed(filed.case_id, filed.case_number, codes)

    def restrict_and_list(self, case: Filed, debtor: str,
                          persons: list[credit_pb2.Person]) -> None:
        """The bench restricts the debtor (R12) and lists it (R1) once credit knows the
        case and its notice; with the listing the restriction is published (R10, R12)."""
        restricted = wait_until(lambda: self.court.once_known(
            "credit", "OrderRestriction", "judge", case_ref=case.case_number,
            debtor_identity_number=debtor, order_number=f"{case.case_number}之限",
            persons=persons), timeout=WAIT, what="credit to know the case and its notice")
        listing = self.court("credit", "DecideListing", "judge", case_ref=case.case_number,
                             debtor_identity_number=debtor, grounds=[2],
                             facts="以暴力方法阻碍执行", decision_number=f"{case.case_number}之失",
                             signed_by_president=True, persons=persons).listing
        case.listing_id = listing.listing_id
        case.restriction_id = restricted.restriction.restriction_id

    def conclude(self, case: Filed) -> None:
        """终本 once the cases service sees every R16 precondition held."""
        ref = cases_pb2.CaseRef(case_id=case.case_id)
        wait_until(lambda: not self.cases("CheckConclusion", case=ref).unmet, timeout=WAIT,
                   what="every R16 precondition held before 终本")
        self.cases("ConcludeCase", case=ref)

    def remove(self, case: Filed, day: str) -> None:
        """R8(3): removal on the applicant's request."""
        self.court("credit", "RemoveListing", "judge", listing_id=case.listing_id, reason=3,
                   triggered_on=day)

    def searched(self, name: str, identity: str) -> Any:
        """综合查询 by name + number; None while the anonymous rate holds the caller."""
        try:
            return self.public("SearchDebtor", name=name, identity_number=identity)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
                return None
            raise

    def close(self) -> None:
        self.court.close()
        for channel in self.channels:
            channel.close()


def court_works(portal: PortalCourt) -> tuple[Filed, Filed]:
    """The court's months up to 终本 (see the module's docstring): (the person's case,
    the company's)."""
    person_case = portal.file(1, DEBTOR)
    company_case = portal.file(2, COMPANY)
    portal.travel(INQUIRED)
    inquiry = NetworkInquiryCompleted(
        inquiry_id="inq-portal", case_id=person_case.case_id, court_code=COURT,
        debtor_identity_number=DEBTOR.identity_number, completed_on=INQUIRED,
        agency_kinds=QUERIED, disposable_property_found=False)
    publish_event(portal.inject, inquiry.event_type, inquiry.model_dump(mode="json"),
                  subject=person_case.case_id, court=COURT)
    portal.cases("InterviewApplicant", case=cases_pb2.CaseRef(case_id=person_case.case_id),
                 summary="告知已采取的措施、终本的法律后果及申请司法救助的权利")
    portal.travel(RESTRICTED)
    portal.restrict_and_list(person_case, DEBTOR.identity_number, [])
    portal.restrict_and_list(company_case, COMPANY.identity_number, [REPRESENTATIVE])
    portal.travel(CONCLUDED)
    portal.conclude(person_case)
    return person_case, company_case


def worklist_item(portal: PortalCourt, case: Filed) -> Any:
    """The party's message on the team's worklist (node party_message:<id>), or None.
    (The worklist shows open cases only: a case in 终本 is not on it.)"""
    items = portal.cases("GetWorklist", court_code=COURT, team=TEAM, due_within_days=30).items
    return next((i for i in items if i.case_id == case.case_id
                 and i.node.startswith("party_message")), None)


def team_lead(portal: PortalCourt, case: Filed) -> Any:
    """The lead the public reported on `case`, as the team's ListLeads shows it, or None."""
    leads = portal.inquiry("ListLeads", court_code=COURT, team=TEAM).leads
    return next((lead for lead in leads if lead.case_id == case.case_id), None)
