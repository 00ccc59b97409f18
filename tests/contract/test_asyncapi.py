"""The integration events' AsyncAPI document: valid by the official parser, current,
complete for an integrator (headers, key, payload, example, ce_type mapping — issue 18),
and backward compatible (a v1 model only gains optional fields)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, all_models, parse
from zhixing.contracts.topics import ASSETS_REPLIES, CREDIT_LIST, PARTNER_KINDS, credit_notices
from zhixing.messaging.asyncapi import document, topics_of

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "asyncapi.json"
D3_HEADERS = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
              "ce_court", "ce_region", "ce_sequence", "ce_position", "ce_traceparent",
              "traceparent", "content-type", "correlation_id"}
"""D3's headers, and the Kafka client's correlation header (the ce_id; optional)."""
ALWAYS = D3_HEADERS - {"ce_court", "ce_traceparent", "traceparent", "correlation_id"}


def breaking_changes(old: dict, new: dict) -> list[str]:
    """What `new` breaks for a consumer written against `old`: payload schemas by name (any
    layout), and, between documents of this layout, a message removed or re-typed."""
    problems = []
    old_schemas, new_schemas = old["components"]["schemas"], new["components"]["schemas"]
    for name, before in old_schemas.items():
        after = new_schemas.get(name)
        if after is None:
            problems.append(f"{name}: removed")
            continue
        for field, spec in before.get("properties", {}).items():
            now = after.get("properties", {}).get(field)
            if now is None:
                problems.append(f"{name}.{field}: removed")
            elif now.get("type") != spec.get("type"):
                problems.append(f"{name}.{field}: type {spec.get('type')} -> {now.get('type')}")
        added = set(after.get("required", [])) - set(before.get("required", []))
        problems += [f"{name}.{field}: new required field" for field in sorted(added)]
    if old.get("asyncapi") == new.get("asyncapi"):  # FastStream's 3.0 layout named no ce_type
        new_messages = new["components"].get("messages", {})
        for name, before in old["components"].get("messages", {}).items():
            after = new_messages.get(name)
            if after is None:
                problems.append(f"message {name}: removed")
            elif after.get("name") != before.get("name"):
                problems.append(f"message {name}: ce_type {before.get('name')} -> {after.get('name')}")
    return problems


def resolved(node: Any, doc: dict) -> Any:
    """`node` with every local `$ref` replaced by what it points to."""
    if isinstance(node, list):
        return [resolved(item, doc) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return resolved(target, doc)
    return {key: resolved(value, doc) for key, value in node.items()}


def message(doc: dict, model: type[IntegrationEvent]) -> dict:
    return doc["components"]["messages"][model.__name__]


@pytest.fixture(scope="module")
def doc() -> dict:
    return document()


class TestDocument:
    def test_is_asyncapi_3_1_with_a_channel_per_topic_when_a_model_has_several(self, doc):
        assert doc["asyncapi"] == "3.1.0" and doc["info"]["title"]
        for model in all_models():
            for topic in topics_of(model):
                channel = doc["channels"][topic]
                assert channel["address"] == topic
                assert channel["messages"][model.__name__] == {
                    "$ref": f"#/components/messages/{model.__name__}"}
        for kind in PARTNER_KINDS:  # each partner kind reads its own feed (R7)
            assert "PartnerNotice" in doc["channels"][credit_notices(kind)]["messages"]

    def test_every_channel_has_one_operation_naming_all_its_messages(self, doc):
        operations = {op["channel"]["$ref"].rsplit("/", 1)[1]: op for op in doc["operations"].values()}
        assert set(operations) == set(doc["channels"])
        for topic, channel in doc["channels"].items():
            named = {ref["$ref"].rsplit("/", 1)[1] for ref in operations[topic]["messages"]}
            assert named == set(channel["messages"])
            assert operations[topic]["action"] == ("receive" if topic == ASSETS_REPLIES else "send")

    def test_every_ce_type_maps_to_exactly_one_message_when_read(self, doc):
        types = {}
        for model in all_models():
            found = message(doc, model)
            assert found["name"] == model.event_type
            assert found["headers"]["properties"]["ce_type"]["const"] == model.event_type
            assert f"| `{model.event_type}` | {model.__name__} |" in doc["info"]["description"]
            types[model.event_type] = model.__name__
        names = [m["name"] for m in doc["components"]["messages"].values()]
        assert len(names) == len(set(names)) == len(types)

    def test_every_message_declares_the_cloudevents_headers_when_resolved(self, doc):
        for model in all_models():
            headers = resolved(message(doc, model)["headers"], doc)
            assert headers["type"] == "object"
            assert set(headers["properties"]) == D3_HEADERS, model.__name__
            assert set(headers["required"]) == ALWAYS, model.__name__
            assert headers["properties"]["ce_specversion"]["const"] == "1.0"
            assert headers["properties"]["content-type"]["const"] == "application/json"

    def test_a_tombstone_has_a_null_payload_and_every_other_message_its_model(self, doc):
        tombstones = [model for model in all_models() if model.tombstone]
        assert [model.__name__ for model in tombstones] == ["DebtorCleared"]
        for model in all_models():
            payload = message(doc, model)["payload"]
            if model.tombstone:
                assert payload["type"] == "null"
                assert message(doc, model)["examples"][0]["payload"] is None
            else:
                assert payload == {"$ref": f"#/components/schemas/{model.__name__}"}

    def test_the_key_is_the_identity_number_on_the_list_and_the_feeds_else_the_aggregate_id(self, doc):
        for model in all_models():
            key = message(doc, model)["bindings"]["kafka"]["key"]
            topics = topics_of(model)
            if topics == (CREDIT_LIST,) or topics[0].startswith("zhixing.credit.notify.v1."):
                assert "identity_number" in key["description"] and "format" not in key
            elif model.key is IntegrationEvent.key and topics != (ASSETS_REPLIES,):
                assert key["format"] == "uuid", model.__name__

    def test_every_example_fits_its_headers_and_payload_when_validated(self, doc):
        # @asyncapi/parser 3.6.6 checks no examples of a 3.x document: checked here.
        checker = jsonschema.Draft7Validator.FORMAT_CHECKER
        for model in all_models():
            found = message(doc, model)
            [example] = found["examples"]
            jsonschema.validate(example["headers"], resolved(found["headers"], doc),
                                format_checker=checker)
            jsonschema.validate(example["payload"], resolved(found["payload"], doc),
                                format_checker=checker)
            assert len(example["headers"]["ce_sequence"]) == 20  # D3: zero-padded
            if not model.tombstone:
                model.model_validate(example["payload"])

    def test_every_example_is_read_back_as_its_type_when_parsed_from_kafka(self, doc):
        for model in all_models():
            [example] = message(doc, model)["examples"]
            value = None if example["payload"] is None else json.dumps(example["payload"]).encode()
            headers = [(name, text.encode()) for name, text in example["headers"].items()]
            event = CloudEvent.from_kafka(value, headers)
            assert (event.type, event.tombstone) == (model.event_type, model.tombstone)
            assert event.sequence == int(example["headers"]["ce_sequence"])
            if not model.tombstone:
                assert parse(event.type, event.data) == model.model_validate(example["payload"])

    def test_a_wrong_example_is_refused_when_validated(self, doc):
        found = copy.deepcopy(message(doc, all_models()[0]))
        found["examples"][0]["headers"]["ce_type"] = "cn.zhixing.other.v1.Other"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(found["examples"][0]["headers"], resolved(found["headers"], doc))

    def test_every_field_is_documented(self):
        for model in all_models():
            undocumented = [n for n, f in model.model_fields.items() if not f.description]
            assert undocumented == [], f"{model.__name__}: {undocumented}"

    def test_committed_document_is_current(self):
        check = subprocess.run([sys.executable, str(ROOT / "scripts" / "asyncapi.py"), "check"],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def official_parser(path: Path) -> tuple[int, dict]:
    """The official parser's verdict (exit code) and report on the document at `path`."""
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "asyncapi.py"), "validate", str(path)],
                         capture_output=True, text=True, timeout=600)
    assert run.stdout.strip(), run.stderr
    return run.returncode, json.loads(run.stdout)


