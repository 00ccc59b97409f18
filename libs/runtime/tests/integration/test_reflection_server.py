"""Reflection v1 and v1alpha on a real GrpcServer, with the protos' comments (issue 18
item 1, spec D2): what grpcurl and grpc-java's reflection clients ask, answered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from testkit.serving import serving_server
from zhixing.eventstore.settings import Settings
from zhixing.runtime.reflection import served_descriptors
from zhixing.runtime.server import GrpcServer
from zhixing.security.policy import PolicyBook

CASES = "zhixing.cases.v1.CasesService"
CHECK = "zhixing.credit.v1.CreditCheckService"
FILE_CASE_COMMENT = "FileCase files (立案) a new enforcement case"


@dataclass
class Listed:
    """A process naming services (reflection lists them; none is called here)."""

    grpc_service_names: list[str] = field(default_factory=lambda: [CASES, CHECK])
    policies: PolicyBook = field(default_factory=PolicyBook)

    def register_grpc(self, server: object) -> None:
        return None


@pytest.fixture(scope="module")
def channel() -> Iterator[grpc.Channel]:
    with serving_server(lambda: GrpcServer(  # type: ignore[list-item]
            [Listed()], Settings(grpc_port=0))) as server, \
            grpc.insecure_channel(f"127.0.0.1:{server.port}") as opened:
        yield opened


def ask_v1alpha(channel: grpc.Channel, **question: Any) -> Any:
    """One request to v1alpha through grpcio-reflection's own client classes."""
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    answers = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(**question)]), timeout=30)
    return next(iter(answers))


def ask_v1(channel: grpc.Channel, **question: Any) -> Any:
    """One request to grpc.reflection.v1.ServerReflection over a raw stream."""
    descriptors = served_descriptors()
    request = descriptors.message_class("grpc.reflection.v1.ServerReflectionRequest")
    response = descriptors.message_class("grpc.reflection.v1.ServerReflectionResponse")
    call = channel.stream_stream(
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        request_serializer=request.SerializeToString,
        response_deserializer=response.FromString)
    return next(iter(call(iter([request(**question)]), timeout=30)))


ASK = pytest.mark.parametrize("ask", [ask_v1, ask_v1alpha], ids=["v1", "v1alpha"])


def files(answer: Any) -> dict[str, descriptor_pb2.FileDescriptorProto]:
    found = [descriptor_pb2.FileDescriptorProto.FromString(raw)
             for raw in answer.file_descriptor_response.file_descriptor_proto]
    return {f.name: f for f in found}


def comments(file: descriptor_pb2.FileDescriptorProto) -> str:
    return "\n".join(location.leading_comments for location in file.source_code_info.location)


@ASK
class TestReflection:
    def test_lists_services_health_and_both_reflection_versions_when_asked(self, channel, ask):
        answer = ask(channel, list_services="")

        names = {s.name for s in answer.list_services_response.service}

        assert names == {CASES, CHECK, "grpc.health.v1.Health",
                         "grpc.reflection.v1.ServerReflection",
                         "grpc.reflection.v1alpha.ServerReflection"}

    def test_method_symbol_answers_its_file_with_comments_when_asked(self, channel, ask):
        answer = ask(channel, file_containing_symbol=f"{CASES}.FileCase")

        found = files(answer)

        assert list(found) == ["zhixing/cases/v1/cases.proto"]
        assert FILE_CASE_COMMENT in comments(found["zhixing/cases/v1/cases.proto"])
        assert found["zhixing/cases/v1/cases.proto"].options.go_package.endswith(";casesv1")

    def test_file_comes_with_the_files_it_imports_when_asked_by_name(self, channel, ask):
        answer = ask(channel, file_by_filename="zhixing/credit/v1/credit.proto")

        assert set(files(answer)) == {"zhixing/credit/v1/credit.proto",
                                      "zhixing/credit/v1/check.proto"}

    def test_reflection_describes_its_own_v1_service_when_asked(self, channel, ask):
        answer = ask(channel, file_containing_symbol="grpc.reflection.v1.ServerReflection")

        (file,) = files(answer).values()

        assert file.package == "grpc.reflection.v1"
        assert file.service[0].method[0].input_type == ".grpc.reflection.v1.ServerReflectionRequest"

    def test_unknown_symbol_is_not_found_when_asked(self, channel, ask):
        answer = ask(channel, file_containing_symbol="zhixing.cases.v1.NoSuchService")

        assert answer.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
        assert answer.WhichOneof("message_response") == "error_response"

    def test_message_type_has_no_extension_numbers_when_asked(self, channel, ask):
        answer = ask(channel, all_extension_numbers_of_type="zhixing.cases.v1.FileCaseRequest")

        numbers = answer.all_extension_numbers_response

        assert numbers.base_type_name == "zhixing.cases.v1.FileCaseRequest"
        assert list(numbers.extension_number) == []
