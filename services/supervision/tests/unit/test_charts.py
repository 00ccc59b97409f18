"""Charts (issue 16): SVG with presentation attributes only, labels escaped, the same bytes
for the same input — the strict CSP holds and the page and the PDF draw the same picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from zhixing.supervision import charts

MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
HOSTILE = '<script>alert("x")</script>&"'
SVG = "{http://www.w3.org/2000/svg}"


def trend(name: str = "结案率", title: str = "走势") -> str:
    return str(charts.line([charts.Series(name, [50.0, 60.0, None, 70.0, 80.0])], MONTHS,
                           title=title))


def ranking(target: float | None = 80.0) -> str:
    return str(charts.bars([("川0104", 90.0), ("川0105", 40.0), ("川0106", None)],
                           title="排名", target=target))


def every_chart(label: str = "x") -> list[str]:
    return [trend(label, label), str(charts.bars([(label, 1.0)], title=label)),
            str(charts.histogram([(label, 3)], title=label))]


class TestSafety:
    def test_labels_are_escaped_when_they_hold_markup(self) -> None:
        for svg in every_chart(HOSTILE):
            assert "<script" not in svg
            assert "&lt;script&gt;" in svg
            ET.fromstring(svg)  # still well-formed XML

    def test_no_style_script_or_reference_when_drawn(self) -> None:
        for svg in [*every_chart(), ranking()]:
            assert not re.search(r"<style|style=|<script|href|\son\w+=|url\(", svg), svg

    def test_svg_is_an_image_with_a_title_when_drawn(self) -> None:
        root = ET.fromstring(trend(title="结案率走势"))
        assert root.get("role") == "img"
        assert root.get("aria-label") == "结案率走势"
        assert root.find(f"{SVG}title") is not None


class TestDrawing:
    def test_same_bytes_when_drawn_twice(self) -> None:
        assert trend() == trend()
        assert ranking() == ranking()

    def test_line_breaks_at_a_month_without_a_figure(self) -> None:
        root = ET.fromstring(trend())
        assert len(root.findall(f"{SVG}polyline")) == 2  # 01–02 and 04–05
        assert len(root.findall(f"{SVG}circle")) == 4

    def test_bars_keep_the_order_given_when_drawn(self) -> None:
        svg = ranking()
        assert svg.index("川0104") < svg.index("川0105") < svg.index("川0106")

    def test_no_bar_and_a_dash_when_a_figure_is_absent(self) -> None:
        root = ET.fromstring(ranking(target=None))
        assert len(list(root.iter(f"{SVG}rect"))) == 2
        assert "—" in ranking()

    def test_target_line_is_drawn_when_a_target_is_given(self) -> None:
        assert "目标 80.0%" in ranking(80.0)
        assert "目标" not in ranking(None)

    def test_bar_below_target_is_coloured_apart_when_drawn(self) -> None:
        fills = [r.get("fill") for r in ET.fromstring(ranking(80.0)).findall(f"{SVG}g/{SVG}rect")]
        assert fills[0] != fills[1]

    def test_figures_are_formatted_when_shown(self) -> None:
        assert charts.fmt(12.345) == "12.3%"
        assert charts.fmt(1234.0, "件") == "1,234件"
        assert charts.fmt(None) == "—"
