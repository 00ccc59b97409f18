"""ListApplications: a court's 司救执 cases with their status, amounts and deadlines (no
hardship facts, no names), from the relief service's own events."""

from __future__ import annotations

import copy
import dataclasses
import random

import pytest

from zhixing.contracts.events.cases.v1 import CaseFiled, PartyV1
from zhixing.kernel.errors import InvalidInput
from zhixing.relief.projections.case_facts import CaseFactsView
from zhixing.relief.projections.relief_index import TABLES
from zhixing.relief.projections.reports import ReliefIndex, ReliefIndexQueries

from .read_support import BACKENDS, deliver, feed, rows, settings_for
from .relief_events import (
    CASE_ID,
    COURT,
    YEAR,
    app_id,
    applied,
    approved,
    disbursed,
    notified,
    withdrawn,
)

CASE_NUMBER = "(2026)川0104执161号"


@pytest.fixture(params=[BACKENDS[0], pytest.param(BACKENDS[1], marks=pytest.mark.connected)])
def index(request, tmp_path):
    """The index after the worked year; the case's facts arrived too."""
    store = settings_for(request.param, tmp_path).sql_store("relief")
    ReliefIndex.migrate(store)  # with the case facts its list joins
    feed(store, ReliefIndex(), YEAR)
    deliver(store, CaseFactsView(), CaseFiled(
        case_id=CASE_ID, case_number=CASE_NUMBER, court_code=COURT, case_type="执",
        filed_on="2025-10-09", basis_kind="judgment", basis_document_number="(2025)川0104民初9号",
        parties=[PartyV1(role="applicant", kind="natural_person", name="李四",
                         identity_number="510104198003121234")],
        claim_total_fen=90_000_00), 1)
    yield store, ReliefIndexQueries(store)
    store.close()


def by_id(queries: ReliefIndexQueries, **filters) -> dict[str, object]:
    found, _ = queries.list(COURT, page_size=500, **filters)
    return {row.application_id: row for row in found}


class TestListed:
    def test_each_application_shows_its_status_amounts_and_deadlines(self, index):
        _, queries = index
        rows_ = by_id(queries)
        assert len(rows_) == 8  # 1–6, 8, 9 of this court; 7 is another court's
        revoked = rows_[app_id(3)]
        assert (revoked.status, revoked.relief_case_number, revoked.case_number) == (
            "revoked", "(2026)川0104司救执3号", CASE_NUMBER)
        assert (revoked.approved_fen, revoked.disbursed_fen, revoked.outstanding_fen,
                revoked.to_recover_fen) == (20_000_00, 20_000_00, 15_000_00, 20_000_00)
        assert (rows_[app_id(1)].status, rows_[app_id(1)].outstanding_fen) == ("disbursed",
                                                                             18_000_00)
        assert (rows_[app_id(2)].status, rows_[app_id(2)].rejected_rule) == ("rejected", "R29")
        pending = rows_[app_id(5)]
        assert (pending.status, pending.decide_by, pending.decision_overdue) == (
            "applied", "2026-11-02", True)

    def test_no_hardship_facts_or_names_are_listed(self, index):
        """R46: the hardship narrative and category are read only through ReadHardship."""
        store, queries = index
        fields = {f.name for f in dataclasses.fields(next(iter(by_id(queries).values())))}
        assert not fields & {"hardship", "category", "narrative", "name", "identity_number"}
        assert "李四" not in repr(rows(store, "relief_index"))

    def test_only_that_status_is_listed_when_filtered(self, index):
        _, queries = index
        assert set(by_id(queries, status="disbursed")) == {app_id(1), app_id(4)}

    def test_the_pages_cover_every_application_once_when_followed(self, index):
        _, queries = index
        seen, token, pages = [], "", 0
        while True:
            page, token = queries.list(COURT, page_size=4, page_token=token)
            seen += [row.application_id for row in page]
            pages += 1
            if not token:
                break
        assert (pages, sorted(seen)) == (2, sorted(app_id(n) for n in (1, 2, 3, 4, 5, 6, 8, 9)))
        assert seen[0] == app_id(4)  # newest application first

    def test_an_unknown_status_or_token_is_refused_naming_the_field(self, index):
        _, queries = index
        with pytest.raises(InvalidInput, match=r"\[status\]"):
            queries.list(COURT, status="paid")
        with pytest.raises(InvalidInput, match=r"\[page_token\]"):
            queries.list(COURT, page_token="-1")


class TestWithdrawnAndNotified:
    """Issue 14: a withdrawn application was listed as still applied with its decision
    deadline, a notified one as still awaiting its notice."""

    def test_a_withdrawn_application_is_listed_withdrawn_without_a_deadline_when_withdrawn(
            self, index):
        _, queries = index
        rows_ = by_id(queries)
        undecided, approved_first = rows_[app_id(8)], rows_[app_id(9)]
        assert (undecided.status, undecided.withdrawn_on, undecided.decide_by) == (
            "withdrawn", "2026-05-06", "")
        assert (approved_first.status, approved_first.approved_fen, approved_first.decide_by,
                approved_first.withdrawn_on) == ("withdrawn", 10_000_00, "", "2026-06-08")
        assert set(by_id(queries, status="withdrawn")) == {app_id(8), app_id(9)}

    def test_a_notified_application_is_listed_notified_without_a_deadline_when_told(
            self, index):
        _, queries = index
        told = by_id(queries)[app_id(6)]
        assert (told.status, told.notified_on, told.notify_by, told.disbursed_on) == (
            "notified", "2026-01-09", "", "2026-01-08")
        assert set(by_id(queries, status="notified")) == {app_id(6)}

    def test_the_deadline_stays_cleared_when_the_earlier_step_arrives_after(self, index):
        store, queries = index
        for position, event in enumerate(
                [withdrawn(10, "2026-07-03"), applied(10, "2026-07-01"),
                 notified(11, "2026-07-09"), disbursed(11, "2026-07-08", 1_000_00, 2026),
                 approved(11, "2026-07-06", 1_000_00, 2026)], 2000):
            deliver(store, ReliefIndex(), event, position)
        rows_ = by_id(queries)
        assert (rows_[app_id(10)].status, rows_[app_id(10)].decide_by) == ("withdrawn", "")
        assert (rows_[app_id(11)].status, rows_[app_id(11)].notify_by) == ("notified", "")


class TestRepeatsAndRebuilds:
    def test_the_status_stays_when_an_earlier_event_is_delivered_again(self, index):
        store, queries = index
        deliver(store, ReliefIndex(), applied(1, "2026-03-02"), 5)
        deliver(store, ReliefIndex(), approved(1, "2026-03-10", 30_000_00, 2026), 6)
        assert by_id(queries)[app_id(1)].status == "disbursed"

    def test_a_rebuild_gives_the_same_rows_when_replayed_in_another_order(self, index):
        store, _ = index
        replica = copy.copy(ReliefIndex())
        replica.tables = TABLES.at(2)
        with store.transaction() as cur:
            TABLES.create(cur, 2)
        shuffled = YEAR[:]
        random.Random(31).shuffle(shuffled)
        feed(store, replica, shuffled, first=1000)
        live = rows(store, "relief_index__v1")["relief_index__v1"]
        assert rows(store, "relief_index__v2")["relief_index__v2"] == live and len(live) == 9
