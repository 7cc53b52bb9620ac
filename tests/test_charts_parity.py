"""Every published chart: its static SVG (what prints and shows before Plotly loads) against the Plotly figure JSON
the site ships for it. Same series, the same number of points or bars with a real size, the same axis ranges and tick
labels, the same notes — so no static chart can silently go blank or wrong again (issue 13: the age-structure chart
printed zero-width bars on an axis of 0–100000 labelled 年).

The figure is read as Plotly reads it (a bar spans base to base + value along its value axis; categoryarray orders
categories; d3 tickformats write the labels); the SVG is read by its geometry (rect sizes, marker and polyline
coordinates, tick lines), with the data attributes it carries only to pair a mark with its trace and a tick with its
value.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from generator.pipeline import validate
from generator.render.figures import FIGURE_DIR, chart_files, chart_svg, charts

SVG = "{http://www.w3.org/2000/svg}"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECTS = ("project", "city2")  # the full sample, and a city without population data
PX = 0.6  # coordinates are written with one decimal
AUTORANGE_SLACK = 0.15  # an automatic axis may pad the data by at most this share of its span on either side


@cache
def published(project: str) -> dict:
    """{chart id: (chart, figure as the site ships it)} of every chart of the fixture's site (the chart registry)."""
    validated = validate(FIXTURES / project)
    assert validated.project is not None, validated.report
    found = charts(validated.project, validated.computed)
    files = chart_files(found)
    return {chart_id: (chart, json.loads(files[f"{FIGURE_DIR}/{chart_id}.json"])) for chart_id, chart in found.items()}


CASES = [(project, chart_id) for project in PROJECTS for chart_id in published(project)]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def plain(label: object) -> str:
    """Figure text as a reader sees it: escaped for Plotly, <br> its only markup."""
    return html.unescape(str(label).replace("<br>", ""))


def plotly_label(value: float, tickformat: str | None) -> str:
    """What Plotly writes at a tick for the d3 formats the charts use."""
    assert tickformat, "an automatic axis needs a tickformat, or Plotly writes 145k where the SVG writes 145,000"
    if tickformat == "d":
        return str(round(value))
    fixed = re.fullmatch(r"(,?)\.(\d+)f", tickformat)
    if fixed:
        return f"{value:{fixed[1]}.{fixed[2]}f}"
    assert tickformat == ",", f"tickformat {tickformat!r} is not one the SVG follows"
    return f"{value:,.10g}"


def horizontal(figure: dict) -> bool:
    return any(t.get("type") == "bar" and t.get("orientation") == "h" for t in figure["data"])


def numbers(values) -> list[float]:
    return [v for v in values or [] if isinstance(v, (int, float))]


def bar_spans(trace: dict) -> list[tuple[float, float] | None]:
    """Per point: (base, base + value) along the bar's value axis, None where the value is missing."""
    key = "x" if trace.get("orientation") == "h" else "y"
    base = trace.get("base")
    return [None if v is None else ((b := base[i] if isinstance(base, list) else (base or 0)), b + v)
            for i, v in enumerate(trace[key])]


def data_extent(figure: dict, axis: str) -> tuple[float, float]:
    """The values Plotly's autorange must show on a numeric axis: points, bar ends, shapes and notes in data coordinates."""
    values: list[float] = []
    for trace in figure["data"]:
        if trace.get("type") == "bar" and axis == ("x" if trace.get("orientation") == "h" else "y"):
            values += [end for span in bar_spans(trace) if span for end in span]
        else:
            values += numbers(trace.get(axis))
    layout = figure["layout"]
    values += [s[f"{axis}{i}"] for s in layout.get("shapes", []) if s.get(f"{axis}ref", axis) == axis for i in (0, 1)]
    values += [a[axis] for a in layout.get("annotations", []) if a.get(f"{axis}ref", axis) == axis]
    if layout.get(f"{axis}axis", {}).get("rangemode") == "tozero":
        values.append(0)
    return min(values), max(values)


