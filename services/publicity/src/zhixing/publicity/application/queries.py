"""Queries over the publicity read models."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.kernel.listing import REMOVAL_REASONS as R8_REASONS
from zhixing.kernel.listing import TERM_EXPIRED, TERM_EXPIRED_LABEL
from zhixing.kernel.masking import excerpt

STATUS_LABELS = {
    "filed": "已立案", "executing": "执行中", "settled": "执行和解履行中",
    "concluded": "终结本次执行程序（终本）", "resumed": "已恢复执行",
    "executed_in_full": "执行完毕", "terminated": "终结执行", "not_enforced": "不予执行",
    "rejected": "驳回申请", "withdrawn": "撤回申请", "bankruptcy": "移送破产审查",
    "delegated": "委托执行",
}
"""Public progress states; a closed case shows how it closed."""
PROGRESS_COLUMNS = "case_number, court_code, court_name, status, filed_on, parties, updated_at"


@dataclass(frozen=True)
class CaseProgress:
    case_number: str
    court_code: str
    court_name: str
    status: str
    filed_on: str
    parties: list[dict[str, str]]
    updated_at: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class CaseProgressQueries:
    """The public progress of cases; the parties are sealed at rest (R60)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def get(self, case_number: str) -> CaseProgress:
        """R60: a text that is no case number (an ID number pasted in the wrong place)
        is refused without being repeated; an unknown case number is public anyway."""
        case_number = str(CaseNumber.parse(case_number, field="case_number"))
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {PROGRESS_COLUMNS} FROM case_progress WHERE case_number = %s",
                        (case_number,))
            row = cur.fetchone()
        if row is None:
            raise NotFound(f"no public progress for case {excerpt(case_number)}", field="case_number")
        return progress_entry(row, self.cipher)

    def list(self, court_code: str = "", page_size: int = 50,
             page_token: str = "") -> tuple[list[CaseProgress], str]:
        """A page ordered by case number; the token is the last number of the page."""
        if not 0 < page_size <= 500:
            raise InvalidInput("must be between 1 and 500", field="page_size")
        sql = f"SELECT {PROGRESS_COLUMNS} FROM case_progress WHERE case_number > %s"
        params: list[object] = [page_token]
        if court_code:
            sql += " AND court_code = %s"
            params.append(court_code)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{sql} ORDER BY case_number LIMIT %s", (*params, page_size + 1))
            rows = cur.fetchall()
        page = [progress_entry(row, self.cipher) for row in rows[:page_size]]
        return page, page[-1].case_number if len(rows) > page_size else ""

    def count(self) -> int:
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT COUNT(*) FROM case_progress")
            row = cur.fetchone()
        return int(row[0]) if row else 0


def progress_entry(row: tuple[object, ...], cipher: FieldCipher) -> CaseProgress:
    number, court, name, status, filed_on, parties, updated = row
    return CaseProgress(str(number), str(court), str(name), str(status), str(filed_on),
                        cipher.open_json(str(parties)), str(updated))


@dataclass(frozen=True)
class ZhongbenEntry:
    """One case in the 终本案件库 (R19): masked debtors, the amount still unpaid."""

    case_number: str
    court_code: str
    court_name: str
    concluded_on: str
    unpaid_fen: int
    debtors: list[dict[str, str]]


class ZhongbenQueries:
    """The 终本 library; its debtors are sealed at rest (R60)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def list(self, court_code: str = "", limit: int = 100) -> list[ZhongbenEntry]:
        """The latest 终本 cases first."""
        where, params = ("WHERE court_code = %s", [court_code]) if court_code else ("", [])
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_number, court_code, court_name, concluded_on, unpaid_fen, "
                        f"debtors FROM zhongben_library {where} "
                        "ORDER BY concluded_on DESC, case_number LIMIT %s", (*params, limit))
            rows = cur.fetchall()
        return [zhongben_entry(row, self.cipher) for row in rows]


ZHONGBEN_SELECT = ("SELECT z.case_number, z.court_code, z.court_name, z.concluded_on, "
                   "z.unpaid_fen, z.debtors FROM zhongben_library z")


def zhongben_entry(row: tuple[object, ...], cipher: FieldCipher) -> ZhongbenEntry:
    """A row of ZHONGBEN_SELECT, its debtors opened (masked already, R60)."""
    number, court, name, on, unpaid, debtors = row
    return ZhongbenEntry(str(number), str(court), str(name), str(on), int(str(unpaid)),
                         cipher.open_json(str(debtors)))


SEX_LABELS = {"male": "男", "female": "女"}
REMOVAL_REASONS = {TERM_EXPIRED: TERM_EXPIRED_LABEL, **R8_REASONS}
"""R8: why a listing was removed; 0 is the end of a fixed term (R2)."""
# Case facts of R6 come from the case-progress view of the same case (no copy is kept).
DISHONEST_SELECT = (
    "SELECT d.listing_id, d.court_code, d.case_number, d.debtor_kind, d.name, d.sex, d.age, "
    "d.identity, d.legal_representative, d.conduct, d.decided_on, d.published_on, "
    "COALESCE(c.filed_on, ''), COALESCE(c.status, ''), COALESCE(b.basis_kind, ''), "
    "COALESCE(b.basis_document_number, ''), COALESCE(b.basis_issuing_body, ''), "
    "COALESCE(b.claim_fen, 0), COALESCE(b.performed_fen, 0) FROM dishonest_list d "
    "LEFT JOIN case_progress c ON c.case_number = d.case_number AND c.case_id = d.case_id "
    "LEFT JOIN case_basis b ON b.case_number = c.case_number")


BASIS_LABELS = {"judgment": "判决书", "ruling": "裁定书", "mediation": "调解书",
                "payment_order": "支付令", "arbitral_award": "仲裁裁决书",
                "notarised_debt": "公证债权文书"}


@dataclass(frozen=True)
class Basis:
    """R6: the enforcement basis of a listed debtor's case (执行依据文号, 作出执行依据单位),
    the obligation it fixed (生效法律文书确定的义务) and its performance (履行情况)."""

    kind: str
    document_number: str
    issuing_body: str
    claim_fen: int
    performed_fen: int

    @property
    def obligation(self) -> str:
        """The obligation in words; "" while the case is not known to the portal."""
        if not self.document_number:
            return ""
        kind = BASIS_LABELS.get(self.kind, "生效法律文书")
        return f"{kind}确定给付金钱{yuan(self.claim_fen)}元"

    @property
    def performance(self) -> str:
        """全部未履行, 部分未履行 (with the amount performed) or 全部履行."""
        if not self.document_number:
            return ""
        if self.performed_fen <= 0:
            return "全部未履行"
        if self.performed_fen < self.claim_fen:
            return f"部分未履行（已履行{yuan(self.performed_fen)}元）"
        return "全部履行"


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals and thousands separators, e.g. 1,234.50."""
    return f"{fen // 100:,}.{fen % 100:02d}"


@dataclass(frozen=True)
class DishonestEntry:
    """One entry of 失信被执行人名单 with the R6 fields only; `identity` is masked for a
    natural person (R60), an organisation's credit code is public (R6)."""

    listing_id: str
    court_code: str
    court_name: str
    case_number: str
    debtor_kind: str
    name: str
    sex: str
    age: int | None
    identity: str
    legal_representative: str
    conduct: list[str]
    decided_on: str
    published_on: str
    filed_on: str
    """立案日期, from the case's public progress; "" until the case is known there."""
    case_status: str
    """The case's progress state, "" until the case is known there."""
    basis: Basis = field(default_factory=lambda: Basis("", "", "", 0, 0))
    """R6: the enforcement basis, the obligation it fixed and its performance."""

    @property
    def sex_label(self) -> str:
        return SEX_LABELS.get(self.sex, "")

    @property
    def case_status_label(self) -> str:
        return STATUS_LABELS.get(self.case_status, self.case_status)


