"""The gRPC half of the contract reference: protos/ read with their comments.

protoc (grpc_tools') writes a descriptor set *with source info* — the generated Python
code carries no comments — and each package `zhixing.<context>.v1` becomes one page:
its services, each RPC with its request and response, who may call it (the service's
declared policy, R46) and the rule IDs its refusals can name (`reference_rules`), then
every message and enum of the package with its fields, comments and bounds (the bounds
registry `zhixing.contracts.bounds`, which the server enforces).
"""

from __future__ import annotations

import importlib
import importlib.resources
import pkgutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import FieldDescriptor

import zhixing.contracts.pb as generated
from zhixing.contracts.bounds import bound_of, request_fields

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "protos"
FDP = descriptor_pb2.FieldDescriptorProto
_SCALARS = {value: name.removeprefix("TYPE_").lower()
            for name, value in FDP.Type.items() if name not in ("TYPE_MESSAGE", "TYPE_ENUM")}
# Paths into a FileDescriptorProto (descriptor.proto's field numbers).
MESSAGE, ENUM, SERVICE, FIELD, NESTED, NESTED_ENUM, METHOD, VALUE, SYNTAX = 4, 5, 6, 2, 3, 4, 2, 2, 12


@cache
def descriptor_set() -> descriptor_pb2.FileDescriptorSet:
    """Every .proto under protos/zhixing, compiled with its comments (source info)."""
    well_known = importlib.resources.files("grpc_tools") / "_proto"
    files = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / "zhixing").rglob("*.proto"))
    out = subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_ROOT}", f"-I{well_known}",
         "--include_source_info", "--descriptor_set_out=/dev/stdout", *files],
        cwd=PROTO_ROOT, capture_output=True, check=True, timeout=120).stdout
    return descriptor_pb2.FileDescriptorSet.FromString(out)


