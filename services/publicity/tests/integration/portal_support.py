"""The portal's pages over a Portal whose parts are in-memory stand-ins (the case
progress is the real read model on SQLite): each stand-in answers as the spec's binding
API does (issue 17, portal-spec.md) and records how it was called, so a page test checks
what the page asks and shows, not the read models (their owners test those)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from testkit.asgi_calls import Answer, call
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.cases.v1 import CaseFiled, PartyV1
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput, NotFound, TooManyAttempts
from zhixing.publicity.application.leads import LeadReceipt
from zhixing.publicity.application.parties import MessageReceipt
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.queries import (
    CaseProgress,
    CaseProgressQueries,
    DishonestEntry,
    ZhongbenEntry,
)
from zhixing.publicity.application.search import (
    DebtorSearch,
    DebtorStanding,
    PublicFigures,
    PublicStatistics,
    RestrictedEntry,
    RestrictedPerson,
)
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.leads import LeadStatus, LeadTarget, RewardNoticeView
from zhixing.publicity.projections.party_window import (
    DeadlineAhead,
    MessageView,
    PartyView,
    TimelineStep,
)
from zhixing.publicity.projections.typical_cases import TypicalCaseView
from zhixing.publicity.web.app import public_portal
from zhixing.publicity.web.limits import PortalLimits

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the read models' personal data and 我的案件's cookie (R60)."""
NUMBER = "(2026)川0104执7号"
PERSON_ID = "510104199803121239"
MASKED = "510104********1239"
LEGAL_REP_ID = "11010519491231002X"
ORG_CODE = "91510104MA6CQ1W2EW"
CODE = "K7QW-M3PX-2D9R"
BEYOND = "beyond-the-last-page"


def dishonest_entry(listing_id: str = "L1") -> DishonestEntry:
    return DishonestEntry(
        listing_id=listing_id, court_code="川0104", court_name="成都市锦江区人民法院",
        case_number=NUMBER, debtor_kind="person", name="张三丰", sex="male", age=28,
        identity=MASKED, legal_representative="", conduct=["有履行能力而拒不履行"],
        decided_on="2026-04-20", published_on="2026-05-10", filed_on="2026-03-02",
        case_status="executing")


def restricted_entry() -> RestrictedEntry:
    return RestrictedEntry(
        restriction_id="R1", debtor_kind="organisation", name="成都某某贸易有限公司",
        identity=ORG_CODE,
        persons=[RestrictedPerson("legal_representative", "法定代表人", "李四",
                                  "110105********002X")],
        conduct=["乘坐飞机"], case_number=NUMBER, court_code="川0104",
        court_name="成都市锦江区人民法院", decided_on="2026-04-20", published_on="2026-05-10")


def zhongben_entry() -> ZhongbenEntry:
    return ZhongbenEntry(NUMBER, "川0104", "成都市锦江区人民法院", "2026-07-01", 1_234_567,
                         [{"role": "respondent", "name": "张**", "identity": MASKED}])


