"""The congress special report (R33) and the quarterly interference summary (R35) made by
`zhixing supervise report|interference-report` against a real suite (embedded mode, SQLite
under the test's folder), read the way a person receives them (issue 16):
- the PDF's text (pdftotext) holds the same figures as GetKpis for the same court and
  period, and the previous period's; the CSV annex parses and its rows sum to the totals;
- every page renders to PNG (pdftoppm); every font is embedded and every Chinese character
  has a glyph in the embedded Noto Sans CJK SC (no tofu);
- no 18-digit resident ID in the PDF's text, the HTML or the CSV; the register's names and
  free text never reach the interference report; a quarter with nothing recorded is a nil
  report (零报告).
"""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest

from testkit.filings import file_case_request
from testkit.processes import ZHIXING
from testkit.relief import COURT, TEAM
from testkit.reports import (
    RESIDENT_ID,
    chinese,
    fonts_of,
    missing_glyphs,
    pages_of,
    rendered,
    text_of,
)
from testkit.suites import RunningSuite, embedded_suite
from testkit.supervision import Court
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2

pytestmark = pytest.mark.e2e

SERVICES = ("cases", "assets", "credit", "supervision")  # embedded: one process runs them all
START = "2026-01-12T10:00:00+08:00"
PERIOD, PREVIOUS = ("2026-03", "2026-04"), ("2026-01", "2026-02")
WHO, ASKED = "王某某", "请关照一下这个案子的执行进度"
WAIT = 60


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


def zhixing(suite: RunningSuite, *args: str) -> list[Path]:
    """A `zhixing supervise …` command as a court's person runs it; the files it wrote."""
    done = subprocess.run([ZHIXING, "supervise", *args, "--target", suite.target("supervision")],
                          env=suite.env, capture_output=True, text=True, timeout=180,
                          check=False)
    assert done.returncode == 0, done.stderr
    return [Path(line) for line in done.stdout.split()]


def work(suite: RunningSuite) -> Court:
    """One case filed in January; three in March, one paid and closed in April; an
    interference recorded in March (Q1)."""
    court = Court(suite.targets, suite.secret, COURT, TEAM)
    court("cases", "FileCase", **fields(1))
    suite.travel(at("2026-03-02"))
    filed = [str(court("cases", "FileCase", **fields(i)).case_id) for i in (2, 3, 4)]
    ref = cases_pb2.CaseRef(case_id=filed[0])
    court("cases", "AssignCase", case=ref, team=TEAM, lead_officer="officer-e2e")
    court("cases", "ServeNotice", case=ref)
    court("supervision", "RecordInterference", court_code=COURT, who_name=WHO,
          who_unit="某局", who_post="副局长", means="call", occurred_on="2026-03-02",
          case_id=filed[0], asked=ASKED, request_id="report-e2e-1")
    suite.travel(at("2026-04-10"))
    principal = court("cases", "GetCase", case_id=filed[0]).case.claim.principal_fen
    account = court("cases", "RecordPayment", case=ref, reference="slip-report",
                    amount_fen=principal, source="voluntary").account
    for n, (payee, owed) in enumerate(sorted(account.owed_fen.items())):
        if owed:
            court("cases", "Disburse", case=ref, reference=f"out-report-{n}", payee=payee,
                  amount_fen=owed)
    court("cases", "CloseCase", case=ref, closure="executed_in_full")
    suite.travel(at("2026-04-30"))
    return court


def fields(index: int) -> dict[str, Any]:
    request = file_case_request(index, court=COURT, request_id=f"report-e2e-{index}")
    return {f.name: v for f, v in request.ListFields()}


def kpis(court: Court, period: tuple[str, str]) -> Any:
    return court("supervision", "GetKpis", "supervisor", court_code=COURT,
                 from_month=period[0], to_month=period[1])


def shown(figures: Any) -> dict[str, str]:
    """The test's own reading of GetKpis: how a figure must appear in the report."""
    def pct(name: str) -> str:
        return f"{getattr(figures, name) * 100:.1f}%" if figures.HasField(name) else "—"
    return {"收案数": str(figures.received), "结案数": str(figures.closed),
            "旧存案件数": str(figures.pending_at_start), "结案率": pct("closure_rate"),
            "执行到位率": pct("recovered_rate"), "终本结案数": str(figures.zhongben),
            "终本合规率": pct("zhongben_compliance"), "超期节点数": str(figures.overdue_nodes),
            "申请执行标的": f"¥{figures.claimed_fen / 100:,.2f}",
            "执行到位金额": f"¥{figures.recovered_fen / 100:,.2f}"}


def no_tofu(pdf: Path, folder: Path) -> str:
    """The PDF renders page by page; its fonts are embedded CJK; every Chinese character
    of its text has a glyph. Its text."""
    text = text_of(pdf)
    assert len(rendered(pdf, folder)) == pages_of(pdf) >= 1
    fonts = fonts_of(pdf)
    assert fonts and all(f.embedded for f in fonts), fonts
    assert any("CJK" in f.name for f in fonts), fonts
    assert len(chinese(text)) > 20
    assert not missing_glyphs(text)
    return text


def no_resident_id(*texts: str) -> None:
    for text in texts:
        assert not RESIDENT_ID.search(text)


