"""The parties' window (当事人查询, issue 17): each case's access hashes, its timeline as
its parties see it, the deadlines ahead and the parties' messages with their answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import CaseProgress


@dataclass(frozen=True)
class TimelineStep:
    """One step of the case as its parties see it."""

    on: str
    """The day, YYYY-MM-DD."""
    kind: str
    """"filed", "assigned", "notice_served", "measure", "money_received",
    "money_disbursed", "concluded", "resumed", "closed"."""
    label: str
    """The step in Chinese, e.g. "已立案"."""
    detail: str = ""
    """A summary (officer's name and team phone, a measure's kind and term)."""
    amount_fen: int = 0
    """An amount in fen, for money steps."""


@dataclass(frozen=True)
class DeadlineAhead:
    """A running time limit of the case, not yet met."""

    node: str
    label: str
    rule: str
    due_on: str


@dataclass(frozen=True)
class MessageView:
    """A message the party left, with the team's answer once given."""

    message_id: str
    party_role: str
    text: str
    left_at: str
    answer: str = ""
    answered_on: str = ""


@dataclass(frozen=True)
class PartyView:
    """What one party sees of its case with its access code."""

    progress: CaseProgress
    party_role: str
    timeline: list[TimelineStep] = field(default_factory=list)
    deadlines: list[DeadlineAhead] = field(default_factory=list)
    messages: list[MessageView] = field(default_factory=list)


@dataclass(frozen=True)
class PartyAccess:
    """The case a right code opened, and whose code it was."""

    case_id: str
    case_number: str
    court_code: str
    party_index: int
    party_role: str


class PartyWindowQueries:
    """The parties' window: a case opened with a party's access code (wrong codes are
    limited per case, R60: a wrong code and an unknown case answer alike)."""

    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def open(self, case_number: str, access_code: str) -> PartyView:
        """The case's window for the party whose code this is; NotFound for a wrong code
        or an unknown case (the same answer); TooManyAttempts after too many wrong ones."""
        raise NotImplementedError("issue 17: PartyWindowQueries.open")

    def access(self, case_number: str, access_code: str) -> PartyAccess:
        """The case and party a code opens (the same checks and limit as `open`)."""
        raise NotImplementedError("issue 17: PartyWindowQueries.access")
