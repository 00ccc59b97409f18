"""A steady, bounded load of commands over gRPC on loopback, for the chaos tests.

Each tick files a case with the cases API (it fans out: publicity's progress, assets'
automatic inquiry, credit's case view); every other tick takes a case filed earlier and
already seen everywhere, asks the assets API for an on-demand inquiry (发起网络查控) on
it and records a payment into its account with the cases API (到账, which credit adds to
what the case has received: an effect that adds up, so one applied twice shows).
Every command carries a request id of its own and is sent again with the same id while
the answer is UNAVAILABLE or DEADLINE_EXCEEDED (what a careful client does when the
server went away mid-call): a command that then lands twice is "applied twice".

An accepted command is one the API answered OK; the rest are counted as refused.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import grpc

from testkit.filings import file_case_request
from zhixing.contracts.pb.assets.v1 import inquiry_pb2
from zhixing.contracts.pb.assets.v1.inquiry_pb2_grpc import AssetInquiryServiceStub
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

COURT = "川0104"
CLAIM_BASE = 10_000_00
"""A filing's principal is CLAIM_BASE + its index (`file_case_request`): the cases a
filing made are found by it."""
PAYMENT_FEN = 1_00
RETRIED = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED}
CALL_TIMEOUT = 5.0
RETRY_FOR = 20.0
"""How long a command is sent again before the client gives up (then: refused)."""


@dataclass
class Accepted:
    """What the load has had accepted, shared by every scenario of a run."""

    filed: dict[int, str] = field(default_factory=dict)
    """Filing index → case id, for every FileCase answered OK."""
    demanded: dict[str, float] = field(default_factory=dict)
    """Case id → when an on-demand inquiry on it was answered OK."""
    paid: dict[str, int] = field(default_factory=dict)
    """Case id → the amount of the payment recorded on it (answered OK)."""
    refused: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    """Status code → commands refused with it (after the client's retries)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def since(self, earlier: Accepted) -> Accepted:
        """The commands accepted after `earlier` was copied (see `copy`)."""
        with self.lock:
            return Accepted(
                {i: c for i, c in self.filed.items() if i not in earlier.filed},
                {c: at for c, at in self.demanded.items() if at and not earlier.demanded.get(c)},
                {c: fen for c, fen in self.paid.items() if c not in earlier.paid})

    def copy(self) -> Accepted:
        with self.lock:
            return Accepted(dict(self.filed), dict(self.demanded), dict(self.paid))


class Load:
    """Sends `rate` ticks a second until stopped (bounded by `limit` ticks)."""

    def __init__(self, cases_target: str, assets_target: str, secret: str,
                 accepted: Accepted, ready: Callable[[], list[str]], first_index: int) -> None:
        officer = Identity("chaos-officer", "officer", COURT)
        judge = Identity("chaos-judge", "judge", COURT)
        self._officer = bearer_metadata(issue_token(officer, secret))
        self._judge = bearer_metadata(issue_token(judge, secret))
        finance = Identity("chaos-finance", "finance", COURT)
        self._finance = bearer_metadata(issue_token(finance, secret))
        self._channels = [grpc.insecure_channel(cases_target), grpc.insecure_channel(assets_target)]
        self._cases = CasesServiceStub(self._channels[0])
        self._inquiry = AssetInquiryServiceStub(self._channels[1])
        self.accepted = accepted
        self._ready = ready
        self.next_index = first_index
        self._stop = threading.Event()
        self._clock_thread: threading.Thread | None = None
        self._ticks: list[threading.Thread] = []
        self._ticks_lock = threading.Lock()

    def file(self, index: int) -> bool:
        request = file_case_request(index, court=COURT, request_id=f"chaos-{index}")
        reply = self._call(lambda: self._cases.FileCase(
            request, metadata=self._officer, timeout=CALL_TIMEOUT))
        if reply is None:
            return False
        with self.accepted.lock:
            self.accepted.filed[index] = reply.case_id
        return True

    def demand(self) -> None:
        """An on-demand inquiry on a case assets has seen and no command has asked yet."""
        with self.accepted.lock:
            candidates = [c for c in self._ready() if c not in self.accepted.demanded]
        if not candidates:
            return
        case_id = candidates[0]
        with self.accepted.lock:
            self.accepted.demanded[case_id] = 0.0  # taken: no other tick picks it
        request = inquiry_pb2.StartInquiryRequest(case_id=case_id)
        reply = self._call(lambda: self._inquiry.StartInquiry(
            request, metadata=self._judge, timeout=CALL_TIMEOUT))
        with self.accepted.lock:
            if reply is None:
                del self.accepted.demanded[case_id]
            else:
                self.accepted.demanded[case_id] = time.monotonic()
        payment = cases_pb2.RecordPaymentRequest(
            case=cases_pb2.CaseRef(case_id=case_id), reference=f"chaos-pay-{case_id}",
            amount_fen=PAYMENT_FEN, source="voluntary")
        if self._call(lambda: self._cases.RecordPayment(
                payment, metadata=self._finance, timeout=CALL_TIMEOUT)) is not None:
            with self.accepted.lock:
                self.accepted.paid[case_id] = PAYMENT_FEN

    def start(self, rate: float, limit: int) -> None:
        """Run `limit` ticks at `rate` a second in the background (each tick in a
        thread of its own, so a stalled server does not slow the clock)."""
        self._stop.clear()
        self._clock_thread = threading.Thread(target=self._clock, args=(rate, limit),
                                              name="chaos-load")
        self._clock_thread.start()

    def finish(self) -> None:
        """Wait until every tick is sent and every command in flight answered."""
        if self._clock_thread is not None:
            self._clock_thread.join()
            self._clock_thread = None
        with self._ticks_lock:
            ticks, self._ticks = self._ticks, []
        for tick in ticks:
            tick.join()

    def stop(self) -> None:
        """Stop ticking and wait for the commands in flight."""
        self._stop.set()
        self.finish()

    def close(self) -> None:
        self.stop()
        for channel in self._channels:
            channel.close()

    def _clock(self, rate: float, limit: int) -> None:
        began = time.monotonic()
        for tick in range(limit):
            if self._stop.wait(max(0.0, began + tick / rate - time.monotonic())):
                break
            index = self.next_index
            self.next_index += 1
            worker = threading.Thread(target=self._tick, args=(index, tick % 2 == 1))
            worker.start()
            with self._ticks_lock:
                self._ticks.append(worker)

    def _tick(self, index: int, with_demand: bool) -> None:
        self.file(index)
        if with_demand:
            self.demand()

    def _call(self, call: Callable[[], Any]) -> Any:
        """The reply, sending again while the server is away; None when refused."""
        deadline = time.monotonic() + RETRY_FOR
        while True:
            try:
                return call()
            except grpc.RpcError as error:
                if error.code() not in RETRIED or time.monotonic() > deadline:
                    with self.accepted.lock:
                        self.accepted.refused += 1
                        self.accepted.refusals[error.code().name] += 1
                    return None
                time.sleep(0.2)  # the client's retry interval, not a synchronisation

