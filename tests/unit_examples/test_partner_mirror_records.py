"""The partner mirror's reading of the list (examples/partner_mirror), without a broker:
records of the compacted topic and Follow messages become changes of the local index."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures

import grpc
import pytest
from stdnum.cn import ric, uscc

from examples.partner_mirror import ListMirror, apply, change_from_follow, change_from_record
from zhixing.contracts.envelope import CloudEvent, MalformedEvent, stable_event_id
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState, GoodFaithRecorded
from zhixing.contracts.pb.credit.v1 import check_pb2, check_pb2_grpc
from zhixing.credit.index import CreditIndex, State

SOURCE = "/zhixing/chengdu/credit"
PERSON = "51010419900101001" + ric.calc_check_digit("51010419900101001" + "0")
COMPANY = "91510100MA0000001" + uscc.calc_check_digit("91510100MA0000001")
RESTRICTED = State(listed=True, restricted=True, codes=0b1001, since=20_514, cases=2)
"""flights (bit 0) and g_trains (bit 3), since 2026-03-02, two cases."""


def debtor_state(identity: str, **changes: object) -> DebtorCreditState:
    values: dict[str, object] = {
        "identity_number": identity, "listed": True, "restricted": True,
        "conduct": ["flights", "g_trains"], "since": "2026-03-02",
        "cases": ["(2026)川0104执1号", "(2026)川0104执2号"], "as_of": "2026-03-10"}
    return DebtorCreditState.model_validate(values | changes)


def record(event: IntegrationEvent, position: int = 1
           ) -> tuple[bytes, bytes | None, list[tuple[str, bytes]]]:
    """(key, value, headers) as the credit service's relay puts them on the topic."""
    subject = event.key() or ""
    cloud = CloudEvent(id=stable_event_id(SOURCE, position), source=SOURCE,
                       type=event.event_type, time="2026-03-10T02:00:00Z", subject=subject,
                       court="川0104", region="chengdu", sequence=position, position=position,
                       data=event.model_dump(mode="json"), tombstone=event.tombstone)
    return (cloud.key, *cloud.to_kafka())


@pytest.fixture
def index() -> CreditIndex:
    return CreditIndex()


class TestRecordsOfTheCompactedTopic:
    def test_state_is_put_when_a_debtor_credit_state_arrives(self, index):
        apply(index, change_from_record(*record(debtor_state(PERSON))))
        assert index.get(PERSON) == RESTRICTED

    def test_identity_is_removed_when_its_tombstone_arrives(self, index):
        apply(index, change_from_record(*record(debtor_state(PERSON))))
        key, value, headers = record(DebtorCleared(identity_number=PERSON), 2)
        apply(index, change_from_record(key, value, headers))
        assert (value, index.get(PERSON), len(index)) == (None, None, 0)

    def test_later_state_replaces_the_earlier_when_the_debtor_changes(self, index):
        apply(index, change_from_record(*record(debtor_state(COMPANY))))
        lifted = debtor_state(COMPANY, restricted=False, conduct=[], cases=["(2026)川0104执1号"])
        apply(index, change_from_record(*record(lifted, 2)))
        assert index.get(COMPANY) == State(True, False, 0, 20_514, 1)

    def test_empty_value_is_a_tombstone_when_the_producer_cannot_send_null(self, index):
        apply(index, change_from_record(*record(debtor_state(PERSON))))
        key, _, headers = record(DebtorCleared(identity_number=PERSON), 2)
        apply(index, change_from_record(key, b"", headers))
        assert index.get(PERSON) is None

    def test_record_is_skipped_when_its_type_is_not_a_list_type(self):
        event = GoodFaithRecorded(case_id="c1", case_number="(2026)川0104执1号",
                                  court_code="川0104", debtor_identity_number=PERSON,
                                  performed_on="2026-03-02", notice_deadline="2026-03-09")
        _, value, headers = record(event)
        assert change_from_record(PERSON.encode(), value, headers) is None

    def test_unknown_conduct_is_left_out_when_a_newer_contract_adds_a_code(self, index):
        newer = debtor_state(PERSON, conduct=["flights", "space_tourism"])
        apply(index, change_from_record(*record(newer)))
        assert index.get(PERSON) == RESTRICTED._replace(codes=0b1)

    def test_record_is_refused_when_it_has_no_key(self):
        _, value, headers = record(debtor_state(PERSON))
        with pytest.raises(ValueError, match="without a key"):
            change_from_record(None, value, headers)

    def test_record_is_refused_when_it_is_not_a_cloud_event(self):
        with pytest.raises(MalformedEvent):
            change_from_record(PERSON.encode(), b"{}", [])


