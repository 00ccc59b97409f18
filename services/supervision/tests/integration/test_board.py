"""The court board (issue 16): its facts as the four consumers write them — order-
independent, idempotent, no names — and the queries of the court's page."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from zhixing.assets.domain.inquiry import request_id as assets_request_id
from zhixing.contracts.events.supervision.v1 import AlertClosed, AlertRaised
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.projections.alert_index import TABLES as ALERT_TABLES
from zhixing.supervision.projections.alert_index import AlertIndex
from zhixing.supervision.projections.board import (
    UNASSIGNED,
    AgencyAnswers,
    AgencyWait,
    BoardQueries,
    ExpiringMeasure,
    Tally,
)
from zhixing.supervision.projections.board_facts import FOLLOWS, BoardView, request_key

from .board_support import (
    alert_closed,
    answer,
    assigned,
    board_store,
    lapsed,
    measure,
    node_alert,
    node_overdue,
    overdue,
    released,
    renewed,
    started,
)
from .read_support import BACKENDS, DEBTOR_ID, DEBTOR_NAME, feed, filed, head

OTHER = "川0105"
ICBC, CCB, CAR = "bank.icbc", "bank.ccb", "vehicle.gongan"
TODAY = date(2026, 9, 29)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store(backend, tmp_path):
    made = board_store(backend, tmp_path)
    yield made
    made.close()


def board(store) -> BoardQueries:
    return BoardQueries(store, WorkingCalendar.default())


def court_events() -> list[Any]:
    """A court's spring and autumn, touching every topic the board follows."""
    return [
        filed(1, "2026-01-05"), filed(2, "2026-01-06"), filed(3, "2026-01-07"),
        assigned(1, "T1", "officer-a", "2026-01-06"),
        # Reassigned later: the later assignment counts, whichever arrives first.
        assigned(2, "T1", "officer-a", "2026-01-07"), assigned(2, "T2", "officer-b", "2026-02-01"),
        node_overdue(1, "notice", "T1"), node_alert(1, "notice", team="T1"),
        node_alert(1, "close", team="T1"), node_alert(2, "notice", team="T1"),
        node_alert(2, "close", team="T1"), node_alert(3, "assign"),
        # Case 3 is unassigned; case 1's closed node is no longer open.
        node_alert(1, "leads_request", team="T1"), alert_closed(1, "leads_request"),
        node_alert(9, "notice", court=OTHER, team="T9"),
        started(1, "Q1", "2026-03-02T09:00", [ICBC, CCB, CAR]),
        started(2, "Q2", "2026-03-10T09:00", [ICBC, CCB]),
        started(3, "Q3", "2026-04-01T09:00", [ICBC]),
        started(9, "Q9", "2026-02-01T09:00", [ICBC], court=OTHER),
        answer("Q1", ICBC, "2026-03-02T21:00"),               # 0.5 days
        answer("Q1", ICBC, "2026-03-03T09:00", "found"),      # a second answer: the first counts
        answer("Q1", CCB, "2026-03-04T09:00", "found"),       # 2 days
        answer("Q2", ICBC, "2026-03-11T09:00"),               # 1 day
        answer("Q2", CCB, "2026-03-10T10:00", "error"),       # no answer: asked again
        answer("Q3", ICBC, "2026-04-01T10:00", by=CCB),       # not the agency asked
        overdue(1, "Q1", CAR, "vehicle", "2026-03-05"),
        overdue(2, "Q2", CCB, "bank_deposit", "2026-03-13"),
        answer("Q2", CCB, "2026-03-20T09:00"),                # late: 10 days
        measure(1, "M1", "2026-10-08"), measure(2, "M2", "2026-10-10"),
        measure(3, "M3", "2026-09-30", kind="seal"), measure(1, "M4", "2026-09-28"),
        measure(2, "M5", "2026-09-29"), renewed(2, "M5", "2027-09-28"),
        measure(3, "M6", "2026-10-05"), released(3, "M6", "2026-06-01"),
        measure(3, "M7", "2026-10-05"), lapsed(3, "M7", "2026-10-05"),
    ]


