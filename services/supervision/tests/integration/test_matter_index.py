"""ListMatters (R34) and ListSuggestions (R37) from the supervision service's own events:
one row each, the reply's or handling's last day, the answer, the overdue mark from the
sweep's alert; the cases the procurator's scope names (R46). On SQLite and, connected,
PostgreSQL."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from testkit.assets import cloud_event
from testkit.stack import stack_settings
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.supervision import v1
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.consumer import Handler, InOrder
from zhixing.supervision.projections.matter_index import MatterIndex, MatterQueries
from zhixing.supervision.projections.suggestion_index import SuggestionIndex, SuggestionQueries

CASE_A = "7f1c2a9e-0000-4000-8000-00000000000a"
CASE_B = "7f1c2a9e-0000-4000-8000-00000000000b"


def settings_for(backend: str, var_dir: Path) -> Settings:
    return Settings(var_dir=var_dir) if backend == "sqlite" else stack_settings(var_dir)


def deliver(store: SqlStore, handler: Handler, events: list[IntegrationEvent]) -> None:
    for position, event in enumerate(events, 1):
        with store.transaction() as cursor:
            handler.handle(cloud_event(event.event_type, "s", event.model_dump(mode="json"),
                                       position), cursor)


def matter_id(n: int) -> str:
    return f"3a77e000-0000-5000-8000-{n:012d}"


def suggestion_id(n: int) -> str:
    return f"5e9e5000-0000-5000-8000-{n:012d}"


def received(n: int, court: str = "川0104", case_id: str = CASE_A, kind: str = "suggestion",
             on: str = "2026-03-02", reply_by: str = "2026-06-02"
             ) -> v1.ProcuratorialMatterReceived:
    return v1.ProcuratorialMatterReceived(
        matter_id=matter_id(n), court_code=court, kind=kind,
        document_number=f"川检执建〔2026〕{n}号", case_id=case_id,
        case_number=f"(2026){court}执{n}号" if case_id else "", received_on=on,
        reply_by=reply_by)


def overdue_alert(kind: str, subject: str, court: str = "川0104",
                  due_on: str = "2026-03-17") -> v1.AlertRaised:
    """The sweep's alert about a matter or suggestion whose last day `due_on` passed."""
    return v1.AlertRaised(alert_id=f"0a1e7000-0000-5000-8000-{len(subject):012d}",
                          court_code=court, kind=kind, rule="R34", subject=subject,
                          act_by_role="president", due_on=due_on, raised_on="2026-03-18")


