"""The command centre's report downloads (issue 16, R33, R35) over the real runtime HTTP
server and real gRPC: the same figures as GetKpis called as the same person, attachments
with ASCII file names, the servicer's refusals as pages (congress has no interference
summary, R46), bounded parameters, no resident ID or the register's names anywhere."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb

from .api_support import ASKED, COURT, OFFICIAL
from .web_support import ID_NUMBER, Centre, centre_served

KPI = "/command/reports/kpi"
PERIOD = "from=2026-01&to=2026-03"


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    with centre_served(Path(tmp_path_factory.mktemp("reports"))) as served:
        served.supervision.record_interference()
        yield served


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


class TestKpiReport:
    def test_csv_total_is_the_rpc_total_when_downloaded_by_a_president(self, centre) -> None:
        answer = centre.signed_in("president").get(f"{KPI}.csv?court={COURT}&{PERIOD}")
        assert answer.status == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert answer.headers["content-disposition"] == (
            'attachment; filename="kpi-report-court-2026-01-2026-03.csv"')
        total = next(r for r in rows(answer.text) if r["期间"].startswith("本期合计"))
        want = centre.supervision.call("GetKpis", pb.GetKpisRequest(
            court_code=COURT, from_month="2026-01", to_month="2026-03"), role="president").total
        assert int(total["收案数"]) == want.received == 2
        assert not ID_NUMBER.search(answer.text)

    def test_pdf_is_an_attachment_when_downloaded(self, centre) -> None:
        answer = centre.signed_in("supervisor").get(f"{KPI}.pdf?{PERIOD}")
        assert answer.status == 200
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.text.startswith("%PDF-")

    def test_html_report_names_the_figures_when_a_congress_member_downloads_it(
            self, centre) -> None:
        answer = centre.signed_in("congress", "川").get(f"{KPI}.html?region=川01&{PERIOD}")
        assert answer.status == 200
        assert "结案率" in answer.text and "执行到位率" in answer.text
        assert "attachment" in answer.headers["content-disposition"]
        assert not ID_NUMBER.search(answer.text)

    def test_refused_naming_the_rule_when_another_courts_figures_are_asked(self, centre) -> None:
        answer = centre.signed_in("president").get(f"{KPI}.csv?court=渝0103&{PERIOD}")
        assert answer.status == 403 and "R46" in answer.text

    @pytest.mark.parametrize(("query", "named"), [
        (f"court={COURT}&region=川01&{PERIOD}", "region"),
        ("from=2020-01&to=2026-03", "60"),
        ("from=2026-13&to=2026-12", "from"),
        (f"court={'川' * 17}&{PERIOD}", "court"),
    ])
    def test_refused_naming_the_field_when_a_parameter_is_bad(self, centre, query, named) -> None:
        answer = centre.signed_in("president").get(f"{KPI}.csv?{query}")
        assert answer.status == 400 and named in answer.text

    def test_unknown_format_is_not_found_when_asked(self, centre) -> None:
        assert centre.signed_in("president").get(f"{KPI}.exe?{PERIOD}").status == 404

    def test_signed_out_visitor_is_sent_to_sign_in_when_downloading(self, centre) -> None:
        answer = centre.browser().get(f"{KPI}.pdf?{PERIOD}")
        assert answer.status == 303 and "/command/signin" in answer.location


class TestInterferenceReport:
    def test_quarter_counts_without_names_when_a_president_downloads_it(self, centre) -> None:
        answer = centre.signed_in("president").get(
            "/command/reports/interference.html?year=2026&quarter=1")
        assert answer.status == 200
        assert "电话" in answer.text and "零报告" not in answer.text
        assert OFFICIAL not in answer.text and ASKED not in answer.text

    def test_nil_report_when_nothing_was_recorded_in_the_quarter(self, centre) -> None:
        answer = centre.signed_in("discipline").get(
            "/command/reports/interference.csv?year=2025&quarter=4")
        assert answer.status == 200 and "零报告" in answer.text

    def test_refused_when_a_congress_member_asks_for_it(self, centre) -> None:
        answer = centre.signed_in("congress", "川").get(
            "/command/reports/interference.csv?year=2026&quarter=1")
        assert answer.status == 403

    def test_form_offers_the_summary_only_to_president_and_discipline(self, centre) -> None:
        assert "干预过问季度报告" in centre.signed_in("president").get("/command/reports").text
        page = centre.signed_in("congress", "川").get("/command/reports")
        assert page.status == 200 and "干预过问季度报告" not in page.text