def fed(store, events: list[Any]) -> None:
    """Each event to the consumer of its topic (the alert index for the alerts)."""
    alerts = [e for e in events if isinstance(e, AlertRaised | AlertClosed)]
    feed(store, BoardView(), [e for e in events if not isinstance(e, AlertRaised | AlertClosed)])
    feed(store, AlertIndex(), alerts, first=10_000)


def dump(store) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with store.transaction(read_only=True) as cur:
        for part in [*FOLLOWS.values(), ALERT_TABLES]:
            for table in part.tables:
                # An answer's copy of its request's columns, and so its tally, is there or
                # not by the order of arrival (joined at query time when not): its facts
                # are the same, and so are the figures (`answers_of`).
                if table == "supervision_board_timed":
                    continue
                columns = ("request_id, agency_id, answered_epoch"
                           if table == "supervision_board_answers" else "*")
                cur.execute(f"SELECT {columns} FROM {table}")
                found[table] = sorted(map(tuple, cur.fetchall()), key=repr)
    return found


def answers_of(store) -> tuple[Any, ...]:
    queries = board(store)
    return (queries.overdue_by([COURT_], "team", 20), queries.overdue_by([COURT_], "officer", 20),
            queries.oldest_unanswered([COURT_], TODAY, 20),
            queries.expiring_measures([COURT_], TODAY, 3, 20),
            queries.agency_answers([COURT_], "2026-01", "2026-12"))


COURT_ = "川0104"


class TestFacts:
    """Order-independent, idempotent, rebuildable, no names."""

    def test_the_same_rows_and_answers_when_the_events_arrive_shuffled_and_twice(
            self, store, backend, tmp_path):
        fed(store, court_events())
        expected_rows, expected = dump(store), answers_of(store)
        rng = random.Random(16)
        for attempt in range(3):
            other = board_store(backend, tmp_path / f"shuffled-{attempt}")
            try:
                events = court_events() * 2
                rng.shuffle(events)
                fed(other, events)
                assert dump(other) == expected_rows
                assert answers_of(other) == expected
            finally:
                other.close()

    def test_each_part_keeps_only_its_topic_when_it_follows_one(self, store):
        for part in FOLLOWS:
            feed(store, BoardView(part), court_events())
        together = dump(store)
        with pytest.raises(ValueError, match="follows is one of"):
            BoardView("credit")
        assert together["supervision_board_answers"]  # every part wrote its own

    def test_no_name_or_identity_number_is_kept_when_an_inquiry_names_the_debtor(self, store):
        fed(store, court_events())
        text = repr(dump(store))
        assert DEBTOR_ID not in text and DEBTOR_NAME not in text

    def test_a_request_is_keyed_as_the_assets_service_keys_it_when_an_answer_quotes_it(self):
        assert request_key("Q1", ICBC) == assets_request_id("Q1", ICBC)


class TestOverdueNodes:
    def test_open_nodes_are_counted_by_the_cases_current_team_when_asked_by_team(self, store):
        fed(store, court_events())
        # Case 2 moved from T1 to T2; case 3 was never assigned (its alert named no team).
        assert board(store).overdue_by([COURT_], "team", 20) == [
            Tally("T1", 2), Tally("T2", 2), Tally(UNASSIGNED, 1)]

    def test_open_nodes_are_counted_by_lead_officer_when_asked_by_officer(self, store):
        fed(store, court_events())
        assert board(store).overdue_by([COURT_], "officer", 2) == [
            Tally("officer-a", 2), Tally("officer-b", 2)]

    def test_the_overdue_reports_team_counts_when_the_assignment_was_not_seen(self, store):
        fed(store, [node_alert(5, "notice", team="T5")])
        assert board(store).overdue_by(["川"], "team", 20) == [Tally("T5", 1)]
        assert board(store).overdue_by(["川"], "officer", 20) == [Tally(UNASSIGNED, 1)]

    def test_another_courts_nodes_are_left_out_when_the_scope_is_one_court(self, store):
        fed(store, court_events())
        assert Tally("T9", 1) in board(store).overdue_by(["川"], "team", 20)
        assert Tally("T9", 1) not in board(store).overdue_by([COURT_], "team", 20)


class TestAgencyRequests:
    def test_unanswered_requests_come_oldest_first_when_some_were_answered(self, store):
        fed(store, court_events())
        number = head(1)["case_number"]
        assert board(store).oldest_unanswered([COURT_], TODAY, 20) == [
            AgencyWait(head(1)["case_id"], number, CAR, "vehicle", date(2026, 3, 2),
                       date(2026, 3, 5), 211),
            # Answered by another agency than the one asked: still waiting; due by the
            # policy table's 72 hours.
            AgencyWait(head(3)["case_id"], head(3)["case_number"], ICBC, "",
                       date(2026, 4, 1), date(2026, 4, 4), 181)]

    def test_days_are_chinas_when_an_instant_is_told_with_another_offset(self, store):
        # The contract asks `started_at` and `reply_by` for an offset, not for +08:00:
        # 07:00 on 1 April in Beijing told as 23:00 on 31 March UTC is sent in April
        # (R41) and due on the Beijing day the 72 hours end (R64 counts China's days).
        utc = {"started_at": "2026-03-31T23:00:00+00:00"}
        fed(store, [started(1, "Q1", "2026-04-01T07:00", [CAR]).model_copy(update=utc),
                    overdue(1, "Q1", CAR, "vehicle", "2026-04-04").model_copy(
                        update={"reply_by": "2026-04-03T23:00:00+00:00"})])
        [wait] = board(store).oldest_unanswered([COURT_], TODAY, 20)
        assert (wait.sent_on, wait.due_on) == (date(2026, 4, 1), date(2026, 4, 4))
        assert board(store).agency_answers([COURT_], "2026-04", "2026-04") == [
            AgencyAnswers(CAR, "vehicle", 1, 0, 1, 1, None, None)]

    @pytest.mark.parametrize("courts", [2, 7])
    def test_the_oldest_across_courts_come_first_when_the_scope_holds_few_or_many(
            self, store, courts):
        codes = [f"川01{i:02d}" for i in range(1, courts + 1)]
        fed(store, [started(i, f"S{i}", f"2026-03-{10 - i:02d}T09:00", [ICBC], court=code)
                    for i, code in enumerate(codes, 1)]
            + [answer(f"S{i}", ICBC, "2026-03-12T09:00") for i in range(1, courts + 1, 2)])
        found = board(store).oldest_unanswered(["川"], TODAY, 3)
        waiting = sorted(range(2, courts + 1, 2), reverse=True)[:3]
        assert [w.case_id for w in found] == [head(i, codes[i - 1])["case_id"] for i in waiting]

    def test_each_agencys_answer_times_are_told_when_asked_for_a_period(self, store):
        fed(store, court_events())
        assert board(store).agency_answers([COURT_], "2026-03", "2026-04") == [
            # Q2 answered after 10 days (late, reported overdue): 1 answered, 1 overdue.
            AgencyAnswers(CCB, "bank_deposit", 2, 2, 1, 0, 6.0, 10.0),
            # 0.5, 1 day; Q3 unanswered. p90 of two: the 2nd smallest.
            AgencyAnswers(ICBC, "", 3, 2, 0, 1, 0.8, 1.0),
            AgencyAnswers(CAR, "vehicle", 1, 0, 1, 1, None, None)]

    def test_only_the_periods_requests_count_when_a_month_is_asked(self, store):
        fed(store, court_events())
        assert board(store).agency_answers([COURT_], "2026-04", "2026-04") == [
            AgencyAnswers(ICBC, "", 1, 0, 0, 1, None, None)]
        assert board(store).agency_answers(["川"], "2026-02", "2026-02") == [
            AgencyAnswers(ICBC, "", 1, 0, 0, 1, None, None)]

    def test_answer_times_are_the_same_when_the_answers_came_before_their_requests(
            self, store, backend, tmp_path):
        events = court_events()
        fed(store, events)
        answers_first = board_store(backend, tmp_path / "answers-first")
        try:
            feed(answers_first, BoardView("answers"), events)
            feed(answers_first, BoardView("assets"), events, first=1_000)
            feed(answers_first, BoardView("cases"), events, first=2_000)
            with answers_first.transaction(read_only=True) as cur:
                cur.execute("SELECT COUNT(*) FROM supervision_board_answers "
                            "WHERE sent_epoch > 0")
                assert cur.fetchone() == (0,)  # every one joined at query time
            assert (board(answers_first).agency_answers([COURT_], "2026-01", "2026-12")
                    == board(store).agency_answers([COURT_], "2026-01", "2026-12"))
        finally:
            answers_first.close()

    def test_the_p90_is_the_nearest_rank_when_ten_answers_are_timed(self, store):
        events: list[Any] = []
        for i in range(10):
            events.append(started(1, f"P{i}", "2026-05-04T09:00", [ICBC]))
            events.append(answer(f"P{i}", ICBC, f"2026-05-{5 + i:02d}T09:00"))  # 1..10 days
        fed(store, events)
        [row] = board(store).agency_answers([COURT_], "2026-05", "2026-05")
        # ⌈0.9·10⌉ = the 9th smallest of 1..10 days; the mean 5.5.
        assert (row.requests, row.answered, row.avg_answer_days, row.p90_answer_days) == (
            10, 10, 5.5, 9.0)


