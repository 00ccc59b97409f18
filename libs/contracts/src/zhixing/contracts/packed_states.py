"""Reading BatchCheck's packed answer form (issue 19; layout in check.proto,
`BatchCheckResponse.packed_states`): one little-endian 64-bit word an identity.

A partner asks for it with `BatchCheckRequest.answer_form = ANSWER_FORM_PACKED` and gets
8 bytes an identity instead of a `CreditState` message each. `words` gives the raw words
(the fast way: most are 0, "neither listed nor restricted"); `state` turns one word into
the `CreditState` the default form would have carried, field for field.
"""

from __future__ import annotations

from datetime import date, timedelta
from struct import Struct

from zhixing.contracts.pb.credit.v1.check_pb2 import CreditState

CONDUCT = ("flights", "soft_sleepers", "ship_second_class", "g_trains",
           "high_speed_first_class", "starred_hotels", "nightclubs", "golf", "real_estate",
           "luxury_building", "high_end_offices", "vehicles", "travel", "private_schools",
           "insurance_wealth")
"""Rule R13's conduct codes in the order of their bits (bit 2 + i: the i-th code)."""
WORD_BYTES = 8
_EPOCH = date(1970, 1, 1)


def words(packed: bytes) -> tuple[int, ...]:
    """The words of `packed_states`, one an identity, in the batch's order; ValueError
    when its length is not a multiple of 8 (not a packed answer)."""
    if len(packed) % WORD_BYTES:
        raise ValueError(f"packed_states holds {WORD_BYTES} bytes an identity, "
                         f"got {len(packed)} bytes")
    return Struct(f"<{len(packed) // WORD_BYTES}Q").unpack(packed)


def state(word: int) -> CreditState:
    """One word as the `CreditState` the default answer form carries."""
    if not word:
        return CreditState()
    mask, days = word >> 2 & 0xFFFF, word >> 18 & 0xFFFFF
    return CreditState(
        listed=bool(word & 1), restricted=bool(word & 2),
        conduct=[code for bit, code in enumerate(CONDUCT) if mask >> bit & 1],
        since=(_EPOCH + timedelta(days=days)).isoformat() if days else "",
        cases=word >> 38 & 0xFFFFFF)


def states(packed: bytes) -> list[CreditState]:
    """Every word of `packed_states` as a `CreditState` (convenient, not fast)."""
    return [state(word) for word in words(packed)]
