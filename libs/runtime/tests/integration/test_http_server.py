"""The HTTP server on a real loopback socket: slow clients cannot hold its connections."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from zhixing.runtime.asgi import plain_reply
from zhixing.runtime.http import HttpServer
from zhixing.runtime.limits import HttpLimits

LIMITS = HttpLimits(max_connections=2, head_timeout_seconds=0.3)


async def hello(scope: Any, receive: Any, send: Any) -> None:
    await plain_reply(send, 200, "hello")


@pytest.fixture
def server() -> Iterator[HttpServer]:
    served = HttpServer(hello, "127.0.0.1", 0, setting="TEST_PORT", limits=LIMITS)
    served.start()
    yield served
    served.stop()


def opened(server: HttpServer, sent: bytes) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    client.sendall(sent)
    return client


def closed_by_server(client: socket.socket) -> bool:
    """True once the server closes the connection (within the socket's 5 s timeout)."""
    try:
        return client.recv(1024) == b""
    except TimeoutError:
        return False
    finally:
        client.close()


def answer(client: socket.socket) -> bytes:
    """One whole answer of `hello` (status line, headers and body)."""
    received = b""
    while not received.endswith(b"hello\n"):
        chunk = client.recv(1024)
        if not chunk:
            break
        received += chunk
    return received


class TestSlowHeads:
    def test_a_connection_is_closed_when_its_request_head_is_not_complete_in_time(self, server):
        assert closed_by_server(opened(server, b"GET / HTTP/1.1\r\nHost: x\r\n"))

    def test_a_connection_is_closed_when_it_sends_nothing_in_time(self, server):
        assert closed_by_server(opened(server, b""))

    def test_pages_answer_again_when_slow_clients_held_every_connection(self, server):
        # Slowloris: partial heads on every connection the server allows; each new
        # request got 503 for as long as they stayed open.
        slow = [opened(server, b"GET / HTTP/1.1\r\nX: 1\r\n") for _ in range(LIMITS.max_connections)]
        assert all(closed_by_server(client) for client in slow)
        with urllib.request.urlopen(server.address, timeout=5) as answer:
            assert answer.status == 200 and answer.read() == b"hello\n"

    def test_a_page_answers_when_its_head_arrives_in_time(self, server):
        client = opened(server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        with client:
            assert client.recv(1024).startswith(b"HTTP/1.1 200")

    def test_a_second_request_on_a_kept_alive_connection_is_answered(self, server):
        client = opened(server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        with client:
            assert answer(client).startswith(b"HTTP/1.1 200")
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert answer(client).startswith(b"HTTP/1.1 200")

    def test_a_slow_second_head_on_a_kept_alive_connection_is_cut_off(self, server):
        client = opened(server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer(client).startswith(b"HTTP/1.1 200")
        client.sendall(b"GET / HTTP/1.1\r\n")  # and never the rest
        assert closed_by_server(client)


class TestConnectionsPerClient:
    def test_pages_answer_others_when_one_address_opens_every_connection(self):
        # One address opening as many idle connections as the server allows made every
        # other client's request 503 for as long as it renewed them (each lasted the
        # head deadline); an address now holds at most its share.
        limits = HttpLimits()
        served = HttpServer(hello, "127.0.0.1", 0, setting="TEST_PORT", limits=limits)
        served.start()
        flood = []
        try:
            for _ in range(limits.max_connections):
                client = socket.create_connection(("127.0.0.1", served.port), timeout=5,
                                                  source_address=("127.0.0.2", 0))
                flood.append(client)
            with urllib.request.urlopen(served.address, timeout=5) as answer:
                assert answer.status == 200 and answer.read() == b"hello\n"
        finally:
            for client in flood:
                client.close()
            served.stop()

    def test_429_with_retry_after_when_an_address_opens_more_than_its_share(self):
        limits = HttpLimits(max_connections_per_client=2)
        served = HttpServer(hello, "127.0.0.1", 0, setting="TEST_PORT", limits=limits)
        served.start()
        held = [opened(served, b"") for _ in range(limits.max_connections_per_client)]
        try:
            with opened(served, b"") as refused:
                written = everything(refused)
            assert written.startswith(b"HTTP/1.1 429") and b"\r\nretry-after: 1\r\n" in written
        finally:
            for client in held:
                client.close()
            served.stop()


def everything(client: socket.socket) -> bytes:
    """What the server writes before it closes the connection."""
    received = b""
    while chunk := client.recv(1024):
        received += chunk
    return received


class TestOpenConnections:
    def test_503_for_connections_beyond_the_servers_total_when_many_addresses_flood(self):
        # Twenty connections from each of 1,000 addresses used every file descriptor of
        # the embedded suite (uvicorn accepts without limit), and the process stopped.
        limits = HttpLimits(max_connections_per_client=5, max_open_connections=20)
        served = HttpServer(hello, "127.0.0.1", 0, setting="TEST_PORT", limits=limits)
        served.start()
        flood = [socket.create_connection(("127.0.0.1", served.port), timeout=15,
                                          source_address=(f"127.0.0.{2 + n // 5}", 0))
                 for n in range(25)]
        try:
            beyond = flood[limits.max_open_connections:]
            assert all(everything(client).startswith(b"HTTP/1.1 503") for client in beyond)
            flood[0].sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # those held are served
            assert answer(flood[0]).startswith(b"HTTP/1.1 200")
        finally:
            for client in flood:
                client.close()
            served.stop()