class TestOfficialParser:
    """`@asyncapi/parser` (npm, pinned) — errors and warnings fail; information and hints
    would be shown, not fatal. Installed once into ~/.cache/zhixing/npm-asyncapi."""

    def test_the_committed_document_has_no_error_and_no_warning(self):
        code, report = official_parser(COMMITTED)
        assert report["parsed"] and report["counts"]["error"] == report["counts"]["warning"] == 0, report
        assert code == 0

    def test_an_invalid_kafka_binding_is_an_error_when_parsed(self, tmp_path):
        broken = json.loads(COMMITTED.read_text(encoding="utf-8"))
        broken["channels"][CREDIT_LIST]["bindings"]["kafka"]["topicConfiguration"] = {
            "cleanup.policy": ["squash"]}
        (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
        code, report = official_parser(tmp_path / "broken.json")
        assert code == 1 and report["counts"]["error"] > 0


class TestCompatibility:
    def test_current_models_do_not_break_the_document_on_main(self):
        shown = subprocess.run(["git", "-C", str(ROOT), "show", "main:docs/asyncapi.json"],
                               capture_output=True, text=True)
        if shown.returncode != 0:  # main has no document yet (its first version)
            shown_doc = json.loads(COMMITTED.read_text(encoding="utf-8"))
        else:
            shown_doc = json.loads(shown.stdout)
        assert breaking_changes(shown_doc, document()) == []

    def test_a_removed_field_is_reported(self):
        old = {"components": {"schemas": {"E": {"properties": {"a": {"type": "string"}}}}}}
        new = {"components": {"schemas": {"E": {"properties": {}}}}}
        assert breaking_changes(old, new) == ["E.a: removed"]

    def test_a_new_required_field_is_reported_but_an_optional_one_is_not(self):
        old = {"components": {"schemas": {"E": {"properties": {}, "required": []}}}}
        new = {"components": {"schemas": {"E": {"properties": {"b": {"type": "string"},
                                                               "c": {"type": "string"}},
                                                "required": ["b"]}}}}
        assert breaking_changes(old, new) == ["E.b: new required field"]

    def test_a_removed_or_retyped_message_is_reported_when_both_are_this_layout(self):
        old = {"asyncapi": "3.1.0", "components": {"schemas": {}, "messages": {
            "E": {"name": "cn.zhixing.x.v1.E"}, "F": {"name": "cn.zhixing.x.v1.F"}}}}
        new = {"asyncapi": "3.1.0", "components": {"schemas": {}, "messages": {
            "E": {"name": "cn.zhixing.x.v1.E2"}}}}
        assert breaking_changes(old, new) == ["message E: ce_type cn.zhixing.x.v1.E -> cn.zhixing.x.v1.E2",
                                              "message F: removed"]
