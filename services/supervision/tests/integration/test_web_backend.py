"""The command centre calls the supervision service as the signed-in person: over real
gRPC, with the person's own token (the servicer authorises, scopes and audits: R46,
R39), and the service's refusals become pages in Chinese."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from grpc import aio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import dev_token
from zhixing.supervision.web.context import Backend, PageError, backend_of, render, viewer_of

from .api_support import UNKNOWN
from .web_support import Centre, centre_served


async def alerts_probe(request: Request) -> Response:
    """A page as the pages are written: the viewer, the backend, a template."""
    viewer = viewer_of(request)
    reply = await backend_of(request).call("ListAlerts", pb.ListAlertsRequest())
    return render(request, "error.html", status=200,
                  message=f"{viewer.role_name} sees {len(reply.alerts)} alerts")


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Iterator[Centre]:
    with centre_served(tmp_path_factory.mktemp("centre")) as served:
        web = served.supervision.instance.web
        assert web is not None
        web.app.starlette.router.routes.append(Route("/probe", alerts_probe))
        served.supervision.the_alert()  # the overdue node's alert, in the index
        yield served


def call(target: str, token: str, method: str, message: Any, deadline: float = 5.0) -> Any:
    async def calling() -> Any:
        async with aio.insecure_channel(target) as channel:
            return await Backend(channel, token, deadline).call(method, message)

    return asyncio.run(calling())


def refusal(target: str, token: str, method: str, message: Any) -> PageError:
    with pytest.raises(PageError) as raised:
        call(target, token, method, message)
    return raised.value


class TestThroughPages:
    def test_the_page_shows_what_the_service_answers_the_person_when_signed_in(self, centre):
        answer = centre.signed_in("president", user="president-probe").get("/command/probe")
        assert answer.status == 200 and "院长 sees 1 alerts" in answer.text

    def test_the_service_audits_the_person_not_the_centre_when_a_page_reads(self, centre):
        centre.signed_in("supervisor", user="supervisor-probe").get("/command/probe")
        actors = [e.actor for e in centre.supervision.audit() if e.action.endswith("/ListAlerts")]
        assert "supervisor-probe" in actors

    def test_403_in_chinese_citing_r46_when_the_role_may_not_list_alerts(self, centre):
        answer = centre.signed_in("congress", court="川").get("/command/probe")
        assert answer.status == 403 and "无权查看" in answer.text and "R46" in answer.text

    def test_another_courts_staff_see_none_of_its_alerts_when_scoped_by_the_service(self, centre):
        answer = centre.signed_in("president", court="渝0103").get("/command/probe")
        assert answer.status == 200 and "sees 0 alerts" in answer.text


class TestRefusals:
    def token(self, centre: Centre, role: str = "president", court: str = "川0104") -> str:
        return dev_token(f"{role}-1", role, court=court,
                         secret=centre.supervision.settings.jwt_secret)

    def test_401_when_the_service_does_not_trust_the_token(self, centre):
        forged = dev_token("president-1", "president", court="川0104",
                           secret="a-secret-the-attacker-chose-himself-to-sign")
        error = refusal(centre.supervision.target, forged, "ListAlerts", pb.ListAlertsRequest())
        assert error.status == 401 and forged not in error.message

    def test_404_when_the_alert_is_unknown(self, centre):
        error = refusal(centre.supervision.target, self.token(centre), "GetAlert",
                        pb.GetAlertRequest(alert_id=UNKNOWN))
        assert error.status == 404

    def test_400_with_the_services_explanation_naming_the_field_when_over_60_months(
            self, centre):
        error = refusal(centre.supervision.target, self.token(centre, "congress", "川"),
                        "GetKpis", pb.GetKpisRequest(from_month="2021-01", to_month="2026-01"))
        assert error.status == 400 and "to_month" in error.message

    def test_503_when_the_service_cannot_be_reached(self, centre):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed = f"127.0.0.1:{probe.getsockname()[1]}"
        error = refusal(closed, self.token(centre), "ListAlerts", pb.ListAlertsRequest())
        assert error.status == 503

    def test_only_the_services_methods_when_a_page_names_one(self, centre):
        with pytest.raises(ValueError, match="no method"):
            call(centre.supervision.target, self.token(centre), "__init__", None)
