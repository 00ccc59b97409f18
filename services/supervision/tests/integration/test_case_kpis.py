"""The KPI facts (R33) as the four consumers write them: order-independent, idempotent,
no names or identity numbers, each topic's part apart."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

from zhixing.contracts.events.cases.v1 import DeadlineExtended, DeadlinesCounted
from zhixing.contracts.events.credit.v1 import ConsumptionRestrictionIssued, ListingRemoved
from zhixing.contracts.events.relief.v1 import ReliefApplied, ReliefApproved
from zhixing.supervision.projections.case_kpis import FOLLOWS, CaseKpiView
from zhixing.supervision.projections.kpi_queries import KpiQueries

from .read_support import (
    BACKENDS,
    COURT,
    DEBTOR_ID,
    DEBTOR_NAME,
    cipher,
    closed,
    compliant_facts,
    concluded,
    feed,
    filed,
    head,
    inquiry,
    kpi_store,
    received,
)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store(backend, tmp_path):
    made = kpi_store(backend, tmp_path)
    yield made
    made.close()


def month_of_events() -> list[Any]:
    """A spring of cases in 川0104 touching every topic."""
    case2 = head(2)
    return [
        filed(1, "2026-01-05"), *compliant_facts(1), concluded(1, "2026-05-06"),
        filed(2, "2026-01-20"), received(2, "r1", 60_000_00, "2026-03-01"),
        received(2, "r2", 40_000_00, "2026-03-20"), closed(2, "2026-03-10"),
        DeadlinesCounted(**case2, deadlines=[{"node": "close", "due_on": "2026-07-20",
                                              "provisional": False}], counted_on="2026-01-20"),
        filed(3, "2026-03-02"), concluded(3, "2026-03-30"),
        ListingRemoved(listing_id="L9", court_code=COURT, debtor_identity_number=DEBTOR_ID,
                       case_id=case2["case_id"], reason=1, triggered_on="2026-03-10",
                       remove_by="2026-03-13", removed_on="2026-03-16"),
        ReliefApproved(application_id="A1", relief_case_number="(2026)川0104司救执1号",
                       case_id=case2["case_id"], court_code=COURT, amount_fen=1_000_00,
                       fund_year=2026, decided_on="2026-03-12"),
        ReliefApplied(application_id="A1", relief_case_number="(2026)川0104司救执1号",
                      case_id=case2["case_id"], court_code=COURT, party_index=0,
                      requested_fen=1_000_00, applied_on="2026-03-02", decide_by="2026-03-16"),
    ]


def dump(store) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with store.transaction(read_only=True) as cur:
        for part in FOLLOWS.values():
            for table in part.tables:
                cur.execute(f"SELECT * FROM {table}")
                found[table] = sorted(map(tuple, cur.fetchall()), key=repr)
    return found


class TestOrder:
    def test_figures_are_the_same_when_the_events_arrive_in_any_order(self, backend, tmp_path):
        """Four topics, no order between them (nor within a case across keys)."""
        events = [*month_of_events(), filed(4, "2026-02-01"), concluded(4, "2026-03-30"),
                  closed(4, "2026-06-15", closure="terminated"),
                  restriction(4, "2026-06-01"), restriction(4, "2026-02-02")]
        got = []
        for seed in (0, 1, 2):
            shuffled = events[:] if seed == 0 else random.Random(seed).sample(events, len(events))
            store = kpi_store(backend, tmp_path / str(seed))
            feed(store, CaseKpiView(cipher_key), shuffled)
            got.append((KpiQueries(store).court_months(COURT, "2026-01", "2026-06"),
                        dump(store)))
            store.close()
        assert got[1] == got[0] and got[2] == got[0]

    def test_rows_are_the_same_when_every_event_is_delivered_twice(self, store):
        view = CaseKpiView(cipher_key)
        feed(store, view, month_of_events())
        before = dump(store)
        feed(store, view, month_of_events(), first=100)
        assert dump(store) == before


class TestPrivacy:
    def test_no_name_and_no_identity_number_is_kept_when_debtors_are_matched(self, store):
        feed(store, CaseKpiView(cipher_key), month_of_events())
        text = repr(dump(store))
        assert DEBTOR_ID not in text and DEBTOR_NAME not in text and "李四" not in text
        assert cipher_key.blind(DEBTOR_ID) in text  # matched by blind index (R16(2))

    def test_a_debtor_matches_when_the_credit_event_spells_the_id_another_way(self, store):
        """The blind index is of the canonical ID: a lower-case x is the same debtor."""
        view = CaseKpiView(cipher_key)
        feed(store, view, [filed(1, "2026-01-05"),
                           *compliant_facts(1, identity=DEBTOR_ID.lower()),
                           concluded(1, "2026-05-06")])
        total = KpiQueries(store).court_months(COURT, "2026-05", "2026-05")[-1]
        assert (total.zhongben, total.zhongben_compliant) == (1, 1)


class TestParts:
    def test_only_its_topics_tables_are_written_when_a_view_follows_one_topic(self, store):
        feed(store, CaseKpiView(cipher_key, "credit"), month_of_events())
        written = {table for table, rows in dump(store).items() if rows}
        assert written == {"supervision_kpi_decisions", "supervision_kpi_removals"}

    def test_a_view_is_refused_when_its_topic_is_unknown(self):
        with pytest.raises(ValueError, match="follows is one of"):
            CaseKpiView(cipher_key, "supervision")


def restriction(n: int, on: str) -> ConsumptionRestrictionIssued:
    return ConsumptionRestrictionIssued(case_id=head(n)["case_id"], court_code=COURT,
                                        debtor_identity_number=DEBTOR_ID, decided_on=on,
                                        restriction_id=f"R{n}-{on}")


class TestFacts:
    @pytest.mark.parametrize("closed_first", [False, True])
    def test_a_case_closes_once_by_its_first_closure_whichever_event_arrives_first(
            self, store, closed_first):
        """终本 on 03-30 then 结案 (terminated) on 06-15: closed in March, by 终本."""
        ends = [concluded(1, "2026-03-30"), closed(1, "2026-06-15", closure="terminated")]
        feed(store, CaseKpiView(cipher_key),
             [filed(1, "2026-01-05"), *(ends[::-1] if closed_first else ends)])
        months = KpiQueries(store).court_months(COURT, "2026-03", "2026-06")
        assert [(m.closed, m.zhongben) for m in months] == [(1, 1), (0, 0), (0, 0), (0, 0),
                                                            (1, 1)]

    def test_the_first_restriction_counts_when_a_later_one_arrives_first(self, store):
        """R16(2) at the decision: a restriction issued again after the 终本 changes nothing."""
        feed(store, CaseKpiView(cipher_key), [
            restriction(1, "2026-06-01"), filed(1, "2026-01-05"), *compliant_facts(1),
            concluded(1, "2026-05-06")])
        total = KpiQueries(store).court_months(COURT, "2026-05", "2026-05")[-1]
        assert total.zhongben_compliant == 1

    def test_the_later_close_day_is_the_limit_when_counted_and_extended(self, store):
        case = head(1)
        feed(store, CaseKpiView(cipher_key), [
            filed(1, "2026-01-05"), closed(1, "2026-07-10"),
            DeadlineExtended(**case, node="close", due_on="2026-07-10", approved_by="p"),
            DeadlinesCounted(**case, deadlines=[{"node": "close", "due_on": "2026-07-06",
                                                 "provisional": True}],
                             counted_on="2026-01-05")])
        total = KpiQueries(store).court_months(COURT, "2026-07", "2026-07")[-1]
        assert (total.first_closed, total.first_closed_within_limit) == (1, 1)

    def test_an_earlier_answer_counts_when_the_revision_came_after_the_zhongben(self, store):
        """Property found by a late answer after the 终本 does not make it non-compliant."""
        feed(store, CaseKpiView(cipher_key), [
            filed(1, "2026-01-05"), *compliant_facts(1, inquire=False), concluded(1, "2026-05-06"),
            inquiry(1, "2026-06-01", found=True, revision=1, inquiry_id="QCOMMON"),
            inquiry(1, "2026-02-10", inquiry_id="QCOMMON")])
        total = KpiQueries(store).court_months(COURT, "2026-05", "2026-05")[-1]
        assert total.zhongben_compliant == 1


cipher_key = cipher()


class TestUnreadable:
    """A date that is no YYYY-MM-DD is refused by the consumer (parked as a dead letter),
    never stored: stored, it would break every KPI query and sweep of its court (R33)."""

    @pytest.mark.parametrize("bad", ["2026-03-1x", "20260315", "2026-3-15"])
    def test_an_event_is_refused_and_the_figures_still_read_when_a_date_is_unreadable(
            self, store, bad):
        from zhixing.contracts.events.cases.v1 import NodeOverdue
        from zhixing.messaging.typed import UnreadableEvent

        view = CaseKpiView(cipher_key)
        feed(store, view, [filed(1, "2026-01-05")])
        poison = [NodeOverdue(**head(1), node="notice", rule="R27", due_on=bad),
                  received(1, "r1", 1_00, bad), concluded(1, "2026-05-06",
                                                          requery_dates=(bad,)),
                  ListingRemoved(listing_id="L1", court_code=COURT,
                                 debtor_identity_number=DEBTOR_ID, case_id=head(1)["case_id"],
                                 reason=1, triggered_on="2026-03-10", remove_by=bad,
                                 removed_on="2026-03-16")]
        for event in poison:
            with pytest.raises(UnreadableEvent, match="YYYY-MM-DD") as refused:
                feed(store, view, [event], first=10)
            assert bad not in str(refused.value)
        assert not any(rows for table, rows in dump(store).items()
                       if table not in ("supervision_kpi_cases", "supervision_kpi_respondents",
                                        "supervision_kpi_limits"))
        KpiQueries(store).court_months(COURT, "2026-03", "2026-03")
        KpiQueries(store).requeries_due(datetime.date(2031, 1, 1))

    @pytest.mark.parametrize("amount", [-1, 100_000_000_000_001, 2**62])
    def test_an_event_is_refused_and_the_figures_still_read_when_an_amount_is_out_of_range(
            self, store, amount):
        """Two receipts near 2**62 overflowed SQLite's SUM on every query of the court; a
        negative one made the recovered rate lie."""
        from zhixing.messaging.typed import UnreadableEvent

        view = CaseKpiView(cipher_key)
        feed(store, view, [filed(1, "2026-01-05"), closed(1, "2026-03-10")])
        for event in (received(1, "r1", amount, "2026-03-01"),
                      received(1, "r2", amount, "2026-03-02"),
                      filed(2, "2026-01-05", claim=amount)):
            with pytest.raises(UnreadableEvent, match=r"(amount|claim_total)_fen"):
                feed(store, view, [event], first=10)
        total = KpiQueries(store).court_months(COURT, "2026-03", "2026-03")[-1]
        assert (total.closed, total.recovered_fen) == (1, 0)
