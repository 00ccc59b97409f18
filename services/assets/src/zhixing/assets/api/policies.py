"""Who may call each RPC of the assets services, over what (R41, R46, DESIGN §8).

One table per gRPC service, one policy per RPC, default deny. Property is the case's
team's (TEAM): every inquiry, picture, measure and disposal of a case — read or act — is
for the team it is assigned to and the court's judges and presidents. Two reads span a
court's cases: the waiting list of an asset spans courts (R22: any court's staff see
ranks and courts; details only of their own court's measures) and the agencies overdue
are the caller's court's. Agencies pull and answer only as registered agencies
(`agencies.toml`, R41). The runtime's `AuditedServicer` enforces the tables;
`tests/e2e` calls every RPC as every kind of caller against them.
"""

from __future__ import annotations

from zhixing.security.policy import BENCH, Policy, PolicyBook

__all__ = ["BENCH", "CONTROL", "DISPOSAL", "GATEWAY", "INQUIRY", "POLICIES", "STAFF"]

STAFF = ("officer", "judge", "president")
"""执行干警 of the court."""


def _team() -> Policy:
    return Policy.for_team(*STAFF)


INQUIRY = PolicyBook.for_service("zhixing.assets.v1.AssetInquiryService", {
    "StartInquiry": _team(),
    "GetInquiry": _team(),
    "ListCaseInquiries": _team(),
    "GetPropertyPicture": _team(),
    "ListOverdueAnswers": Policy.own_court(*STAFF, "supervisor"),
    "RecordInvestigation": _team(),
    # Leads the public reported (issue 17): the court's staff see them, the team verifies.
    "ListLeads": Policy.for_roles(*STAFF, "supervisor"),
    "VerifyLead": _team(),
})
CONTROL = PolicyBook.for_service("zhixing.assets.v1.AssetControlService", {
    **{name: _team() for name in ("ImposeMeasure", "RenewMeasure", "ReleaseMeasure",
                                  "ConvertPreservation", "Deduct", "ListCaseMeasures")},
    "GetAssetQueue": Policy.for_roles(*STAFF, court_scoped=False),  # R22: across courts
})
DISPOSAL = PolicyBook.for_service("zhixing.assets.v1.AssetDisposalService", {
    name: _team() for name in (
        "StartDisposal", "RecordValuation", "AnnounceAuction",
        "PlaceBid",  # staff enter the platform's bids; bidders never call this service
        "CloseAuctionRound", "SellOff", "DeliverInKind", "ConcludeUnsold", "PayProceeds",
        "GetDisposal")})
GATEWAY = PolicyBook.for_service("zhixing.assets.v1.AgencyGatewayService", {
    # Which agencies exist is no secret to anyone signed in to work with them.
    "ListAgencies": Policy.for_roles("agency", "service", *STAFF, "supervisor",
                                     court_scoped=False),
    "PullRequests": Policy.agency(),
    "SubmitAnswers": Policy.agency(),
})
POLICIES = INQUIRY | CONTROL | DISPOSAL | GATEWAY
"""Every RPC the assets service serves."""
