"""检察监督 — procuratorial suggestions and written inquiries (R34): received with the
reply's last day counted (3 months, or 15 days, by R62–R64), one month more with the
president's approval asked for in time, the reply recorded — which closes the matter's
overdue alert in the same save."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from zhixing.eventstore.unit import same_request
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.application.alerts import alert_id_of
from zhixing.supervision.application.base import (
    SupervisionStore,
    Unit,
    case_key,
)
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.deadlines import (
    extended_reply_by,
    inquiry_reply_by,
    suggestion_reply_by,
)
from zhixing.supervision.domain.errors import MatterNotFound
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.values import AlertKind, MatterKind

REPLIED = "cn.zhixing.supervision.v1.ProcuratorialReplied"
"""What closes a matter's overdue alert (the type of the event its reply publishes)."""


class MatterCommands(SupervisionStore):
    def receive_matter(self, kind: MatterKind | str, *, court_code: str, document_number: str,
                       procuratorate: str, case_id: str, case_number: str, received_on: date,
                       summary: str, by: str,
                       matter_id: str | None = None) -> ProcuratorialMatter:
        """收到检察建议 / 书面询问 — the reply is due 3 months (a suggestion) or 15 days (an
        inquiry) after `received_on`, counted by R62–R64 (R34). `matter_id` is the
        request's idempotency key: sent again with the same content it returns the
        matter received then and stores nothing; with other content it is refused."""
        kind = MatterKind(kind)
        key = (matter_id or "").strip() if isinstance(matter_id, str) else ""
        wanted = ProcuratorialMatter.create_id(court_code.strip(), key) if key else None
        asked = (kind, court_code, document_number.strip(), case_id, received_on)

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

    def extend_reply(self, matter_id: UUID | str, *, requested_on: date,
                     approved_by: str) -> ProcuratorialMatter:
        """The president approved one more month for a suggestion's reply, asked for on or
        before its last day (R34: four months from receipt, counted the same way). The
        same approval again stores nothing; a second one, a late one or one for an
        inquiry is refused (ExtensionRefused)."""
        known = self.matter(matter_id)
        new_reply_by = extended_reply_by(self.calendar, known.received_on)

        def command(unit: Unit) -> ProcuratorialMatter:
            matter = unit.matter(known.id)
            if not (matter.extended and matter.reply_by == new_reply_by):
                matter.extend(requested_on, approved_by, new_reply_by)
            return matter

        return self.act(command, lock=[known.id])

    def record_reply(self, matter_id: UUID | str, *, replied_on: date, document_number: str,
                     by: str) -> ProcuratorialMatter:
        """The court's reply was sent (R34); its overdue alert, if raised, closes in the
        same save. The same reply again stores nothing; another one is refused."""
        known = self.matter(matter_id)
        alert_id = alert_id_of(AlertKind.PROCURATORIAL_OVERDUE, known.court_code,
                               known.case_id, str(known.id))

        def command(unit: Unit) -> ProcuratorialMatter:
            matter = unit.matter(known.id)
            if matter.replied_on == replied_on and matter.reply_document == document_number.strip():
                return matter
            matter.reply(replied_on, document_number, by)
            alert = unit.find(alert_id)
            closed = isinstance(alert, Alert) and alert.close(replied_on, by_event=REPLIED)
            if closed and matter.case_id:
                unit.case_alerts(matter.case_id).closed(alert_id)
            return matter

        locks: list[UUID | str] = [known.id, alert_id]
        return self.act(command, lock=locks + ([case_key(known.case_id)] if known.case_id else []))

    def matter(self, matter_id: UUID | str) -> ProcuratorialMatter:
        """The procuratorial matter with that id; NotFound when there is none."""
        return self.loaded(matter_id, ProcuratorialMatter, "matter_id", MatterNotFound)


def _matter_request(found: object) -> tuple[object, ...] | None:
    """What a matter received earlier under a key was asked with (None: not a matter)."""
    if not isinstance(found, ProcuratorialMatter):
        return None
    return (found.kind, found.court_code, found.document_number, found.case_id,
            found.received_on)
