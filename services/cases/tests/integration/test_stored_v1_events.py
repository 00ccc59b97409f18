"""Cases stored by the v1 code (dict payloads) read with today's code (value objects),
on SQLite and on PostgreSQL, from their events alone and from their snapshots (STYLE 4,
10, 15). The bytes were recorded once by `fixtures/record_v1.py`, never regenerated."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from pydantic_core import to_jsonable_python

from testkit.stored import BACKENDS, backend_settings, insert_recorded, read_fixture
from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.values import (
    Basis,
    CaseStatus,
    Claim,
    Closure,
    Node,
    Party,
    Receipt,
    Settlement,
    SettlementState,
)
from zhixing.contracts.events.cases.v1 import CaseFiled
from zhixing.kernel.clock import FixedClock

from ..cases_kit import published

FIXTURE = read_fixture(Path(__file__).parents[1] / "fixtures" / "v1_events.json")
OBSERVED = FIXTURE["observed"]
SNAPSHOTTED = [UUID(s["originator_id"]) for s in FIXTURE["snapshots"]]
SETTLED = next(UUID(i) for i, c in OBSERVED["cases"].items() if c["settlement"].get("state")
               == "defaulted")
ABSENT_AS_EMPTY = ("notice", "settlement", "resumed_as", "delegation")


def as_v1(case: EnforcementCase) -> dict[str, Any]:
    """The case in the shape the v1 aggregate had, to compare with what it showed."""
    seen = {name: to_jsonable_python(getattr(case, name)) for name in
            OBSERVED["cases"][str(case.id)] if name != "version"}
    for name in ABSENT_AS_EMPTY:
        seen[name] = seen[name] or {}
    if seen["delegation"]:
        seen["delegation"]["result"] = seen["delegation"]["result"] or {}
    for node in seen.get("nodes", {}).values():  # fields added later (R64), at defaults
        assert (node.pop("provisional"), node.pop("counted_from")) == (False, "")
    return {"version": case.version, **seen}


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    return backend_settings(request.param, tmp_path)


@pytest.fixture
def open_app(settings):
    """A factory of applications on one store: each new one has an empty cache, so it
    reads what is stored."""
    apps: list[CasesApplication] = []

    def open_() -> CasesApplication:
        apps.append(CasesApplication(
            settings, clock=FixedClock(datetime(2026, 7, 2, 2, tzinfo=UTC))))
        return apps[-1]

    yield open_
    for app in apps:
        app.close()


@pytest.fixture(params=[False, True], ids=["events", "snapshots"])
def v1_app(request, open_app):
    """An application whose store holds the v1 records, with or without the snapshots."""
    app = open_app()
    insert_recorded(app, FIXTURE, snapshots=request.param)
    return app


class TestV1CasesLoad:
    """The stored v1 form is upcast: the same cases, now typed."""

    def test_cases_show_what_v1_showed_when_read_with_the_new_code(self, v1_app):
        for case_id, seen in OBSERVED["cases"].items():
            assert as_v1(v1_app.get_case(UUID(case_id))) == seen

    def test_payloads_are_value_objects_when_read_from_v1_records(self, v1_app):
        case = v1_app.get_case(SETTLED)
        assert isinstance(case.basis, Basis) and isinstance(case.claim, Claim)
        assert all(isinstance(p, Party) for p in case.parties)
        assert all(isinstance(n, Node) for n in case.nodes.values())
        assert (case.status, case.closure) == (CaseStatus.EXECUTING, Closure.NONE)
        assert type(case.status) is CaseStatus and type(case.closure) is Closure
        assert isinstance(case.settlement, Settlement)
        assert case.settlement.state is SettlementState.DEFAULTED

    def test_linked_case_keeps_its_link_when_its_v1_filing_is_upcast(self, v1_app):
        linked = [c for c in OBSERVED["cases"].values() if c["linked_case_id"]]
        assert [(c["link_kind"], c["case_type"]) for c in linked] == [("resumes", "执恢")]
        resumed = v1_app.find_case(linked[0]["case_number"])
        assert (resumed.link.case_id, resumed.link.kind) == (linked[0]["linked_case_id"],
                                                             "resumes")

    def test_timeline_shows_the_link_as_before_when_the_filing_is_v1(self, v1_app):
        [linked] = [c for c in OBSERVED["cases"].values() if c["linked_case_id"]]
        filed = v1_app.timeline(v1_app.find_case(linked["case_number"]).id)[0]
        assert (filed.act, filed.details["linked_case_id"], filed.details["link_kind"]) == (
            "Filed", linked["linked_case_id"], "resumes")
        assert "link" not in filed.details

    def test_accounts_and_referrals_show_what_v1_showed_when_read(self, v1_app):
        for case_id in OBSERVED["cases"]:
            account = v1_app.get_account(UUID(case_id))  # an unopened one too, as v1 did
            seen = OBSERVED["accounts"][str(account.id)]
            assert all(isinstance(r, Receipt) for r in account.receipts)
            assert not any(r.provisional for r in account.receipts)  # added later (R64)
            shown = {k: to_jsonable_python(getattr(account, k)) for k in seen if k != "version"}
            for receipt in shown.get("receipts", []):
                receipt.pop("provisional")
            assert {"version": account.version, **shown} == seen
        for referral_id, seen in OBSERVED["referrals"].items():
            referral = v1_app.repository.get(UUID(referral_id))
            assert to_jsonable_python(referral.history) == seen["history"]


class TestV1EventsPublished:
    """The relay may publish v1 events again (DESIGN §5): they map as they did."""

    def test_filings_publish_their_parties_claim_and_link_when_the_v1_log_is_mapped(
            self, v1_app):
        filed = {e.case_number: e for e in published(v1_app, CaseFiled)}
        for seen in OBSERVED["cases"].values():
            event = filed[seen["case_number"]]
            assert [p.model_dump() for p in event.parties] == seen["parties"]
            assert event.claim_total_fen == sum(seen["claim"].values())
            assert (event.basis_kind, event.linked_case_id or "", event.link_kind or "") == (
                seen["basis"]["kind"], seen["linked_case_id"], seen["link_kind"])


class TestV1Snapshots:
    """A v1 snapshot (dicts, `{}` for nothing) becomes the v2 aggregate it stood for."""

    def test_snapshot_restores_the_typed_case_when_it_was_taken_by_v1(self, open_app):
        app = open_app()
        insert_recorded(app, FIXTURE, snapshots=True)
        for aggregate_id in SNAPSHOTTED:
            [snapshot] = app.snapshots.get(aggregate_id, desc=True, limit=1)
            restored = snapshot.mutate(None)
            replayed = _replayed(app, aggregate_id, snapshot.originator_version)
            assert vars(restored) == vars(replayed), type(restored).__name__


class TestNewEventsOnV1Cases:
    """A case stored by v1 goes on: new events save, and read back on a fresh app."""

    def test_new_events_reload_when_saved_on_a_v1_case(self, v1_app, open_app):
        v1_app.interview_applicant(SETTLED, "告知已采取的措施")
        v1_app.agree_settlement(SETTLED, [(datetime(2026, 8, 1).date(), 73_000_00)])
        v1_app.record_payment(SETTLED, "slip-9", 1_000_00)
        reread = open_app().get_case(SETTLED)
        assert (reread.status, reread.interviewed_on) == (CaseStatus.SETTLED, "2026-07-02")
        assert reread.settlement.state is SettlementState.RUNNING
        assert reread.version == OBSERVED["cases"][str(SETTLED)]["version"] + 2

    def test_a_new_snapshot_restores_value_objects_when_read_by_a_fresh_app(self, v1_app,
                                                                             open_app):
        v1_app.interview_applicant(SETTLED, "告知已采取的措施")
        v1_app.take_snapshot(SETTLED)
        fresh = open_app()
        [snapshot] = fresh.snapshots.get(SETTLED, desc=True, limit=1)
        assert snapshot.originator_version == fresh.get_case(SETTLED).version
        restored = snapshot.mutate(None)
        assert vars(restored) == vars(_replayed(fresh, SETTLED, snapshot.originator_version))
        assert isinstance(restored.settlement, Settlement)


def _replayed(app: CasesApplication, aggregate_id: UUID, version: int) -> Any:
    """The aggregate at `version` from its events alone, whatever snapshots exist."""
    aggregate = None
    for event in app.repository.event_store.get(aggregate_id, lte=version):
        aggregate = event.mutate(aggregate)
    return aggregate
