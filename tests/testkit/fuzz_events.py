"""Fuzzing the consumers (issue 12): payloads for any integration-event model, derived
from its JSON schema alone (so a new contract is fuzzed without a line here), and
mutations of real events the suite published, which pass most checks and reach the
handlers' arithmetic and stores.

Sizes stay moderate (`MAX_TEXT`, `MAX_ITEMS` of `testkit.fuzzing`) until the input-size
bounds of issue 12 item 2 cover events too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hypothesis import strategies as st

from testkit.fuzzing import INT64, MAX_ITEMS, NASTY_TEXT
from zhixing.contracts.events import IntegrationEvent

Json = Any
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
_INTEGERS = st.one_of(st.sampled_from((*INT64, 2**64, -(2**64) - 1)), st.integers(0, 200),
                      st.integers(-(2**70), 2**70))
ANY_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), _INTEGERS, st.floats(allow_nan=False), _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_TEXT, inner, max_size=3)),
    max_leaves=8)
"""Any JSON value: what a broken or hostile publisher might put anywhere."""


class Corpus:
    """Real payloads by event type, and every string value seen, by property name."""

    def __init__(self) -> None:
        self.payloads: dict[str, list[dict[str, Json]]] = defaultdict(list)
        self.strings: dict[str, list[str]] = defaultdict(list)

    def add(self, event_type: str, data: dict[str, Json]) -> None:
        if len(self.payloads[event_type]) < 20:
            self.payloads[event_type].append(data)
        self._harvest(data)

    def _harvest(self, value: Json, name: str = "") -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                self._harvest(item, key)
        elif isinstance(value, list):
            for item in value:
                self._harvest(item, name)
        elif isinstance(value, str) and value and name:
            known = self.strings[name]
            if value not in known and len(known) < 50:
                known.append(value)

    def text(self, name: str) -> st.SearchStrategy[str]:
        known = st.integers(0, 10**6).map(lambda i: self._pick(name, i))
        return st.one_of(known, known, st.sampled_from(NASTY_TEXT), _TEXT)

    def _pick(self, name: str, index: int) -> str:
        values = self.strings.get(name) or list(NASTY_TEXT)
        return values[index % len(values)]


def payloads(model: type[IntegrationEvent], corpus: Corpus) -> st.SearchStrategy[Json]:
    """Data for `model`'s events: from its schema, mutated real ones, or any JSON."""
    schema = model.model_json_schema()
    from_schema = _value(schema, schema.get("$defs", {}), corpus, "")
    real = corpus.payloads.get(model.event_type, [])
    choices = [from_schema, from_schema, ANY_JSON]
    if real:
        mutants = st.sampled_from(real).flatmap(lambda data: _mutated(data, corpus))
        choices += [mutants, mutants, mutants]
    return st.one_of(*choices)


def _value(schema: dict[str, Json], defs: dict[str, Json], corpus: Corpus,
           name: str, depth: int = 0) -> st.SearchStrategy[Json]:
    if "$ref" in schema:
        return _value(defs[schema["$ref"].split("/")[-1]], defs, corpus, name, depth)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return st.one_of(*(_value(s, defs, corpus, name, depth) for s in schema[key]))
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), corpus.text(name))
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema.get("type")
    if kind == "string":
        return corpus.text(name)
    if kind == "integer":
        return _INTEGERS
    if kind == "number":
        return st.one_of(_INTEGERS, st.floats(allow_nan=False, allow_infinity=False))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if depth > 4:
        return ANY_JSON
    if kind == "array":
        items = _value(schema.get("items", {}), defs, corpus, name, depth + 1)
        return st.lists(items, max_size=MAX_ITEMS // 4)
    if kind == "object":
        return _object(schema, defs, corpus, depth)
    return ANY_JSON


def _object(schema: dict[str, Json], defs: dict[str, Json], corpus: Corpus,
            depth: int) -> st.SearchStrategy[Json]:
    properties = schema.get("properties", {})
    if not properties:
        values = _value(schema.get("additionalProperties") or {}, defs, corpus, "", depth + 1)
        return st.dictionaries(corpus.text(""), values, max_size=5)
    required = set(schema.get("required", []))
    fields = {key: _value(sub, defs, corpus, key, depth + 1) for key, sub in properties.items()}
    return st.fixed_dictionaries(
        {k: v for k, v in fields.items() if k in required},
        optional={k: v for k, v in fields.items() if k not in required})


def _mutated(data: dict[str, Json], corpus: Corpus) -> st.SearchStrategy[Json]:
    """`data` with a few values replaced: by an edge of their own kind, or by any JSON,
    or left out."""

    @st.composite
    def build(draw: st.DrawFn) -> Json:
        return _mutate(draw, data, corpus, "")

    return build()


def _mutate(draw: st.DrawFn, value: Json, corpus: Corpus, name: str) -> Json:
    if isinstance(value, dict):
        changed = {}
        for key, item in value.items():
            if draw(st.integers(0, 9)) == 0:
                continue  # a field left out
            changed[key] = _mutate(draw, item, corpus, key)
        return changed
    if isinstance(value, list):
        return [_mutate(draw, item, corpus, name) for item in value]
    if draw(st.integers(0, 3)):
        return value  # most values kept
    if isinstance(value, bool):
        return draw(st.one_of(st.booleans(), ANY_JSON))
    if isinstance(value, int):
        return draw(st.one_of(_INTEGERS, ANY_JSON))
    if isinstance(value, str):
        return draw(st.one_of(corpus.text(name), ANY_JSON))
    return draw(ANY_JSON)