@dataclass
class Search:
    """`DebtorSearch`'s answers: one standing, one page per list, a second page behind
    the token "next", none beyond `BEYOND` (InvalidInput naming page_token and R61)."""

    standing: DebtorStanding = field(default_factory=lambda: DebtorStanding(
        identity=MASKED, dishonest=[dishonest_entry()], restricted=[restricted_entry()],
        zhongben=[zhongben_entry()]))
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def search(self, name: str, identity_number: str) -> DebtorStanding:
        self.calls.append(("search", name, identity_number))
        if not identity_number[:17].isdigit():
            raise InvalidInput("identity_number: not a resident ID or credit code",
                               field="identity_number", rule="R60")
        return self.standing

    def _page(self, kind: str, entry: Any, court: str, size: int, token: str
              ) -> tuple[list[Any], str]:
        self.calls.append((kind, court, size, token))
        if token == BEYOND:
            raise InvalidInput("page_token: beyond 20 pages", field="page_token", rule="R61")
        return [entry], "" if token else "next"

    def dishonest(self, court_code: str = "", page_size: int = 20, page_token: str = ""
                  ) -> tuple[list[DishonestEntry], str]:
        return self._page("dishonest", dishonest_entry(), court_code, page_size, page_token)

    def restricted(self, court_code: str = "", page_size: int = 20, page_token: str = ""
                   ) -> tuple[list[RestrictedEntry], str]:
        return self._page("restricted", restricted_entry(), court_code, page_size, page_token)

    def zhongben(self, court_code: str = "", page_size: int = 20, page_token: str = ""
                 ) -> tuple[list[ZhongbenEntry], str]:
        return self._page("zhongben", zhongben_entry(), court_code, page_size, page_token)

    def statistics(self, scope: str = "") -> PublicStatistics:
        self.calls.append(("statistics", scope))
        court = PublicFigures("川0104", "成都市锦江区人民法院", listed_now=3, removed_total=1,
                              restricted_now=2, zhongben_now=4, closed_total=5, filed_total=9)
        return PublicStatistics(courts=[court], regions=[PublicFigures(
            "川", "四川省", 3, 1, 2, 4, 5, 9)])


@dataclass
class Parties:
    """`PartyWindowQueries`: `CODE` opens `NUMBER`; `locked` answers TooManyAttempts."""

    locked: bool = False
    calls: list[tuple[str, str]] = field(default_factory=list)

    def open(self, case_number: str, access_code: str, client: str = "") -> PartyView:
        self.calls.append((case_number, access_code))
        if self.locked:
            raise TooManyAttempts("too many wrong access codes for this case", retry_after=600,
                                  field="access_code")
        if (case_number, access_code) != (NUMBER, CODE):
            raise NotFound("case number or access code wrong", field="access_code")
        progress = CaseProgress(NUMBER, "川0104", "成都市锦江区人民法院", "executing",
                                "2026-03-02", [], "2026-03-03")
        return PartyView(
            progress=progress, party_role="applicant",
            timeline=[TimelineStep("2026-03-02", "filed", "立案"),
                      TimelineStep("2026-03-03", "assigned", "分配承办",
                                   "承办人 王五，团队电话 028-12345678"),
                      TimelineStep("2026-04-01", "disbursed", "执行款发放", "", 500_000)],
            deadlines=[DeadlineAhead("notice", "发出执行通知书", "R20", "2026-03-12")],
            messages=[MessageView("m1", "applicant", "请问进展如何？", "2026-03-05 10:00",
                                  "正在查控财产。", "2026-03-06")])


@dataclass
class Leads:
    """`LeadQueries`: target L1 of the 失信 list, a reference, a reward notice."""

    def target_of(self, source: str, source_id: str) -> Any:
        if source_id not in ("L1", NUMBER):
            raise NotFound("no published entry to report a lead on", field="source_id")
        return LeadTarget("c1", NUMBER, "川0104")

    def status(self, reference: str) -> Any:
        if reference != "XS-7K3M-Q9TP":
            raise NotFound("no lead with this reference", field="reference")
        return LeadStatus(reference, "accepted", "核查中", "", "", "2026-05-01", "2026-05-08",
                          "")

    def reward_notices(self, court_code: str = "", page_size: int = 20,
                       page_token: str = "") -> tuple[list[Any], str]:
        return [self.reward_notice("N1")], ""

    def reward_notice(self, notice_id: str) -> Any:
        if notice_id != "N1":
            raise NotFound("no reward notice in force", field="notice_id")
        return RewardNoticeView("N1", NUMBER, "川0104", "成都市锦江区人民法院", "张**",
                                PERSON_ID, 1_234_567, "执行到位金额的 10%", "悬赏第一段\n悬赏第二段",
                                "2026-05-01", "2026-12-31")


