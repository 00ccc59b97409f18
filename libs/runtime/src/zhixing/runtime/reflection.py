"""gRPC server reflection, v1 and v1alpha, with the protos' comments (issue 18, spec D2).

grpcio-reflection answers only v1alpha and from the generated Python descriptors, which
carry no comments. Tools of the bank's engineers (grpcurl, Postman, grpc-java's
ProtoReflectionService clients) ask v1 first; and `grpcurl describe` shows a proto's
documentation only when the file descriptors it receives keep their source info. So
this module answers both versions itself, from the contracts' descriptor set
(`zhixing/contracts/pb/zhixing.binpb`, written with source info by
`scripts/protos.py generate`), plus the health and reflection protos the server also
serves. The two versions' messages are identical apart from their package, so the v1
file descriptor is derived from v1alpha's rather than kept as a second copy.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message
from grpc_health.v1 import health_pb2
from grpc_reflection.v1alpha import reflection_pb2 as v1alpha_pb2

V1 = "grpc.reflection.v1.ServerReflection"
V1ALPHA = "grpc.reflection.v1alpha.ServerReflection"
SERVICE_NAMES = (V1, V1ALPHA)
"""Both services reflection answers on; a server lists them among its services."""
METHOD = "ServerReflectionInfo"
DESCRIPTOR_SET = ("zhixing.contracts.pb", "zhixing.binpb")
"""The package and file name of the contracts' descriptor set (see scripts/protos.py)."""

_NOT_FOUND = grpc.StatusCode.NOT_FOUND.value[0]
_INVALID = grpc.StatusCode.INVALID_ARGUMENT.value[0]


def method_names() -> list[str]:
    """The full method names of both reflection services (for metrics' served list)."""
    return [f"/{service}/{METHOD}" for service in SERVICE_NAMES]


def contract_files() -> list[descriptor_pb2.FileDescriptorProto]:
    """The contracts' file descriptors, with source info, in dependency order."""
    package, name = DESCRIPTOR_SET
    data = importlib.resources.files(package).joinpath(name).read_bytes()
    return list(descriptor_pb2.FileDescriptorSet.FromString(data).file)


def v1_from_v1alpha(alpha: descriptor_pb2.FileDescriptorProto) -> descriptor_pb2.FileDescriptorProto:
    """grpc/reflection/v1/reflection.proto: v1alpha's file under the v1 package."""
    old, new = ".grpc.reflection.v1alpha.", ".grpc.reflection.v1."
    v1 = descriptor_pb2.FileDescriptorProto()
    v1.CopyFrom(alpha)
    v1.name = "grpc/reflection/v1/reflection.proto"
    v1.package = "grpc.reflection.v1"
    v1.options.ClearField("deprecated")  # v1 is the current version, v1alpha is not
    v1.options.go_package = "google.golang.org/grpc/reflection/grpc_reflection_v1"
    v1.options.java_package = "io.grpc.reflection.v1"
    for message in v1.message_type:
        for field in message.field:
            if field.type_name.startswith(old):
                field.type_name = new + field.type_name.removeprefix(old)
    for method in (m for service in v1.service for m in service.method):
        method.input_type = new + method.input_type.removeprefix(old)
        method.output_type = new + method.output_type.removeprefix(old)
    return v1


def _proto_of(module: Any) -> descriptor_pb2.FileDescriptorProto:
    proto = descriptor_pb2.FileDescriptorProto()
    module.DESCRIPTOR.CopyToProto(proto)
    return proto


@dataclass(frozen=True)
class Descriptors:
    """Every file reflection can answer with, by name, and a pool to find symbols in."""

    files: dict[str, descriptor_pb2.FileDescriptorProto]
    pool: descriptor_pool.DescriptorPool

    @classmethod
    def of(cls, files: Iterable[descriptor_pb2.FileDescriptorProto]) -> Descriptors:
        """Files in dependency order (each after the files it imports)."""
        pool = descriptor_pool.DescriptorPool()
        by_name: dict[str, descriptor_pb2.FileDescriptorProto] = {}
        for file in files:
            pool.AddSerializedFile(file.SerializeToString())
            by_name[file.name] = file
        return cls(by_name, pool)

    def file_of_symbol(self, symbol: str) -> str | None:
        """The file declaring a service, method, message, field or enum; None if none."""
        try:
            return str(self.pool.FindFileContainingSymbol(symbol).name)
        except KeyError:
            pass
        try:  # the pool finds every other kind of symbol, but not a service's method
            return str(self.pool.FindMethodByName(symbol).containing_service.file.name)
        except KeyError:
            return None

    def with_imports(self, name: str) -> list[bytes]:
        """The file `name` and every file it imports, directly or not, serialized."""
        order: list[str] = []
        pending = [name]
        while pending:
            current = pending.pop()
            if current not in order and current in self.files:
                order.append(current)
                pending.extend(self.files[current].dependency)
        return [self.files[n].SerializeToString() for n in order]

    def message_class(self, full_name: str) -> type[Message]:
        """The class of message `full_name`, built from this pool."""
        found: type[Message] = message_factory.GetMessageClass(
            self.pool.FindMessageTypeByName(full_name))
        return found


