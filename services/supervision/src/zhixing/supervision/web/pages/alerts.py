"""The live alert queue (预警): new alerts appear without a reload (server-sent events),
acknowledged and closed from the page (R36).

Every list and step goes through the supervision service's alert RPCs with the signed-in
person's token: who may acknowledge (staff) or close by hand (leaders: president,
supervisor) is the servicer's decision (R46) — the page only hides the close form from
those it would refuse, and a refusal comes back as the 403 page. Both POSTs go through
`form_of` (CSRF) and answer 303 back to the queue.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData, ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError, backend_of, form_of, render
from zhixing.supervision.web.pages.alerts_stream import (
    PAGE,
    ROLE_LABELS,
    STATUS_LABELS,
    cursor_of_alerts,
    stream,
    subject_label,
)

KIND_LABELS = {"node_overdue": "节点超期", "measure_expiring": "措施即将到期",
               "measure_lapsed": "措施已失效", "over_seizure": "超标的查封",
               "exempt_property": "查控豁免财产", "requery_missing": "终本后未按期复查",
               "removal_late": "逾期未删除失信信息", "relief_overdue": "救助逾期",
               "procuratorial_overdue": "检察建议逾期未回复",
               "suggestion_overdue": "司法建议逾期未处理",
               "agency_overdue": "协助单位逾期未反馈"}
"""Every kind of alert (the service's AlertKind) with its label, for the filter."""
NOTE_MOST = REASON_MOST = 500
"""R36: a note or a reason is 1..500 characters (the note may be empty)."""
ID_MOST = 64
TOKEN_DIGITS = 9


@dataclass(frozen=True)
class Section:
    """The queue's alerts in one status, open first."""

    status: str
    label: str
    alerts: list[pb.Alert]
    next_page: str


def _choice(value: str, allowed: dict[str, str], name: str) -> str:
    if value and value not in allowed:
        raise PageError(400, f"{name} 须为以下之一：{'、'.join(allowed)}")
    return value


def _filters(params: ImmutableMultiDict[str, Any]) -> tuple[str, str]:
    return (_choice(str(params.get("status", "") or ""), STATUS_LABELS, "status"),
            _choice(str(params.get("kind", "") or ""), KIND_LABELS, "kind"))


async def alerts_page(request: Request) -> Response:
    """GET /alerts?status=&kind=&page=: the scope's alerts, open ones first."""
    status, kind = _filters(request.query_params)
    page = request.query_params.get("page", "")
    if page and not (page.isascii() and page.isdigit() and len(page) <= TOKEN_DIGITS):
        raise PageError(400, f"page 须为不超过 {TOKEN_DIGITS} 位的数字（上一页给出的页码）")
    statuses = [status] if status else list(STATUS_LABELS)
    backend = backend_of(request)
    answers = await asyncio.gather(*(backend.call("ListAlerts", pb.ListAlertsRequest(
        status=s, kind=kind, page_size=PAGE, page_token=page if status else ""))
        for s in statuses))
    sections = [Section(s, STATUS_LABELS[s], list(a.alerts), a.next_page_token if status else "")
                for s, a in zip(statuses, answers, strict=True)]
    shown_open = next((s.alerts for s in sections if s.status == "open"), [])
    live = status in ("", "open")
    return render(request, "alerts.html", sections=sections, status=status, kind=kind,
                  page=page, kinds=KIND_LABELS, statuses=STATUS_LABELS, roles=ROLE_LABELS,
                  subject_of=subject_label,
                  live=live, note_most=NOTE_MOST, reason_most=REASON_MOST,
                  stream_query=urlencode({"kind": kind, "since": cursor_of_alerts(shown_open)}),
                  filters=urlencode({k: v for k, v in (("status", status), ("kind", kind)) if v}))


def _alert_id(request: Request) -> str:
    alert_id = str(request.path_params["alert_id"])
    if not 1 <= len(alert_id) <= ID_MOST:
        raise PageError(400, f"预警编号须为 1–{ID_MOST} 个字符")
    return alert_id


def _text(form: FormData, name: str, least: int, most: int, what: str) -> str:
    value = form.get(name, "")
    text = value.strip() if isinstance(value, str) else ""
    if not least <= len(text) <= most:
        raise PageError(400, f"{what}（{name}）须为 {least}–{most} 个字符（R36）")
    return text


def _back(request: Request, form: FormData) -> RedirectResponse:
    """303 to the queue, keeping its filters when they are valid ones (no open redirect:
    the path is ours, the query rebuilt from known values)."""
    status, kind = (str(form.get(n, "") or "") for n in ("status", "kind"))
    query = urlencode({k: v for k, v, allowed in (("status", status, STATUS_LABELS),
                                                   ("kind", kind, KIND_LABELS))
                       if v in allowed})
    root = request.scope.get("root_path", "")
    return RedirectResponse(f"{root}/alerts" + (f"?{query}" if query else ""), status_code=303)


async def acknowledge(request: Request) -> Response:
    """POST /alerts/{id}/acknowledge (签收), with an optional note."""
    form = await form_of(request)
    note = _text(form, "note", 0, NOTE_MOST, "签收说明")
    await backend_of(request).call("AcknowledgeAlert", pb.AcknowledgeAlertRequest(
        alert_id=_alert_id(request), note=note))
    return _back(request, form)


async def close(request: Request) -> Response:
    """POST /alerts/{id}/close (办结) with a reason; leaders only — the servicer decides."""
    form = await form_of(request)
    reason = _text(form, "reason", 1, REASON_MOST, "办结理由")
    await backend_of(request).call("CloseAlert", pb.CloseAlertRequest(
        alert_id=_alert_id(request), reason=reason))
    return _back(request, form)


routes: list[BaseRoute] = [
    Route("/alerts", alerts_page, methods=["GET", "HEAD"]),
    Route("/alerts/stream", stream, methods=["GET"]),
    Route("/alerts/{alert_id}/acknowledge", acknowledge, methods=["POST"]),
    Route("/alerts/{alert_id}/close", close, methods=["POST"]),
]
