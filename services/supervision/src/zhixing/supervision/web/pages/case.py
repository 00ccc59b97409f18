"""A case file (案件档案): the case's row behind the figures, the R16 preconditions its
终本 did not meet (in Chinese), and its alerts (R36) with their timelines — GetCaseFile
with the viewer's token. It names no party (the RPC never answers one).

Congress and discipline viewers see aggregates only (R46): 403 before any call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError, backend_of, render, viewer_of
from zhixing.supervision.web.pages import labels
from zhixing.supervision.web.pages.drill import refuse_aggregates_only
from zhixing.supervision.web.pages.region import together

TIMELINES = 10
"""The newest alerts whose timelines a case file shows (one GetAlert each, made at once)."""
CASE_ID = re.compile(r"[0-9A-Za-z-]{1,64}")
"""A case id: a UUID, or at least nothing longer or stranger than one."""


@dataclass(frozen=True)
class StepLine:
    """One step of an alert's life, in words."""

    on: str
    what: str
    by: str
    note: str


@dataclass(frozen=True)
class AlertLine:
    """One alert of the case with its timeline."""

    label: str
    rule: str
    subject: str
    due_on: str
    raised_on: str
    status: str
    steps: list[StepLine]


def case_view(answer: pb.GetCaseFileResponse,
              timelines: Sequence[pb.Alert] = ()) -> dict[str, Any]:
    """The case file as the template shows it; `timelines`: GetAlert's answers, whose
    steps replace those of the same alert (GetCaseFile lists alerts without them)."""
    row = answer.case
    full = {a.alert_id: a for a in timelines}
    alerts = [AlertLine(a.label or a.kind, a.rule, labels.subject(a.subject), a.due_on or "—",
                        a.raised_on, labels.alert_status(a.status),
                        [StepLine(s.on, labels.step(s.what), s.by or "系统", s.note)
                         for s in full.get(a.alert_id, a).timeline])
              for a in answer.alerts]
    return {"case_number": row.case_number, "court_code": row.court_code,
            "filed_on": row.filed_on, "closed_on": row.closed_on or "—",
            "closure": labels.closure(row.closure), "detail": row.detail,
            "unmet": [labels.unmet(rule) for rule in answer.unmet], "alerts": alerts}


async def case(request: Request) -> Response:
    """/command/cases/{case_id}."""
    viewer = viewer_of(request)
    refuse_aggregates_only(viewer.sees_cases)
    case_id = request.path_params["case_id"]
    if not CASE_ID.fullmatch(case_id):
        raise PageError(400, "case_id（案件标识）须为 1 至 64 个字母、数字或连字符")
    backend = backend_of(request)
    answer = await backend.call("GetCaseFile", pb.GetCaseFileRequest(case_id=case_id))
    timelines: list[Any] = []
    if viewer.is_staff:  # GetAlert's policy (STAFF): a procurator reads the alerts only
        timelines = await together(*(
            backend.call("GetAlert", pb.GetAlertRequest(alert_id=a.alert_id))
            for a in answer.alerts[:TIMELINES]))
    return render(request, "case.html",
                  **case_view(answer, [t.alert for t in timelines]))


routes: list[BaseRoute] = [Route("/cases/{case_id}", case, methods=["GET", "HEAD"], name="case")]
