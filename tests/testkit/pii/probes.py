"""Ask the public surfaces for the scenario's own people, as a careless visitor would type
a resident ID into a search box (issue 12 item 4): the answers — pages and RPC refusals
alike — must not give the number back whole. What comes back is scanned with the rest."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

import grpc

from testkit.pii.recording import RpcRecord, original_channel
from testkit.pii.sources import Sources, fetched
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc

SEARCHES = ("/cases?number={}", "/dishonest?name={}", "/dishonest?court={}")
PROBE_NAME = "张伟"
"""The name a careless visitor types beside a number into the 综合查询."""
MAX_PROBED = 2
"""Identities asked about per scenario: one shows an echo; a few bound the time."""


def probed_pages(base: str, identities: Iterable[str]) -> Sources:
    """The public searches of the server at `base`, asked for each identity."""
    found: Sources = {}
    for identity in list(identities)[:MAX_PROBED]:
        for search in SEARCHES:
            path = search.format(quote(identity))
            text = fetched(base.rstrip("/") + path)
            if text is not None:
                found[f"probe page {base}{search.format('<id>')}"] = ("pages", text)
        text = fetched(base.rstrip("/") + "/search",  # 综合查询: the number in the body
                       form={"name": PROBE_NAME, "identity_number": identity})
        if text is not None:
            found[f"probe page {base}/search (POST identity_number=<id>)"] = ("pages", text)
    return found


def probed_rpcs(targets: Iterable[str], identities: Iterable[str], record: RpcRecord) -> None:
    """The public RPCs of every API at `targets`, asked for each identity; what they
    answer goes to `record` (a process serving no publicity answers UNIMPLEMENTED)."""
    people = list(identities)[:MAX_PROBED]
    for target in targets:
        with original_channel(target) as channel:
            stub = publicity_pb2_grpc.PublicityServiceStub(channel)
            for identity in people:
                _asked(record, "GetCaseProgress", stub.GetCaseProgress,
                       publicity_pb2.GetCaseProgressRequest(case_number=identity))
                _asked(record, "ListDishonest", stub.ListDishonest,
                       publicity_pb2.ListDishonestRequest(name=identity))
                _asked(record, "SearchDebtor", stub.SearchDebtor,  # 综合查询 (issue 17)
                       publicity_pb2.SearchDebtorRequest(name=PROBE_NAME,
                                                         identity_number=identity))


def _asked(record: RpcRecord, method: str, call, request) -> None:  # type: ignore[no-untyped-def]
    name = f"/zhixing.publicity.v1.PublicityService/{method}"
    try:
        record.answered(name, call(request, timeout=10))
    except grpc.RpcError as error:
        if error.code() not in (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.UNAVAILABLE):
            record.failed(name, error)
