"""综合查询 and the public lists (issue 17; stub until its owner fills it): one identity's
standing on every public list, the 限制消费 and 终本 lists by court, the public figures."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore


class DebtorSearch:
    """Exact-identity search and the paged public lists (R6, R14, R19, R60, R61)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher
