"""`zhixing supervise report|interference-report` — the congress special report (R33) and
the quarterly interference summary (R35) as files: PDF, HTML and the CSV annex.

A client of the public contract: it calls GetKpis (the period and the previous one of
equal length) or GetQuarterSummary and hands the answers to zhixing.supervision.report,
the builder the command centre's downloads use too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.cli_kit import TARGET, Target, User, fail, today, usage
from zhixing.supervision import report as build
from zhixing.supervision.cli.common import Role, client_for

FORMATS = ("pdf", "html", "csv")
Out = Annotated[Path, typer.Option(help="The folder the files are written to.",
                                   file_okay=False)]
Formats = Annotated[str, typer.Option("--format", help="Any of pdf,html,csv, comma-separated.")]
ReportCourt = Annotated[str, typer.Option(
    "--court", help="The court reported on (法院代码), e.g. 川0104.")]
ReportRegion = Annotated[str, typer.Option(
    help="A region instead: a court code prefix (its courts ranked) or 成渝.")]


def report(from_month: Annotated[str, typer.Option("--from", help="First month, YYYY-MM.")],
           to_month: Annotated[str, typer.Option("--to", help="Last month, YYYY-MM.")],
           court: ReportCourt = "", region: ReportRegion = "", out: Out = Path("."),
           formats: Formats = "pdf,html,csv", target: Target = TARGET,
           role: Role = "supervisor", user: User = "cli") -> None:
    """专项工作报告 — a court's or a region's figures over a period, with the previous period,
    charts, definitions and a CSV annex (R33)."""
    wanted = _formats(formats)
    if bool(court) == bool(region):
        usage("name either --court or --region (R33: a report is of one court or region)",
              "court")
    try:
        previous = build.previous_period(from_month, to_month)
    except ValueError as error:
        usage(str(error), "from")
    client = client_for(court or _caller_court(region), target, role, user)

    def kpis(request: pb.GetKpisRequest | None) -> pb.GetKpisResponse:
        answer: pb.GetKpisResponse = client.call("GetKpis", request)
        return answer

    now = kpis(build.kpis_request(court, region, from_month, to_month))
    before = kpis(build.kpis_request(court, region, *previous))
    monthly = (build.kpis_request(court, region, from_month, to_month, monthly=True)
               if region else None)
    trend = list(kpis(monthly).rows) if monthly else []
    made = build.KpiReport(scope_label=court or region, court_code=court, region=region,
                           from_month=from_month, to_month=to_month, rows=list(now.rows),
                           total=now.total, previous=before.total, generated_on=today(),
                           trend=trend)
    html = build.kpi_html(made)
    _write(out, build.file_stem(made), wanted, html, lambda: build.kpi_csv(made))


def interference_report(
        year: Annotated[int, typer.Option(min=2000, max=2100, help="The year.")],
        quarter: Annotated[int, typer.Option(min=1, max=4, help="The quarter, 1–4.")],
        court: ReportCourt = "", out: Out = Path("."), formats: Formats = "pdf,html,csv",
        target: Target = TARGET, role: Role = "president", user: User = "cli") -> None:
    """干预过问季度报告 — the quarter's summary as files; a nil report (零报告) when nothing
    was recorded (R35). For the president and the discipline roles."""
    wanted = _formats(formats)
    if not court:
        usage("name the court (R35: a court's quarterly report)", "court")
    summary: pb.GetQuarterSummaryResponse = client_for(court, target, role, user).call(
        "GetQuarterSummary", pb.GetQuarterSummaryRequest(court_code=court, year=year,
                                                         quarter=quarter))
    html = build.interference_html(summary, today())
    _write(out, build.interference_stem(summary), wanted, html,
           lambda: build.interference_csv(summary))


def _formats(text: str) -> list[str]:
    wanted = [f.strip() for f in text.split(",") if f.strip()]
    if not wanted or any(f not in FORMATS for f in wanted):
        usage(f"--format takes {','.join(FORMATS)} (at least one)", "format")
    return wanted


def _caller_court(region: str) -> str:
    """The dev token's court for a region's report: the region's prefix itself. 成渝 spans
    川 and 渝, which no one court's token covers (R39): give a token that does in
    ZHIXING_TOKEN."""
    return region


def _write(out: Path, stem: str, wanted: list[str], html: str, csv: Callable[[], str]) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind in wanted:
            path = out / f"{stem}.{kind}"
            if kind == "pdf":
                path.write_bytes(build.pdf(html))
            elif kind == "html":
                path.write_text(html, encoding="utf-8")
            else:
                path.write_text(csv(), encoding="utf-8")
            typer.echo(str(path))
    except OSError as error:
        fail(f"cannot write the report to --out: {error.strerror}")
