import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts.svg import nice_ticks, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def bar_figure():
    return {
        "data": [{"type": "bar", "orientation": "h", "y": ["計画A", "計画A", "計画<br>B"], "x": [5, 5, 6], "base": [2015, 2020, 2015],
                  "text": ["第１期", "第２期", "&lt;b&gt;"], "marker": {"color": ["var(--chart-1)", "var(--chart-2)", "var(--chart-1)"]}}],
        "layout": {"height": 200, "xaxis": {"range": [2015, 2026], "tickvals": [2015.5, 2025.5], "ticktext": ["2015", "2025"], "title": {"text": "年度"}},
                   "yaxis": {"autorange": "reversed"}},
    }


def line_figure():
    return {
        "data": [
            {"type": "scatter", "mode": "lines+markers", "name": "実績", "x": [2015, 2020], "y": [100, 141], "line": {"color": "var(--chart-1)"}},
            {"type": "scatter", "mode": "lines", "name": "推計", "x": [2020, 2060], "y": [141, 120], "line": {"color": "var(--chart-2)", "dash": "dash"}},
        ],
        "layout": {"height": 300, "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 130, "y1": 130, "line": {"dash": "dot"}}]},
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_is_well_formed_accessible_and_out_of_search():
    svg = render_svg(bar_figure(), title="計画期間", description="期間の図です。", chart_id="plan")
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "plan-wide-title plan-wide-desc"
    assert "data-search-exclude" in svg
    assert root.find(f"{SVG}title").text == "計画期間" and root.find(f"{SVG}desc").text == "期間の図です。"


def test_bars_are_placed_by_base_and_length():
    root = parse(render_svg(bar_figure(), title="t", description="d", chart_id="c"))
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 3
    first, second = (float(r.get("x")) for r in rects[:2])
    assert first < second
    assert float(rects[2].get("width")) > float(rects[0].get("width"))  # 6 years > 5 years
    assert "var(--chart-2)" in rects[1].get("style")


def test_labels_are_text_not_markup():
    svg = render_svg(bar_figure(), title="<b>", description="d", chart_id="c")
    root = parse(svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "<b>" in texts  # the escaped bar label shows as the characters
    assert "計画B" in texts  # <br> split the label into tspans, not markup
    tspans = [t.text for t in root.iter(f"{SVG}tspan")]
    assert tspans == ["計画", "B"]
    assert "<b>" not in svg.replace("&lt;b&gt;", "")


def test_lines_markers_dashes_legend_and_target_line():
    root = parse(render_svg(line_figure(), title="t", description="d", chart_id="c"))
    polylines = root.findall(f"{SVG}polyline")
    assert len(polylines) == 2 and polylines[1].get("stroke-dasharray")
    assert len(root.findall(f"{SVG}circle")) >= 2
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "実績" in texts and "推計" in texts
    dotted = [line for line in root.findall(f"{SVG}line") if line.get("stroke-dasharray") == "2 3"]
    assert dotted, "the target line is drawn dotted"


def test_same_figure_same_svg():
    assert render_svg(line_figure(), title="t", description="d", chart_id="c") == render_svg(line_figure(), title="t", description="d", chart_id="c")


def test_nice_ticks():
    assert nice_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(120000, 145000) == [120000, 125000, 130000, 135000, 140000, 145000]
    assert nice_ticks(5, 5) == [5]


def test_narrow_variant_keeps_labels_apart_and_ids_unique():
    figure = bar_figure()
    figure["layout"]["xaxis"].update({"tickvals": [y + 0.5 for y in range(2015, 2026)], "ticktext": [str(y) for y in range(2015, 2026)]})
    wide = render_svg(figure, title="t", description="d", chart_id="c")
    narrow = render_svg(figure, title="t", description="d", chart_id="c", width=400)
    ticks = lambda svg: [t for t in ("".join(e.itertext()) for e in parse(svg).iter(f"{SVG}text")) if t.isdigit()]  # noqa: E731
    assert len(ticks(wide)) == 11 and 3 <= len(ticks(narrow)) < 11
    assert 'id="c-wide-title"' in wide and 'id="c-narrow-title"' in narrow
    assert parse(narrow).get("viewBox").startswith("0 0 400 ")


def test_legend_wraps_to_new_rows_in_a_narrow_svg():
    figure = line_figure()
    for trace in figure["data"]:
        trace["name"] = trace["name"] * 6
    root = parse(render_svg(figure, title="t", description="d", chart_id="c", width=300))
    legend_y = {t.get("y") for t in root.iter(f"{SVG}text") if "実績" in "".join(t.itertext()) or "推計" in "".join(t.itertext())}
    assert len(legend_y) == 2


def test_annotations_are_drawn_as_text():
    figure = line_figure()
    figure["layout"]["annotations"] = [{"x": 2060, "y": 120, "xref": "x", "yref": "y", "text": "差 +1,000人", "xanchor": "right"}]
    texts = ["".join(t.itertext()) for t in parse(render_svg(figure, title="t", description="d", chart_id="c")).iter(f"{SVG}text")]
    assert "差 +1,000人" in texts


def stacked_years_figure():
    """Vertical bars stacked with `base` over years, like the age-structure chart (issue 13)."""
    years = [2020, 2025, 2030]
    return {
        "data": [{"type": "bar", "name": "0〜14歳", "x": years, "y": [20000, 19000, 18000], "base": [0, 0, 0]},
                 {"type": "bar", "name": "15〜64歳", "x": years, "y": [90000, 88000, 85000], "base": [20000, 19000, 18000]}],
        "layout": {"height": 300, "barmode": "overlay", "xaxis": {"title": {"text": "年"}, "tickformat": "d"},
                   "yaxis": {"tickformat": ",", "rangemode": "tozero"}},
    }


def test_stacked_vertical_bars_keep_the_year_axis_and_have_width():
    """`base` stacks along the value axis only: the x axis stays on the years (it ran 0–100000 and bars had no width)."""
    root = parse(render_svg(stacked_years_figure(), title="t", description="d", chart_id="c"))
    x_ticks = [float(g.get("data-value")) for g in root.iter(f"{SVG}g") if g.get("data-axis") == "x"]
    assert x_ticks and min(x_ticks) >= 2015 and max(x_ticks) <= 2035
    x_labels = ["".join(g.find(f"{SVG}text").itertext()) for g in root.iter(f"{SVG}g") if g.get("data-axis") == "x"]
    assert "2020" in x_labels and "2,020" not in x_labels  # tickformat "d": years without separators
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("data-series")]
    assert len(bars) == 6 and all(float(r.get("width")) > 20 and float(r.get("height")) > 0 for r in bars)
    first, second = bars[0], bars[3]  # 2020: 0〜14歳 below 15〜64歳, touching
    assert float(second.get("y")) + float(second.get("height")) == pytest.approx(float(first.get("y")), abs=0.2)
    y_top = max(float(g.get("data-value")) for g in root.iter(f"{SVG}g") if g.get("data-axis") == "y")
    assert y_top >= 100000  # the stack's top (110,000) is on the value axis


def test_ticks_follow_the_axis_tickformat_as_plotly_does():
    figure = line_figure()
    figure["data"][0]["y"], figure["data"][1]["y"] = [1.1, 1.3], [1.3, 1.2]
    figure["layout"] = {"height": 300, "yaxis": {"tickformat": ".2f"}}
    root = parse(render_svg(figure, title="t", description="d", chart_id="c"))
    labels = ["".join(g.find(f"{SVG}text").itertext()) for g in root.iter(f"{SVG}g") if g.get("data-axis") == "y"]
    assert labels and all(re.fullmatch(r"\d\.\d\d", label) for label in labels)


def test_categories_follow_the_category_array():
    figure = bar_figure()
    figure["layout"]["yaxis"] = {"autorange": "reversed", "categoryorder": "array", "categoryarray": ["計画<br>B", "計画A"]}
    root = parse(render_svg(figure, title="t", description="d", chart_id="c"))
    assert [t.get("data-category") for t in root.iter(f"{SVG}text") if t.get("data-category")] == ["計画<br>B", "計画A"]


def test_notes_keep_their_size_and_opacity():
    figure = line_figure()
    figure["layout"]["annotations"] = [{"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "text": "見本を含む",
                                        "font": {"size": 40}, "opacity": 0.25}]
    root = parse(render_svg(figure, title="t", description="d", chart_id="c"))
    mark = next(t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == "見本を含む")
    assert mark.get("font-size") == "40" and mark.get("opacity") == "0.25"
    left, top, right, bottom = (float(v) for v in root.get("data-plot-area").split())
    assert float(mark.get("x")) == pytest.approx((left + right) / 2, abs=0.1) and top < float(mark.get("y")) < bottom
