"""The value objects supervision is made of (STYLE 15), shaped like the relief service's.

Frozen dataclasses and `StrEnum`s: events carry them, so pydantic validates them when an
event is made and read back; a snapshot restores them by the aggregate's `typed_state`.
The interference record and its register entry live here too, so the register
(`interference`) and the chain's check (`chain`) share them without importing each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from zhixing.kernel.courts import CourtCode
from zhixing.supervision.domain.errors import InvalidSupervision, RecordInvalid

E = TypeVar("E", bound=StrEnum)

SUBJECT_MAX = 200
"""Characters of a subject (who acted), an alert's subject or an event type."""
REF_MAX = 100
"""Characters of an id, a case number or a document number."""
REASON_MAX = 500
"""Characters of a reason, a note or an outcome."""
NAME_MAX = 100
"""Characters of an interfering official's name, unit or post (R35)."""
ASKED_MAX = 2000
"""Characters of what an interfering official asked (R35)."""


class AlertKind(StrEnum):
    """What supervision flags (R36), by the rule breached (`ALERT_RULES`)."""

    NODE_OVERDUE = "node_overdue"
    MEASURE_EXPIRING = "measure_expiring"
    MEASURE_LAPSED = "measure_lapsed"
    OVER_SEIZURE = "over_seizure"
    EXEMPT_PROPERTY = "exempt_property"
    REQUERY_MISSING = "requery_missing"
    REMOVAL_LATE = "removal_late"
    RELIEF_OVERDUE = "relief_overdue"
    PROCURATORIAL_OVERDUE = "procuratorial_overdue"
    SUGGESTION_OVERDUE = "suggestion_overdue"
    AGENCY_OVERDUE = "agency_overdue"


ALERT_RULES: dict[AlertKind, str] = {
    AlertKind.NODE_OVERDUE: "R26–R28",  # the NodeOverdue event's own rule wins when given
    AlertKind.MEASURE_EXPIRING: "R20", AlertKind.MEASURE_LAPSED: "R20",
    AlertKind.OVER_SEIZURE: "R21", AlertKind.EXEMPT_PROPERTY: "R24",
    AlertKind.REQUERY_MISSING: "R18", AlertKind.REMOVAL_LATE: "R8",
    AlertKind.RELIEF_OVERDUE: "R31", AlertKind.PROCURATORIAL_OVERDUE: "R34",
    AlertKind.SUGGESTION_OVERDUE: "R37", AlertKind.AGENCY_OVERDUE: "R41",
}
"""The rule each kind of alert rests on, unless the alert names its own."""

ALERT_LABELS: dict[AlertKind, str] = {
    AlertKind.NODE_OVERDUE: "节点超期", AlertKind.MEASURE_EXPIRING: "措施即将到期",
    AlertKind.MEASURE_LAPSED: "措施已失效", AlertKind.OVER_SEIZURE: "超标的查封",
    AlertKind.EXEMPT_PROPERTY: "查控豁免财产", AlertKind.REQUERY_MISSING: "终本后未按期复查",
    AlertKind.REMOVAL_LATE: "逾期未删除失信信息", AlertKind.RELIEF_OVERDUE: "救助逾期",
    AlertKind.PROCURATORIAL_OVERDUE: "检察建议逾期未回复",
    AlertKind.SUGGESTION_OVERDUE: "司法建议逾期未处理",
    AlertKind.AGENCY_OVERDUE: "协助单位逾期未反馈",
}


class AlertStatus(StrEnum):
    """A ticket's life (R36): raised open, acknowledged by who must act, closed."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class StepKind(StrEnum):
    """What happened to an alert, one line of its timeline."""

    RAISED = "raised"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class MatterKind(StrEnum):
    """A procuratorial matter (R34)."""

    SUGGESTION = "suggestion"
    """检察建议 — replied within 3 months (+1 with the president's approval)."""
    INQUIRY = "inquiry"
    """书面询问 — a written inquiry about suspected inaction, answered within 15 days."""


MATTER_LABELS: dict[MatterKind, str] = {MatterKind.SUGGESTION: "检察建议",
                                        MatterKind.INQUIRY: "书面询问"}


class MatterStatus(StrEnum):
    """Where a procuratorial matter stands (R34)."""

    AWAITING = "awaiting"
    REPLIED = "replied"


class InterferenceMeans(StrEnum):
    """How an official interfered (R35)."""

    LETTER = "letter"
    CALL = "call"
    IN_PERSON = "in_person"
    VIA_RELATIVES = "via_relatives"
    VIA_STAFF = "via_staff"
    OTHER = "other"


MEANS_LABELS: dict[InterferenceMeans, str] = {
    InterferenceMeans.LETTER: "书信", InterferenceMeans.CALL: "电话",
    InterferenceMeans.IN_PERSON: "当面", InterferenceMeans.VIA_RELATIVES: "通过亲属",
    InterferenceMeans.VIA_STAFF: "通过身边工作人员", InterferenceMeans.OTHER: "其他",
}


class SuggestionKind(StrEnum):
    """A suggestion to the superior of a unit or official refusing to assist (R37)."""

    JUDICIAL = "judicial"
    DISCIPLINARY = "disciplinary"


SUGGESTION_LABELS: dict[SuggestionKind, str] = {SuggestionKind.JUDICIAL: "司法建议",
                                                SuggestionKind.DISCIPLINARY: "纪律处分建议"}


class SuggestionStatus(StrEnum):
    """Where a judicial or disciplinary suggestion stands (R37)."""

    SENT = "sent"
    HANDLED = "handled"


REGIONS: dict[str, tuple[str, ...]] = {"成渝": ("川", "渝")}
"""Named regions and the court-code prefixes they cover (R39); any other region is a
court-code prefix itself."""


def courts_prefixes(region: str) -> tuple[str, ...]:
    """The court-code prefixes of `region`: a named region's (`REGIONS`), or the region
    itself when it is a court code (R39: `川` ⊃ `川01` ⊃ `川0104`)."""
    named = REGIONS.get(region.strip()) if isinstance(region, str) else None
    if named is not None:
        return named
    if not isinstance(region, str) or len(region) > 20:
        raise InvalidSupervision("must be a named region or a court code", rule="R39",
                                 field="region")
    return (str(CourtCode.parse(region, field="region")),)


def bounded_text(value: str, field_name: str, *, rule: str, most: int, least: int = 1,
                 error: type[InvalidSupervision] = InvalidSupervision) -> str:
    """`value` stripped, refused (naming the field and the bound, never the text) when
    shorter than `least` or longer than `most` characters."""
    if not isinstance(value, str):
        raise error("must be text", rule=rule, field=field_name)
    text = value.strip()
    if not least <= len(text) <= most:
        raise error(f"must be {least}–{most} characters, is {len(text)}", rule=rule,
                    field=field_name)
    return text


def subject(by: str, field_name: str = "by", rule: str = "R46") -> str:
    """Who acted (the caller's subject), bounded."""
    return bounded_text(by, field_name, rule=rule, most=SUBJECT_MAX)


def a_date(value: date, field_name: str, rule: str) -> date:
    """`value` when it is a day (a datetime is not: its time would be lost)."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise InvalidSupervision("must be a date (YYYY-MM-DD)", rule=rule, field=field_name)
    return value


def enum_of(kind: type[E], value: str, field_name: str, rule: str) -> E:
    """`value` as a member of `kind`, refused naming the field and the choices."""
    try:
        return kind(value)
    except ValueError:
        raise InvalidSupervision("must be one of " + ", ".join(kind), rule=rule,
                                 field=field_name) from None


class Value:
    """JSON-ready fields by name; immutable, so shared rather than deep-copied."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self


@dataclass(frozen=True)
class Step(Value):
    """One line of an alert's timeline: when, what, by whom (a subject, or "" for the
    service), and a note (the event type that raised or closed it, or a person's reason)."""

    on: date
    what: StepKind
    by: str = ""
    note: str = ""


@dataclass(frozen=True)
class InterferenceRecord(Value):
    """领导干部干预司法活动记录 — who interfered (name, unit, post), how, when, in which case,
    and what was asked (R35). Personal data: kept only in the court's register (the
    encrypted event store), never in a read model, an integration event, a log, a span or
    an error; its `repr` shows how, when and the case only. A correction is a new record
    whose `corrects` names the record id it corrects (the old one stays)."""

    who_name: str = field(repr=False)
    who_unit: str = field(repr=False)
    who_post: str = field(repr=False)
    means: InterferenceMeans
    occurred_on: date
    case_id: str = ""
    case_number: str = ""
    asked: str = field(default="", repr=False)
    corrects: str = ""

    def __post_init__(self) -> None:
        for name in ("who_name", "who_unit", "who_post"):
            self._bound(name, most=NAME_MAX)
        self._bound("asked", most=ASKED_MAX)
        for name in ("case_id", "case_number", "corrects"):
            self._bound(name, most=REF_MAX, least=0)
        try:
            object.__setattr__(self, "means", InterferenceMeans(self.means))
        except ValueError:
            raise RecordInvalid("must be one of " + ", ".join(InterferenceMeans),
                                field="means") from None
        if not isinstance(self.occurred_on, date) or hasattr(self.occurred_on, "hour"):
            raise RecordInvalid("must be a date (YYYY-MM-DD)", field="occurred_on")

    def _bound(self, name: str, most: int, least: int = 1) -> None:
        object.__setattr__(self, name, bounded_text(
            getattr(self, name), name, rule="R35", most=most, least=least,
            error=RecordInvalid))

    def __repr__(self) -> str:
        return (f"InterferenceRecord(means={self.means.value}, occurred_on={self.occurred_on}"
                f", case_id={self.case_id!r}, corrects={self.corrects!r}, <names and what "
                f"was asked withheld>)")


@dataclass(frozen=True)
class Entry(Value):
    """One record in a court's interference register (R35): its place (`seq`, from 1),
    the record, when and by whom it was entered, and its link in the hash chain — the
    previous entry's MAC (`prev_hash`, `chain.GENESIS` for the first) and its own (`hash`,
    by the key `key_id` over `chain.entry_fields`)."""

    record_id: str
    seq: int
    record: InterferenceRecord
    recorded_on: date
    recorded_by: str
    prev_hash: str
    hash: str
    key_id: str