class TestCongressReport:
    def test_report_holds_the_rpc_figures_and_renders_without_tofu_when_made_by_the_command(
            self, processes, tmp_path):
        suite = embedded_suite(processes, tmp_path, SERVICES, START)
        court = work(suite)
        now = wait_until(lambda: (k := kpis(court, PERIOD)).total.closed == 1 and k,
                         timeout=WAIT, what="supervision to count the April closure")
        before = kpis(court, PREVIOUS)
        assert now.total.received == 3 and before.total.received == 1
        out = tmp_path / "out"
        files = {p.suffix: p for p in zhixing(suite, "report", "--court", COURT, "--from",
                                              PERIOD[0], "--to", PERIOD[1], "--out", str(out))}
        assert set(files) == {".pdf", ".html", ".csv"}
        text = no_tofu(files[".pdf"], tmp_path / "png")
        lines = [line.split() for line in text.splitlines()]
        for label, value in shown(now.total).items():
            row = next(cells for cells in lines if cells and cells[0] == label)
            assert row[1:3] == [value, shown(before.total)[label]], (label, row)
        for month in now.rows:  # the month table: 收案 结案 旧存 结案率 到位率 终本 合规率 超期
            row = next(cells for cells in lines if cells[:1] == [month.month] and len(cells) == 9)
            want = shown(month)
            assert row[1:] == [want[k] for k in ("收案数", "结案数", "旧存案件数", "结案率",
                                                 "执行到位率", "终本结案数", "终本合规率",
                                                 "超期节点数")], (month.month, row)
        annex = files[".csv"].read_text(encoding="utf-8")
        sums(annex, now)
        no_resident_id(text, files[".html"].read_text(encoding="utf-8"), annex)

    def test_region_report_ranks_its_courts_when_made_by_the_command(self, processes, tmp_path):
        suite = embedded_suite(processes, tmp_path, SERVICES, START)
        work(suite)
        intermediate = Court(suite.targets, suite.secret, "川01", TEAM)  # R39: 川01 ⊃ 川0104
        region = wait_until(lambda: (k := intermediate("supervision", "GetKpis", "supervisor",
                                                region="川01", from_month=PERIOD[0],
                                                to_month=PERIOD[1])).total.closed == 1 and k,
                            timeout=WAIT, what="supervision to count the April closure")
        files = {p.suffix: p for p in zhixing(suite, "report", "--region", "川01", "--from",
                                              PERIOD[0], "--to", PERIOD[1], "--format", "pdf",
                                              "--out", str(tmp_path / "out"))}
        text = no_tofu(files[".pdf"], tmp_path / "png")
        assert "各法院结案率" in text and COURT in text
        lines = [line.split() for line in text.splitlines()]
        row = next(cells for cells in lines if cells and cells[0] == "收案数")
        assert row[1] == str(region.total.received) == "3"


def sums(annex: str, now: Any) -> None:
    """The CSV parses (UTF-8 with BOM), its month rows add up to the period's total and
    the total is GetKpis's."""
    assert annex.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(annex[1:])))
    months = [r for r in rows if r["期间"] == "本期明细"]
    total = next(r for r in rows if r["期间"].startswith("本期合计"))
    assert [r["月份"] for r in months] == [m.month for m in now.rows]
    for column, field in (("收案数", "received"), ("结案数", "closed"),
                          ("终本结案数", "zhongben"), ("超期节点数", "overdue_nodes")):
        assert sum(int(r[column]) for r in months) == int(total[column]) \
            == getattr(now.total, field), column
    assert total["申请执行标的(元)"] == f"{now.total.claimed_fen / 100:.2f}"


class TestInterferenceReport:
    def test_quarter_report_counts_and_nil_report_when_made_by_the_command(
            self, processes, tmp_path):
        suite = embedded_suite(processes, tmp_path, SERVICES, START)
        court = work(suite)
        wait_until(lambda: court("supervision", "GetQuarterSummary", "president",
                                 court_code=COURT, year=2026, quarter=1).count == 1,
                   timeout=WAIT, what="the register to hold the March record")
        q1 = {p.suffix: p for p in zhixing(suite, "interference-report", "--court", COURT,
                                           "--year", "2026", "--quarter", "1", "--out",
                                           str(tmp_path / "q1"))}
        text = no_tofu(q1[".pdf"], tmp_path / "q1png")
        assert "零报告" not in text and "电话" in text
        annex = list(csv.reader(io.StringIO(q1[".csv"].read_text(encoding="utf-8")[1:])))
        assert next(r[3] for r in annex if r[2] == "合计") == "1"
        html = q1[".html"].read_text(encoding="utf-8")
        for made_text in (text, html, q1[".csv"].read_text(encoding="utf-8")):
            assert WHO not in made_text and ASKED not in made_text
        no_resident_id(text, html)
        nil = {p.suffix: p for p in zhixing(suite, "interference-report", "--court", COURT,
                                            "--year", "2025", "--quarter", "4", "--out",
                                            str(tmp_path / "nil"))}
        assert "零报告" in no_tofu(nil[".pdf"], tmp_path / "nilpng")
        assert "零报告" in nil[".csv"].read_text(encoding="utf-8")
