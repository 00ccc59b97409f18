"""The parties' window: each case's access hashes, timeline, deadlines and messages.
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore


class PartyWindowQueries:
    """The parties' window: each case's access hashes, timeline, deadlines and messages."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher
