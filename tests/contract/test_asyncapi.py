"""The integration events' AsyncAPI document: valid, current, and backward compatible
(a v1 model only gains optional fields)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhixing.contracts.events import all_models
from zhixing.messaging.asyncapi import document, topics_of

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "asyncapi.json"


def breaking_changes(old: dict, new: dict) -> list[str]:
    """What `new` breaks for a consumer written against `old` (schemas by name)."""
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
    return problems


class TestDocument:
    def test_is_asyncapi_3_with_a_channel_and_schema_for_every_event(self):
        doc = document()
        assert doc["asyncapi"] == "3.0.0" and doc["info"]["title"]
        addresses = {channel["address"] for channel in doc["channels"].values()}
        for model in all_models():
            assert set(topics_of(model)) <= addresses
            assert model.__name__ in doc["components"]["schemas"]

    def test_every_reference_resolves(self):
        doc = document()
        text = json.dumps(doc)
        for ref in {part.split('"')[0] for part in text.split('"$ref": "#/')[1:]}:
            node = doc
            for key in ref.split("/"):
                node = node[key]

    def test_every_field_is_documented(self):
        for model in all_models():
            undocumented = [n for n, f in model.model_fields.items() if not f.description]
            assert undocumented == [], f"{model.__name__}: {undocumented}"

    def test_committed_document_is_current(self):
        check = subprocess.run([sys.executable, str(ROOT / "scripts" / "asyncapi.py"), "check"],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


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
