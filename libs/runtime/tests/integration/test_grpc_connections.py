"""The gRPC server holds a bounded number of connections (issue 12 item 2): without a cap,
an anonymous client opening ~20,000 connections in 12 s used every file descriptor of the
embedded suite, a consumer could not open its SQLite store, and the process stopped."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from zhixing.eventstore.settings import Settings
from zhixing.runtime.bounds import connection_cap
from zhixing.runtime.server import GrpcServer
from zhixing.security.policy import PolicyBook

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
"""An HTTP/2 client's first bytes (its preface and empty settings): a connection that
asks for nothing, as a flood's would."""
BEYOND = 50


@dataclass
class NoServices:
    """A process serving only health and reflection."""

    grpc_service_names: list[str] = field(default_factory=list)
    policies: PolicyBook = field(default_factory=PolicyBook)

    def register_grpc(self, server: object) -> None:
        return None


@pytest.fixture
def port() -> Iterator[int]:
    loop, servers, ready = asyncio.new_event_loop(), [], threading.Event()

    async def start() -> None:
        servers.append(GrpcServer([NoServices()], Settings(grpc_port=0)))  # type: ignore[list-item]
        await servers[0].start()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10), "the test server did not start"
    try:
        yield servers[0].port
    finally:
        asyncio.run_coroutine_threadsafe(servers[0].stop(0), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def refused(client: socket.socket) -> bool:
    """Whether the server closed the connection rather than answer its preface."""
    try:
        return client.recv(1024) == b""
    except ConnectionResetError:
        return True


class TestConnectionCap:
    def test_connections_beyond_the_cap_are_closed_and_the_server_serves_after_a_flood(
            self, port):
        cap = connection_cap()
        flood = [socket.create_connection(("127.0.0.1", port), timeout=10)
                 for _ in range(cap + BEYOND)]
        try:
            for client in flood:
                client.sendall(PREFACE)
            closed = sum(refused(client) for client in flood)
        finally:
            for client in flood:
                client.close()
        assert closed >= BEYOND
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            answer = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=30, wait_for_ready=True)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING
