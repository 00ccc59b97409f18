"""Published typical cases (典型案例) for the portal, and a court's drafts.
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore


class TypicalCaseQueries:
    """Published typical cases (典型案例) for the portal, and a court's drafts."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher
