"""Queries over the publicity read models."""

from __future__ import annotations

import json
from dataclasses import dataclass

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput, NotFound

STATUS_LABELS = {
    "filed": "已立案", "executing": "执行中", "settled": "执行和解履行中",
    "concluded": "终结本次执行程序（终本）", "resumed": "已恢复执行",
    "executed_in_full": "执行完毕", "terminated": "终结执行", "not_enforced": "不予执行",
    "rejected": "驳回申请", "withdrawn": "撤回申请", "bankruptcy": "移送破产审查",
    "delegated": "委托执行",
}
"""Public progress states; a closed case shows how it closed."""
_COLUMNS = "case_number, court_code, court_name, status, filed_on, parties, updated_at"


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
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def get(self, case_number: str) -> CaseProgress:
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {_COLUMNS} FROM case_progress WHERE case_number = %s",
                        (case_number,))
            row = cur.fetchone()
        if row is None:
            raise NotFound(f"no public progress for case {case_number}", field="case_number")
        return _progress(row)

    def list(self, court_code: str = "", page_size: int = 50,
             page_token: str = "") -> tuple[list[CaseProgress], str]:
        """A page ordered by case number; the token is the last number of the page."""
        if not 0 < page_size <= 500:
            raise InvalidInput("must be between 1 and 500", field="page_size")
        sql = f"SELECT {_COLUMNS} FROM case_progress WHERE case_number > %s"
        params: list[object] = [page_token]
        if court_code:
            sql += " AND court_code = %s"
            params.append(court_code)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"{sql} ORDER BY case_number LIMIT %s", (*params, page_size + 1))
            rows = cur.fetchall()
        page = [_progress(row) for row in rows[:page_size]]
        return page, page[-1].case_number if len(rows) > page_size else ""

    def count(self) -> int:
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT COUNT(*) FROM case_progress")
            row = cur.fetchone()
        return int(row[0]) if row else 0


def _progress(row: tuple[object, ...]) -> CaseProgress:
    number, court, name, status, filed_on, parties, updated = row
    return CaseProgress(str(number), str(court), str(name), str(status), str(filed_on),
                        json.loads(str(parties)), str(updated))


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
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list(self, court_code: str = "", limit: int = 100) -> list[ZhongbenEntry]:
        """The latest 终本 cases first."""
        where, params = ("WHERE court_code = %s", [court_code]) if court_code else ("", [])
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_number, court_code, court_name, concluded_on, unpaid_fen, "
                        f"debtors FROM zhongben_library {where} "
                        "ORDER BY concluded_on DESC, case_number LIMIT %s", (*params, limit))
            rows = cur.fetchall()
        return [ZhongbenEntry(str(n), str(c), str(name), str(on), int(unpaid),
                              json.loads(str(debtors)))
                for n, c, name, on, unpaid, debtors in rows]
