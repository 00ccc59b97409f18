"""Where each reported lead stands (by its reference), and the reward notices in force.
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore


class LeadQueries:
    """Where each reported lead stands (by its reference), and the reward notices in force."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher
