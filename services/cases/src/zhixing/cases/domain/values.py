"""The value objects an enforcement case is made of (STYLE 15).

Frozen dataclasses: events carry them as fields, so pydantic validates them when an event
is made and when it is read back; aggregates hold them, so mypy checks every read; a
snapshot restores them from JSON by the aggregate's `typed_state` (libs/eventstore).
Their JSON form is their fields by name — an upcaster knows their shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from zhixing.kernel.identity import canonical_identity


class CaseStatus(StrEnum):
    """Where a case stands; the values are the stored (and public) codes."""

    FILED = "filed"
    EXECUTING = "executing"
    SETTLED = "settled"
    CONCLUDED = "concluded"
    CLOSED = "closed"


class Closure(StrEnum):
    """How a case ended (结案方式); NONE while it has not."""

    NONE = ""
    EXECUTED_IN_FULL = "executed_in_full"
    TERMINATED = "terminated"
    NOT_ENFORCED = "not_enforced"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    BANKRUPTCY = "bankruptcy"
    DELEGATED = "delegated"


class SettlementState(StrEnum):
    """执行和解 — running until performed or defaulted."""

    RUNNING = "running"
    PERFORMED = "performed"
    DEFAULTED = "defaulted"


class ReportState(StrEnum):
    """财产报告 — the debtor's property report: none yet, reported, or missed (R5)."""

    NONE = ""
    REPORTED = "reported"
    MISSED = "missed"


class _Value:
    """JSON-ready fields by name, for the readers that build contracts and messages."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        """Immutable, so shared: the repository's aggregate cache deep-copies every case
        it hands out, and copying each value object made a cached read ~4x slower."""
        return self


@dataclass(frozen=True)
class Party(_Value):
    """A party to the case: applicant (申请执行人) or respondent (被执行人)."""

    role: str
    kind: str
    name: str
    identity_number: str
    """Kept in canonical form (`canonical_identity`), whatever the caller typed (item 5)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "identity_number", canonical_identity(self.identity_number))


@dataclass(frozen=True)
class PartyAccess(_Value):
    """A party's access code to the parties' window (issue 17), as its salted hash only
    (`zhixing.kernel.access_code`): the code itself is never stored."""

    party_index: int
    role: str
    code_hash: str


@dataclass(frozen=True)
class PartyMessage(_Value):
    """当事人留言 — a party's message for the team (issue 17): who wrote (the role, never
    the name) and a short excerpt for the worklist; the full text stays in publicity."""

    party_role: str
    excerpt: str
    left_at: str
    answered_on: str = ""


@dataclass(frozen=True)
class Basis(_Value):
    """执行依据 — the enforceable document the case executes."""

    kind: str
    issuing_body: str
    document_number: str
    effective_date: str


@dataclass(frozen=True)
class Claim(_Value):
    """The amounts to enforce, in fen (R28 keeps money in integer fen)."""

    principal_fen: int
    interest_fen: int
    costs_fen: int

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.interest_fen + self.costs_fen


@dataclass(frozen=True)
class CaseLink(_Value):
    """R40: the case a 执恢/执异/执复/执协 case hangs off, and how."""

    case_id: str
    kind: str


@dataclass(frozen=True)
class Node(_Value):
    """One node limit (R26–R28): its last day and what became of it."""

    due: str
    done_on: str = ""
    overdue: bool = False
    extended: bool = False
    provisional: bool = False
    """Counted with no official holiday schedule for its year yet (R64): `due` may move
    when the schedule is loaded."""
    counted_from: str = ""
    """The day the period runs from (R62), kept while `provisional` to count it again."""


@dataclass(frozen=True)
class Counted(_Value):
    """A node's last day as the calendar counts it now (R62–R64)."""

    due: str
    provisional: bool
    counted_from: str


@dataclass(frozen=True)
class Notice(_Value):
    """执行通知书, served with the property-report order and (R5) the listing warning."""

    served_on: str
    report_order: bool
    listing_warning: bool


@dataclass(frozen=True)
class Lead(_Value):
    """A property lead from the applicant and its verification (R27)."""

    received_on: str
    verified_on: str = ""
    found: bool = False


@dataclass(frozen=True)
class Inquiry(_Value):
    """What the 网络查控 of one debtor found, all completed inquiries together (R16(3),
    R18): the agency kinds answered, and whether disposable property was found."""

    completed_on: str
    kinds: tuple[str, ...]
    disposable: bool
    requery: bool

    def with_result(self, result: Inquiry) -> Inquiry:
        """This view once another completed inquiry's `result` is in too.

        A result no older than the view that answered every kind the view covers is a
        fresh look: it replaces the view (property found before may be gone since). Any
        other result — agencies overdue (the assets service completes an inquiry with
        whatever was answered by the deadline), or an older one arriving late — only adds
        what it found: the kinds it answered were queried, and property found is still
        property (R16(3)). A partial result never hides a complete one.
        """
        if result.completed_on >= self.completed_on and set(result.kinds) >= set(self.kinds):
            return result
        later = result if result.completed_on > self.completed_on else self
        return Inquiry(later.completed_on, tuple(sorted({*self.kinds, *result.kinds})),
                       self.disposable or result.disposable, later.requery)


@dataclass(frozen=True)
class Instalment(_Value):
    due_on: str
    amount_fen: int


@dataclass(frozen=True)
class Settlement(_Value):
    """执行和解 — the instalments agreed and how the agreement stands."""

    agreed_on: str
    instalments: tuple[Instalment, ...]
    state: SettlementState


@dataclass(frozen=True)
class Sanction(_Value):
    """罚款 or 拘留 decided against obstruction."""

    sanction_id: str
    kind: str
    amount_fen: int
    days: int
    document_number: str
    decided_on: str


@dataclass(frozen=True)
class Resumption(_Value):
    """恢复执行 (R18): the new 执恢 case that continues this one."""

    case_id: str
    case_number: str
    reason: str


@dataclass(frozen=True)
class DelegationResult(_Value):
    """How the 执协 case at the receiving court ended."""

    case_number: str
    closure: str
    recovered_fen: int
    closed_on: str


@dataclass(frozen=True)
class Delegation(_Value):
    """委托执行 — to which court, when, and (once it closed there) the result."""

    to_court: str
    delegated_on: str
    result: DelegationResult | None = None


@dataclass(frozen=True)
class Receipt(_Value):
    """执行款到账 — one receipt and how it was allocated (R28, R32)."""

    reference: str
    source: str
    amount_fen: int
    received_on: str
    disburse_by: str
    allocation: dict[str, int]
    provisional: bool = False
    """`disburse_by` was counted with no official holiday schedule for its year (R64)."""


@dataclass(frozen=True)
class HandOff(_Value):
    """One step of a 拒执 referral (R44) with its document."""

    stage: str
    document_number: str
    decided_on: str
