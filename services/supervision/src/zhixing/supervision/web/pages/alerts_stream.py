"""The live alert queue's server-sent events (R36): `/command/alerts/stream`.

Each second the stream asks ListAlerts — with the signed-in person's own token, so the
servicer scopes and audits it as any other read (R39, R46) — for the open alerts, and
sends those the page does not know yet, oldest first. What the page knows travels as a
cursor: the short ids of the open alerts it shows (the page's `since`, then each event's
`id`, which EventSource sends back as Last-Event-ID when it reconnects). No state on the
server but a count of the streams each session holds.

Bounded: a stream ends itself after `Pacing.lifetime_seconds` (20 s), well inside the
web server's per-request time limit (`HttpLimits.timeout_seconds`, 30 s), and
EventSource reconnects `retry` ms later; a session holds at most `Pacing.per_session`
streams at once (429 beyond them); the cursor is bounded in ids and characters.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError, backend_of, viewer_of

SHORT_ID = 12
"""Hex digits of an alert id a cursor keeps: 48 bits, no collision among a page's ids."""
PAGE = 50
"""Open alerts a poll reads (newest first) — as many as the page shows."""
CURSOR_IDS = 100
CURSOR_CHARS = CURSOR_IDS * (SHORT_ID + 1)
_CURSOR = re.compile(rf"(?:[0-9a-f]{{{SHORT_ID}}}(?:,[0-9a-f]{{{SHORT_ID}}})*)?")
FIELDS = ("alert_id", "kind", "label", "rule", "court_code", "case_id", "case_number",
          "subject", "act_by_role", "act_by", "due_on", "raised_on", "status")
"""What an event tells of an alert: the list's columns — no party is named in any."""
RETRY_MS = 1000
STATUS_LABELS = {"open": "待处理", "acknowledged": "已签收", "closed": "已办结"}
ROLE_LABELS = {"officer": "执行员", "judge": "执行法官", "president": "院长",
               "supervisor": "督导人员", "finance": "财务人员", "procurator": "检察机关",
               "congress": "人大", "discipline": "纪检监察", "admin": "管理员"}
"""Who must act, as the queue names them (an alert's act_by_role)."""
NODE_LABELS = {"assign": "分案", "notice": "发出执行通知书", "leads_request": "通知申请人提供财产线索",
               "verify_lead": "核查财产线索", "investigation": "完成财产调查",
               "property_report": "被执行人报告财产", "close": "执行期限", "disburse": "执行款发放"}
"""The procedure's nodes (R26–R28, R5), as the cases service names them."""


@dataclass(frozen=True)
class Pacing:
    """How often a stream polls, how long it lives, how many a session may hold; the
    clock and the sleep are injectable so tests run a stream's 20 s without waiting."""

    poll_seconds: float = 1.0
    lifetime_seconds: float = 20.0
    per_session: int = 3
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    monotonic: Callable[[], float] = time.monotonic


@dataclass
class Streams:
    """The streams each session holds now (by a digest of its token, never the token),
    as their start times: one whose answer never began (the client left first) would
    otherwise count for ever, so a start older than a stream can live is forgotten."""

    held: dict[str, list[float]] = field(default_factory=dict)

    def take(self, session: str, pacing: Pacing) -> float | None:
        """A start for a new stream of `session`, or None when it holds the most."""
        now = pacing.monotonic()
        alive = [t for t in self.held.get(session, []) if now - t < pacing.lifetime_seconds + 15]
        if len(alive) >= pacing.per_session:
            self.held[session] = alive
            return None
        self.held[session] = [*alive, now]
        return now

    def give_back(self, session: str, start: float) -> None:
        starts = self.held.get(session, [])
        if start in starts:
            starts.remove(start)
        if not starts:
            self.held.pop(session, None)


def pacing_of(request: Request) -> Pacing:
    """The app's pacing (`app.state.live_pacing`, set by tests), else the defaults."""
    pacing = getattr(request.app.state, "live_pacing", None)
    return pacing if isinstance(pacing, Pacing) else Pacing()


def streams_of(request: Request) -> Streams:
    """The app's count of streams per session, made on first use."""
    state = request.app.state
    if not isinstance(getattr(state, "live_streams", None), Streams):
        state.live_streams = Streams()
    return state.live_streams  # type: ignore[no-any-return]


