"""司法救助资金 — one court's relief fund of one year (R32), and its ledger.

Fed by budget appropriations (财政拨款) and social donations (社会捐助), each with its
document; an approval reserves its amount, a rejection or withdrawal releases it, the
disbursement pays it; money recovered (from the case account, or after fraud) comes back.
`balance_fen` = income − disbursed; `available_fen` = balance − reserved, and it never
goes below zero: a reservation above it is refused (`FundInsufficient`). An approval
reserves in the same save as the relief case, so two approvals racing on one fund cannot
both pass (the loser fails the optimistic-concurrency check and tries again).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.money import bounded_total
from zhixing.relief.domain.errors import FundInsufficient, InvalidRelief, WrongStep, yuan
from zhixing.relief.domain.values import (
    FundEntryKind,
    Movement,
    MovementKind,
    RecoverySource,
    bounded_text,
    positive_fen,
    recovery_source,
)

NAMESPACE = UUID("3f9e2a71-0c4b-5d8e-a6f1-7b2c9d0e4a13")
REF_MAX = 100
"""Characters of an entry id, recovery id or document number."""
CREDIT_KINDS = {FundEntryKind.APPROPRIATION: MovementKind.APPROPRIATED,
                FundEntryKind.DONATION: MovementKind.DONATED}
RETURN_KINDS = {RecoverySource.CASE_ACCOUNT: MovementKind.REPAID,
                RecoverySource.FRAUD_RECOVERY: MovementKind.RECOVERED}


class Fund(Aggregate):
    """One court × year fund: its income, reservations, payments and ledger (R32)."""

    typed_state = MappingProxyType({"ledger": list[Movement]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(court_code: str, year: int) -> UUID:
        return uuid5(NAMESPACE, f"fund/{court_code}/{year}")

    @event("Opened")
    def __init__(self, court_code: str, year: int) -> None:
        self.court_code = court_code
        self.year = year
        self.appropriated_fen = 0
        self.donated_fen = 0
        self.repaid_fen = 0
        """Returned from case accounts (recovery)."""
        self.recovered_fen = 0
        """Returned under recovery orders after fraud."""
        self.disbursed_fen = 0
        self.reservations: dict[str, int] = {}
        """application id → amount reserved and not yet paid or released."""
        self.paid: dict[str, int] = {}
        """application id → amount disbursed."""
        self.returned: dict[str, int] = {}
        """application id → amount returned to the fund."""
        self.entries: list[str] = []
        """Credit entry ids and recovery ids already booked (each is booked once)."""
        self.documents: dict[str, str] = {}
        """Credit entry id → the document it was booked under (a re-send must match)."""
        self.ledger: list[Movement] = []

    # --- what the fund holds ------------------------------------------------------------

    @property
    def income_fen(self) -> int:
        """Everything that came in: appropriations, donations and money returned."""
        return self.appropriated_fen + self.donated_fen + self.repaid_fen + self.recovered_fen

    @property
    def reserved_fen(self) -> int:
        return sum(self.reservations.values())

    @property
    def balance_fen(self) -> int:
        """Money in the fund: income − disbursed."""
        return self.income_fen - self.disbursed_fen

    @property
    def available_fen(self) -> int:
        """What a new approval may reserve: balance − reserved (never negative, R32)."""
        return self.balance_fen - self.reserved_fen

    def knows(self, ref: str) -> bool:
        """Whether a credit entry id or a recovery id was already booked."""
        return ref in self.entries

    def reserved_for(self, application_id: str) -> int:
        return self.reservations.get(application_id, 0)

    # --- commands -----------------------------------------------------------------------

    def credit(self, kind: FundEntryKind | str, entry_id: str, document_number: str,
               credited_on: date, amount_fen: int) -> bool:
        """财政拨款 or 社会捐助 received under its document. False when `entry_id` was
        booked already (a re-send: nothing changes)."""
        entry = bounded_text(entry_id, "entry_id", rule="R32", most=REF_MAX)
        if self.knows(entry):
            return False
        kind = _kind(kind)
        document = bounded_text(document_number, "document_number", rule="R32", most=REF_MAX)
        positive_fen(amount_fen, "amount_fen", rule="R32")
        bounded_total([self.income_fen, amount_fen], "amount_fen", rule="R32")
        self._credited(kind, entry, document, credited_on, amount_fen)
        return True

    @event("Credited")
    def _credited(self, kind: FundEntryKind, entry_id: str, document_number: str,
                  credited_on: date, amount_fen: int) -> None:
        self.entries.append(entry_id)
        self.documents[entry_id] = document_number
        if kind == FundEntryKind.APPROPRIATION:
            self.appropriated_fen += amount_fen
        else:
            self.donated_fen += amount_fen
        self._book(CREDIT_KINDS[kind], entry_id, amount_fen, credited_on)

    def reserve(self, application_id: str, amount_fen: int, on: date | None = None) -> bool:
        """An approval reserves its amount (R32: never more than is available). False
        when the same amount is reserved for the application already."""
        positive_fen(amount_fen, "amount_fen", rule="R32")
        held = self.reservations.get(application_id)
        if held == amount_fen:
            return False
        if held is not None or application_id in self.paid:
            raise WrongStep("the fund already holds or paid an amount for this application",
                            rule="R32")
        if amount_fen > self.available_fen:
            raise FundInsufficient.of(self.available_fen, amount_fen)
        self._reserved(application_id, amount_fen, on)
        return True

    @event("Reserved")
    def _reserved(self, application_id: str, amount_fen: int, on: date | None = None) -> None:
        self.reservations[application_id] = amount_fen
        self._book(MovementKind.RESERVED, application_id, amount_fen, on)

    def release(self, application_id: str, reason: str, on: date | None = None) -> int:
        """A rejection or withdrawal gives the reservation back; the fen released (0 when
        nothing was reserved for the application: a repeat changes nothing)."""
        amount = self.reservations.get(application_id, 0)
        if amount:
            self._released(application_id, amount,
                           bounded_text(reason, "reason", rule="R32", most=REF_MAX), on)
        return amount

    @event("Released")
    def _released(self, application_id: str, amount_fen: int, reason: str,
                  on: date | None = None) -> None:
        del self.reservations[application_id]
        self._book(MovementKind.RELEASED, application_id, amount_fen, on)

    def disburse(self, application_id: str, disbursed_on: date) -> int:
        """Pay what was reserved for the application (R31: only after approval); the fen
        paid."""
        amount = self.reservations.get(application_id, 0)
        if not amount:
            raise WrongStep("nothing is reserved on the fund for this application: approve "
                            "it first", rule="R31")
        self._disbursed(application_id, amount, disbursed_on)
        return amount

    @event("Disbursed")
    def _disbursed(self, application_id: str, amount_fen: int, disbursed_on: date) -> None:
        del self.reservations[application_id]
        self.paid[application_id] = amount_fen
        self.disbursed_fen += amount_fen
        self._book(MovementKind.DISBURSED, application_id, amount_fen, disbursed_on)

    def repay(self, recovery_id: str, application_id: str, amount_fen: int, on: date,
              source: RecoverySource | str) -> bool:
        """Money paid back on an application this fund paid (R32). False when
        `recovery_id` was booked already; never more than is still owed on it."""
        ref = bounded_text(recovery_id, "recovery_id", rule="R32", most=REF_MAX)
        if self.knows(ref):
            return False
        positive_fen(amount_fen, "amount_fen", rule="R32")
        owed = self.owed_on(application_id)
        if amount_fen > owed:
            raise InvalidRelief(f"{yuan(amount_fen)} is more than the {yuan(owed)} still owed "
                                "to the fund on this application", rule="R32",
                                field="amount_fen")
        self._repaid(ref, application_id, amount_fen, on, recovery_source(source))
        return True

    def owed_on(self, application_id: str) -> int:
        """Paid on the application and not yet returned to the fund."""
        return self.paid.get(application_id, 0) - self.returned.get(application_id, 0)

    @event("Repaid")
    def _repaid(self, recovery_id: str, application_id: str, amount_fen: int, on: date,
                source: RecoverySource) -> None:
        self.entries.append(recovery_id)
        self.returned[application_id] = self.returned.get(application_id, 0) + amount_fen
        if source == RecoverySource.CASE_ACCOUNT:
            self.repaid_fen += amount_fen
        else:
            self.recovered_fen += amount_fen
        self._book(RETURN_KINDS[source], recovery_id, amount_fen, on)

    def _book(self, kind: MovementKind, ref: str, amount_fen: int, day: date | None) -> None:
        # A reservation or release without a day is booked on the last movement's day.
        when = day or (self.ledger[-1].day if self.ledger else date(self.year, 1, 1))
        self.ledger.append(Movement(kind, ref, amount_fen, when, self.balance_fen,
                                    self.available_fen))


def _kind(kind: FundEntryKind | str) -> FundEntryKind:
    try:
        return FundEntryKind(kind)
    except ValueError:
        raise InvalidRelief("must be one of " + ", ".join(FundEntryKind), rule="R32",
                            field="kind") from None

