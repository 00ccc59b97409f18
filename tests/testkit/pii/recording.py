"""What the suite answered the tests over gRPC, recorded on the client side.

Every channel the tests open (`grpc.insecure_channel`) is wrapped in an interceptor that
passes each call through unchanged and keeps, per call: the method, the error (code and
details) if it failed, and the answers. The scanner reads the errors of every RPC (no
caller is entitled to a full number in an error, issue 12 item 4) and the answers of the
public ones (publicity: anyone may call them, R60); court users' answers may carry full
identities by design (DESIGN §8: audited reads of unmasked identities), so they only
feed the list of known numbers to look for elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import text_format
from google.protobuf.message import Message

from zhixing.kernel.identity import canonical_identity

PUBLIC_SERVICES = ("/zhixing.publicity.",)
"""Methods whose answers go to anyone: a full number in them is a leak."""
NUMBER_FIELDS = ("identity", "account", "reference", "card")
"""Request and answer fields whose values are personal numbers to search for elsewhere."""
SECRET_FIELDS = ("access_code",)
"""Fields whose values are secrets whatever their digits (issue 17: a party's access code
to its case, returned once by FileCase, stored only as a salted hash, never logged)."""


@dataclass
class RpcRecord:
    """The calls of one scenario, appended from any thread."""

    answers: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answered(self, method: str, message: Any) -> None:
        if not isinstance(message, Message):
            return
        with self._lock:
            self.numbers |= numbers_in(message)
            if method.startswith(PUBLIC_SERVICES):
                self.answers.append((method, text_format.MessageToString(message, as_utf8=True)))

    def asked(self, message: Any) -> None:
        if isinstance(message, Message):
            with self._lock:
                self.calls += 1
                self.numbers |= numbers_in(message)

    def failed(self, method: str, error: grpc.RpcError) -> None:
        code = error.code() if isinstance(error, grpc.Call) else None
        details = error.details() if isinstance(error, grpc.Call) else str(error)
        with self._lock:
            self.errors.append((method, f"{getattr(code, 'name', code)}: {details}"))


def numbers_in(message: Message) -> set[str]:
    """The values of every string field named like a personal number, at any depth."""
    found: set[str] = set()
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                found |= numbers_in(item)
            elif isinstance(item, str) and _personal_number(descriptor.name, item):
                # As typed, and as the suite keeps and shows it (issue 12 item 5).
                found |= {item, canonical_identity(item)}
    return found


def _personal_number(field_name: str, value: str) -> bool:
    """A value of a field named like a number, with the digits of an id or an account
    (a receipt reference such as "pay-1" is not one), shown whole (not masked); or a
    secret (an access code) whatever it holds."""
    if field_name in SECRET_FIELDS:
        return len(value) >= 8 and "*" not in value
    return (any(n in field_name for n in NUMBER_FIELDS) and "*" not in value
            and sum(c.isdigit() for c in value) >= 9)


class Recorder(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
               grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Passes every call through, telling `record` what went and came back."""

    def __init__(self, record: Callable[[], RpcRecord]) -> None:
        self._record = record

    def intercept_unary_unary(self, continuation, details, request):  # type: ignore[no-untyped-def]
        self._record().asked(request)
        outcome = continuation(details, request)
        outcome.add_done_callback(lambda done: self._settled(details.method, done))
        return outcome

    def intercept_unary_stream(self, continuation, details, request):  # type: ignore[no-untyped-def]
        self._record().asked(request)
        return _Watched(continuation(details, request), details.method, self._record)

    def intercept_stream_unary(self, continuation, details, requests):  # type: ignore[no-untyped-def]
        outcome = continuation(details, requests)
        outcome.add_done_callback(lambda done: self._settled(details.method, done))
        return outcome

    def intercept_stream_stream(self, continuation, details, requests):  # type: ignore[no-untyped-def]
        return _Watched(continuation(details, requests), details.method, self._record)

    def _settled(self, method: str, done: Any) -> None:
        error = done.exception()
        if error is None:
            self._record().answered(method, done.result())
        elif isinstance(error, grpc.RpcError):
            self._record().failed(method, error)


class _Watched:
    """A streamed answer that records each message and the error that ends it; every
    other attribute (cancel, code, …) is the call's own."""

    def __init__(self, call: Any, method: str, record: Callable[[], RpcRecord]) -> None:
        self._call, self._method, self._record = call, method, record

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            message = next(self._call)
        except grpc.RpcError as error:
            if error.code() is not grpc.StatusCode.CANCELLED:  # type: ignore[attr-defined]
                self._record().failed(self._method, error)
            raise
        self._record().answered(self._method, message)
        return message

    def __getattr__(self, name: str) -> Any:
        return getattr(self._call, name)


def recording_channels(record: Callable[[], RpcRecord]) -> Callable[..., grpc.Channel]:
    """A stand-in for `grpc.insecure_channel` whose channels are recorded."""
    opened = getattr(grpc.insecure_channel, "original", grpc.insecure_channel)

    def insecure_channel(target: str, *args: Any, **kwargs: Any) -> grpc.Channel:
        return grpc.intercept_channel(opened(target, *args, **kwargs), Recorder(record))

    insecure_channel.original = opened  # type: ignore[attr-defined]
    return insecure_channel


def original_channel(target: str, *args: Any, **kwargs: Any) -> grpc.Channel:
    """`grpc.insecure_channel` as gRPC made it, whether or not it is being recorded."""
    opened = getattr(grpc.insecure_channel, "original", grpc.insecure_channel)
    return opened(target, *args, **kwargs)  # type: ignore[no-any-return]