def comments_of(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    """Each element's leading comment (a trailing one where it has none), by its path."""
    found = {}
    for location in file.source_code_info.location:
        text = location.leading_comments or location.trailing_comments
        if text.strip():
            found[tuple(location.path)] = prose(clean(text))
    return found


def prose(text: str) -> str:
    """Text for Markdown: `<` and `>` outside code spans escaped, so that
    "applicant:<index>" is not read as an HTML tag."""
    parts = text.split("`")
    return "`".join(part if i % 2 else part.replace("<", "&lt;").replace(">", "&gt;")
                    for i, part in enumerate(parts))


def clean(comment: str) -> str:
    """A comment's lines, de-indented by the one space after `//`, Bound sentences kept."""
    lines = [line[1:] if line.startswith(" ") else line for line in comment.splitlines()]
    return "\n".join(lines).strip()


@dataclass(frozen=True)
class Rpc:
    """One RPC as the reference shows it."""

    service: str
    """The service's full name, e.g. zhixing.cases.v1.CasesService."""
    name: str
    request: str
    response: str
    client_streaming: bool
    server_streaming: bool
    comment: str

    @property
    def path(self) -> str:
        """The gRPC method path, e.g. /zhixing.cases.v1.CasesService/FileCase."""
        return f"/{self.service}/{self.name}"


@dataclass(frozen=True)
class Service:
    full_name: str
    comment: str
    rpcs: tuple[Rpc, ...]


@dataclass(frozen=True)
class Package:
    """One proto package: its files, services, messages and enums, in declaration order."""

    name: str
    files: tuple[str, ...]
    overview: tuple[str, ...]
    services: tuple[Service, ...]
    messages: tuple[tuple[str, str], ...]
    """(full name, comment) of every message, nested ones after their parent."""
    enums: tuple[tuple[str, str, tuple[tuple[str, int, str], ...]], ...]


def packages() -> list[Package]:
    """Every proto package of protos/, by name."""
    grouped: dict[str, list[descriptor_pb2.FileDescriptorProto]] = {}
    for file in descriptor_set().file:
        grouped.setdefault(file.package, []).append(file)
    return [_package(name, sorted(files, key=lambda f: f.name))
            for name, files in sorted(grouped.items())]


def _package(name: str, files: list[descriptor_pb2.FileDescriptorProto]) -> Package:
    services, messages, enums, overview = [], [], [], []
    for file in files:
        comments = comments_of(file)
        overview.append(comments.get((SYNTAX,), ""))
        for s, service in enumerate(file.service):
            full = f"{name}.{service.name}"
            rpcs = tuple(
                Rpc(full, m.name, m.input_type.lstrip("."), m.output_type.lstrip("."),
                    m.client_streaming, m.server_streaming,
                    comments.get((SERVICE, s, METHOD, r), ""))
                for r, m in enumerate(service.method))
            services.append(Service(full, comments.get((SERVICE, s), ""), rpcs))
        for e, enum in enumerate(file.enum_type):
            enums.append(_enum(f"{name}.{enum.name}", enum, comments, (ENUM, e)))
        for m, message in enumerate(file.message_type):
            _messages(f"{name}.{message.name}", message, comments, (MESSAGE, m), messages, enums)
    return Package(name, tuple(f.name for f in files), tuple(overview), tuple(services),
                   tuple(messages), tuple(enums))


def _messages(full: str, message: descriptor_pb2.DescriptorProto,
              comments: dict[tuple[int, ...], str], path: tuple[int, ...],
              messages: list[tuple[str, str]], enums: list) -> None:
    messages.append((full, comments.get(path, "")))
    for e, enum in enumerate(message.enum_type):
        enums.append(_enum(f"{full}.{enum.name}", enum, comments, (*path, NESTED_ENUM, e)))
    for n, nested in enumerate(message.nested_type):
        if not nested.options.map_entry:
            _messages(f"{full}.{nested.name}", nested, comments, (*path, NESTED, n),
                      messages, enums)


def _enum(full: str, enum: descriptor_pb2.EnumDescriptorProto,
          comments: dict[tuple[int, ...], str], path: tuple[int, ...]):
    values = tuple((v.name, v.number, comments.get((*path, VALUE, i), ""))
                   for i, v in enumerate(enum.value))
    return full, comments.get(path, ""), values


@dataclass(frozen=True)
class Field:
    """One field of a message with what a client needs to send or read it."""

    name: str
    number: int
    type: str
    comment: str
    bound: str
    """The bound the server enforces, in words ("" for fields no request carries)."""


@cache
def _pool() -> descriptor_pool.DescriptorPool:
    for module in pkgutil.walk_packages(generated.__path__, f"{generated.__name__}."):
        if module.name.endswith("_pb2"):
            importlib.import_module(module.name)
    return descriptor_pool.Default()


@cache
def request_field_names() -> frozenset[str]:
    """Full names of the fields some request can carry (the bounds registry's reach)."""
    names = set()
    for package in packages():
        for service in package.services:
            for rpc in service.rpcs:
                message = _pool().FindMessageTypeByName(rpc.request)
                names.update(f.full_name for f in request_fields(message))
    return frozenset(names)


def fields_of(full_name: str) -> list[Field]:
    """The fields of one message, with their comments (from source info) and bounds."""
    message = _pool().FindMessageTypeByName(full_name)
    found = []
    for field in message.fields:
        bound = bound_of(field) if field.full_name in request_field_names() else None
        comment = _field_comments().get(field.full_name, "")
        found.append(Field(field.name, field.number, type_of(field), comment,
                           bound.limit() + (f" ({bound.rule})" if bound.rule else "")
                           if bound else ""))
    return found


def type_of(field: FieldDescriptor) -> str:
    """The proto type as written: `repeated Party`, `optional string`, `map<…>` reads as
    its entry's repeated message."""
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        name = field.message_type.full_name
    elif field.type == FieldDescriptor.TYPE_ENUM:
        name = field.enum_type.full_name
    else:
        name = _SCALARS[field.type]
    if field.is_repeated:
        return f"repeated {name}"
    if field.has_presence and field.containing_oneof is None and \
            field.type != FieldDescriptor.TYPE_MESSAGE:
        return f"optional {name}"
    if field.containing_oneof is not None:
        return f"{name} (oneof {field.containing_oneof.name})"
    return name


@cache
def _field_comments() -> dict[str, str]:
    found = {}
    for file in descriptor_set().file:
        comments = comments_of(file)

        for m, message in enumerate(file.message_type):
            _walk_fields(file.package, message, (MESSAGE, m), comments, found)
    return found


def _walk_fields(prefix: str, message: descriptor_pb2.DescriptorProto, path: tuple[int, ...],
                 comments: dict[tuple[int, ...], str], found: dict[str, str]) -> None:
    full = f"{prefix}.{message.name}"
    for f, field in enumerate(message.field):
        found[f"{full}.{field.name}"] = comments.get((*path, FIELD, f), "")
    for n, nested in enumerate(message.nested_type):
        _walk_fields(full, nested, (*path, NESTED, n), comments, found)


def declared_policies() -> dict[str, object]:
    """Method path → the policy its service declares (`zhixing.<svc>.api.policies`)."""
    found: dict[str, object] = {}
    for service in sorted(entry_points(group="zhixing.services"), key=lambda e: e.name):
        found.update(importlib.import_module(f"zhixing.{service.name}.api.policies").POLICIES)
    return found
