"""The gRPC channel: each simulated agency pulls its pending requests from the
AgencyGatewayService and submits its answers, with its own agency token (DESIGN §8).

The gateway returns a request again on every pull until it is answered; the responder
recognises those as redeliveries. Silent agencies are not connected at all: a real
agency that never answers never calls either, and pulling for it would only return the
same requests forever.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
from pydantic import ValidationError

from zhixing.agency_sim.channel import (
    ChannelError,
    ChannelRefused,
    ChannelUnavailable,
    Received,
    Reply,
)
from zhixing.contracts.events.assets.v1 import AgencyRequest
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as pb
from zhixing.contracts.pb.assets.v1.gateway_pb2_grpc import AgencyGatewayServiceStub
from zhixing.runtime.cli_kit import bearer, dev_token

SUBMIT_BATCH = 500
REQUEST_FIELDS = tuple(AgencyRequest.model_fields)
LISTING_AGENCY = "agency-sim"
"""The agency identity used only to list the registry (any agency may)."""
_RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
              grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.ABORTED,
              grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.CANCELLED}


class AgencyTokens:
    """One bearer token per agency, renewed at half its lifetime."""

    LIFETIME = timedelta(hours=8)

    def __init__(self, secret: str, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._secret = secret
        self._now = now
        self._issued: dict[str, tuple[str, datetime]] = {}

    def metadata(self, agency_id: str) -> tuple[tuple[str, str], ...]:
        now = self._now()
        token, issued = self._issued.get(agency_id, ("", now - self.LIFETIME))
        if now - issued >= self.LIFETIME / 2:
            token = dev_token(agency_id, "agency", agency=agency_id, secret=self._secret,
                              ttl=self.LIFETIME, now=now)
            self._issued[agency_id] = (token, now)
        return bearer(token)


def request_from(message: pb.AgencyRequest) -> AgencyRequest:
    values: dict[str, Any] = {name: getattr(message, name) for name in REQUEST_FIELDS}
    values["attempt"] = message.attempt or 1  # proto3 leaves an unset attempt at 0
    return AgencyRequest.model_validate(values)


def answer_message(reply: Reply) -> pb.AgencyAnswer:
    answer = reply.answer
    return pb.AgencyAnswer(request_id=answer.request_id, outcome=answer.outcome, error=answer.error,
                           holdings=[pb.Holding(**h.model_dump()) for h in answer.holdings],
                           attempt=answer.attempt)


class GrpcChannel:
    """Pulls for `agency_ids` at most every `pull_interval` seconds; submits in batches.

    A pull that finds nothing for any agency doubles the pause before the next, up to
    `idle_interval` (issue 12, item 13: an idle gateway is asked a few times a minute,
    not ten times a second); a pull that finds something brings it back."""

    def __init__(self, stub: Any, tokens: AgencyTokens, agency_ids: list[str], *,
                 pull_limit: int = 500, pull_interval: float = 0.1, rpc_timeout: float = 10.0,
                 idle_interval: float = 2.0, channel: grpc.Channel | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.agency_ids = agency_ids
        self._stub, self._tokens, self._channel = stub, tokens, channel
        self._pull_limit, self._pull_interval, self._rpc_timeout = pull_limit, pull_interval, rpc_timeout
        self._idle_interval = max(idle_interval, pull_interval)
        self._pause = pull_interval
        self._monotonic, self._sleep = monotonic, sleep
        self._next_pull = 0.0

    @classmethod
    def connect(cls, target: str, secret: str, *, agencies: Iterable[str] = (),
                silent: Iterable[str] = (), **options: Any) -> GrpcChannel:
        """Ask the gateway which agencies exist and simulate `agencies` of them (all when
        empty) except the `silent` ones. An unknown agency id is refused."""
        channel = grpc.insecure_channel(target)
        try:
            stub = AgencyGatewayServiceStub(channel)
            tokens = AgencyTokens(secret)
            listing = _call(stub, "ListAgencies", pb.ListAgenciesRequest(), tokens, LISTING_AGENCY, 10.0)
            chosen = _chosen([a.agency_id for a in listing.agencies], list(agencies), set(silent))
        except ChannelError as error:
            channel.close()
            raise type(error)(f"gateway at {target}: {error}") from None
        return cls(stub, tokens, chosen, channel=channel, **options)

    def receive(self, timeout: float) -> Received:
        wait = self._next_pull - self._monotonic()
        if wait > 0:
            self._sleep(min(wait, timeout))
            if self._next_pull > self._monotonic():
                return Received()
        requests, unreadable = [], 0
        for agency_id in self.agency_ids:
            response = _call(self._stub, "PullRequests", pb.PullRequestsRequest(limit=self._pull_limit),
                             self._tokens, agency_id, self._rpc_timeout)
            for message in response.requests:
                try:
                    requests.append(request_from(message))
                except ValidationError:
                    unreadable += 1
        found = bool(requests) or unreadable > 0
        self._pause = self._pull_interval if found else min(self._pause * 2, self._idle_interval)
        self._next_pull = self._monotonic() + self._pause
        return Received(requests, unreadable)

    def send(self, replies: list[Reply]) -> None:
        batches = _batches(replies)
        for index, (agency_id, batch) in enumerate(batches):
            request = pb.SubmitAnswersRequest(answers=[answer_message(r) for r in batch])
            try:
                _call(self._stub, "SubmitAnswers", request, self._tokens, agency_id, self._rpc_timeout)
            except ChannelUnavailable as error:
                unsent = [reply for _, rest in batches[index:] for reply in rest]
                raise ChannelUnavailable(str(error), unsent=unsent) from error

    def close(self) -> None:
        if self._channel is not None:
            self._channel.close()


def _batches(replies: list[Reply]) -> list[tuple[str, list[Reply]]]:
    """Per answering agency (each submits with its own token), at most SUBMIT_BATCH each."""
    by_agency: dict[str, list[Reply]] = {}
    for reply in replies:
        by_agency.setdefault(reply.answer.agency_id, []).append(reply)
    return [(agency_id, group[start:start + SUBMIT_BATCH])
            for agency_id, group in by_agency.items()
            for start in range(0, len(group), SUBMIT_BATCH)]


def _chosen(registered: list[str], wanted: list[str], silent: set[str]) -> list[str]:
    unknown = [agency_id for agency_id in wanted if agency_id not in registered]
    if unknown:
        raise ChannelRefused(f"agencies not in the gateway's registry: {', '.join(unknown)}")
    return [a for a in (wanted or registered) if a not in silent]


def _call(stub: Any, method: str, request: Any, tokens: AgencyTokens, agency_id: str,
          timeout: float) -> Any:
    """One RPC as `agency_id`; its failure as a channel error saying what to expect."""
    try:
        return getattr(stub, method)(request, metadata=tokens.metadata(agency_id), timeout=timeout)
    except grpc.RpcError as error:
        code: grpc.StatusCode = error.code()
        message = f"{method} as {agency_id}: {code.name}: {error.details()}"
        if code in _RETRYABLE:
            raise ChannelUnavailable(message) from None
        raise ChannelRefused(message) from None
