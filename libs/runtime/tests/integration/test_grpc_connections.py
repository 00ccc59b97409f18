"""The gRPC server holds a bounded number of connections (issue 12 item 2): without a cap,
an anonymous client opening ~20,000 connections in 12 s used every file descriptor of the
embedded suite, a consumer could not open its SQLite store, and the process stopped."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from testkit.serving import serving_server
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
    with serving_server(lambda: GrpcServer(  # type: ignore[list-item]
            [NoServices()], Settings(grpc_port=0))) as server:
        yield server.port


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