class Drawing:
    """One static SVG, read back: plot area, ticks, category labels, marks."""

    def __init__(self, root: ET.Element):
        self.root = root
        self.left, self.top, self.right, self.bottom = (float(v) for v in root.get("data-plot-area").split())
        self.width, self.height = (float(v) for v in root.get("viewBox").split()[2:])
        self.texts = [text_of(t) for t in root.iter(f"{SVG}text")]
        self.wide = "chart__static--wide" in root.get("class")

    def ticks(self, axis: str) -> list[tuple[float, float, str | None]]:
        """(value, pixel, label or None) of each tick line of a numeric axis."""
        found = []
        for group in self.root.iter(f"{SVG}g"):
            if group.get("data-axis") != axis:
                continue
            line = group.find(f"{SVG}line")
            label = group.find(f"{SVG}text")
            pixel = float(line.get("x1") if axis == "x" else line.get("y1"))
            found.append((float(group.get("data-value")), pixel, None if label is None else text_of(label)))
        return found

    def marks(self, series: int) -> list[ET.Element]:
        return [e for e in self.root.iter() if e.get("data-series") == str(series)]

    def inside(self, x: float, y: float) -> bool:
        return self.left - PX <= x <= self.right + PX and self.top - PX <= y <= self.bottom + PX


class Scale:
    """A numeric axis of the drawing: pixel = a + b · value, fitted to its tick lines."""

    def __init__(self, ticks: list[tuple[float, float, str | None]], what: str):
        assert len(ticks) >= 2, f"{what}: fewer than two ticks, so the reader cannot read values off the axis"
        (v0, p0, _), (v1, p1, _) = ticks[0], ticks[-1]
        self.b = (p1 - p0) / (v1 - v0)
        self.a = p0 - self.b * v0
        for value, pixel, _ in ticks:
            assert abs(self(value) - pixel) <= PX, f"{what}: the tick at {value} is not where the others put it"

    def __call__(self, value: float) -> float:
        return self.a + self.b * value

    def value(self, pixel: float) -> float:
        return (pixel - self.a) / self.b


def drawings(chart) -> list[Drawing]:
    """The wide and the narrow static SVG, exactly as the page embeds them."""
    wrapper = ET.fromstring(f"<div>{chart_svg(chart)}</div>")
    found = [Drawing(svg) for svg in wrapper]
    assert [svg.get("class").split()[-1] for svg in wrapper] == ["chart__static--wide", "chart__static--narrow"]
    return found


def check_plot_area(drawing: Drawing) -> None:
    assert 0 <= drawing.left < drawing.right <= drawing.width and 0 <= drawing.top < drawing.bottom <= drawing.height
    baseline = [line for line in drawing.root.findall(f"{SVG}line") if line.get("stroke-opacity") == "0.5"]
    assert [(float(b.get("x1")), float(b.get("x2")), float(b.get("y1"))) for b in baseline] == [
        (drawing.left, drawing.right, drawing.bottom)], "the x axis line runs along the bottom of the plot area"


