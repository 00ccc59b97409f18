"""The command centre's live alert queue (R36, issue 16) through the real ASGI app and the
real supervision service over in-process gRPC, called with the signed-in person's token:
the queue lists open alerts first; the stream sends an alert raised while it runs (and
only that one), carries what the page knows as each event's id, ends itself after its
lifetime (an injected clock: no waiting), and answers a refusal as a page; acknowledging
and closing go through the CSRF-checked form and the servicer's decision (R46).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from testkit.asgi_calls import Answer, call, events_of
from testkit.assets import feed
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import dev_token
from zhixing.supervision.web.app import command_centre
from zhixing.supervision.web.pages.alerts_stream import Pacing, cursor_of_alerts, short_id

from .api_support import COURT, NAMED, NOW, Supervision, node_overdue, supervision_served

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.fixture
def supervision(tmp_path) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        yield served


class Centre:
    """The centre bound to the served service, its stream paced by a fake clock whose
    sleep runs what a test scheduled for that second."""

    def __init__(self, supervision: Supervision, lifetime: float = 20.0) -> None:
        self.supervision = supervision
        self.app = command_centre(jwt_secrets=[supervision.settings.jwt_secret],
                                  clock=lambda: NOW, dev_signin=True, oidc=None,
                                  secure_cookies=False)
        self.app.bind(supervision.target)
        self.now = 0.0
        self.sleeps = 0
        self.tokens: dict[tuple[str, str], str] = {}
        self.at: dict[int, Any] = {}
        """Work to do when the stream's n-th sleep is over (e.g. raise an alert)."""
        self.app.starlette.state.live_pacing = Pacing(lifetime_seconds=lifetime,
                                                      sleep=self.sleep,
                                                      monotonic=lambda: self.now)

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.sleeps += 1
        if self.sleeps in self.at:
            self.at.pop(self.sleeps)()
        await asyncio.sleep(0)

    def cookie(self, role: str, court: str = COURT) -> tuple[str, str]:
        """One session per role: a token minted again (a later second) has another
        CSRF value."""
        if (role, court) not in self.tokens:
            self.tokens[role, court] = dev_token(f"{role}-1", role, court=court,
                                                 secret=self.supervision.settings.jwt_secret)
        return ("cookie", f"zhixing_session={self.tokens[role, court]}")

    def get(self, path: str, role: str = "supervisor", **headers: str) -> Answer:
        sent = [self.cookie(role), *((n.replace("_", "-"), v) for n, v in headers.items())]
        return asyncio.run(call(self.app, "GET", f"/command{path}", headers=sent))

    def post(self, path: str, form: dict[str, str], role: str = "supervisor") -> Answer:
        return asyncio.run(call(self.app, "POST", f"/command{path}", headers=[self.cookie(role)],
                                form=form))

    def csrf(self, role: str = "supervisor") -> str:
        found = CSRF.search(self.get("/alerts", role).text)
        assert found, "the queue carries the session's CSRF value in its forms"
        return found.group(1)


def raise_another(supervision: Supervision) -> None:
    """The NAMED case's notice node runs out: the watch raises a second alert (R27)."""
    event = node_overdue(NAMED, COURT, 5)
    feed(supervision.instance, event)
    supervision.drain()


class TestQueue:
    def test_lists_the_open_alert_with_its_actions_when_a_leader_opens_the_queue(
            self, supervision):
        alert = supervision.the_alert()
        page = Centre(supervision).get("/alerts")
        assert page.status == 200 and "text/html" in page.header("content-type")
        assert f'data-alert-id="{alert.alert_id}"' in page.text and "节点超期" in page.text
        assert "/acknowledge" in page.text and "/close" in page.text
        assert f"since={cursor_of_alerts([alert])}" in page.text  # what the stream starts from

    def test_hides_the_close_form_when_the_viewer_is_no_leader(self, supervision):
        supervision.the_alert()
        page = Centre(supervision).get("/alerts", role="officer")
        assert "/acknowledge" in page.text and 'data-action="close"' not in page.text

    def test_refuses_an_unknown_filter_naming_the_field_when_the_kind_is_not_one(
            self, supervision):
        page = Centre(supervision).get("/alerts?kind=%3Cb%3E")
        assert page.status == 400 and "kind" in page.text and "<b>" not in page.text


