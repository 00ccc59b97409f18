"""悬赏公告 — a reward notice a court posts for a case of its own, asking the public for
leads on the debtor's property; in force until its last day or its withdrawal (R61: a
withdrawn notice leaves the portal at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput, PreconditionFailed
from zhixing.publicity.domain.lead import bounded
from zhixing.publicity.domain.redaction import mask_numbers

REWARD_MAX = 200
TEXT_MAX = 2000
REASON_MAX = 500
RUNS_DAYS_MAX = 366
"""A notice runs at most a year (the desk's contract: after today and within a year)."""


def valid_until_of(value: str, today: date) -> date:
    """The notice's last day: YYYY-MM-DD, after today and within a year."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput("expected a date, YYYY-MM-DD", field="valid_until", rule="R61")
    if not 0 < (day - today).days <= RUNS_DAYS_MAX:
        raise InvalidInput(f"must be after today and within {RUNS_DAYS_MAX} days",
                           field="valid_until", rule="R61")
    return day


class RewardNotice(Aggregate):
    """One reward notice and whether it is withdrawn."""

    @staticmethod
    def create_id(*_: object, **__: object) -> UUID:
        return uuid4()

    @event("Posted")
    def __init__(self, case_id: str, case_number: str, court_code: str, court_name: str,
                 debtor_name: str, debtor_identity: str, owed_fen: int, reward: str,
                 text: str, posted_on: str, valid_until: str, by: str) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.court_name = court_name
        self.debtor_name = debtor_name
        """As the public sees it (R60: masked for a natural person)."""
        self.debtor_identity = debtor_identity
        self.owed_fen = owed_fen
        self.reward = reward
        self.text = text
        self.posted_on = posted_on
        self.valid_until = valid_until
        self.posted_by = by
        self.withdrawn_on: str | None = None
        self.withdrawn_reason = ""

    @classmethod
    def post(cls, case_id: str, case_number: str, court_code: str, court_name: str,
             debtor_name: str, debtor_identity: str, owed_fen: int, reward: str, text: str,
             posted_on: date, valid_until: str, by: str) -> RewardNotice:
        """A new notice; reward and text bounded, the last day after today (R61); an
        identity or account number either spells is masked to its last 4 (R60: the
        notice is public). Phone numbers stay: a notice asks the public to call."""
        return cls(case_id, case_number, court_code, court_name, debtor_name,
                   debtor_identity, owed_fen,
                   _public(bounded(reward, "reward", REWARD_MAX, least=1, rule="R61")),
                   _public(bounded(text, "text", TEXT_MAX, least=1, rule="R61")),
                   posted_on.isoformat(),
                   valid_until_of(valid_until, posted_on).isoformat(), by)

    def in_force(self, today: date) -> bool:
        return self.withdrawn_on is None and self.valid_until >= today.isoformat()

    def withdraw(self, reason: str, on: date, by: str) -> None:
        """Take the notice down (R61); a second withdrawal is refused."""
        why = bounded(reason, "reason", REASON_MAX, least=1, rule="R61")
        if self.withdrawn_on is not None:
            raise PreconditionFailed("the notice is already withdrawn", field="notice_id",
                                     rule="R61")
        self._withdrawn(why, on.isoformat(), by)

    @event("Withdrawn")
    def _withdrawn(self, reason: str, on: str, by: str) -> None:
        self.withdrawn_on = on
        self.withdrawn_reason = reason
        self.withdrawn_by = by


@dataclass(frozen=True)
class NoticeCase:
    """A case as a reward notice shows it: known to publicity, the debtor as the public
    sees it (R60: masked for a natural person; an organisation is public, R6)."""

    case_id: str
    case_number: str
    court_code: str
    court_name: str
    debtor_name: str
    debtor_identity: str
    owed_fen: int


def _public(text: str) -> str:
    """`text` with every identity or account number (15 digits or more) masked (R60)."""
    return str(mask_numbers(text, least=ACCOUNT_DIGITS).text)


ACCOUNT_DIGITS = 15
"""The shortest bank account; resident IDs have 18 characters, phones at most 12 digits."""
