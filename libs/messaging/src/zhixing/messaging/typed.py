"""Typed consumers (STYLE 16): a handler says which contract models it reads.

A projection or policy subclasses `TypedHandler` and marks its methods with
`@on(CaseFiled)` (one or several models a method). The tracked consumer still calls
`handle(event, cursor)`; `handle` looks the CloudEvent's `type` up among the declared
models, validates the data against that model and calls the method with the parsed
model and a `Context` — the consumer's cursor and the envelope's attributes, never its
raw data. A type the handler did not declare (another model of the topic, or a newer
publisher's event) is skipped here and only here. Data that fails validation raises
`UnreadableEvent`, so the consumer retries the delivery and then parks it as a dead
letter.

    class CaseProgress(TypedHandler):
        @on(CaseFiled)
        def filed(self, event: CaseFiled, ctx: Context) -> None:
            ctx.cursor.execute("INSERT ...", (event.case_number, ctx.time))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from pydantic import ValidationError

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.sql import Cursor

Method = TypeVar("Method", bound=Callable[..., Any])
_DECLARED = "__zhixing_reads__"


def on(*models: type[IntegrationEvent]) -> Callable[[Method], Method]:
    """Mark a handler method as the reaction to each of `models` (contract models that
    name their CloudEvents type). Decorators may be stacked."""
    if not models:
        raise TypeError("@on needs at least one integration-event model")
    for model in models:
        if not (isinstance(model, type) and issubclass(model, IntegrationEvent)
                and model.event_type):
            raise TypeError(f"@on: {model!r} is not an integration-event model with an event_type")

    def mark(method: Method) -> Method:
        setattr(method, _DECLARED, (*getattr(method, _DECLARED, ()), *models))
        return method

    return mark


@dataclass(frozen=True)
class Context:
    """What a handler may use besides the parsed event: the consumer's transaction and
    the envelope's attributes (DESIGN §4)."""

    cursor: Cursor
    """The consumer's transaction: a view's writes and the tracking row commit together."""
    id: str
    """`ce_id`, stable across re-publication."""
    source: str
    """Who published it, e.g. "/agencies/bank.icbc" for an agency's answer."""
    subject: str
    """The aggregate id (or the key of a compacted topic)."""
    court: str
    time: str
    """When the event happened, RFC 3339."""
    sequence: int
    """The aggregate's version with this event: orders one aggregate's events."""

    @classmethod
    def of(cls, event: CloudEvent, cursor: Cursor) -> Context:
        return cls(cursor, event.id, event.source, event.subject, event.court, event.time,
                   event.sequence)


Route = tuple[type[IntegrationEvent], str]


class UnreadableEvent(ValueError):
    """A declared event whose data does not fit its contract model. The message names
    the event, the fields and what is wrong with them — never their values, which may be
    personal data (R60)."""


def _parse(model: type[IntegrationEvent], event: CloudEvent) -> IntegrationEvent:
    try:
        return model.model_validate(event.data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'data'}: {e['msg']}"
            for e in error.errors(include_input=False, include_url=False))
        # `from None`: pydantic's own text quotes the input.
        raise UnreadableEvent(f"{model.__name__} (ce_id {event.id}): {problems}") from None


class TypedHandler:
    """Base of a projection or policy whose methods are marked with `@on(...)`; it is a
    `Handler` of the tracked consumer (and of `InOrder`, and a `BatchingHandler` when
    the subclass adds `flush`/`discard`)."""

    routes: ClassVar[Mapping[str, Route]] = MappingProxyType({})
    """CloudEvents type → (model, method name), built once per class."""
    effect_elsewhere: ClassVar[bool] = False
    """True for a policy whose effect is a command on its service's application (its
    event store), idempotent on its own, that never writes through `ctx.cursor`: the
    consumer then runs it outside its store's write transaction (`consumer`)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.routes = MappingProxyType(_routes_of(cls))

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        """Parse and dispatch one delivery. Data that does not fit its declared model
        raises `UnreadableEvent`, so the consumer retries the delivery and then parks it."""
        route = self.routes.get(event.type)
        if route is None:
            return  # not declared: another model of the topic, or a newer publisher's
        model, method = route
        getattr(self, method)(_parse(model, event), Context.of(event, cursor))

    @classmethod
    def reads(cls) -> frozenset[type[IntegrationEvent]]:
        """The models this handler declares."""
        return frozenset(model for model, _ in cls.routes.values())


def _routes_of(cls: type) -> dict[str, Route]:
    """The declared routes of `cls` and its bases (a subclass's method of the same name
    replaces its base's). One type may lead to one method only."""
    methods: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        methods.update(vars(klass))
    routes: dict[str, Route] = {}
    for name, method in methods.items():
        for model in getattr(method, _DECLARED, ()):
            if model.event_type in routes and routes[model.event_type][1] != name:
                raise TypeError(f"{cls.__name__}: {model.__name__} is declared by both "
                                f"{routes[model.event_type][1]}() and {name}()")
            routes[model.event_type] = (model, name)
    return routes