class TestStream:
    def test_sends_the_alert_raised_while_it_runs_then_ends_when_its_lifetime_is_over(
            self, supervision):
        known = supervision.the_alert()
        centre = Centre(supervision)
        centre.at[3] = lambda: raise_another(supervision)
        answer = centre.get(f"/alerts/stream?since={cursor_of_alerts([known])}")
        assert answer.status == 200 and answer.header("content-type").startswith(
            "text/event-stream")
        events = events_of(answer.text)
        alerts = [e for e in events if e.get("event") == "alert"]
        assert len(alerts) == 1, "only the alert raised after the page was shown"
        sent = json.loads(alerts[0]["data"])
        assert (sent["case_id"], sent["status"], sent["label"]) == (NAMED[0], "open", "节点超期")
        assert set(alerts[0]["id"].split(",")) == {short_id(known.alert_id),
                                                    short_id(sent["alert_id"])}
        assert events[-1]["event"] == "end" and events[0]["retry"] == "1000"
        assert centre.now == 20.0 and centre.sleeps == 20  # polled each second, ended at 20 s

    def test_ends_at_the_configured_bound_when_the_lifetime_is_shorter(self, supervision):
        centre = Centre(supervision, lifetime=3.0)
        answer = centre.get("/alerts/stream")
        assert events_of(answer.text)[-1]["event"] == "end" and centre.now == 3.0

    def test_sends_nothing_again_when_it_reconnects_with_the_last_event_id(self, supervision):
        supervision.the_alert()
        centre = Centre(supervision, lifetime=2.0)
        first = [e for e in events_of(centre.get("/alerts/stream").text) if "id" in e]
        assert len(first) == 1, "a page that showed nothing is sent the open alert"
        again = centre.get("/alerts/stream", last_event_id=first[0]["id"])
        assert [e for e in events_of(again.text) if e.get("event") == "alert"] == []

    def test_answers_a_page_not_a_stream_when_the_service_refuses_the_viewer(
            self, supervision):
        answer = Centre(supervision).get("/alerts/stream", role="congress")
        assert answer.status == 403 and "R46" in answer.text
        assert not answer.header("content-type").startswith("text/event-stream")

    def test_refuses_a_forged_cursor_when_the_last_event_id_is_not_one(self, supervision):
        answer = Centre(supervision).get("/alerts/stream", last_event_id="x" * 5000)
        assert answer.status == 400 and "Last-Event-ID" in answer.text


class TestActs:
    def test_acknowledges_and_goes_back_when_the_form_carries_the_csrf_value(
            self, supervision):
        alert, centre = supervision.the_alert(), Centre(supervision)
        answer = centre.post(f"/alerts/{alert.alert_id}/acknowledge",
                             {"csrf": centre.csrf(), "note": "已安排", "kind": "node_overdue"})
        assert (answer.status, answer.header("location")) == (
            303, "/command/alerts?kind=node_overdue")
        got = supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id)).alert
        assert got.status == "acknowledged"

    def test_refuses_the_step_when_the_csrf_field_is_missing(self, supervision):
        alert, centre = supervision.the_alert(), Centre(supervision)
        answer = centre.post(f"/alerts/{alert.alert_id}/acknowledge", {"note": "x"})
        assert answer.status == 403 and "csrf" in answer.text
        got = supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id)).alert
        assert got.status == "open"

    def test_closes_with_the_reason_when_a_leader_gives_one(self, supervision):
        alert, centre = supervision.the_alert(), Centre(supervision)
        answer = centre.post(f"/alerts/{alert.alert_id}/close",
                             {"csrf": centre.csrf(), "reason": "已当面督办"})
        assert answer.status == 303
        got = supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id)).alert
        assert got.status == "closed" and got.timeline[-1].note == "已当面督办"

    def test_refuses_a_close_naming_the_bound_when_the_reason_is_empty(self, supervision):
        alert, centre = supervision.the_alert(), Centre(supervision)
        answer = centre.post(f"/alerts/{alert.alert_id}/close",
                             {"csrf": centre.csrf(), "reason": "  "})
        assert answer.status == 400 and "reason" in answer.text and "500" in answer.text, answer

    def test_answers_403_when_an_officer_tries_to_close_by_hand(self, supervision):
        alert, centre = supervision.the_alert(), Centre(supervision)
        answer = centre.post(f"/alerts/{alert.alert_id}/close",
                             {"csrf": centre.csrf("officer"), "reason": "我来关"}, role="officer")
        assert answer.status == 403 and "R46" in answer.text
        got = supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id)).alert
        assert got.status == "open"

