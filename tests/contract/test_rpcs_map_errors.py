"""Every RPC's servicer method runs under `maps_errors` (issue 12 item 3): an unexpected
exception reaches the client as INTERNAL without its text, never as grpc's UNKNOWN
"Unexpected <class …>: <message>" that may quote request data. Streaming methods too
(BatchCheck and Follow answered UNKNOWN before). Read from the proto descriptors and the
services' api packages, so a new RPC without it fails here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from testkit.fuzzing import every_rpc
from zhixing.runtime.service import discover

pytestmark = pytest.mark.contract
WRAPPERS = ("maps_errors.", "_maps_stream_errors.")


def servicer_classes() -> dict[str, list[type]]:
    """Full service name → the servicer classes of the installed services serving it."""
    found: dict[str, list[type]] = {}
    for name in discover():
        package = importlib.import_module(f"zhixing.{name}.api")
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
                for service in _served_by(cls):
                    found.setdefault(service, []).append(cls)
    return found


def _served_by(cls: type) -> list[str]:
    services = []
    for base in cls.__mro__[1:]:
        if base.__module__.endswith("_pb2_grpc") and base.__name__.endswith("Servicer"):
            messages = importlib.import_module(base.__module__.removesuffix("_grpc"))
            short = base.__name__.removesuffix("Servicer")
            services.append(messages.DESCRIPTOR.services_by_name[short].full_name)
    return services


def wrapped(method: object) -> bool:
    code = getattr(method, "__code__", None)
    return code is not None and code.co_qualname.startswith(WRAPPERS)


class TestEveryRpcMapsErrors:
    def test_every_rpc_has_a_servicer_when_the_api_packages_are_read(self):
        served = servicer_classes()
        assert {rpc.service for rpc in every_rpc()} <= set(served)

    def test_every_rpc_method_is_wrapped_by_maps_errors_when_its_servicer_is_read(self):
        served = servicer_classes()
        bare = [f"{cls.__name__}.{rpc.name}" for rpc in every_rpc()
                for cls in served.get(rpc.service, []) if not wrapped(getattr(cls, rpc.name))]
        assert bare == [], "decorate these with zhixing.runtime.errors.maps_errors"