class TestFollowMessages:
    def test_state_equals_the_topics_when_follow_sends_the_same_state(self):
        state = check_pb2.CreditState(listed=True, restricted=True,
                                      conduct=["flights", "g_trains"], since="2026-03-02", cases=2)
        change = change_from_follow(check_pb2.FollowResponse(position=7, identity_number=PERSON,
                                                             state=state))
        assert change == change_from_record(*record(debtor_state(PERSON)))

    def test_change_is_a_tombstone_when_the_state_is_unset(self):
        change = change_from_follow(check_pb2.FollowResponse(position=8, identity_number=PERSON))
        assert (change.identity, change.state) == (PERSON, None)


class TestMirrorFedByFollow:
    def test_check_answers_none_and_position_advances_when_a_tombstone_follows(self):
        mirror = ListMirror()
        state = check_pb2.CreditState(listed=True, since="2026-03-02", cases=1)
        mirror.take_follow(check_pb2.FollowResponse(position=1, identity_number=PERSON,
                                                    state=state))
        listed = mirror.check(PERSON)
        mirror.take_follow(check_pb2.FollowResponse(position=2, identity_number=PERSON))
        assert (listed, mirror.check(PERSON), mirror.position) == (
            State(True, False, 0, 20_514, 1), None, 2)

    def test_bad_identity_is_skipped_and_counted_when_its_check_digit_is_wrong(self):
        mirror = ListMirror()
        wrong = PERSON[:17] + ("1" if PERSON[17] != "1" else "2")
        mirror.take_follow(check_pb2.FollowResponse(position=3, identity_number=wrong,
                                                    state=check_pb2.CreditState(listed=True)))
        assert (mirror.skipped, mirror.position, len(mirror)) == (1, 3, 0)

    def test_caught_up_on_follow_once_its_mark_arrives(self):
        mirror = ListMirror()
        mirror.take_follow(check_pb2.FollowResponse(position=3, identity_number=PERSON,
                                                    state=check_pb2.CreditState(listed=True)))
        assert mirror.caught_up() is False
        mirror.take_follow(check_pb2.FollowResponse(position=3, caught_up=True))
        assert mirror.caught_up() is True and mirror.position == 3 and len(mirror) == 1


class FakeFollow(check_pb2_grpc.CreditCheckServiceServicer):
    """A list's change log served by Follow: every change after `after`, then the end."""

    def __init__(self) -> None:
        self.log: list[check_pb2.FollowResponse] = []
        self.asked: list[tuple[int, str]] = []

    def Follow(self, request, context):
        metadata = dict(context.invocation_metadata())
        self.asked.append((request.after, metadata.get("authorization", "")))
        yield from (change for change in self.log if change.position > request.after)

    def change(self, identity: str, state: check_pb2.CreditState | None = None) -> None:
        self.log.append(check_pb2.FollowResponse(position=len(self.log) + 1,
                                                 identity_number=identity, state=state))


@pytest.fixture
def follow_server() -> Iterator[tuple[FakeFollow, grpc.Channel]]:
    fake = FakeFollow()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    check_pb2_grpc.add_CreditCheckServiceServicer_to_server(fake, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield fake, channel
    server.stop(0)


class TestMirrorOverGrpcFollow:
    def test_follow_resumes_after_the_last_position_when_called_again(self, follow_server):
        fake, channel = follow_server
        mirror = ListMirror()
        fake.change(PERSON, check_pb2.CreditState(listed=True, since="2026-03-02", cases=1))
        fake.change(COMPANY, check_pb2.CreditState(restricted=True, conduct=["flights"],
                                                   since="2026-03-02", cases=1))
        mirror.follow(channel, (("authorization", "Bearer partner-jwt"),))
        fake.change(PERSON)
        mirror.follow(channel)
        assert (fake.asked, mirror.position, mirror.check(PERSON), mirror.check(COMPANY)) == (
            [(0, "Bearer partner-jwt"), (2, "")], 3, None, State(False, True, 1, 20_514, 1))
