"""How the command centre reads the proto messages for a leader (issue 16): numbers
formatted, the R33 figures labelled and linked to their cases (unless aggregates only,
R46), the courts furthest from their targets first, Chinese names for codes — no I/O."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.pages import figures, formats, labels
from zhixing.supervision.web.targets import TARGETS, distance_of, furthest_from_targets, shortfall


def court(code: str, **rates: float) -> pb.Figures:
    """A court's figures: every target met unless `rates` says otherwise."""
    base = {"closure_rate": 0.9, "recovered_rate": 0.5, "zhongben_compliance": 1.0,
            "zhongben_rate": 0.2, "avg_days": 90.0}
    return pb.Figures(court_code=code, first_closed=10, first_closed_within_limit=10,
                      **{**base, **rates})


class TestFormats:
    @pytest.mark.parametrize(("ratio", "text"), [(0.8532, "85.3%"), (1.0, "100.0%"),
                                                  (0.0, "0.0%"), (None, "—")])
    def test_a_rate_is_a_percent_with_one_decimal_when_formatted(self, ratio, text):
        assert formats.percent(ratio) == text

    @pytest.mark.parametrize(("fen", "text"), [(123456789, "¥1,234,567.89"), (5, "¥0.05"),
                                                (-150, "-¥1.50"), (None, "—")])
    def test_money_is_yuan_with_thousands_when_formatted(self, fen, text):
        assert formats.yuan(fen) == text

    @pytest.mark.parametrize(("value", "text"), [(37.25, "37.2 天"), (37, "37 天"),
                                                  (1234.0, "1,234 天"), (None, "—")])
    def test_a_duration_is_days_when_formatted(self, value, text):
        assert formats.days(value) == text

    def test_a_count_has_thousands_separators_when_formatted(self):
        assert formats.count(12345) == "12,345"


class TestTargets:
    def test_a_met_floor_falls_short_by_nothing_when_above_it(self):
        assert shortfall(TARGETS[0], 0.95) == 0.0

    def test_a_floor_falls_short_relative_to_it_when_under_it(self):
        assert shortfall(TARGETS[0], 0.60) == pytest.approx(0.25)  # 结案率 80 % → 60 %

    def test_a_ceiling_falls_short_relative_to_it_when_over_it(self):
        avg_days = next(t for t in TARGETS if t.figure == "avg_days")
        assert shortfall(avg_days, 180.0) == pytest.approx(0.5)

    def test_the_worst_target_names_the_label_when_a_court_misses_it(self):
        ranked = distance_of(court("川0104", zhongben_compliance=0.5))
        assert ranked.worst == "终本合规率" and ranked.distance == pytest.approx(0.5 / 6)

    def test_the_furthest_court_comes_first_when_ranked(self):
        rows = [court("川0104"), court("川0105", closure_rate=0.4), court("川0106", closure_rate=0.7)]
        assert [r.court_code for r in furthest_from_targets(rows)] == ["川0105", "川0106", "川0104"]

    def test_a_court_without_figures_ranks_last_when_nothing_closed(self):
        rows = [pb.Figures(court_code="川0101"), court("川0105", closure_rate=0.4)]
        ranked = furthest_from_targets(rows)
        assert [r.court_code for r in ranked] == ["川0105", "川0101"] and ranked[1].distance is None


class TestFigureCells:
    def test_every_column_is_formatted_when_a_row_is_read(self):
        row = pb.Figures(court_code="川0104", received=1234, claimed_fen=1_000_000_00,
                         closure_rate=0.5, avg_days=12.5)
        texts = {c.label: c.text for c in figures.cells(
            row, scope="川0104", first="2026-01", last="2026-03", root="/command", links=True)}
        assert (texts["收案"], texts["申请标的额"], texts["结案率"], texts["平均用时"],
                texts["执行到位率"]) == ("1,234", "¥1,000,000.00", "50.0%", "12.5 天", "—")

    def test_a_count_links_to_its_cases_when_the_viewer_sees_cases(self):
        cell = figures.cells(pb.Figures(court_code="川0104"), scope="region:川", first="2026-01",
                             last="2026-03", root="/command", links=True)[0]
        url = urlsplit(cell.href)
        assert url.path == "/command/drill" and parse_qs(url.query) == {
            "scope": ["region:川"], "figure": ["received"], "from": ["2026-01"], "to": ["2026-03"]}

    def test_no_figure_links_when_the_viewer_sees_aggregates_only(self):
        cells = figures.cells(pb.Figures(court_code="川0104"), scope="川0104", first="2026-01",
                              last="2026-03", root="/command", links=False)
        assert all(c.href == "" for c in cells)

    def test_every_figure_links_to_a_list_drill_down_knows_when_listed(self):
        drills = [c.drill for c in figures.COLUMNS]
        assert set(drills) == set(figures.DRILL_LABELS) and "" not in drills

    def test_a_region_total_drills_the_region_when_it_has_no_court(self):
        assert figures.scope_of(pb.Figures(region="川"), "川") == "region:川"


class TestHeadline:
    def test_a_figure_is_marked_by_its_target_when_it_has_one(self):
        cards = figures.headline(court("川0104", closure_rate=0.5), scope="川0104", first="2026-01",
                                 last="2026-03", root="/command", links=False)
        states = {h.cell.label: h.state for h in cards}
        assert states == {"收案": "", "结案": "", "结案率": "bad", "执行到位率": "ok",
                          "终本合规率": "ok", "超期节点": ""}


class TestLabels:
    def test_an_unmet_precondition_is_named_in_chinese_when_known(self):
        assert labels.unmet("R16(4)") == "R16(4) 立案未满三个月"

    def test_a_closure_is_named_in_chinese_when_known(self):
        assert (labels.closure("zhongben"), labels.closure(""),
                labels.closure("executed_in_full")) == ("终结本次执行程序", "未结", "执行完毕")

    def test_an_unknown_code_is_shown_as_it_is_when_not_known(self):
        assert labels.agency_kind("court_registry") == "court_registry"