@dataclass
class Typical:
    def published(self, court_code: str = "", page_size: int = 10, page_token: str = ""
                  ) -> tuple[list[Any], str]:
        return [self.get("T1")], ""

    def get(self, typical_case_id: str) -> Any:
        if typical_case_id != "T1":
            raise NotFound("no published typical case", field="typical_case_id")
        return TypicalCaseView("T1", "张某拒不履行案", "川0104", "成都市锦江区人民法院", "摘要",
                               "第一段\n第二段", "2026-05-01", NUMBER)


@dataclass
class Commands:
    """The application's public commands, recorded."""

    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def report_lead(self, target: Any, source: str, source_id: str, property_kind: str,
                    text: str, contact: str) -> Any:
        self.calls.append(("report_lead", source, source_id, property_kind, text, contact))
        return LeadReceipt("XS-7K3M-Q9TP", "2026-05-01")

    def leave_message(self, case_number: str, access_code: str, text: str,
                      client: str = "") -> Any:
        self.calls.append(("leave_message", case_number, access_code, text))
        return MessageReceipt("m2", "2026-05-01 09:00")


class Clock:
    """Seconds the tests move by hand (the budgets' clock and the sessions')."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Site:
    """The portal's pages over the stand-ins; `ask` answers a request in-process."""

    app: Any
    store: SqlStore
    search: Search
    parties: Parties
    commands: Commands
    clock: Clock

    def ask(self, method: str, path: str, form: dict[str, str] | None = None,
            headers: tuple[tuple[str, str], ...] = ()) -> Answer:
        """`method path` (its query percent-encoded here, as a browser sends it)."""
        where, _, query = path.partition("?")
        if query:
            where += "?" + "&".join(
                "=".join(quote(part, safe="") for part in pair.split("=", 1))
                for pair in query.split("&"))
        return asyncio.run(call(self.app, method, where, root="", form=form,
                                headers=headers))


def site(tmp_path: Path, limits: PortalLimits | None = None) -> Site:
    """The pages over a fresh store holding case `NUMBER` (filed: a person with
    `PERSON_ID` and an organisation whose name has markup)."""
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    CaseProgressProjection.migrate(store)
    filed = CaseFiled(
        case_id="c1", case_number=NUMBER, court_code="川0104", case_type="执",
        filed_on="2026-03-02", basis_kind="judgment", basis_document_number="x",
        claim_total_fen=100,
        parties=[PartyV1(role="applicant", kind="natural_person", name="张三丰",
                         identity_number=PERSON_ID),
                 PartyV1(role="respondent", kind="organisation", name="某<b>公司</b>",
                         identity_number=ORG_CODE)])
    event = CloudEvent(id="e1", source="s", type=filed.event_type, time="2026-03-02T00:00:00Z",
                       subject="c1", court="川0104", region="chengdu", sequence=1, position=1,
                       data=filed.model_dump(mode="json"))
    with store.transaction() as cur:
        CaseProgressProjection(CIPHER).handle(event, cur)
    search, parties, commands, clock = Search(), Parties(), Commands(), Clock()
    portal: Any = Portal(progress=CaseProgressQueries(store, CIPHER), dishonest=None,  # type: ignore[arg-type]
                         zhongben=None, search=search, typical=Typical(), leads=Leads(),
                         parties=parties, app=commands)
    app = public_portal(portal, CIPHER, limits=limits or PortalLimits(), clock=clock,
                        wall_clock=clock)
    return Site(app, store, search, parties, commands, clock)


def page_of(store: SqlStore, cipher: FieldCipher, path: str, *, dishonest: Any = None,
            zhongben: Any = None) -> str:
    """The HTML of `path` (GET; its query percent-encoded here) over `store`'s read
    models (sealed with `cipher`) as the Portal reads them; it must answer 200."""
    portal: Any = Portal(progress=CaseProgressQueries(store, cipher), dishonest=dishonest,
                         zhongben=zhongben, search=DebtorSearch(store, cipher),
                         typical=None, leads=None, parties=None, app=None)  # type: ignore[arg-type]
    built = Site(public_portal(portal, cipher), store, Search(), Parties(), Commands(), Clock())
    answer = built.ask("GET", path)
    assert answer.status == 200, answer.status
    return answer.text
