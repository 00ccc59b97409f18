"""The enforcement cases relief has learnt of, named as a court names them: by id or by
案号 (the read model `projections.case_facts` answers by id; the 案号 is a column of it)."""

from __future__ import annotations

from zhixing.eventstore.sql import SqlStore
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.projections.case_facts import CaseFactsQueries


class CaseRefs(CaseFactsQueries):
    """`get(case_id)` for the application, `find(case_ref)` for the API and `concluded`
    for the demo."""

    def __init__(self, store: SqlStore) -> None:
        super().__init__(store)

    def find(self, case_ref: str) -> CaseFacts | None:
        """The case whose id or 案号 is `case_ref`, or None."""
        found = self.get(case_ref)
        if found is not None or "执" not in case_ref:
            return found
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM relief_case_facts WHERE case_number = %s",
                        (case_ref,))
            row = cur.fetchone()
        return self.get(str(row[0])) if row else None

    def concluded(self, limit: int = 10) -> list[CaseFacts]:
        """Cases in 终本 (R29: the debtor cannot pay), oldest 案号 first."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM relief_case_facts WHERE stage = %s "
                        f"ORDER BY case_number LIMIT {int(limit)}", ("concluded",))
            ids = [str(row[0]) for row in cur.fetchall()]
        return [facts for facts in map(self.get, ids) if facts is not None]
