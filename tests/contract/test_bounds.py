"""Every field of every request message has a bound, and its proto comment states the
bound the server enforces (issue 12 item 2): a new field without one fails here."""

from __future__ import annotations

import importlib
import importlib.resources
import pkgutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import FieldDescriptor, MethodDescriptor

import zhixing.contracts.pb as pb
from zhixing.contracts.bounds import MONEY, OVERRIDES, bound_of, first_breach, request_fields
from zhixing.contracts.pb.cases.v1 import cases_pb2

pytestmark = pytest.mark.contract

PROTOS = Path(__file__).resolve().parents[2] / "protos"
_UNBOUNDED_KINDS = {FieldDescriptor.TYPE_BOOL, FieldDescriptor.TYPE_MESSAGE}
"""A bool is bounded by its kind; a single message by its own fields' bounds."""


def methods() -> list[MethodDescriptor]:
    """Every RPC of every service in protos/."""
    found = []
    for module in pkgutil.walk_packages(pb.__path__, f"{pb.__name__}."):
        if module.name.endswith("_pb2"):
            messages = importlib.import_module(module.name)
            for service in messages.DESCRIPTOR.services_by_name.values():
                found.extend(service.methods)
    return sorted(found, key=lambda m: m.full_name)


def fields() -> list[FieldDescriptor]:
    """Every field a request of some RPC can carry, each once."""
    every = {f.full_name: f for m in methods() for f in request_fields(m.input_type)}
    return [every[name] for name in sorted(every)]


@cache
def comments() -> dict[str, str]:
    """The leading comment of every message field in protos/, by its full name (protoc
    with source info: the comments are not in the generated code)."""
    well_known = importlib.resources.files("grpc_tools") / "_proto"
    files = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / "zhixing").rglob("*.proto"))
    out = subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTOS}", f"-I{well_known}",
         "--include_source_info", "--descriptor_set_out=/dev/stdout", *files],
        cwd=PROTOS, capture_output=True, check=True, timeout=120).stdout
    found = {}
    for file in descriptor_pb2.FileDescriptorSet.FromString(out).file:
        where = {tuple(loc.path): loc.leading_comments for loc in file.source_code_info.location}
        for m, message in enumerate(file.message_type):
            for f, field in enumerate(message.field):
                found[f"{file.package}.{message.name}.{field.name}"] = where.get((4, m, 2, f), "")
    return found


def stated(name: str) -> list[str]:
    """The "Bound:" sentences of a field's comment."""
    lines = [line.strip() for line in comments()[name].splitlines()]
    return [line for line in lines if line.startswith("Bound")]


class TestEveryRequestFieldIsBounded:
    def test_the_contracts_have_their_rpcs_when_loaded(self):
        assert len(methods()) >= 70 and len(fields()) >= 200

    @pytest.mark.parametrize("field", fields(), ids=lambda f: f.full_name)
    def test_comment_states_the_enforced_bound_when_the_field_can_be_sent(self, field):
        bound = bound_of(field)
        if field.type in _UNBOUNDED_KINDS and not field.is_repeated:
            assert bound is None and stated(field.full_name) == []
        else:
            assert bound is not None, f"{field.full_name} has no bound"
            assert stated(field.full_name) == [bound.phrase()], (
                f"{field.full_name}: its comment must state exactly {bound.phrase()!r}")

    def test_every_override_names_a_field_a_request_carries_when_declared(self):
        carried = {f.full_name for f in fields()}
        assert sorted(set(OVERRIDES) - carried) == []


class TestMapValues:
    """No request carries a map today; one that does gets its values bounded by the map
    field's kind, as a list's items are (an amount map in fen is money, not a count)."""

    def test_an_amount_in_fen_passes_when_a_map_of_fen_holds_it(self):
        account = cases_pb2.Account(owed_fen={"applicant:0": 5_000_000_00})
        assert first_breach(account) is None

    def test_the_map_names_its_key_when_an_amount_in_fen_is_beyond_money(self):
        account = cases_pb2.Account(owed_fen={"applicant:0": MONEY.magnitude + 1})
        breach = first_breach(account)
        assert breach is not None and breach.path == "owed_fen[value]"
        assert breach.bound == MONEY
