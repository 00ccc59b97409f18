"""综合查询 and the public lists (issue 17): one identity's standing on every public list,
the 失信, 限制消费 and 终本 lists by court with paging limits, the public figures.

The identity search is an exact match: the canonical identity's blind index AND the
name's blind index must both match (R60: neither is stored in clear), so a real number
with another name finds nothing, and nothing of another identity is ever returned. The
lists are paged with limits (`PAGE_SIZE_MAX`, `PAGES_MAX`) that make scraping the whole
list impractical; page tokens are opaque and signed, so a forged one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import CaseProgress, DishonestEntry, ZhongbenEntry

PAGE_SIZE = 20
"""Entries on a public list page when the caller does not say."""
PAGE_SIZE_MAX = 50
"""At most this many entries on one page (anti-scraping, R61)."""
PAGES_MAX = 20
"""At most this many pages of one list are served: a token beyond is refused (R61)."""

__all__ = ["PAGES_MAX", "PAGE_SIZE", "PAGE_SIZE_MAX", "CaseProgress", "DebtorSearch",
           "DebtorStanding", "DishonestEntry", "PublicFigures", "PublicStatistics",
           "RestrictedEntry", "RestrictedPerson", "ZhongbenEntry"]


@dataclass(frozen=True)
class RestrictedPerson:
    """One of an organisation's four categories of persons bound by its restriction (R14):
    the name as published with the order, the resident ID masked (R60)."""

    role: str
    role_label: str
    name: str
    identity: str


@dataclass(frozen=True)
class RestrictedEntry:
    """One published 限制消费令 (R12–R14): shown from its publication (R10) until lifted
    (R61); a released person (R15) is no longer among `persons`."""

    restriction_id: str
    debtor_kind: str
    name: str
    identity: str
    """A person's resident ID masked (R60), or an organisation's credit code (R6)."""
    persons: list[RestrictedPerson]
    conduct: list[str]
    """The restricted conduct in Chinese (R13)."""
    case_number: str
    court_code: str
    court_name: str
    decided_on: str
    published_on: str


@dataclass(frozen=True)
class DebtorStanding:
    """What the public lists hold of one identity (综合查询); every list is empty when the
    name and number match nobody listed, or do not belong together."""

    identity: str
    """The identity as the public sees it: masked resident ID (R60) or the credit code."""
    dishonest: list[DishonestEntry] = field(default_factory=list)
    restricted: list[RestrictedEntry] = field(default_factory=list)
    zhongben: list[ZhongbenEntry] = field(default_factory=list)
    in_progress: list[CaseProgress] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Whether the identity is on any public list."""
        return bool(self.dishonest or self.restricted or self.zhongben or self.in_progress)


@dataclass(frozen=True)
class PublicFigures:
    """One court's or one region's public figures; `scope` is the court code, a province
    prefix (川) or "" for the whole deployment."""

    scope: str
    name: str
    listed_now: int = 0
    removed_total: int = 0
    restricted_now: int = 0
    zhongben_now: int = 0
    closed_total: int = 0
    filed_total: int = 0


@dataclass(frozen=True)
class PublicStatistics:
    """Per-court rows, then per-region rows and the whole deployment's."""

    courts: list[PublicFigures]
    regions: list[PublicFigures]


class DebtorSearch:
    """Exact-identity search and the paged public lists (R6, R14, R19, R60, R61)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def search(self, name: str, identity_number: str) -> DebtorStanding:
        """综合查询: the identity's entries on every public list."""
        raise NotImplementedError("issue 17: DebtorSearch.search")

    def restricted(self, court_code: str = "", page_size: int = PAGE_SIZE,
                   page_token: str = "") -> tuple[list[RestrictedEntry], str]:
        """A page of the 限制消费 list, newest publication first."""
        raise NotImplementedError("issue 17: DebtorSearch.restricted")

    def zhongben(self, court_code: str = "", page_size: int = PAGE_SIZE,
                 page_token: str = "") -> tuple[list[ZhongbenEntry], str]:
        """A page of the 终本案件库, latest 终本 first."""
        raise NotImplementedError("issue 17: DebtorSearch.zhongben")

    def dishonest(self, court_code: str = "", page_size: int = PAGE_SIZE,
                  page_token: str = "", name: str = "") -> tuple[list[DishonestEntry], str]:
        """A page of the 失信 list, newest publication first, with the paging limits."""
        raise NotImplementedError("issue 17: DebtorSearch.dishonest")

    def statistics(self, scope: str = "") -> PublicStatistics:
        """The public figures of every court and region, or of one court or region."""
        raise NotImplementedError("issue 17: DebtorSearch.statistics")