def subject_label(alert: pb.Alert) -> str:
    """What the alert is about, readable: a node by its name (分案), a subject
    `<request or application id>:<agency or step>` by its tail, a re-query by its day."""
    subject = alert.subject
    if alert.kind == "node_overdue":
        return NODE_LABELS.get(subject, subject)
    head, colon, tail = subject.rpartition(":")
    if not colon:
        return subject
    return f"复查日 {tail}" if head == "requery" else tail


def short_id(alert_id: str) -> str:
    """An alert id as a cursor keeps it."""
    return alert_id.replace("-", "").lower()[:SHORT_ID]


def parse_cursor(text: str, name: str = "since") -> frozenset[str]:
    """The short ids a cursor names; a malformed or oversized one is refused (400)."""
    text = text.strip()
    if len(text) > CURSOR_CHARS or not _CURSOR.fullmatch(text):
        raise PageError(400, f"{name} 须为至多 {CURSOR_IDS} 个以逗号分隔的预警编号"
                             f"（各 {SHORT_ID} 位十六进制）")
    return frozenset(text.split(",")) if text else frozenset()


def cursor_of(ids: Iterable[str]) -> str:
    """A cursor naming `ids` (short ids), sorted so equal sets read the same."""
    return ",".join(sorted(ids)[:CURSOR_IDS])


def cursor_of_alerts(alerts: Iterable[pb.Alert]) -> str:
    """The cursor of the alerts a page shows."""
    return cursor_of({short_id(a.alert_id) for a in alerts})


def fresh(alerts: Sequence[pb.Alert], known: frozenset[str]
          ) -> list[tuple[pb.Alert, str]]:
    """The alerts of a poll (newest first) the client does not know, oldest first,
    each with the cursor the client knows once it has it: what it knew that the poll
    still lists, and the new ones up to this one."""
    listed = {short_id(a.alert_id) for a in alerts}
    seen = set(known & listed)
    found = []
    for alert in reversed(alerts):
        key = short_id(alert.alert_id)
        if key not in seen:
            seen.add(key)
            found.append((alert, cursor_of(seen)))
    return found


def event(alert: pb.Alert, cursor: str) -> str:
    """One server-sent event: the alert's columns as JSON (escaped by the page's
    script with textContent), the cursor as its id."""
    shown = {name: getattr(alert, name) for name in FIELDS}
    shown["status_label"] = STATUS_LABELS.get(alert.status, alert.status)
    shown["role_label"] = ROLE_LABELS.get(alert.act_by_role, alert.act_by_role)
    shown["subject_label"] = subject_label(alert)
    data = json.dumps(shown, ensure_ascii=False)
    return f"id: {cursor}\nevent: alert\ndata: {data}\n\n"


def session_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


async def stream(request: Request) -> Response:
    """GET /alerts/stream?kind=&since=: the open alerts the page does not show yet, as
    they are raised, for at most `lifetime_seconds`."""
    viewer = viewer_of(request)
    kind = request.query_params.get("kind", "")
    if len(kind) > 64:
        raise PageError(400, "kind 至多 64 个字符")
    header = request.headers.get("last-event-id")
    known = parse_cursor(header, "Last-Event-ID") if header is not None else parse_cursor(
        request.query_params.get("since", ""))
    pacing, streams, session = pacing_of(request), streams_of(request), session_key(viewer.token)
    backend = backend_of(request)
    query = pb.ListAlertsRequest(status="open", kind=kind, page_size=PAGE)
    first = (await backend.call("ListAlerts", query)).alerts  # errors answer as pages
    taken = streams.take(session, pacing)
    if taken is None:
        raise PageError(429, f"每个登录会话至多同时打开 {pacing.per_session} 个实时预警连接")
    start: float = taken

    async def events() -> AsyncIterator[str]:
        try:
            yield f"retry: {RETRY_MS}\n: 实时预警\n\n"
            seen, alerts = known, first
            while True:
                for alert, cursor in fresh(alerts, seen):
                    yield event(alert, cursor)
                seen = frozenset(short_id(a.alert_id) for a in alerts)
                if pacing.monotonic() - start + pacing.poll_seconds > pacing.lifetime_seconds:
                    break
                await pacing.sleep(pacing.poll_seconds)
                try:
                    alerts = (await backend.call("ListAlerts", query)).alerts
                except PageError:
                    break  # signed out or the service away: EventSource tries again
            yield "event: end\ndata: \n\n"
        finally:
            streams.give_back(session, start)

    return StreamingResponse(events(), media_type="text/event-stream", headers={
        "Cache-Control": "no-store", "X-Accel-Buffering": "no"})