def check_numeric_axis(drawing: Drawing, figure: dict, axis: str) -> Scale:
    """Tick labels as Plotly writes them, tick lines on one linear scale, and the same extent as Plotly's axis."""
    spec = figure["layout"].get(f"{axis}axis", {})
    ticks = drawing.ticks(axis)
    scale = Scale(ticks, f"{axis} axis")
    edges = (drawing.left, drawing.right) if axis == "x" else (drawing.bottom, drawing.top)
    low, high = sorted(scale.value(edge) for edge in edges)
    tolerance = PX / abs(scale.b)
    if "range" in spec:
        assert abs(low - spec["range"][0]) <= tolerance and abs(high - spec["range"][1]) <= tolerance, (
            f"{axis} axis shows {low:g}–{high:g}, the figure {spec['range']}")
    else:
        first, last = data_extent(figure, axis)
        slack = (last - first or abs(last) or 1) * AUTORANGE_SLACK
        assert low <= first + tolerance and high >= last - tolerance, f"{axis} axis {low:g}–{high:g} cuts off data {first:g}–{last:g}"
        assert low >= first - slack and high <= last + slack, f"{axis} axis {low:g}–{high:g} is far wider than the data {first:g}–{last:g}"
    if "tickvals" in spec:
        shown = [v for v in spec["tickvals"] if low - tolerance <= v <= high + tolerance]
        assert [value for value, _, _ in ticks] == shown, f"{axis} axis ticks differ from the figure's tickvals"
        expected = dict(zip(spec["tickvals"], (plain(t) for t in spec["ticktext"])))
    else:
        expected = {value: plotly_label(value, spec.get("tickformat")) for value, _, _ in ticks}
    labelled = [(value, label) for value, _, label in ticks if label is not None]
    assert all(label == expected[value] for value, label in labelled), f"{axis} axis labels {labelled} differ from Plotly's"
    # The wide image (desktop, print) labels every tick; the narrow one may skip some so that labels do not touch.
    assert len(labelled) == len(ticks) if drawing.wide else len(labelled) >= min(2, len(ticks)), f"{axis} axis: too few tick labels"
    if spec.get("title", {}).get("text"):
        assert plain(spec["title"]["text"]) in drawing.texts, f"{axis} axis title missing"
    return scale


def label_y(text: ET.Element) -> float:
    """The baseline of a one-line label, the middle line's of a wrapped one."""
    lines = [float(t.get("y")) for t in text.iter(f"{SVG}tspan")] or [float(text.get("y"))]
    return sum(lines) / len(lines)


def check_categories(drawing: Drawing, figure: dict) -> dict[str, float]:
    """Horizontal bars: one label per category, in Plotly's order (bottom-up unless reversed); {category: label y}."""
    spec = figure["layout"].get("yaxis", {})
    expected = list(dict.fromkeys([*(spec.get("categoryarray", []) if spec.get("categoryorder") == "array" else []),
                                   *(y for trace in figure["data"] for y in trace["y"])]))
    labels = [t for t in drawing.root.iter(f"{SVG}text") if t.get("data-category") is not None]
    assert [t.get("data-category") for t in labels] == [html.unescape(c) for c in expected], "categories differ from Plotly's"
    assert [text_of(t) for t in labels] == [plain(c) for c in expected], "category labels read as the categories"
    rows = {t.get("data-category"): label_y(t) for t in labels}
    top_down = sorted(rows, key=rows.get)
    in_order = [html.unescape(c) for c in expected]
    assert top_down == (in_order if spec.get("autorange") == "reversed" else in_order[::-1]), "categories out of Plotly's order"
    return rows


def check_bars(drawing: Drawing, trace: dict, series: int, value_scale: Scale, position) -> None:
    """One rect per value; its length is base → base + value on the value axis, so non-zero values have non-zero size."""
    spans = [span for span in bar_spans(trace) if span is not None]
    positions = [p for p, v in zip(trace["y"] if trace.get("orientation") == "h" else trace["x"], bar_spans(trace)) if v is not None]
    rects = [e for e in drawing.marks(series) if e.tag == f"{SVG}rect"]
    assert len(rects) == len(spans), f"series {series}: {len(rects)} bars drawn for {len(spans)} values"
    sized = [r for r in rects if float(r.get("width")) > 0 and float(r.get("height")) > 0]
    assert len(sized) == sum(1 for a, b in spans if a != b), f"series {series}: bars without size"
    for rect, (start, end), place in zip(rects, spans, positions):
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        assert drawing.inside(x, y) and drawing.inside(x + w, y + h), f"series {series}: a bar outside the plot area"
        if trace.get("orientation") == "h":
            along, across = (x, x + w), y + h / 2
        else:
            along, across = (y + h, y), x + w / 2
        assert sorted(along) == pytest.approx(sorted((value_scale(start), value_scale(end))), abs=PX)
        assert position(place, across), f"series {series}: the bar of {place} is not at its place"


