"""综合查询 and the public lists (issue 17): one identity's standing on every public list,
the 失信, 限制消费 and 终本 lists by court with paging limits, the public figures.

The identity search is an exact match: the canonical identity's blind index AND the
name's blind index must both match (R60: neither is stored in clear), so a real number
with another name finds nothing, and nothing of another identity is ever returned. The
lists are paged with limits (`PAGE_SIZE_MAX`, `PAGES_MAX`) that make scraping the whole
list impractical; page tokens are opaque and signed, so a forged one is refused.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import PartyIdentity, ResidentId, SocialCreditCode
from zhixing.kernel.policy import PolicyTable
from zhixing.publicity.application.figures import (
    CourtCounts,
    PublicFigures,
    PublicStatistics,
    court_counts,
    figures_of,
)
from zhixing.publicity.application.paging import PAGE_SIZE, PAGE_SIZE_MAX, PAGES_MAX, page_of
from zhixing.publicity.application.queries import (
    DISHONEST_SELECT,
    PROGRESS_COLUMNS,
    ZHONGBEN_SELECT,
    CaseProgress,
    DishonestEntry,
    ZhongbenEntry,
    court_name,
    dishonest_entry,
    progress_entry,
    zhongben_entry,
)
from zhixing.publicity.projections.debtor_index import identity_key, name_key

NAME_MAX = 200
IDENTITY_MAX = 32
FIGURES_SECONDS = 30.0
"""How long the public figures are kept once counted: every home page shows them, and
counting is a pass over each public list (~70 ms per million rows on PostgreSQL), which
anonymous callers must not be able to make the database do at will."""
FOUND_MAX = 100
"""At most this many entries of one list for one identity (bounded answers)."""
T = TypeVar("T")
IN_PROGRESS = ("filed", "executing", "settled", "resumed")
"""States of a case still being enforced (被执行人 with a case in progress)."""
ROLE_LABELS = {"legal_representative": "法定代表人", "principal": "主要负责人",
               "directly_responsible": "影响债务履行的直接责任人员",
               "actual_controller": "实际控制人"}
"""R14's four categories of persons in Chinese."""
_RESTRICTED = ("SELECT r.restriction_id, r.debtor_kind, r.name, r.identity, r.persons, "
               "r.conduct, r.case_number, r.court_code, r.decided_on, r.published_on "
               "FROM restricted_list r")

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


