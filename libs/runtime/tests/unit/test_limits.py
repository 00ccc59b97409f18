"""Limits every HTTP request meets: a body cap (413) and a per-request timeout (503)."""

from __future__ import annotations

import asyncio
from typing import Any

from zhixing.runtime.asgi import plain_reply
from zhixing.runtime.limits import HttpLimits, Limited

LIMITS = HttpLimits(max_body_bytes=100, timeout_seconds=0.2)


async def echo(scope: Any, receive: Any, send: Any) -> None:
    """Answers with the body it received."""
    received = b""
    while True:
        message = await receive()
        received += message.get("body", b"")
        if not message.get("more_body"):
            break
    await plain_reply(send, 200, f"{len(received)} bytes")


async def slow(scope: Any, receive: Any, send: Any) -> None:
    await asyncio.sleep(5)
    await plain_reply(send, 200, "late")


class TestBodyCap:
    def test_the_body_reaches_the_app_when_within_the_cap(self, call):
        assert call(Limited(echo, LIMITS), "/", method="POST", body=b"x" * 100).text == "100 bytes\n"

    def test_413_when_the_announced_length_is_over_the_cap(self, call):
        answer = call(Limited(echo, LIMITS), "/", method="POST", body=b"x" * 101)
        assert answer.status == 413 and "over 100 bytes" in answer.text

    def test_413_when_a_streamed_body_grows_over_the_cap(self, call):
        answer = call(Limited(echo, LIMITS), "/", method="POST", chunks=[b"x" * 60, b"x" * 60])
        assert answer.status == 413

    def test_a_streamed_body_reaches_the_app_whole_when_within_the_cap(self, call):
        answer = call(Limited(echo, LIMITS), "/", method="POST", chunks=[b"x" * 40, b"x" * 40])
        assert answer.text == "80 bytes\n"


class TestTimeout:
    def test_503_when_the_app_does_not_answer_in_time(self, call):
        answer = call(Limited(slow, LIMITS), "/")
        assert answer.status == 503 and "0.2 seconds" in answer.text


STREAMING = HttpLimits(timeout_seconds=0.2, stream_seconds=0.6)


def events(count: int, every: float, kind: bytes = b"text/event-stream"):  # type: ignore[no-untyped-def]
    """An app answering with `count` events, one each `every` seconds."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind + b"; charset=utf-8")]})
        for n in range(count):
            await asyncio.sleep(every)
            await send({"type": "http.response.body", "body": b"data: %d\n\n" % n,
                        "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    return app


class TestServerSentEvents:
    def test_a_stream_runs_past_the_request_timeout_when_it_ends_itself_in_time(self, call):
        answer = call(Limited(events(4, 0.1), STREAMING), "/stream")  # 0.4 s > 0.2 s
        assert answer.text.count("data:") == 4

    def test_a_stream_is_cut_off_when_it_runs_past_stream_seconds(self, call):
        answer = call(Limited(events(100, 0.1), STREAMING), "/stream")  # 10 s > 0.6 s
        assert answer.status == 200 and 3 <= answer.text.count("data:") < 10

    def test_an_answer_that_is_not_a_stream_is_still_cut_at_the_request_timeout(self, call):
        answer = call(Limited(events(4, 0.1, kind=b"text/html"), STREAMING), "/page")
        assert answer.text.count("data:") < 4
