"""Alerts over gRPC (R36): a scope's list, one alert with its timeline, acknowledging
and closing by hand with a reason — every read of them audited (they name cases, R46)."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.errors import NotFound
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity
from zhixing.supervision.api.base import ServicerBase, by, off_loop
from zhixing.supervision.api.ids import parse_id
from zhixing.supervision.api.translate import (
    alert_message,
    optional_choice,
    page_bounds,
    plain,
    required,
)
from zhixing.supervision.domain.values import AlertKind, AlertStatus

Context: TypeAlias = grpc.aio.ServicerContext


def _missing() -> NotFound:
    return NotFound("no alert with that id", field="alert_id")


def _target(alert: Any) -> str:
    return alert.case_number or str(alert.id)


class AlertRpcs(ServicerBase):
    async def _alert(self, alert_id: str) -> tuple[Any, Identity | None]:
        """The alert a call names, once the caller's scope holds its court; another
        court's is answered exactly as an unknown id."""
        key = parse_id(alert_id, _missing)
        alert = await self._load(lambda: self.app.alert(key), _missing)
        return alert, await self._visible(alert.court_code, _target(alert), _missing)

    @maps_errors
    async def ListAlerts(self, request: pb.ListAlertsRequest,
                         context: Context) -> pb.ListAlertsResponse:
        prefixes, caller = await self._scope(request.court_code)
        status = optional_choice(tuple(AlertStatus), request.status, "status")
        kind = optional_choice(tuple(AlertKind), request.kind, "kind")
        page_bounds(request.page_size, "")  # the size's bound; the index reads its token
        rows, token = await off_loop(self.reads.alerts.list, prefixes, status=status,
                                     kind=kind, page_size=request.page_size or 50,
                                     page_token=request.page_token)
        await self._audit(caller, prefixes[0], "查看预警列表")
        return pb.ListAlertsResponse(alerts=[alert_message(row) for row in rows],
                                     next_page_token=token)

    @maps_errors
    async def GetAlert(self, request: pb.GetAlertRequest,
                       context: Context) -> pb.GetAlertResponse:
        alert, caller = await self._alert(request.alert_id)
        await self._audit(caller, _target(alert), "查看预警")
        return pb.GetAlertResponse(alert=alert_message(alert, timeline=True))

    @maps_errors
    async def AcknowledgeAlert(self, request: pb.AcknowledgeAlertRequest,
                               context: Context) -> pb.AcknowledgeAlertResponse:
        alert, caller = await self._alert(request.alert_id)
        note = plain(request.note, "note", "R36").strip()
        on = self._day(request.acknowledged_on, "acknowledged_on")
        after = await self._act(caller, _target(alert), "签收预警",
                                lambda: self.app.acknowledge(alert.id, by=by(caller), on=on,
                                                             note=note))
        return pb.AcknowledgeAlertResponse(alert=alert_message(after, timeline=True))

    @maps_errors
    async def CloseAlert(self, request: pb.CloseAlertRequest,
                         context: Context) -> pb.CloseAlertResponse:
        alert, caller = await self._alert(request.alert_id)
        reason = required(request.reason, "reason", "R36")
        on = self._day(request.closed_on, "closed_on")
        after = await self._act(caller, _target(alert), "关闭预警",
                                lambda: self.app.close_by_hand(alert.id, by=by(caller), on=on,
                                                               reason=reason))
        return pb.CloseAlertResponse(alert=alert_message(after, timeline=True))