class TestExpiringMeasures:
    def test_measures_ending_within_the_working_days_come_soonest_first_when_a_holiday_intervenes(
            self, store):
        fed(store, court_events())
        # From Tue 2026-09-29, 3 working days reach Fri 10-09 (国庆 1–7 Oct are rest days);
        # Sat 10-10 is a make-up working day but the 4th. M4 ended before today; M5 was
        # renewed; M6 released; M7 lapsed.
        assert board(store).expiring_measures([COURT_], TODAY, 3, 20) == [
            ExpiringMeasure(head(3)["case_id"], head(3)["case_number"], "M3", "seal",
                            date(2026, 9, 30), 1),
            ExpiringMeasure(head(1)["case_id"], head(1)["case_number"], "M1", "freeze",
                            date(2026, 10, 8), 2)]

    def test_a_measure_ending_in_a_holiday_is_listed_when_its_working_days_left_are_within(
            self, store):
        # R64: from Tue 09-29 the next working day is Wed 09-30, then Thu 10-08 (国庆). A
        # freeze ending Sat 10-03 has 1 working day left — renew it by Wed — so a horizon
        # of 1 working day lists it; one ending Thu 10-08 has 2 and is left out.
        fed(store, [measure(1, "M1", "2026-10-03"), measure(2, "M2", "2026-10-08")])
        found = board(store).expiring_measures([COURT_], TODAY, 1, 20)
        assert [(m.measure_id, m.working_days_left) for m in found] == [("M1", 1)]

    def test_a_measure_ending_today_has_none_left_when_asked_on_its_last_day(self, store):
        fed(store, [measure(1, "M1", "2026-09-29")])
        [found] = board(store).expiring_measures([COURT_], TODAY, 1, 20)
        assert (found.measure_id, found.working_days_left) == ("M1", 0)


class TestBounds:
    @pytest.mark.parametrize(("call", "field"), [
        (lambda q: q.overdue_by([COURT_], "judge", 20), "key"),
        (lambda q: q.overdue_by([COURT_], "team", 0), "limit"),
        (lambda q: q.oldest_unanswered([COURT_], TODAY, 101), "limit"),
        (lambda q: q.expiring_measures([COURT_], TODAY, 61, 20), "within_working_days"),
        (lambda q: q.expiring_measures([COURT_], TODAY, 0, 20), "within_working_days"),
        (lambda q: q.agency_answers([COURT_], "2020-01", "2025-12"), "to_month"),
        (lambda q: q.agency_answers([COURT_], "2026-13", "2026-12"), "from_month"),
        (lambda q: q.funds([]), "court_code"),
    ])
    def test_a_bad_input_is_refused_naming_its_field_when_out_of_bounds(self, store, call, field):
        with pytest.raises(InvalidInput) as refused:
            call(board(store))
        assert refused.value.field == field