MATTERS = [
    received(1), v1.ProcuratorialReplyExtended(matter_id=matter_id(1), court_code="川0104",
                                               reply_by="2026-07-02", approved_on="2026-05-20"),
    v1.ProcuratorialReplied(matter_id=matter_id(1), court_code="川0104",
                            document_number="川0104复〔2026〕1号", replied_on="2026-06-30",
                            within_limit=True),
    received(2, kind="inquiry", on="2026-03-03", reply_by="2026-03-17"),
    overdue_alert("procuratorial_overdue", matter_id(2)),
    received(3, court="川0105", case_id=CASE_B, on="2026-03-04"),
    received(4, court="川0105", case_id="", on="2026-03-05"),
    received(5, court="渝0103", case_id="7f1c2a9e-0000-4000-8000-0000000000cc", on="2026-03-06"),
    overdue_alert("node_overdue", matter_id(3), court="川0105"),  # another kind: not a mark
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def store(request, tmp_path):
    found = settings_for(request.param, tmp_path).sql_store("supervision")
    MatterIndex.migrate(found)
    SuggestionIndex.migrate(found)
    yield found
    found.close()


@pytest.fixture
def matters(store) -> MatterQueries:
    deliver(store, MatterIndex(), MATTERS)
    return MatterQueries(store)


def listed(queries, scope=("川",), **filters) -> dict[str, object]:
    found, _ = queries.list(scope, page_size=500, **filters)
    return {getattr(row, "matter_id", None) or row.suggestion_id: row for row in found}


class TestMatters:
    def test_the_extended_reply_is_listed_within_the_limit_when_replied(self, matters):
        row = listed(matters)[matter_id(1)]
        assert (row.kind, row.document_number, row.case_number, row.received_on,
                row.reply_by, row.extended) == (
            "suggestion", "川检执建〔2026〕1号", "(2026)川0104执1号", "2026-03-02",
            "2026-07-02", True)
        assert (row.status, row.replied_on, row.reply_document_number, row.within_limit,
                row.overdue) == ("replied", "2026-06-30", "川0104复〔2026〕1号", True, False)

    def test_an_inquiry_is_marked_overdue_when_the_sweeps_alert_names_it(self, matters):
        rows = listed(matters)
        assert (rows[matter_id(2)].kind, rows[matter_id(2)].status,
                rows[matter_id(2)].overdue) == ("inquiry", "awaiting", True)
        assert rows[matter_id(3)].overdue is False  # a node alert marks no matter

    def test_only_the_scopes_matters_of_that_status_or_kind_are_listed_when_filtered(
            self, matters):
        assert set(listed(matters, ("川0105",))) == {matter_id(3), matter_id(4)}
        assert set(listed(matters, status="awaiting")) == {matter_id(n) for n in (2, 3, 4)}
        assert set(listed(matters, ("川", "渝"), kind="inquiry")) == {matter_id(2)}

    def test_the_pages_cover_every_matter_once_newest_first_when_followed(self, matters):
        seen, token = [], ""
        while True:
            page, token = matters.list(("川", "渝"), page_size=2, page_token=token)
            seen += [row.matter_id for row in page]
            if not token:
                break
        assert seen == [matter_id(n) for n in (5, 4, 3, 2, 1)]

    def test_a_bad_status_kind_or_token_is_refused_naming_the_field(self, matters):
        for bad, field in (({"status": "late"}, "status"), ({"kind": "letter"}, "kind"),
                           ({"page_token": "-1"}, "page_token")):
            with pytest.raises(InvalidInput, match=rf"\[{field}\]"):
                matters.list(("川",), **bad)

    def test_the_extension_stands_when_the_receipt_is_replayed_after_it(self, store):
        deliver(store, MatterIndex(), [*MATTERS[:2], received(1)])
        assert listed(MatterQueries(store))[matter_id(1)].reply_by == "2026-07-02"

    def test_the_same_rows_result_when_events_repeat_in_another_order(self, store, tmp_path):
        # Other matters' events (and the alerts) in any order, twice; one matter's own
        # events keep their order, as they do on its one key.
        rest = MATTERS[3:] * 2
        random.Random(34).shuffle(rest)
        deliver(store, MatterIndex(), [*rest[:5], *MATTERS[:3], *rest[5:], *MATTERS[:3]])
        other = Settings(var_dir=tmp_path / "in-order").sql_store("supervision")
        MatterIndex.migrate(other)
        deliver(other, MatterIndex(), MATTERS)
        try:
            assert listed(MatterQueries(store), ("川", "渝")) == listed(
                MatterQueries(other), ("川", "渝"))
        finally:
            other.close()


class TestOverdueAfterExtension:
    """R34: an extension asked for in time may be approved after the 3 months were
    reported overdue; the extended day missed is a breach of its own (`<id>@extended`)."""

    def extension(self) -> v1.ProcuratorialReplyExtended:
        return v1.ProcuratorialReplyExtended(matter_id=matter_id(1), court_code="川0104",
                                             reply_by="2026-07-02", approved_on="2026-06-05")

    @pytest.mark.parametrize("extension_first", [False, True])
    def test_not_overdue_when_the_extension_moved_the_missed_day(self, store,
                                                                 extension_first):
        missed = overdue_alert("procuratorial_overdue", matter_id(1), due_on="2026-06-02")
        later = [self.extension(), missed] if extension_first else [missed, self.extension()]
        deliver(store, MatterIndex(), [received(1), *later])
        row = listed(MatterQueries(store))[matter_id(1)]
        assert (row.reply_by, row.extended, row.overdue) == ("2026-07-02", True, False)

    def test_overdue_again_on_its_own_row_when_the_extended_day_is_missed(self, store):
        deliver(store, MatterIndex(), [
            received(1), overdue_alert("procuratorial_overdue", matter_id(1),
                                       due_on="2026-06-02"),
            self.extension(), overdue_alert("procuratorial_overdue",
                                            f"{matter_id(1)}@extended", due_on="2026-07-02")])
        rows = listed(MatterQueries(store))
        assert (set(rows), rows[matter_id(1)].overdue) == ({matter_id(1)}, True)


class TestCasesNamed:
    """R46: a procurator sees the cases its scope's matters name, no other."""

    def test_the_cases_named_in_the_scope_when_asked(self, matters):
        assert matters.case_ids_named(("川",)) == {CASE_A, CASE_B}
        assert matters.case_ids_named(("川0105",)) == {CASE_B}

    def test_no_case_when_the_scopes_matters_name_none(self, matters):
        assert matters.case_ids_named(("京",)) == frozenset()


SUGGESTIONS = [
    v1.JudicialSuggestionSent(
        suggestion_id=suggestion_id(1), court_code="川0104", kind="judicial",
        recipient="中国工商银行四川省分行", agency_id="bank.icbc", case_id=CASE_A,
        document_number="(2026)川0104司建1号", sent_on="2026-03-02", handle_by="2026-05-04"),
    v1.JudicialSuggestionHandled(suggestion_id=suggestion_id(1), court_code="川0104",
                                 handled_on="2026-04-20", within_limit=True),
    v1.JudicialSuggestionSent(
        suggestion_id=suggestion_id(2), court_code="川0105", kind="disciplinary",
        recipient="某区纪委监委", document_number="(2026)川0105司建2号", sent_on="2026-03-03",
        handle_by="2026-05-04"),
    overdue_alert("suggestion_overdue", suggestion_id(2), court="川0105", due_on="2026-05-04"),
    v1.JudicialSuggestionSent(
        suggestion_id=suggestion_id(3), court_code="渝0103", kind="judicial",
        recipient="某银行重庆分行", document_number="(2026)渝0103司建3号",
        sent_on="2026-03-04", handle_by="2026-05-06"),
]


@pytest.fixture
def suggestions(store) -> SuggestionQueries:
    # One consumer may keep both lists (in order, one transaction a delivery).
    deliver(store, InOrder(MatterIndex(), SuggestionIndex()), SUGGESTIONS)
    return SuggestionQueries(store)


class TestSuggestions:
    def test_the_recipient_agency_and_handling_are_listed_when_handled(self, suggestions):
        row = listed(suggestions)[suggestion_id(1)]
        assert (row.kind, row.recipient, row.agency_id, row.case_id, row.document_number,
                row.sent_on, row.handle_by) == (
            "judicial", "中国工商银行四川省分行", "bank.icbc", CASE_A, "(2026)川0104司建1号",
            "2026-03-02", "2026-05-04")
        assert (row.status, row.handled_on, row.within_limit, row.overdue) == (
            "handled", "2026-04-20", True, False)

    def test_a_suggestion_is_marked_overdue_when_the_sweeps_alert_names_it(self, suggestions):
        row = listed(suggestions)[suggestion_id(2)]
        assert (row.status, row.overdue) == ("sent", True)

    def test_only_the_scopes_suggestions_of_that_status_are_listed_when_filtered(
            self, suggestions):
        assert set(listed(suggestions, ("渝",))) == {suggestion_id(3)}
        assert set(listed(suggestions, ("川", "渝"), status="sent")) == {
            suggestion_id(2), suggestion_id(3)}

    def test_a_bad_status_is_refused_naming_the_field(self, suggestions):
        with pytest.raises(InvalidInput, match=r"\[status\]"):
            suggestions.list(("川",), status="ignored")
