"""The parties' window (当事人查询, issue 17): each case's access hashes, its timeline as
its parties see it, the deadlines ahead and the parties' messages with their answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel import access_code as codes
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.clock import Clock, SystemClock
from zhixing.kernel.errors import NotFound
from zhixing.publicity.domain.redaction import mask_numbers
from zhixing.publicity.projections.wrong_codes import WrongCodeLimiter

Progress = Callable[[str], Any]
"""The case's public progress by case number (`CaseProgressQueries.get`: its
`CaseProgress`, NotFound when unknown) — given, so the read models need not know the
application's queries."""


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

    progress: Any
    """The case's public progress (`application.queries.CaseProgress`: parties masked, R60)."""
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
    """The parties' window: a case opened with a party's access code. Wrong codes are
    limited per case (`WrongCodeLimiter`); a wrong code and an unknown case answer alike
    (and take about as long), so the window tells nobody which cases exist."""

    def __init__(self, store: SqlStore, cipher: FieldCipher, clock: Clock | None = None,
                 limiter: WrongCodeLimiter | None = None,
                 progress: Progress | None = None) -> None:
        self.store = store
        self.cipher = cipher
        self.clock = clock or SystemClock()
        self.limiter = limiter or WrongCodeLimiter(store, self.clock)
        self.progress = progress

    def open(self, case_number: str, access_code: str, client: str = "") -> PartyView:
        """The case's window for the party whose code this is; NotFound for a wrong code
        or an unknown case (the same answer); TooManyAttempts after too many wrong ones."""
        if self.progress is None:
            raise RuntimeError("no progress lookup given (Portal.over gives it)")
        access = self.access(case_number, access_code, client)
        try:
            progress = self.progress(access.case_number)
        except NotFound:
            raise _wrong() from None  # filed a moment ago: not public yet
        with self.store.transaction(read_only=True) as cur:
            return PartyView(progress, access.party_role, _timeline(cur, access),
                             _deadlines(cur, access.case_id, self.clock.today().isoformat()),
                             _messages(cur, access, self.cipher))

    def access(self, case_number: str, access_code: str, client: str = "") -> PartyAccess:
        """The case and party a code opens (the same checks and limit as `open`; `client`
        is who tries: its address). A text that is no case number is refused naming the
        field, without repeating it."""
        number = str(CaseNumber.parse(case_number, field="case_number"))
        found: list[PartyAccess] = []
        self.limiter.attempt(number, lambda: self._match(number, access_code, found), client)
        if not found:
            raise _wrong()
        return found[0]

    def _match(self, number: str, access_code: str, found: list[PartyAccess]) -> bool:
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id, court_code FROM party_cases WHERE case_number = %s",
                        (number,))
            case = cur.fetchone()
            hashes = []
            if case is not None:
                cur.execute("SELECT party_index, role, code_hash FROM party_access "
                            "WHERE case_id = %s ORDER BY party_index", (case[0],))
                hashes = cur.fetchall()
        for index, role, code_hash in hashes or _decoys():
            if codes.verify(access_code, code_hash) and case is not None:
                found.append(PartyAccess(case[0], number, case[1], index, role))
                return True
        return False


@cache
def _decoys() -> list[tuple[int, str, str]]:
    """What an unknown case's code is checked against, so it takes as long as a known
    case's with two parties (no timing tells whether a case exists)."""
    return [(-1, "", codes.hash_code("0000-0000-0000", salt=bytes(16)))] * 2


def _wrong() -> NotFound:
    return NotFound("case number or access code wrong", field="access_code")


def _timeline(cur: Cursor, access: PartyAccess) -> list[TimelineStep]:
    cur.execute("SELECT on_day, kind, label, detail, amount_fen FROM party_steps "
                "WHERE case_id = %s AND audience IN (-1, %s)",
                (access.case_id, access.party_index))
    steps = [TimelineStep(*row) for row in cur.fetchall()]
    cur.execute("SELECT on_day, label, detail, amount_fen FROM party_measures "
                "WHERE case_id = %s", (access.case_id,))
    steps += [TimelineStep(on, "measure", label, detail, amount)
              for on, label, detail, amount in cur.fetchall()]
    return sorted(steps, key=lambda s: (s.on, _ORDER.get(s.kind, 5)))


_ORDER = {"filed": 0, "assigned": 1, "notice_served": 2, "measure": 3, "money_received": 4,
          "money_disbursed": 5, "concluded": 6, "resumed": 7, "closed": 8}
"""Steps of one day in the order the procedure takes them."""


def _deadlines(cur: Cursor, case_id: str, today: str) -> list[DeadlineAhead]:
    cur.execute("SELECT node, label, rule, due_on FROM party_deadlines WHERE case_id = %s "
                "AND done = 0 AND due_on >= %s ORDER BY due_on, node", (case_id, today))
    return [DeadlineAhead(*row) for row in cur.fetchall()]


def _messages(cur: Cursor, access: PartyAccess, cipher: FieldCipher) -> list[MessageView]:
    """Only the messages this party left (its index), newest first, with the answers;
    an ID, account or phone number either spells shows its last 4 only (R60: this is an
    answer of the public service, and a code may be in other hands than the party's)."""
    cur.execute("SELECT m.message_id, m.party_role, m.text, m.left_at, a.answer, "
                "a.answered_on FROM party_messages m LEFT JOIN party_answers a "
                "ON a.message_id = m.message_id WHERE m.case_id = %s AND m.party_index = %s "
                "ORDER BY m.left_at DESC, m.message_id", (access.case_id, access.party_index))
    return [MessageView(message_id, role, _shown(cipher.open(text)), left_at,
                        _shown(cipher.open(answer)) if answer else "", answered_on or "")
            for message_id, role, text, left_at, answer, answered_on in cur.fetchall()]


def _shown(text: str) -> str:
    """`text` as the window shows it: every identity, account or phone number masked."""
    return mask_numbers(text).text