class DebtorSearch:
    """Exact-identity search and the paged public lists (R6, R14, R19, R60, R61)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher, keep_head: int | None = None,
                 keep_tail: int | None = None, *,
                 seconds: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.cipher = cipher
        self.seconds = seconds
        """The clock the figures' age is measured on (`FIGURES_SECONDS`)."""
        self._counted: tuple[float, CourtCounts] | None = None
        if keep_head is None or keep_tail is None:
            policy = PolicyTable.load()
            keep_head, keep_tail = (policy.int("masking.keep_head"),
                                    policy.int("masking.keep_tail"))
        self.keep_head: int = keep_head
        self.keep_tail: int = keep_tail
        """R60: how the searched number is shown back (the read models' own mask)."""

    def search(self, name: str, identity_number: str) -> DebtorStanding:
        """综合查询: the identity's entries on every public list. Both the canonical
        identity's and the name's blind indexes must match (an indexed equality each);
        a bad number is refused naming identity_number and R60, never echoed."""
        name = _checked_name(name)
        identity = _checked_identity(identity_number)
        keys = (identity_key(self.cipher, identity.value), name_key(self.cipher, name))
        shown = (identity.masked(self.keep_head, self.keep_tail)
                 if isinstance(identity, ResidentId) else identity.value)
        with self.store.transaction(read_only=True) as cur:
            dishonest = [dishonest_entry(row, self.cipher) for row in _found(
                cur, f"{DISHONEST_SELECT} JOIN dishonest_keys k ON k.listing_id = d.listing_id",
                "d.published_on DESC, d.listing_id", keys)]
            restricted = [self._restricted(row) for row in _found(
                cur, f"{_RESTRICTED} JOIN restricted_keys k ON k.restriction_id = "
                "r.restriction_id", "r.published_on DESC, r.restriction_id", keys,
                "r.published_on <> ''")]
            zhongben = [zhongben_entry(row, self.cipher) for row in _found(
                cur, f"{ZHONGBEN_SELECT} JOIN zhongben_keys k ON k.case_number = z.case_number",
                "z.concluded_on DESC, z.case_number", keys)]
            in_progress = [progress_entry(row, self.cipher) for row in _found(
                cur, f"SELECT {_prefixed(PROGRESS_COLUMNS)} FROM case_progress p "
                "JOIN case_progress_keys k ON k.case_number = p.case_number",
                "p.filed_on DESC, p.case_number", keys,
                f"p.status IN ({', '.join(['%s'] * len(IN_PROGRESS))})", IN_PROGRESS)]
        return DebtorStanding(shown, dishonest, restricted, zhongben, in_progress)

    def restricted(self, court_code: str = "", page_size: int = PAGE_SIZE,
                   page_token: str = "") -> tuple[list[RestrictedEntry], str]:
        """A page of the 限制消费 list, newest publication first; published orders only
        (R10), a lifted one is gone (R61)."""
        return self._page("restricted", court_code, page_size, page_token, _RESTRICTED,
                          "r", "r.published_on <> ''", "r.published_on DESC, r.restriction_id",
                          self._restricted)

    def zhongben(self, court_code: str = "", page_size: int = PAGE_SIZE,
                 page_token: str = "") -> tuple[list[ZhongbenEntry], str]:
        """A page of the 终本案件库 (R19), latest 终本 first."""
        return self._page("zhongben", court_code, page_size, page_token, ZHONGBEN_SELECT, "z",
                          "", "z.concluded_on DESC, z.case_number",
                          lambda row: zhongben_entry(row, self.cipher))

    def dishonest(self, court_code: str = "", page_size: int = PAGE_SIZE,
                  page_token: str = "", name: str = "") -> tuple[list[DishonestEntry], str]:
        """A page of the 失信 list (R6), newest publication first, with the paging limits;
        `name` keeps only that exact name (its blind index)."""
        where, params = "", []
        if name:
            where, params = "d.name_key = %s", [self.cipher.blind(_checked_name(name))]
        return self._page(f"dishonest|{where and params[0]}", court_code, page_size,
                          page_token, DISHONEST_SELECT, "d", where,
                          "d.published_on DESC, d.listing_id",
                          lambda row: dishonest_entry(row, self.cipher), params)

    def statistics(self, scope: str = "") -> PublicStatistics:
        """The public figures of every court and region (scope ""), of one region (a
        province prefix such as 川) or of exactly one court (its code)."""
        if len(scope) > 64:
            raise InvalidInput("court_code must be at most 64 characters", field="court_code",
                               rule="R61")
        return figures_of(self._court_counts(), scope.strip())

    def _court_counts(self) -> CourtCounts:
        """The courts' counts, counted again once `FIGURES_SECONDS` old (one scope or
        another, every answer comes from the same counts)."""
        now, counted = self.seconds(), self._counted
        if counted is not None and now - counted[0] < FIGURES_SECONDS:
            return counted[1]
        with self.store.transaction(read_only=True) as cur:
            counts = court_counts(cur)
        self._counted = (now, counts)
        return counts

    def _page(self, kind: str, court_code: str, page_size: int, page_token: str,
              select: str, alias: str, where: str, order: str, entry: Callable[[Any], T],
              params: Sequence[object] = ()) -> tuple[list[T], str]:
        court_code = _checked_court(court_code)
        page = page_of(self.cipher, f"{kind}|{court_code}", page_size, page_token)
        clauses, values = ([where] if where else []), list(params)
        if court_code:
            clauses.append(f"{alias}.court_code = %s")
            values.append(court_code)
        sql = f"{select} {'WHERE ' + ' AND '.join(clauses) if clauses else ''} ORDER BY {order}"
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{sql} LIMIT %s OFFSET %s", (*values, page.size + 1, page.offset))
            rows = cur.fetchall()
        return [entry(row) for row in rows[:page.size]], page.next_token(self.cipher, len(rows))

    def _restricted(self, row: tuple[object, ...]) -> RestrictedEntry:
        rid, kind, name, identity, persons, conduct, number, court, decided, published = row
        return RestrictedEntry(
            str(rid), str(kind), self.cipher.open(str(name)), self.cipher.open(str(identity)),
            [RestrictedPerson(p["role"], ROLE_LABELS.get(p["role"], p["role"]), p["name"],
                              p["identity"]) for p in self.cipher.open_json(str(persons))],
            json.loads(str(conduct)), str(number), str(court), court_name(str(court)),
            str(decided), str(published))


def _found(cur: Cursor, select: str, order: str, keys: tuple[str, str], where: str = "",
           params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    """The rows of one list whose keys are exactly the identity's and the name's."""
    extra = f" AND {where}" if where else ""
    cur.execute(f"{select} WHERE k.identity_key = %s AND k.name_key = %s{extra} "
                f"ORDER BY {order} LIMIT %s", (*keys, *params, FOUND_MAX))
    return cur.fetchall()


def _prefixed(columns: str) -> str:
    return ", ".join(f"p.{c.strip()}" for c in columns.split(","))


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise InvalidInput(f"name is required and at most {NAME_MAX} characters (exact "
                           "identity search)", field="name", rule="R60")
    return name


def _checked_identity(number: str) -> ResidentId | SocialCreditCode:
    """A resident ID or credit code with a valid check character; the refusal never
    repeats the number (R60)."""
    if len(number) > IDENTITY_MAX:
        raise InvalidInput(f"identity_number must be at most {IDENTITY_MAX} characters",
                           field="identity_number", rule="R60")
    try:
        return PartyIdentity.parse(number, field="identity_number")
    except InvalidInput:
        raise InvalidInput("identity_number must be an 18-character resident ID or unified "
                           "social credit code with a valid check character",
                           field="identity_number", rule="R60") from None


def _checked_court(court_code: str) -> str:
    court_code = court_code.strip()
    if len(court_code) > 64:
        raise InvalidInput("court_code must be at most 64 characters", field="court_code",
                           rule="R61")
    return court_code
