"""From the list's records to the local index: one `Change` per identity, one `apply`.

Both feeds of the list say the same thing — "this identity's state is now S", or "nothing
is in force against it any more" (a tombstone) — so both are turned into a `Change` and
applied by the same function. Only the public contract is used to read them: the
CloudEvents headers and the `DebtorCreditState` model for Kafka, the `FollowResponse`
message for gRPC.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState
from zhixing.contracts.pb.credit.v1 import check_pb2
from zhixing.credit.domain.restriction import conduct_mask
from zhixing.credit.index import CreditIndex, State

log = logging.getLogger(__name__)

_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Change:
    """One identity's new state; `state` None is a tombstone (delete it)."""

    identity: str
    state: State | None


def change_from_record(key: bytes | None, value: bytes | None,
                       headers: list[tuple[str, bytes]] | None) -> Change | None:
    """A record of the compacted topic as a Change; None for a type this version of the
    contract does not know (a newer publisher's: skip it). Raises ValueError (or
    `MalformedEvent`, one) for a record that is not a list record at all."""
    if not key:
        raise ValueError("a list record without a key (the identity number)")
    # The contract's tombstone is a null value; an empty one is read the same way (a
    # bridge or client that cannot send a null), rather than keep a cleared debtor listed.
    event = CloudEvent.from_kafka(value or None, headers)
    identity = key.decode()
    if event.tombstone or event.type == DebtorCleared.event_type:
        return Change(identity, None)
    if event.type != DebtorCreditState.event_type:
        return None
    return Change(identity, state_from_model(DebtorCreditState.model_validate(event.data)))


def change_from_follow(response: check_pb2.FollowResponse) -> Change:
    """A message of `CreditCheckService.Follow` as a Change (state unset: tombstone)."""
    if not response.HasField("state"):
        return Change(response.identity_number, None)
    state = response.state
    return Change(response.identity_number, State(
        listed=state.listed, restricted=state.restricted, codes=known_conduct(state.conduct),
        since=days(state.since), cases=state.cases))


def state_from_model(model: DebtorCreditState) -> State:
    """The index's compact State of a `DebtorCreditState` (cases: their number)."""
    return State(listed=model.listed, restricted=model.restricted,
                 codes=known_conduct(model.conduct), since=days(model.since),
                 cases=len(model.cases))


def apply(index: CreditIndex, change: Change) -> None:
    """Put the identity's new state, or forget it on a tombstone."""
    if change.state is None:
        index.remove(change.identity)
    else:
        index.put(change.identity, change.state)


def known_conduct(codes: list[str] | tuple[str, ...]) -> int:
    """The R13 codes as a bitmask; a code this version does not know is left out (and
    logged): the identity stays `restricted` whatever its codes say."""
    mask = 0
    for code in codes:
        try:
            mask |= conduct_mask([code])
        except ValueError:
            log.warning("unknown conduct code %r: update the mirror", code)
    return mask


def days(day: str) -> int:
    """YYYY-MM-DD as days since 1970-01-01; "" (none) as 0."""
    return date.fromisoformat(day).toordinal() - _EPOCH if day else 0
