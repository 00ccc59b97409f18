"""The base of publicity's versioned views of what the public sees."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned
from zhixing.messaging.typed import TypedHandler


class PublicView(Versioned, TypedHandler):
    """A rebuildable view of public entries: personal data sealed at rest even where
    masked, identity numbers masked to `keep_head` and `keep_tail` characters (R60).
    Subclasses set `tables`."""

    def __init__(self, cipher: FieldCipher, keep_head: int = 6, keep_tail: int = 4) -> None:
        self.cipher = cipher
        self.keep_head = keep_head
        self.keep_tail = keep_tail

    @classmethod
    def migrate(cls, store: SqlStore) -> None:
        cls.tables.install(store)
