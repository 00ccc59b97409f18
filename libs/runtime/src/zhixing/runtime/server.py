"""The gRPC aio server: one port for the services given, with health, reflection (v1 and
v1alpha, with the protos' comments),
latency metrics, tracing, authentication with per-RPC policies (default deny), a rate
per anonymous client address on public RPCs, bounds on every request (its message size,
then each field's), and graceful shutdown."""

from __future__ import annotations

import grpc
from google.protobuf import descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from zhixing.eventstore.settings import Settings
from zhixing.observability.grpc_metrics import MetricsInterceptor
from zhixing.observability.grpc_tracing import TracingInterceptor
from zhixing.runtime.bounds import BoundsInterceptor, server_options
from zhixing.runtime.grpc_rate import PublicRateInterceptor
from zhixing.runtime.rate import ClientRate, RateLimiter
from zhixing.runtime.reflection import enable_reflection, method_names
from zhixing.runtime.service import ServiceInstance
from zhixing.security.audit import AuditLog
from zhixing.security.grpc_auth import AuthInterceptor
from zhixing.security.policy import PolicyBook


class PortUnavailable(RuntimeError):
    """A listening port is taken; the message names the setting to change."""


class GrpcServer:
    """Owns the aio server and its health servicer. `public_rate` holds anonymous callers
    of public RPCs (default: `ClientRate()`, the pages' rate); tests give it a clock."""

    def __init__(self, instances: list[ServiceInstance], settings: Settings,
                 audit: AuditLog | None = None, *,
                 public_rate: RateLimiter | None = None) -> None:
        settings.check_token_secret()
        policies = PolicyBook()
        for instance in instances:
            policies = policies | instance.policies
        # Only served methods name a metric or a span: any other name is the caller's text.
        served = [*policies, *_methods(health.SERVICE_NAME), *method_names()]
        # Bounds come after authentication: an anonymous caller learns no field's bound.
        # The rate comes after it too (it spares signed-in callers) and before the bounds
        # (a refused request still takes a token).
        self.public_rate = public_rate or RateLimiter(ClientRate())
        self.server = grpc.aio.server(interceptors=[
            MetricsInterceptor(served), TracingInterceptor(served=served),
            AuthInterceptor(policies, settings.jwt_secret, audit=audit,
                            old_secrets=settings.jwt_old_secrets),
            PublicRateInterceptor(policies, self.public_rate),
            BoundsInterceptor()], options=server_options())
        self.health = health.aio.HealthServicer()
        self.names = [name for i in instances for name in i.grpc_service_names]
        for instance in instances:
            instance.register_grpc(self.server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        enable_reflection(self.server, [*self.names, health.SERVICE_NAME])
        self.address = f"{settings.grpc_host}:{settings.grpc_port}"
        try:
            self.port = self.server.add_insecure_port(self.address)
        except RuntimeError:
            raise PortUnavailable(f"gRPC port {self.address} is in use: set ZHIXING_GRPC_PORT "
                                  "to a free port") from None

    async def start(self) -> None:
        await self.server.start()
        for name in ["", *self.names]:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace: float = 5.0) -> None:
        """Stop intake, let in-flight calls finish within `grace` seconds."""
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)


def _methods(service: str) -> list[str]:
    """The full method names of a service whose descriptor the process has loaded."""
    found = descriptor_pool.Default().FindServiceByName(service)
    return [f"/{service}/{method.name}" for method in found.methods]
