"""监督预警 on the assets topic (group `supervision.watch-assets`): control measures
(R20, R21), exempt property (R24), agencies silent past their deadline (R41), and the
acts that close node and re-query alerts (the investigation, R27; the re-query, R18).

An agency's late answer is known from the inquiry's result published again
(NetworkInquiryCompleted, its `overdue_agency_ids` without the agency): that is the
assets service's word that the answer was taken, where the agency's own message on the
replies topic is not, and names no case. The result names agencies, not requests, so the
watch keeps the requests it raised an alert for (`supervision_watch_agency_requests`:
ids only); the inquiry's events come in order on one key, so a result never arrives
before the overdue report it settles. It also keeps the day each case's first inquiry
completed (`supervision_watch_investigated`): the investigation node (R27) may be reported
overdue on the cases topic after this watch saw its result on this one.
"""

from __future__ import annotations

from datetime import date, datetime

from zhixing.contracts.events.assets.v1 import (
    AgencyAnswerOverdue,
    ExemptPropertyAttempted,
    MeasureExpiring,
    MeasureLapsed,
    MeasureReleased,
    MeasureRenewed,
    MeasureTookEffect,
    NetworkInquiryCompleted,
)
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.clock import legal_date
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, on
from zhixing.supervision.policies.watch import Watch
from zhixing.supervision.policies.watch_kit import (
    INVESTIGATED_DDL,
    INVESTIGATION,
    day,
    envelope_day,
    record_investigated,
)

REQUESTS_DDL = """CREATE TABLE IF NOT EXISTS supervision_watch_agency_requests (
    request_id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL, agency_id TEXT NOT NULL,
    case_id TEXT NOT NULL, court_code TEXT NOT NULL)"""
REQUESTS_INDEX = ("CREATE INDEX IF NOT EXISTS supervision_watch_agency_requests_inquiry "
                  "ON supervision_watch_agency_requests (inquiry_id)")


