"""The gRPC part of the credit benchmark: `CreditCheckService` served from a forked
process (so server and client each have a core), the real servicer or a bare one, both
behind the real `AuthInterceptor`; a client streaming batches and one offering Checks at
a fixed rate."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import random
import statistics
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc

from zhixing.contracts import packed_states
from zhixing.contracts.pb.credit.v1 import check_pb2 as pb
from zhixing.contracts.pb.credit.v1 import check_pb2_grpc
from zhixing.credit.api.check import POLICIES, CreditCheckServicer, _listed_message, _message
from zhixing.credit.application.list_feed import ListView
from zhixing.credit.application.partners import PartnerDesk
from zhixing.credit.index import CreditIndex
from zhixing.credit.partners import Partner, PartnerRegistry
from zhixing.kernel.clock import SystemClock
from zhixing.security.grpc_auth import AuthInterceptor, bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

SECRET = "bench-credit-secret-of-at-least-32-bytes"
IN_FLIGHT = 4
"""Batches a client keeps outstanding on its stream."""
_LISTED = pb.CreditState(listed=True, restricted=True, conduct=["flights"], since="2020-01-01",
                         cases=1)
_NOT_LISTED = pb.CreditState()


class SetServicer(check_pb2_grpc.CreditCheckServiceServicer):
    """The baseline: the same proto answered from a set of the listed identities, one
    prebuilt state for all (DESIGN §13's "bidi stream, set lookup")."""

    def __init__(self, listed: set[str]) -> None:
        self.listed = listed

    async def Check(self, request: pb.CheckRequest, context: Any) -> pb.CheckResponse:
        listed = request.identity_number in self.listed
        return pb.CheckResponse(identity_number=request.identity_number, valid=True,
                                state=_LISTED if listed else _NOT_LISTED)

    async def BatchCheck(self, requests: AsyncIterator[pb.BatchCheckRequest],
                         context: Any) -> AsyncIterator[pb.BatchCheckResponse]:
        listed = self.listed
        async for batch in requests:
            yield pb.BatchCheckResponse(states=[_LISTED if i in listed else _NOT_LISTED
                                                for i in batch.identity_numbers])


class NoChanges:
    """A list feed with nothing new: the pre-loaded index is the whole list. (The desk
    only counts checks in memory, so it needs no store.)"""

    def changes(self, after: int, limit: int = 1000) -> list[object]:
        return []


def batches(identities: list[str], absent: list[str], count: int,
            size: int) -> list[list[str]]:
    """`count` identities in batches of `size`, alternately present and absent."""
    rng = random.Random(5)
    picked = [rng.choice(identities) if n % 2 else rng.choice(absent) for n in range(count)]
    return [picked[at:at + size] for at in range(0, count, size)]


def _serve(make: Callable[[], Any], ports: Any) -> None:
    async def run() -> None:
        server = grpc.aio.server(interceptors=[AuthInterceptor(POLICIES, SECRET)])
        check_pb2_grpc.add_CreditCheckServiceServicer_to_server(make(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        ports.put(port)
        await server.wait_for_termination()

    asyncio.run(run())


def _start(make: Callable[[], Any]) -> tuple[multiprocessing.process.BaseProcess, str]:
    """Fork a server process (the index is shared copy-on-write; gc.freeze keeps the
    child's collector from touching, hence copying, the parent's objects)."""
    gc.freeze()
    context = multiprocessing.get_context("fork")
    ports = context.Queue()
    process = context.Process(target=_serve, args=(make, ports), daemon=True)
    process.start()
    return process, f"127.0.0.1:{ports.get(timeout=600)}"


def _answered(response: pb.BatchCheckResponse) -> int:
    """Identities a response answers; packed words are read as the client would."""
    if response.packed_states:
        return len(packed_states.words(response.packed_states))
    return len(response.states)


async def _stream(address: str, requests: list[pb.BatchCheckRequest]) -> float:
    metadata = bearer_metadata(issue_token(Identity("bench", "partner", agency="bench-bank"),
                                           SECRET))
    async with grpc.aio.insecure_channel(address) as channel:
        stub = check_pb2_grpc.CreditCheckServiceStub(channel)
        window = asyncio.Semaphore(IN_FLIGHT)

        async def send() -> AsyncIterator[pb.BatchCheckRequest]:
            for request in requests:
                await window.acquire()
                yield request

        answered, began = 0, time.perf_counter()
        async for response in stub.BatchCheck(send(), metadata=metadata):
            answered += _answered(response)
            window.release()
        return answered / (time.perf_counter() - began)


async def _checks(address: str, identities: list[str], rate: int,
                  seconds: float) -> tuple[float, float, int]:
    """p50 and p99 (ms, from each call's scheduled start) and calls left unsent because
    1,000 were already outstanding."""
    metadata = bearer_metadata(issue_token(Identity("bench", "partner", agency="bench-bank"),
                                           SECRET))
    latencies: list[float] = []
    async with grpc.aio.insecure_channel(address) as channel:
        stub = check_pb2_grpc.CreditCheckServiceStub(channel)
        await stub.Check(pb.CheckRequest(identity_number=identities[0]), metadata=metadata)

        async def one(identity: str, due: float) -> None:
            await stub.Check(pb.CheckRequest(identity_number=identity), metadata=metadata)
            latencies.append(time.perf_counter() - due)

        pending: set[asyncio.Task[None]] = set()
        skipped, start = 0, time.perf_counter()
        for n in range(int(rate * seconds)):
            due = start + n / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            if len(pending) >= 1000:
                skipped += 1
                continue
            task = asyncio.create_task(one(identities[n % len(identities)], due))
            pending.add(task)
            task.add_done_callback(pending.discard)
        await asyncio.gather(*pending)
    latencies.sort()
    return (latencies[len(latencies) // 2] * 1e3, latencies[int(len(latencies) * 0.99)] * 1e3,
            skipped)


def breakdown(index: CreditIndex, identities: list[str], absent: list[str]) -> None:
    """Where a BatchCheck's server time goes, in process (the servicer's own steps)."""
    requests = [pb.BatchCheckRequest(identity_numbers=batch).SerializeToString()
                for batch in batches(identities, absent, 200_000, 10_000)]
    spent: dict[str, float] = {}

    def timed(name: str, step: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        began = time.process_time()
        out = [step(item) for item in items]
        spent[name] = (time.process_time() - began) / 200_000 * 1e9
        return out

    parsed = timed("parse request", pb.BatchCheckRequest.FromString, requests)
    states = timed("check_many", lambda p: index.check_many(p.identity_numbers), parsed)
    hits = _listed_message.cache_info().hits
    messages = timed("_message (cached)", lambda s: [_message(x) for x in s], states)
    found = sum(x is not None for s in states for x in s)
    hit_rate = (_listed_message.cache_info().hits - hits) / max(found, 1)
    answers = timed("BatchCheckResponse(states=...)",
                    lambda m: pb.BatchCheckResponse(states=m), messages)
    timed("serialize response", lambda r: r.SerializeToString(), answers)
    print("  CreditCheckServicer.BatchCheck per identity, in process: " + ", ".join(
        f"{name} {ns:,.0f} ns" for name, ns in spent.items())
        + f"; _message cache hits {hit_rate:.0%} of found states")
    spent.clear()
    words = timed("packed_many", lambda p: index.packed_many(p.identity_numbers), parsed)
    packed = timed("response (packed)", lambda w: pb.BatchCheckResponse(
        packed_states=w.astype("<u8", copy=False).tobytes()).SerializeToString(), words)
    timed("client reads words", lambda b: packed_states.words(
        pb.BatchCheckResponse.FromString(b).packed_states), packed)
    print("  the same, packed answer form: " + ", ".join(
        f"{name} {ns:,.0f} ns" for name, ns in spent.items()))


def report(index: CreditIndex, identities: list[str], absent: list[str], runs: int,
           show: Callable[..., None], met: Callable[[float, float], str], goal: float,
           rate: int, seconds: float) -> None:
    print("3. gRPC on 127.0.0.1 (server forked, one core each)", flush=True)
    servers = {
        "set baseline": lambda: SetServicer(set(identities)),
        "CreditCheckServicer": lambda: CreditCheckServicer(
            ListView(NoChanges(), index, every=3600.0),  # type: ignore[arg-type]
            PartnerDesk(None, None), SystemClock(),  # type: ignore[arg-type]
            partners=PartnerRegistry([Partner("bench-bank", "financial", "bench")]),
            audit=None),  # type: ignore[arg-type]  # the bench's partner is never refused
    }
    figures: dict[tuple[str, str], float] = {}
    for name, make in servers.items():
        process, address = _start(make)
        try:
            forms = {"": pb.ANSWER_FORM_UNSPECIFIED}
            if name != "set baseline":
                forms[" packed"] = pb.ANSWER_FORM_PACKED
            for size in (1_000, 10_000):
                for form, value in forms.items():
                    requests = [pb.BatchCheckRequest(identity_numbers=batch, answer_form=value)
                                for batch in batches(identities, absent,
                                                     max(size * 20, 200_000), size)]
                    figures[name, f"BatchCheck {size:,}/msg{form}"] = statistics.median(
                        asyncio.run(_stream(address, requests)) for _ in range(runs))
            picks = [b[0] for b in batches(identities, absent, int(rate * seconds), 1)]
            latency = [asyncio.run(_checks(address, picks, rate, seconds)) for _ in range(runs)]
            figures[name, "Check p50"] = statistics.median(p50 for p50, _, _ in latency)
            figures[name, "Check p99"] = statistics.median(p99 for _, p99, _ in latency)
            figures[name, "Check unsent"] = max(skipped for _, _, skipped in latency)
        finally:
            process.kill()
            process.join()
    for size in ("1,000", "10,000"):
        key = f"BatchCheck {size}/msg"
        show(f"{key} set baseline", figures["set baseline", key], "ids/s")
        show(f"{key} CreditCheckServicer", figures["CreditCheckServicer", key], "ids/s",
             figures["set baseline", key], "set", met(figures["CreditCheckServicer", key],
                                                      goal))
        show(f"{key} CreditCheckServicer packed", figures["CreditCheckServicer",
                                                          f"{key} packed"], "ids/s",
             figures["set baseline", key], "set", met(figures["CreditCheckServicer",
                                                              f"{key} packed"], goal))
    breakdown(index, identities, absent)
    for name in servers:
        print(f"  Check at {rate}/s for {seconds:.0f} s, {name}: p50 "
              f"{figures[name, 'Check p50']:.2f} ms, p99 {figures[name, 'Check p99']:.2f} ms"
              f" ({figures[name, 'Check unsent']:.0f} unsent)"
              + ("" if name == "set baseline" else
                 f"; p99 goal ≤ 5 ms: {'met' if figures[name, 'Check p99'] <= 5 else 'NOT met'}"),
              flush=True)
