"""网络查控 — one network property inquiry about one debtor (R41, R18).

The inquiry sends a request to every agency of the registry. Each request is answered
once ("found" or "nothing"); an agency that errs or stays silent is asked again after
`resend_after`, at most `max_attempts` times, and once its deadline passes it is
reported overdue. The inquiry completes when every agency has answered or is overdue.
An answer that arrives late is still recorded and revises the result: property found
late is still property (R16(3)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.holdings import NAMESPACE, with_asset_ids
from zhixing.eventstore.domain import Aggregate

PENDING, FOUND, NOTHING, OVERDUE = "pending", "found", "nothing", "overdue"
ANSWERED = (FOUND, NOTHING)


@dataclass(frozen=True)
class Deadlines:
    """How long agencies have (policy table `network_inquiry.*`)."""

    reply: timedelta
    resend_after: timedelta
    max_attempts: int


def request_id(inquiry_id: UUID | str, agency_id: str) -> str:
    """The idempotency key of one agency's request: the same on every sending."""
    return f"{inquiry_id}:{agency_id}"


def inquiry_of(request: str) -> UUID:
    """The inquiry a request id belongs to (ValueError if it is not one of ours)."""
    return UUID(request.split(":", 1)[0])


class Inquiry(Aggregate):
    """网络执行查控 of one debtor in one case, on one occasion (filing, on demand, R18)."""

    @staticmethod
    def create_id(case_id: str, debtor_identity_number: str, occasion: str) -> UUID:
        return uuid5(NAMESPACE, f"inquiry/{case_id}/{debtor_identity_number}/{occasion}")

    @event("Started")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 debtor_identity_number: str, debtor_name: str, occasion: str,
                 requery: bool, started_at: str, requests: list[dict[str, Any]]) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.debtor_identity_number = debtor_identity_number
        self.debtor_name = debtor_name
        self.occasion = occasion
        self.requery = requery
        self.started_at = started_at
        self.requests = {r["request_id"]: dict(r) for r in requests}
        """request id → agency_id, agency_kind, reply_by, attempts, next_send_at, status."""
        self.holdings: list[dict[str, Any]] = []
        self.completed_at = ""
        self.revision = 0
        """How many times a late answer revised the completed result."""

    @classmethod
    def start(cls, *, case_id: str, case_number: str, court_code: str,
              debtor_identity_number: str, debtor_name: str, occasion: str, requery: bool,
              agencies: list[tuple[str, str]], now: datetime, deadlines: Deadlines) -> Inquiry:
        """Ask every agency (agency id, kind) at once, each with the same deadline."""
        inquiry_id = cls.create_id(case_id, debtor_identity_number, occasion)
        requests = [{"request_id": request_id(inquiry_id, agency_id), "agency_id": agency_id,
                     "agency_kind": kind, "reply_by": (now + deadlines.reply).isoformat(),
                     "attempts": 1, "next_send_at": (now + deadlines.resend_after).isoformat(),
                     "status": PENDING} for agency_id, kind in agencies]
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   debtor_identity_number=debtor_identity_number, debtor_name=debtor_name,
                   occasion=occasion, requery=requery, started_at=now.isoformat(),
                   requests=requests)

    # --- what the inquiry knows ------------------------------------------------------

    @property
    def completed(self) -> bool:
        return bool(self.completed_at)

    def agency_of(self, request: str) -> str:
        return str(self.requests[request]["agency_id"]) if request in self.requests else ""

    def is_answered(self, request: str) -> bool:
        return self.requests[request]["status"] in ANSWERED

    @property
    def disposable_property_found(self) -> bool:
        return any(h.get("disposable", True) for h in self.holdings)

    def statuses(self, status: str) -> list[dict[str, Any]]:
        return [r for r in self.requests.values() if r["status"] == status]

    def next_due(self, deadlines: Deadlines) -> datetime | None:
        """When the sweep next has something to do here (a resend or a deadline), or
        None once every agency has answered or is overdue."""
        due = [datetime.fromisoformat(r["reply_by"]) for r in self.statuses(PENDING)]
        due += [datetime.fromisoformat(r["next_send_at"]) for r in self.statuses(PENDING)
                if r["attempts"] < deadlines.max_attempts]
        return min(due, default=None)

    def head(self) -> dict[str, Any]:
        """What every request of this inquiry says about the case and the debtor."""
        return {"inquiry_id": str(self.id), "case_id": self.case_id,
                "case_number": self.case_number, "court_code": self.court_code,
                "debtor_identity_number": self.debtor_identity_number,
                "debtor_name": self.debtor_name, "requery": self.requery}

    # --- answers ---------------------------------------------------------------------

    def answer(self, request: str, outcome: str, holdings: list[dict[str, Any]],
               answered_at: datetime, received_at: datetime, error: str = "",
               attempt: int = 0) -> bool:
        """Record one agency's answer; False when it was already answered (a redelivery
        or a second channel): no answer is applied twice. `answered_at` is the agency's
        word; `received_at`, this service's clock, schedules what follows."""
        if self.is_answered(request):
            return False
        if outcome == "error":
            if self._stale_error(request, attempt):
                return False
            self._failed(request, error[:200], received_at.isoformat())
            return True
        agency = self.agency_of(request)
        revising = self.completed  # an overdue agency answering late
        self._answered(request, outcome if holdings or outcome == NOTHING else NOTHING,
                       with_asset_ids(agency, holdings) if outcome == FOUND else [],
                       answered_at.isoformat())
        if revising:
            self._revised(self.revision + 1, received_at.isoformat(), self.head(),
                          *self._result())
        self._complete_if_settled(received_at)
        return True

    def _stale_error(self, request: str, attempt: int) -> bool:
        """An error for an attempt already superseded by a resend, or already reported
        for the current attempt (a redelivery), asks for nothing new."""
        current = int(self.requests[request]["attempts"])
        superseded = 0 < attempt < current
        return superseded or bool(self.requests[request].get("failed_attempt") == current)

    @event("AnswerFailed")
    def _failed(self, request_id: str, error: str, at: str) -> None:
        # The agency could not answer now: ask again at the next sweep.
        self.requests[request_id]["next_send_at"] = at
        self.requests[request_id]["failed_attempt"] = self.requests[request_id]["attempts"]

    @event("Answered")
    def _answered(self, request_id: str, outcome: str, holdings: list[dict[str, Any]],
                  answered_at: str) -> None:
        self.requests[request_id]["status"] = outcome
        self.requests[request_id]["answered_at"] = answered_at
        self.holdings.extend(holdings)

    # --- the sweep: resend, report overdue, complete -----------------------------------

    def sweep(self, now: datetime, deadlines: Deadlines) -> bool:
        """Send again what is due, report what is past its deadline; True if anything
        changed."""
        before = self.version
        for request in self.statuses(PENDING):
            if now >= datetime.fromisoformat(request["reply_by"]):
                self._overdue(request["request_id"], now.isoformat(), self.head(), dict(request))
            elif (request["attempts"] < deadlines.max_attempts
                  and now >= datetime.fromisoformat(request["next_send_at"])):
                self._resent(request["request_id"], request["attempts"] + 1,
                             (now + deadlines.resend_after).isoformat(), now.isoformat(),
                             self.head(), dict(request))
        self._complete_if_settled(now)
        return self.version != before

    @event("Resent")
    def _resent(self, request_id: str, attempt: int, next_send_at: str, at: str,
                head: dict[str, Any], request: dict[str, Any]) -> None:
        self.requests[request_id]["attempts"] = attempt
        self.requests[request_id]["next_send_at"] = next_send_at

    @event("AnswerOverdue")
    def _overdue(self, request_id: str, at: str, head: dict[str, Any],
                 request: dict[str, Any]) -> None:
        self.requests[request_id]["status"] = OVERDUE

    def _complete_if_settled(self, now: datetime) -> None:
        if not self.completed and not self.statuses(PENDING):
            self._completed(now.isoformat(), self.head(), *self._result())

    def _result(self) -> tuple[list[str], bool, list[str]]:
        """Kinds that answered, whether disposable property was found, agencies overdue."""
        answered = sorted({r["agency_kind"] for r in self.requests.values()
                           if r["status"] in ANSWERED})
        overdue = [r["agency_id"] for r in self.statuses(OVERDUE)]
        return answered, self.disposable_property_found, overdue

    @event("Completed")
    def _completed(self, completed_at: str, head: dict[str, Any], kinds_answered: list[str],
                   disposable_property_found: bool, overdue_agency_ids: list[str]) -> None:
        self.completed_at = completed_at

    @event("Revised")
    def _revised(self, revision: int, revised_at: str, head: dict[str, Any],
                 kinds_answered: list[str], disposable_property_found: bool,
                 overdue_agency_ids: list[str]) -> None:
        self.revision = revision