class AssetsWatch(Watch):
    """Follows the assets topic. It keeps the overdue agency requests and the day each
    case was investigated through the consumer's cursor, so it runs in the consumer's
    transaction (not elsewhere)."""

    effect_elsewhere = False

    @staticmethod
    def migrate(store: SqlStore) -> None:
        """The watches' tables: the overdue agency requests, and the cases investigated
        (the cases watch reads them on the same store)."""
        with store.transaction() as cur:
            for ddl in (REQUESTS_DDL, REQUESTS_INDEX, INVESTIGATED_DDL):
                cur.execute(ddl)

    # --- control measures (R20, R21) ---------------------------------------------------

    @on(MeasureExpiring)
    def expiring(self, e: MeasureExpiring, ctx: Context) -> None:
        """R20: the term ends soon — renew it before its last day or it lapses."""
        self.raise_breach("measure_expiring", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=self.number_of(e.case_id), subject=e.measure_id,
                          act_by_role="officer", due_on=day(e.expires_on, "expires_on"))

    @on(MeasureRenewed)
    def renewed(self, e: MeasureRenewed, ctx: Context) -> None:
        self.close("measure_expiring", e, subject=e.measure_id,
                   on=envelope_day(ctx))

    @on(MeasureLapsed)
    def lapsed(self, e: MeasureLapsed, ctx: Context) -> None:
        """R20: a term that ran out unrenewed lost the measure its priority — a breach a
        person closes. A measure that lapsed because the first court disposed of the
        whole asset (R22) breached nothing."""
        on = day(e.lapsed_on, "lapsed_on")
        for kind in ("measure_expiring", "over_seizure"):
            self.close(kind, e, subject=e.measure_id, on=on)
        if e.reason == "term_ended":
            self.raise_breach("measure_lapsed", e, court_code=e.court_code,
                              case_id=e.case_id, case_number=self.number_of(e.case_id),
                              subject=e.measure_id, act_by_role="officer", due_on=on)

    @on(MeasureTookEffect)
    def took_effect(self, e: MeasureTookEffect, ctx: Context) -> None:
        """R21: the case controls more than its claim allows — flagged, to be released."""
        if e.over_cap_flagged:
            self.raise_breach("over_seizure", e, court_code=e.court_code, case_id=e.case_id,
                              case_number=self.number_of(e.case_id), subject=e.measure_id,
                              act_by_role="officer", due_on=day(e.effective_on, "effective_on"))

    @on(MeasureReleased)
    def released(self, e: MeasureReleased, ctx: Context) -> None:
        on = day(e.released_on, "released_on")
        for kind in ("measure_expiring", "over_seizure"):
            self.close(kind, e, subject=e.measure_id, on=on)

    # --- exempt property (R24) ---------------------------------------------------------

    @on(ExemptPropertyAttempted)
    def exempt(self, e: ExemptPropertyAttempted, ctx: Context) -> None:
        """R24: an order to control exempt property was given (and refused) — disorderly
        enforcement for the command centre to look into."""
        self.raise_breach("exempt_property", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=self.number_of(e.case_id), subject=e.attempt_id,
                          act_by_role="supervisor", due_on=day(e.attempted_on, "attempted_on"))

    # --- agencies (R41) and the inquiry's result (R27, R18) ----------------------------

    @on(AgencyAnswerOverdue)
    def agency_overdue(self, e: AgencyAnswerOverdue, ctx: Context) -> None:
        """R41: an assisting agency did not answer by its deadline, retries included."""
        ctx.cursor.execute(
            "INSERT INTO supervision_watch_agency_requests (request_id, inquiry_id, "
            "agency_id, case_id, court_code) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (request_id) DO NOTHING",
            (e.request_id, e.inquiry_id, e.agency_id, e.case_id, e.court_code))
        self.raise_breach("agency_overdue", e, court_code=e.court_code, case_id=e.case_id,
                          case_number=self.number_of(e.case_id), subject=e.request_id,
                          act_by_role="officer", due_on=deadline_day(e.reply_by))

    @on(NetworkInquiryCompleted)
    def completed(self, e: NetworkInquiryCompleted, ctx: Context) -> None:
        """The inquiry's result: the investigation done (R27) or the re-query made
        (R18); agencies that answered late are no longer overdue (R41)."""
        on = day(e.completed_on, "completed_on")
        if e.requery:
            self.close_prefix("requery_missing", e, prefix="requery:", on=on)
        else:
            record_investigated(ctx.cursor, e.case_id, on)
            self.close("node_overdue", e, subject=INVESTIGATION, on=on)
        for request_id in self._answered_late(ctx.cursor, e):
            self.close("agency_overdue", e, subject=request_id, on=on)

    @staticmethod
    def _answered_late(cursor: Cursor, e: NetworkInquiryCompleted) -> list[str]:
        """The inquiry's requests reported overdue whose agency answered since; they
        leave the table (nothing is left to close)."""
        cursor.execute("SELECT request_id, agency_id FROM supervision_watch_agency_requests "
                       "WHERE inquiry_id = %s", (e.inquiry_id,))
        still = set(e.overdue_agency_ids)
        answered = sorted(r for r, agency in cursor.fetchall() if agency not in still)
        for request_id in answered:
            cursor.execute("DELETE FROM supervision_watch_agency_requests "
                           "WHERE request_id = %s", (request_id,))
        return answered


def deadline_day(moment: str) -> date:
    """The day in China of a deadline given as an ISO 8601 instant with its offset, or as
    a plain day; anything else (an instant without its offset included) is refused
    naming it."""
    if "T" not in moment:
        return day(moment, "reply_by")
    try:  # the day in China (R62): 2026-02-27T17:00Z is 28 February in Beijing
        return legal_date(datetime.fromisoformat(moment))
    except ValueError:
        raise InvalidInput("reply_by must be an ISO 8601 instant", rule="R41",
                           field="reply_by") from None
