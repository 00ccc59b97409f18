"""R43: an identity listed or restricted anywhere in the circle is so in every region."""

from __future__ import annotations

from zhixing.credit.api.regions import combined
from zhixing.credit.index import State

CHENGDU = State(listed=True, restricted=True, codes=0b11, since=20_500, cases=1)
CHONGQING = State(listed=False, restricted=True, codes=0b100, since=20_400, cases=2)


def test_listed_in_one_region_and_restricted_in_another_is_both():
    state = combined([CHENGDU, CHONGQING])
    assert (state.listed, state.restricted, state.codes, state.since, state.cases) == (
        True, True, 0b111, 20_400, 3)


def test_known_in_one_region_only_is_that_regions_state():
    assert combined([None, CHONGQING]) == CHONGQING
    assert combined([None, None]) is None


def test_a_bad_record_from_a_peer_is_skipped_and_the_rest_applied():
    import json

    from zhixing.credit.api.regions import PeerList

    class NoReader:
        topic = "chengdu.zhixing.credit.list.v1"

    peer = PeerList(NoReader())  # type: ignore[arg-type]
    state = json.dumps({"listed": True, "restricted": True, "conduct": ["flights"],
                        "since": "2026-03-02", "cases": ["(2026)川0104执1号"]}).encode()
    peer.apply([(b"110105194912310021", state), (b"11010519491231002X", state)])
    assert peer.skipped == 1 and peer.get("11010519491231002X").listed
