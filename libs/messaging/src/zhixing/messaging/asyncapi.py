"""The AsyncAPI 3.1 document of Zhixing's integration events, generated from the contract
models: their docstrings and field docs become the documentation that banks, registries
and provincial platforms integrate against (DESIGN §4, issue 18).

Written here rather than by FastStream, whose document (AsyncAPI 3.0) cannot carry what an
integrator needs: the CloudEvents headers of each message, the Kafka key, a null value for
a tombstone, examples, and one channel per topic with every message it carries.
Validated by the official parser: `scripts/asyncapi.py validate`.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

from pydantic.json_schema import models_json_schema

from zhixing.contracts import topics
from zhixing.contracts.events import IntegrationEvent, all_models
from zhixing.contracts.topics import ASSETS_REPLIES, is_compacted
from zhixing.messaging.asyncapi_wire import (
    SHARED_HEADERS,
    example_record,
    header_component,
    headers_of,
    key_of,
)

ASYNCAPI = "3.1.0"
KAFKA_BINDING = "0.5.0"
TITLE = "Zhixing 执行 — integration events"
SCHEMAS = "#/components/schemas/"
RECEIVED = frozenset({ASSETS_REPLIES})
"""Topics the suite reads but others write (the agencies' answers); the rest it sends."""
ABOUT = {
    topics.CASES_EVENTS: "The cases service's events: enforcement cases filed, assigned, "
    "delegated, concluded, closed and resumed; notices served, property reports, sanctions, "
    "money received and paid out, settlements, deadlines, answers to parties' messages.",
    topics.ASSETS_EVENTS: "The assets service's events (网络执行查控): network inquiries, "
    "measures (查封、扣押、冻结) and their terms, deductions, leads, auctions and disposals.",
    topics.ASSETS_REPLIES: "Assisting agencies' answers to the requests (R41); the assets "
    "service reads them. An answer quotes its request's request_id.",
    "zhixing.assets.requests.v1": "Requests to one kind of assisting agency (R41); only "
    "agencies of that kind read it. A retry carries the same request_id: answer it once.",
    topics.CREDIT_EVENTS: "The credit service's decisions (失信、限消): listings, their "
    "publication, removal, repair and correction; consumption restrictions; good faith.",
    topics.CREDIT_LIST: "The current credit state of every identity (R42), keyed by identity "
    "number, for partners to mirror: the latest record per key is the state now.",
    "zhixing.credit.notify.v1": "The list's changes as one kind of partner is told of them "
    "(R7, R11), keyed by identity number; only partners of that kind read it.",
    topics.RELIEF_EVENTS: "The relief service's events (司法救助, R29–R32); no hardship "
    "facts, names or identity numbers travel in them.",
    topics.SUPERVISION_EVENTS: "The supervision service's events (R33–R37): alerts, "
    "procuratorial matters, interference reports, judicial suggestions.",
    topics.PUBLICITY_EVENTS: "What the public and the parties send the courts through the "
    "publicity service (issue 17): leads, parties' messages; reward notices and typical "
    "cases as published.",
    topics.CALENDAR_EVENTS: "Holiday schedules as the operator loads them (`zhixing "
    "calendar load`, R64), keyed by year.",
}
"""What each topic (or family of per-kind topics) carries, for its channel."""
DESCRIPTION = """\
Every record is a CloudEvents 1.0 event in Kafka **binary content mode**: the attributes
are headers (`ce_specversion`, `ce_id`, `ce_source`, `ce_type`, `ce_time`, `ce_subject`),
with the extensions `ce_region`, `ce_sequence` (the Sequence extension: the aggregate's
version, zero-padded to 20 digits), `ce_position`, `ce_court` (absent when the event has
no court) and the Distributed Tracing extension `ce_traceparent` (also sent as the W3C
`traceparent` header); the value is the JSON data (`content-type: application/json`).
Each message below gives its headers as a schema, its payload, its key and an example.

Read `ce_type` to know which message a record is (table below); skip a type you do not
know — a newer publisher's. Deduplicate on `ce_id`, which is stable across
re-publication. Order: `ce_sequence` orders the events of one `ce_subject`, `ce_position`
every event of one `ce_source`. The key equals `ce_subject`: the publishing aggregate's id,
except where a message says otherwise (the credit list and the partners' feeds are keyed
by identity number).

**Tombstones.** `cn.zhixing.credit.v1.DebtorCleared` has a null value on the compacted
`zhixing.credit.list.v1`: the key (the identity number) says who was cleared, the headers
are as on any record. A null value is not a CloudEvent an SDK can read (the JavaScript SDK
throws on it): check for a null value first.

**Topic names** are as listed, unless the deployment sets `ZHIXING_TOPIC_NAMESPACE`
(`<namespace>.<topic>`); a peer region's mirrored copy is `<region>.<topic>`.
**Versions.** A v1 message only gains optional fields; a breaking change is a v2 type on a
v2 topic.

| ce_type | message | channels |
|---|---|---|
"""


def topics_of(model: type[IntegrationEvent]) -> tuple[str, ...]:
    """Where a model is published: its topic, or each of its concrete `topics` when it
    routes per instance (agency requests, one topic per agency kind)."""
    return tuple(getattr(model, "topics", ())) or (model.topic,)


def document() -> dict[str, Any]:
    """The AsyncAPI 3.1.0 document as JSON-ready data."""
    models = all_models()
    by_topic: dict[str, list[type[IntegrationEvent]]] = {}
    for model in models:
        for topic in topics_of(model):
            by_topic.setdefault(topic, []).append(model)
    channels = {topic: _channel(topic, members) for topic, members in sorted(by_topic.items())}
    return {
        "asyncapi": ASYNCAPI,
        "info": {"title": TITLE, "version": "1", "description": DESCRIPTION + _type_table(models)},
        "defaultContentType": "application/json",
        "servers": {"kafka": {
            "host": "kafka.zhixing.internal:9092", "protocol": "kafka",
            "description": "The suite's Kafka cluster (the host is the deployment's own)."}},
        "channels": channels,
        "operations": {_operation_id(topic): _operation(topic, channel)
                       for topic, channel in channels.items()},
        "components": {"schemas": _schemas(models),
                       "messages": {model.__name__: _message(model) for model in models}},
    }


def render() -> str:
    """Stable text for the committed `docs/asyncapi.json`."""
    return json.dumps(document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _type_table(models: list[type[IntegrationEvent]]) -> str:
    rows = [f"| `{model.event_type}` | {model.__name__} | "
            f"{', '.join(f'`{topic}`' for topic in topics_of(model))} |"
            for model in sorted(models, key=lambda m: m.event_type)]
    return "\n".join(rows) + "\n"


def _channel(topic: str, members: list[type[IntegrationEvent]]) -> dict[str, Any]:
    binding: dict[str, Any] = {"bindingVersion": KAFKA_BINDING}
    about = ABOUT.get(topic) or ABOUT[topic.rsplit(".", 1)[0]]
    if is_compacted(topic):
        binding["topicConfiguration"] = {"cleanup.policy": ["compact"]}
        about += " Compacted: the latest record per key is kept; a null value deletes the key."
    kinds = [m for m in members if len(topics_of(m)) > 1]
    if kinds:
        about += (f" One topic per kind: "
                  f"{', '.join(t.rsplit('.', 1)[1] for t in topics_of(kinds[0]))}.")
    return {
        "address": topic, "title": topic, "description": about,
        "messages": {model.__name__: {"$ref": f"#/components/messages/{model.__name__}"}
                     for model in members},
        "bindings": {"kafka": binding},
    }


def _operation_id(topic: str) -> str:
    return f"{'receive' if topic in RECEIVED else 'send'}.{topic}"


def _operation(topic: str, channel: dict[str, Any]) -> dict[str, Any]:
    received = topic in RECEIVED
    return {
        "action": "receive" if received else "send",
        "channel": {"$ref": f"#/channels/{topic}"},
        "summary": (f"The suite reads {topic} (the agencies write it)." if received
                    else f"The suite publishes {topic}."),
        "messages": [{"$ref": f"#/channels/{topic}/messages/{name}"} for name in channel["messages"]],
    }


def _message(model: type[IntegrationEvent]) -> dict[str, Any]:
    where = topics_of(model)
    doc = inspect.cleandoc(model.__doc__ or "")
    key = key_of(model)
    payload: dict[str, Any] = (
        {"type": "null", "description": (
            f"Null: a tombstone, not a CloudEvent an SDK can read. The key (the "
            f"{key.field or 'aggregate id'}) says whose record it deletes; in process "
            f"(embedded mode) the event carries {SCHEMAS}{model.__name__}.")}
        if model.tombstone else {"$ref": SCHEMAS + model.__name__})
    return {
        "name": model.event_type,
        "title": model.__name__,
        "summary": doc.split("\n\n")[0].replace("\n", " "),
        "description": f"{doc}\n\nce_type `{model.event_type}`; on "
                       f"{', '.join(f'`{t}`' for t in where)}.",
        "contentType": "application/json",
        "headers": headers_of(model, where[0]),
        "payload": payload,
        "correlationId": {"location": "$message.header#/ce_id",
                          "description": "The CloudEvents id: stable across re-publication."},
        "bindings": {"kafka": {"key": key.schema, "bindingVersion": KAFKA_BINDING}},
        "examples": [example_record(model, where[0])],
    }


def _schemas(models: list[type[IntegrationEvent]]) -> dict[str, Any]:
    """Every model's JSON schema (validation mode: what a reader accepts) by its class
    name, the models they nest beside them, and the headers every message shares."""
    tops, defs = models_json_schema([(model, "validation") for model in models],
                                    ref_template=SCHEMAS + "{model}")
    schemas: dict[str, Any] = dict(defs.get("$defs", {}))
    for (model, _), schema in tops.items():
        if schema.get("$ref") != SCHEMAS + model.__name__:
            raise ValueError(f"{model.__name__}: its schema would not be found by its name")
    schemas |= {header_component(name): schema for name, schema in SHARED_HEADERS.items()}
    return dict(sorted(schemas.items()))