@functools.cache
def served_descriptors() -> Descriptors:
    """The contracts' files (with comments), health's and both reflection versions'.
    Read once per process, on the first server built (nothing is read at import)."""
    alpha = _proto_of(v1alpha_pb2)
    return Descriptors.of([*contract_files(), _proto_of(health_pb2), alpha,
                           v1_from_v1alpha(alpha)])


class ReflectionServicer:
    """Answers ServerReflectionInfo for one version (`package`) of the protocol."""

    def __init__(self, services: list[str], descriptors: Descriptors, package: str) -> None:
        self.services = sorted(services)
        self.descriptors = descriptors
        self.request_class = descriptors.message_class(f"{package}.ServerReflectionRequest")
        self.response_class = descriptors.message_class(f"{package}.ServerReflectionResponse")

    async def info(self, requests: AsyncIterator[Any], context: Any) -> AsyncIterator[Any]:
        """One answer per request, in order, for as long as the client asks."""
        async for request in requests:
            yield self.answer(request)

    def answer(self, request: Any) -> Any:
        """The response to one request (an error_response when nothing matches)."""
        response = self.response_class(valid_host=request.host)
        response.original_request.CopyFrom(request)
        asked = request.WhichOneof("message_request")
        if asked == "list_services":
            for name in self.services:
                response.list_services_response.service.add(name=name)
        elif asked == "file_by_filename":
            self._files(response, request.file_by_filename, "file")
        elif asked == "file_containing_symbol":
            symbol = request.file_containing_symbol
            self._files(response, self.descriptors.file_of_symbol(symbol), "symbol")
        elif asked == "all_extension_numbers_of_type":
            self._extension_numbers(response, request.all_extension_numbers_of_type)
        elif asked == "file_containing_extension":
            self._error(response, _NOT_FOUND, "no proto served here declares extensions")
        else:
            self._error(response, _INVALID, "the request names no known question")
        return response

    def _files(self, response: Any, name: str | None, kind: str) -> None:
        found = self.descriptors.with_imports(name) if name else []
        if not found:
            # The name asked is not echoed: it is the caller's text, of any length and content.
            self._error(response, _NOT_FOUND, f"no {kind} of that name is served here")
            return
        response.file_descriptor_response.file_descriptor_proto.extend(found)

    def _extension_numbers(self, response: Any, type_name: str) -> None:
        if self.descriptors.file_of_symbol(type_name) is None:
            self._error(response, _NOT_FOUND, "no message type of that name is served here")
            return
        response.all_extension_numbers_response.base_type_name = type_name

    @staticmethod
    def _error(response: Any, code: int, message: str) -> None:
        response.error_response.error_code = code
        response.error_response.error_message = message

    def handler(self, service: str) -> grpc.GenericRpcHandler:
        """The generic handler serving this servicer as `service`."""
        method = grpc.stream_stream_rpc_method_handler(
            self.info,
            request_deserializer=self.request_class.FromString,
            response_serializer=self.response_class.SerializeToString,
        )
        return grpc.method_handlers_generic_handler(service, {METHOD: method})


def enable_reflection(server: grpc.aio.Server, services: list[str]) -> None:
    """Serve reflection v1 and v1alpha on `server`, listing `services` and both
    reflection services, describing them from the descriptors with comments."""
    descriptors = served_descriptors()
    listed = [*services, *SERVICE_NAMES]
    for service in SERVICE_NAMES:
        package = service.rsplit(".", 1)[0]
        servicer = ReflectionServicer(listed, descriptors, package)
        server.add_generic_rpc_handlers((servicer.handler(service),))