def marker_centre(element: ET.Element) -> tuple[float, float]:
    if element.tag == f"{SVG}circle":
        return float(element.get("cx")), float(element.get("cy"))
    if element.tag == f"{SVG}rect":
        return float(element.get("x")) + float(element.get("width")) / 2, float(element.get("y")) + float(element.get("height")) / 2
    coordinates = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
    xs, ys = coordinates[::2], coordinates[1::2]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def check_scatter(drawing: Drawing, trace: dict, series: int, x_scale: Scale, y_scale: Scale) -> None:
    """Every point with a value, as a marker and/or a vertex of the line, at its coordinates inside the plot area."""
    points = [(x, y) for x, y in zip(trace["x"], trace["y"]) if x is not None and y is not None]
    expected = [(x_scale(x), y_scale(y)) for x, y in points]
    marks = drawing.marks(series)
    mode = trace.get("mode", "lines+markers")
    lines = [e for e in marks if e.tag == f"{SVG}polyline"]
    markers = [e for e in marks if e.tag != f"{SVG}polyline"]
    if "lines" in mode and len(points) > 1:
        assert len(lines) == 1, f"series {series}: {len(lines)} lines"
        vertices = [tuple(float(c) for c in pair.split(",")) for pair in lines[0].get("points").split()]
        assert vertices == [pytest.approx(p, abs=PX) for p in expected], f"series {series}: the line misses points"
    if "markers" in mode:
        assert [marker_centre(m) for m in markers] == [pytest.approx(p, abs=1) for p in expected], f"series {series}: markers"
    assert lines or markers, f"series {series}: nothing drawn"
    assert all(drawing.inside(*p) for p in expected), f"series {series}: a point outside the plot area"


def check_labels(drawing: Drawing, figure: dict) -> None:
    """Every series named in the legend (or labelled on its bars), every note drawn."""
    for trace in figure["data"]:
        if trace.get("name") and trace.get("showlegend", True):
            assert plain(trace["name"]) in drawing.texts, f"legend lacks {plain(trace['name'])}"
        for label in trace.get("text", []) if trace.get("type") == "bar" else []:
            assert plain(label) in drawing.texts, f"bar label {plain(label)} missing"
    for note in figure["layout"].get("annotations", []):
        assert plain(note["text"]) in drawing.texts, f"note {plain(note['text'])} missing"


def check_drawing(drawing: Drawing, figure: dict) -> None:
    check_plot_area(drawing)
    check_labels(drawing, figure)
    x_scale, y_scale, rows = check_numeric_axis(drawing, figure, "x"), None, {}
    if horizontal(figure):
        rows = check_categories(drawing, figure)
    else:
        y_scale = check_numeric_axis(drawing, figure, "y")

    def at_place(place, across: float) -> bool:
        """A bar sits beside its category label (horizontal) or centred on its x value."""
        return abs(rows[html.unescape(place)] - across) <= 6 if rows else abs(x_scale(place) - across) <= PX

    for series, trace in enumerate(figure["data"]):
        if trace.get("type") == "bar":
            check_bars(drawing, trace, series, x_scale if trace.get("orientation") == "h" else y_scale, at_place)
        else:
            assert trace.get("type") == "scatter", f"trace type {trace.get('type')} is not one the SVG draws"
            check_scatter(drawing, trace, series, x_scale, y_scale)


@pytest.mark.parametrize(("project", "chart_id"), CASES, ids=[f"{p}:{c}" for p, c in CASES])
def test_static_svg_shows_what_the_plotly_figure_shows(project, chart_id):
    chart, figure = published(project)[chart_id]
    assert figure["data"], "a published figure has data"
    for drawing in drawings(chart):
        check_drawing(drawing, figure)


def test_every_chart_of_every_page_is_covered():
    """The cases are the registry's charts, and the full sample has the population charts this test is for."""
    ids = {chart_id for project, chart_id in CASES if project == "project"}
    assert {"population-age-structure", "population-history", "plan-periods", "population-pyramid-2060"} <= ids
    assert len(CASES) == sum(len(published(project)) for project in PROJECTS)
