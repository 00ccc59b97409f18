"""Who may call each RPC of the publicity service (R6, R46, R60, DESIGN §8).

`PublicityService` answers only the public, masked read models (R60) — what the public
pages show — and takes what the public and the parties send (leads, parties' messages,
which carry their own proof: a party's access code). So every one of its RPCs is public,
anonymous callers included (a token, if one is sent, must be valid; anonymous callers are
held to a rate per address: zhixing.runtime.grpc_rate).

`PublicityDeskService` is the courts' side (issue 17): the press role drafts typical
cases, the president or a judge reviews them (never their author: the servicer checks),
officers post reward notices for their court's cases. Court-scoped, default deny.
"""

from __future__ import annotations

from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.publicity.v1.PublicityService"
DESK = "zhixing.publicity.v1.PublicityDeskService"

PUBLIC_RPCS = ("GetCaseProgress", "ListCaseProgress", "ListDishonest", "CourtCreditStatistics",
               "SearchDebtor", "ListRestricted", "ListZhongben", "GetPublicStatistics",
               "ListTypicalCases", "GetTypicalCase", "ListRewardNotices", "ReportLead",
               "GetLeadStatus", "OpenPartyCase", "LeaveMessage")
WRITERS = ("press",)
"""Who writes typical cases (典型案例)."""
REVIEWERS = ("president", "judge")
"""Who approves a typical case for publication (审核)."""
POSTERS = ("officer", "judge", "president")
"""Who posts a reward notice (悬赏公告) for a case of their court."""

POLICIES = PolicyBook.for_service(SERVICE, {name: Policy.anyone() for name in PUBLIC_RPCS}) | \
    PolicyBook.for_service(DESK, {
        "DraftTypicalCase": Policy.for_roles(*WRITERS),
        "ReviseTypicalCase": Policy.for_roles(*WRITERS),
        "SubmitTypicalCase": Policy.for_roles(*WRITERS),
        "ReviewTypicalCase": Policy.for_roles(*REVIEWERS),
        "WithdrawTypicalCase": Policy.for_roles(*WRITERS, *REVIEWERS),
        "ListTypicalCaseDrafts": Policy.for_roles(*WRITERS, *REVIEWERS),
        "PostRewardNotice": Policy.for_roles(*POSTERS),
        "WithdrawRewardNotice": Policy.for_roles(*POSTERS),
    })
