"""Everything the public portal and `PublicityService` read and do (issue 17), in one
object: the pages (web/) and the RPCs (api/) are two doors to the same calls, so a page
can show nothing the contract does not answer, and neither reads a table itself."""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.paging import page_of
from zhixing.publicity.application.publicity import PublicityApplication
from zhixing.publicity.application.queries import (
    CaseProgressQueries,
    DishonestQueries,
    ZhongbenQueries,
)
from zhixing.publicity.application.search import DebtorSearch
from zhixing.publicity.projections.leads import LeadQueries
from zhixing.publicity.projections.party_window import PartyWindowQueries
from zhixing.publicity.projections.typical_cases import TypicalCaseQueries


@dataclass(frozen=True)
class Portal:
    """The publicity service's reads and the public's commands."""

    progress: CaseProgressQueries
    """案件进度 by 案号 (R60: parties masked)."""
    dishonest: DishonestQueries
    """失信被执行人名单 (R6) and its figures."""
    zhongben: ZhongbenQueries
    """终本案件库 (R19)."""
    search: DebtorSearch
    """综合查询, the 限制消费 list, paged lists, public figures."""
    typical: TypicalCaseQueries
    """Published typical cases (典型案例)."""
    leads: LeadQueries
    """Leads' status by reference; reward notices in force (悬赏公告)."""
    parties: PartyWindowQueries
    """The parties' window (当事人查询)."""
    app: PublicityApplication
    """The commands: report a lead, leave a message, the desk's typical cases and notices."""

    @classmethod
    def over(cls, store: SqlStore, cipher: FieldCipher, app: PublicityApplication) -> Portal:
        """The portal over the service's read-model store (personal data sealed with
        `cipher`, R60) and its application."""
        progress = CaseProgressQueries(store, cipher)
        parties = PartyWindowQueries(store, cipher, clock=app.clock, progress=progress.get)
        app.attach_party_window(parties)  # leave_message checks codes as the window does
        return cls(progress=progress,
                   dishonest=DishonestQueries(store, cipher),
                   zhongben=ZhongbenQueries(store, cipher),
                   search=DebtorSearch(store, cipher),
                   typical=TypicalCaseQueries(store, cipher),
                   leads=LeadQueries(store, cipher, today=app.today, pages=page_of),
                   parties=parties,
                   app=app)
