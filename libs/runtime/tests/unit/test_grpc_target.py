"""Where a mounted web app dials the suite's own gRPC server (`runners.grpc_target`)."""

from __future__ import annotations

import pytest

from zhixing.runtime.runners import grpc_target


@pytest.mark.parametrize("host", ["", "0.0.0.0", "::", "[::]"])
def test_loopback_when_the_server_listens_on_every_interface(host):
    assert grpc_target(host, 54321) == "127.0.0.1:54321"


@pytest.mark.parametrize(("host", "target"), [
    ("127.0.0.1", "127.0.0.1:54321"), ("::1", "[::1]:54321"), ("[::1]", "[::1]:54321"),
    ("supervision.zhixing.svc", "supervision.zhixing.svc:54321")])
def test_the_host_itself_bracketed_when_ipv6(host, target):
    assert grpc_target(host, 54321) == target
