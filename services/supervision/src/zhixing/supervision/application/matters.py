"""检察监督 — procuratorial suggestions and written inquiries (R34): received with the
reply's last day counted (3 months, or 15 days, by R62–R64), one month more with the
president's approval asked for in time, the reply recorded — which closes the matter's
overdue alert in the same save."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from zhixing.eventstore.unit import same_request
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.application.alerts import alert_id_of, close_in
from zhixing.supervision.application.base import (
    SupervisionStore,
    Unit,
    case_key,
    key_of,
    text,
)
from zhixing.supervision.domain.deadlines import (
    extended_reply_by,
    inquiry_reply_by,
    suggestion_reply_by,
)
from zhixing.supervision.domain.errors import MatterNotFound
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.values import AlertKind, MatterKind, enum_of

REPLIED = "cn.zhixing.supervision.v1.ProcuratorialReplied"
"""What closes a matter's overdue alert (the type of the event its reply publishes)."""
EXTENDED = "cn.zhixing.supervision.v1.ProcuratorialReplyExtended"
"""What lifts the alert of the 3 months once one more month was approved."""


class MatterCommands(SupervisionStore):
    def receive_matter(self, kind: MatterKind | str, *, court_code: str, document_number: str,
                       procuratorate: str, case_id: str, case_number: str, received_on: date,
                       summary: str, by: str,
                       matter_id: str | None = None) -> ProcuratorialMatter:
        """收到检察建议 / 书面询问 — the reply is due 3 months (a suggestion) or 15 days (an
        inquiry) after `received_on`, counted by R62–R64 (R34). `matter_id` is the
        request's idempotency key: sent again with the same content it returns the
        matter received then and stores nothing; with other content it is refused."""
        kind = enum_of(MatterKind, kind, "kind", "R34")
        self.not_after_today(received_on, "received_on", "R34")
        key = key_of(matter_id)
        wanted = ProcuratorialMatter.create_id(key_of(court_code), key) if key else None
        asked = (kind, text(court_code), text(document_number), text(case_id), received_on)

        def command(unit: Unit) -> ProcuratorialMatter:
            if wanted is not None and (earlier := unit.find(wanted)) is not None:
                same_request("matter_id", _matter_request(earlier), asked)
                return earlier  # type: ignore[no-any-return]
            return unit.add(ProcuratorialMatter.receive(
                kind, document_number, procuratorate, case_id, case_number, court_code,
                received_on, summary, self._reply_by(kind, received_on), by, matter_id=key))

        return self.act(command, lock=[wanted] if wanted else [])

    def _reply_by(self, kind: MatterKind, received_on: date) -> Deadline:
        if kind is MatterKind.SUGGESTION:
            return suggestion_reply_by(self.calendar, received_on)
        return inquiry_reply_by(self.calendar, received_on)

    def extend_reply(self, matter_id: UUID | str, *, requested_on: date, approved_by: str,
                     approved_on: date | None = None) -> ProcuratorialMatter:
        """The president approved (on `approved_on`, the day asked for by default) one
        more month for a suggestion's reply, asked for on or before its last day (R34:
        four months from receipt, counted the same way). The same approval again stores
        nothing; a second one, a late request or one for an inquiry is refused
        (ExtensionRefused)."""
        self.not_after_today(requested_on, "requested_on", "R34")
        self.not_after_today(approved_on, "approved_on", "R34")
        known = self.matter(matter_id)
        new_reply_by = extended_reply_by(self.calendar, known.received_on)
        first = overdue_alert(known, extended=False)

        def command(unit: Unit) -> ProcuratorialMatter:
            matter = unit.matter(known.id)
            if not (matter.extended and matter.reply_by == new_reply_by):
                matter.extend(requested_on, approved_by, new_reply_by, approved_on)
                # Reported overdue against the 3 months before the approval came: that
                # breach is gone (a late reply now is a breach of the new day).
                close_in(unit, first, matter.extension_approved_on or requested_on, EXTENDED)
            return matter

        return self.act(command, lock=_locks(known, first))

    def record_reply(self, matter_id: UUID | str, *, replied_on: date, document_number: str,
                     by: str) -> ProcuratorialMatter:
        """The court's reply was sent (R34); its overdue alert, if raised, closes in the
        same save. The same reply again stores nothing; another one is refused."""
        self.not_after_today(replied_on, "replied_on", "R34")
        known = self.matter(matter_id)
        alerts = [overdue_alert(known, extended=False), overdue_alert(known, extended=True)]

        def command(unit: Unit) -> ProcuratorialMatter:
            matter = unit.matter(known.id)
            if matter.replied_on == replied_on and matter.reply_document == text(document_number):
                return matter
            matter.reply(replied_on, document_number, by)
            for alert_id in alerts:
                close_in(unit, alert_id, replied_on, REPLIED)
            return matter

        return self.act(command, lock=_locks(known, *alerts))

    def matter(self, matter_id: UUID | str) -> ProcuratorialMatter:
        """The procuratorial matter with that id; NotFound when there is none."""
        return self.loaded(matter_id, ProcuratorialMatter, "matter_id", MatterNotFound)


def _matter_request(found: object) -> tuple[object, ...] | None:
    """What a matter received earlier under a key was asked with (None: not a matter)."""
    if not isinstance(found, ProcuratorialMatter):
        return None
    return (found.kind, found.court_code, found.document_number, found.case_id,
            found.received_on)


def overdue_alert(matter: ProcuratorialMatter, *, extended: bool) -> UUID:
    """The id of the alert of a matter's overdue reply (R34): one for the 3 months (or
    15 days), another for the extended 4 months — the extension lifts the first."""
    return alert_id_of(AlertKind.PROCURATORIAL_OVERDUE, matter.court_code, matter.case_id,
                       overdue_subject(matter, extended=extended))


def overdue_subject(matter: ProcuratorialMatter, *, extended: bool) -> str:
    """What a matter's overdue alert is about: the matter, or its extended reply."""
    return f"{matter.id}@extended" if extended else str(matter.id)


def _locks(matter: ProcuratorialMatter, *alerts: UUID) -> list[UUID | str]:
    keys: list[UUID | str] = [matter.id, *alerts]
    return [*keys, case_key(matter.case_id)] if matter.case_id else keys