@dataclass(frozen=True)
class CourtStatistics:
    """One court's dishonest-list figures: listed now, published and removed in total
    (by R8 reason), consumption restrictions issued and lifted."""

    court_code: str
    court_name: str
    listed_now: int = 0
    published_total: int = 0
    removed_by_reason: dict[int, int] = field(default_factory=dict)
    restrictions_issued: int = 0
    restrictions_lifted: int = 0

    @property
    def removed_total(self) -> int:
        return sum(self.removed_by_reason.values())


class DishonestQueries:
    """The public list: names, identities and representatives sealed at rest and opened
    here (R60); a name is searched by its blind index."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def statistics(self, court_code: str = "") -> list[CourtStatistics]:
        """Per court, by court code; every court that ever published or restricted."""
        figures: dict[str, dict[str, int]] = {}
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT court_code, metric, n FROM dishonest_court_stats")
            for court, metric, n in cur.fetchall():
                figures.setdefault(str(court), {})[str(metric)] = int(n)
            cur.execute("SELECT court_code, COUNT(*) FROM dishonest_list GROUP BY court_code")
            for court, n in cur.fetchall():
                figures.setdefault(str(court), {})["listed_now"] = int(n)
        return [_statistics(court, figures[court]) for court in sorted(figures)
                if not court_code or court == court_code]

    def list(self, court_code: str = "", name: str = "", page_size: int = 50,
             page_token: str = "") -> tuple[list[DishonestEntry], str]:
        """A page of the public list, newest publication first, optionally for one court
        and/or one exact name; the token is opaque to callers."""
        if not 0 < page_size <= 500:
            raise InvalidInput("must be between 1 and 500", field="page_size")
        where, params = _dishonest_filter(court_code, self.cipher.blind(name) if name else "",
                                          page_token)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{DISHONEST_SELECT} {where} ORDER BY d.published_on DESC, d.listing_id "
                        "LIMIT %s", (*params, page_size + 1))
            rows = cur.fetchall()
        page = [dishonest_entry(row, self.cipher) for row in rows[:page_size]]
        token = f"{page[-1].published_on}|{page[-1].listing_id}" if len(rows) > page_size else ""
        return page, token


def _dishonest_filter(court_code: str, name_key: str, token: str) -> tuple[str, list[object]]:
    clauses, params = [], []
    if court_code:
        clauses.append("d.court_code = %s")
        params.append(court_code)
    if name_key:
        clauses.append("d.name_key = %s")
        params.append(name_key)
    if token:
        published_on, _, listing_id = token.partition("|")
        clauses.append("(d.published_on < %s OR (d.published_on = %s AND d.listing_id > %s))")
        params += [published_on, published_on, listing_id]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), list(params)


def dishonest_entry(row: tuple[object, ...], cipher: FieldCipher) -> DishonestEntry:
    (listing, court, number, kind, name, sex, age, identity, representative, conduct,
     decided, published, filed, status, basis_kind, document, body, claim, performed) = row
    return DishonestEntry(
        str(listing), str(court), court_name(str(court)), str(number), str(kind),
        cipher.open(str(name)), str(sex), None if age is None else int(str(age)),
        cipher.open(str(identity)), cipher.open(str(representative)),
        json.loads(str(conduct)), str(decided), str(published), str(filed), str(status),
        Basis(str(basis_kind), str(document), str(body), int(str(claim)), int(str(performed))))


def _statistics(court: str, figures: dict[str, int]) -> CourtStatistics:
    return CourtStatistics(
        court, court_name(court), figures.get("listed_now", 0), figures.get("published", 0),
        {reason: figures[f"removed_{reason}"] for reason in REMOVAL_REASONS
         if f"removed_{reason}" in figures},
        figures.get("restrictions_issued", 0), figures.get("restrictions_lifted", 0))


def court_name(code: str) -> str:
    """The court's name; the code itself for a court this deployment does not know."""
    try:
        return CourtDirectory.default().get(code).name
    except InvalidInput:
        return code
