"""The event-sourced publicity application in both run modes (embedded SQLite and,
connected, PostgreSQL): a typical case's steps saved in its event store, carried by its
outbox's notification log as `TypicalCaseChanged` into the read model — published on the
portal, then gone at once when withdrawn (R61) — and the demo's case published once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from testkit.assets import drain
from testkit.stack import stack_settings
from zhixing.contracts.events.publicity.v1 import TypicalCaseChanged
from zhixing.eventstore.settings import Settings
from zhixing.publicity import demo
from zhixing.publicity.bootstrap import build
from zhixing.publicity.projections.typical_cases import TypicalCaseQueries

ID = "510104199001011234"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def instance(request, tmp_path: Path) -> Iterator[Any]:
    settings = (Settings(var_dir=tmp_path) if request.param == "sqlite"
                else stack_settings(tmp_path))
    built = build(settings)
    try:
        yield built
    finally:
        built.close()


def app_of(instance: Any) -> Any:
    return instance.outbox.app


class TestBothModes:
    def test_a_case_is_on_the_portal_when_published_and_gone_when_withdrawn(self, instance):
        app, queries = app_of(instance), TypicalCaseQueries(instance.store, None)  # type: ignore[arg-type]
        case = app.draft_typical_case(court_code="川0104", author="press-1", title="张三案",
                                      summary="", body=f"张三身份证{ID}", redact_names=["张三"])
        app.submit_typical_case(case.id, court_code="川0104", by="press-1")
        app.review_typical_case(case.id, court_code="川0104", by="president-1", approve=True)
        drain(instance)
        page, _ = queries.published()
        assert [(c.title, c.court_code) for c in page] == [("张某案", "川0104")]
        assert ID not in page[0].body
        app.withdraw_typical_case(case.id, court_code="川0104", by="president-1", reason="异议")
        drain(instance)
        assert queries.published() == ([], "")
        assert [d.status for d in queries.drafts("川0104")] == ["withdrawn"]

    def test_the_outbox_carries_every_step_without_the_listed_names_when_saved(self, instance):
        app = app_of(instance)
        case = app.draft_typical_case(court_code="川0104", author="press-1", title="李四案",
                                      summary="", body="李四拒不履行", redact_names=["李四"])
        app.submit_typical_case(case.id, court_code="川0104", by="press-1")
        sent = [event for entry in instance.outbox.read(0) for event in entry.events]
        assert [(e.type, e.data["status"]) for e in sent] == [
            (TypicalCaseChanged.event_type, "draft"), (TypicalCaseChanged.event_type, "submitted")]
        assert all("李四" not in str(e.data) for e in sent)
        assert [e.sequence for e in sent] == [1, 2]

    def test_the_demo_publishes_its_case_once_when_loaded_twice(self, instance):
        app = app_of(instance)
        demo.load(app)
        demo.load(app)
        drain(instance)
        page, _ = TypicalCaseQueries(instance.store, None).published()  # type: ignore[arg-type]
        assert len(page) == 1 and "演示数据" in page[0].title
        assert "张三" not in page[0].body and ID not in page[0].body
