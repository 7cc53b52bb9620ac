"""A static SVG of a figure, made at build time.

It is what readers see before Plotly loads, without JavaScript and in print.
It draws the subset of Plotly's figure schema our chart functions produce:
bar traces (horizontal or vertical, with `base` and inside text) and scatter
traces (lines and markers) on linear axes, line shapes, annotations and a legend.
Colours may be `var(--chart-N)` tokens so the image follows the light/dark theme.

The root names its plot area (`data-plot-area`: left top right bottom), marks
carry `data-series` (the trace's index), ticks `data-axis` and `data-value` and
category labels `data-category`, so a test can hold the drawing against its
figure (tests/test_charts_parity.py).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH = 720  # wide variant (desktop, print)
NARROW_WIDTH = 400  # narrow variant (phones): text stays legible when scaled down
FONT_SIZE = 13
CHAR_WIDTH = 13  # a Japanese character at FONT_SIZE; Latin is narrower, so this is safe
DASHES = {"solid": "", "dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3", "longdash": "10 4"}


def _n(value: float) -> str:
    """Compact, stable number text for coordinates."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _paint(color: str) -> str:
    """A colour as a style value (CSS variables are not allowed in SVG attributes)."""
    return html.escape(color, quote=True)


def _lines(label: object) -> list[str]:
    # Figure text is already escaped for Plotly; <br> is its only markup.
    return [html.unescape(part) for part in str(label).split("<br>")]


def _text(x: float, y: float, label: object, *, anchor: str = "start", extra: str = "") -> str:
    lines = _lines(label)
    if len(lines) == 1:
        return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{html.escape(lines[0])}</text>'
    first = y - (len(lines) - 1) * FONT_SIZE * 0.6
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + i * FONT_SIZE * 1.2)}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}"{extra}>{spans}</text>'


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5, 5 × 10^k) covering [low, high]."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            ticks.append(round(value, 10))
        value += step
    return ticks


def _tick_label(value: float, tickformat: str | None = None) -> str:
    """A tick value as Plotly writes it with the axis's d3 `tickformat` ("d", ",", ".2f", ",.1f")."""
    if tickformat == "d":
        return f"{round(value)}"
    if tickformat and tickformat.endswith("f") and tickformat.lstrip(",").startswith("."):
        digits = int(tickformat.lstrip(",")[1:-1])
        return f"{value:,.{digits}f}" if tickformat.startswith(",") else f"{value:.{digits}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _tick_value(value: float) -> str:
    """A tick's value for its data-value attribute (what a test or a script reads back)."""
    return format(float(value), ".10g")


@dataclass
class _Axis:
    low: float
    high: float
    start: float  # pixel of low
    end: float  # pixel of high

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return self.start
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def _categories(values: list) -> list:
    seen: list = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def _numbers(values: list) -> list[float]:
    return [v for v in values if isinstance(v, (int, float))]


def _bar_spacing(positions: list) -> float:
    """The distance between neighbouring bar positions (1 for a single bar): bars are 70 % of it wide."""
    ordered = sorted(set(_numbers(positions)))
    return min((b - a for a, b in zip(ordered, ordered[1:])), default=1) or 1


def _trace_extent(trace: dict, key: str) -> list[float]:
    """The values of a trace that must show on axis `key`: a bar spans base to base + value along its value axis
    (x for horizontal bars, y otherwise) and half the bar spacing around its position on the other axis."""
    data = trace.get(key) or []
    if trace.get("type") != "bar":
        return _numbers(data)
    if key != ("x" if trace.get("orientation") == "h" else "y"):
        half = _bar_spacing(data) / 2
        return [edge for v in _numbers(data) for edge in (v - half, v + half)]
    base = trace.get("base")
    return [edge for i, v in enumerate(data) if isinstance(v, (int, float))
            for b in [base[i] if isinstance(base, list) else (base or 0)] for edge in (b, b + v)]


def _value_range(figure: dict, key: str, axis: dict) -> tuple[float, float]:
    if "range" in axis:
        return float(axis["range"][0]), float(axis["range"][1])
    values = [v for trace in figure["data"] for v in _trace_extent(trace, key)]
    values.extend(s[k] for s in figure["layout"].get("shapes", []) for k in (f"{key}0", f"{key}1") if s.get(f"{key}ref", key) not in ("paper",))
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if axis.get("rangemode") == "tozero":
        low = min(low, 0)
    pad = (high - low) * 0.05 or 1
    return (low if low == 0 else low - pad), high + pad


def _color_at(color, index: int, default: str) -> str:
    if isinstance(color, list):
        return color[index % len(color)] if color else default
    return color or default


def _legend_rows(items: list[dict], start: float, end: float) -> list[list[tuple[float, dict]]]:
    """Legend entries placed left to right, wrapping to a new row at the right edge."""
    rows: list[list[tuple[float, dict]]] = [[]]
    cursor = start
    for trace in items:
        width = 40 + len(_lines(trace["name"])[0]) * CHAR_WIDTH
        if rows[-1] and cursor + width > end:
            rows.append([])
            cursor = start
        rows[-1].append((cursor, trace))
        cursor += width
    return rows if rows[0] else []


def _rewrap(label: object, max_chars: int) -> str:
    """Split label lines longer than the room beside the axis."""
    lines = []
    for line in _lines(label):
        lines += [line[i : i + max_chars] for i in range(0, len(line), max_chars)] or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


@dataclass(frozen=True)
class _Plot:
    """The plot area in pixels and the mapping of data onto it, shared by every part of the drawing."""

    width: int
    height: float
    left: float
    right: float
    top: float
    bottom: float
    x: _Axis
    y: _Axis | None  # None for horizontal bars: their y axis is categorical
    categories: list
    reverse: bool  # categories run top-down (Plotly's autorange "reversed")
    label_chars: int  # room for a category label, in characters
    legend: list[list[tuple[float, dict]]]

    @property
    def band(self) -> float:
        return (self.bottom - self.top) / max(len(self.categories), 1)

    def y_center(self, category) -> float:
        index = self.categories.index(category)
        index = index if self.reverse else len(self.categories) - 1 - index
        return self.top + self.band * (index + 0.5)


def _is_horizontal(traces: list[dict]) -> bool:
    return any(t.get("type") == "bar" and t.get("orientation") == "h" for t in traces)


def _layout(figure: dict, width: int) -> _Plot:
    """Margins from the category labels, legend rows and axis title; then the axes."""
    layout, traces = figure["layout"], figure["data"]
    xaxis, yaxis = layout.get("xaxis", {}), layout.get("yaxis", {})
    horizontal = _is_horizontal(traces)
    # Category axis (y for horizontal bars) sizes the left margin, at most 40 % of the width.
    max_left = int(width * 0.4)
    label_chars = max((max_left - 14) // CHAR_WIDTH, 4)
    # Plotly's order: the axis's categoryarray first (categoryorder "array"), then the rest as they appear.
    ordered = yaxis.get("categoryarray", []) if yaxis.get("categoryorder") == "array" else []
    categories = _categories([*ordered, *(v for t in traces for v in t.get("y", []))]) if horizontal else []
    longest = max((len(line) for c in categories for line in _lines(c)), default=0)
    left = min(max(min(longest, label_chars) * CHAR_WIDTH + 14, 64), max_left) if horizontal else 70
    legend_items = [t for t in traces if t.get("name") and t.get("showlegend", True)]
    legend = _legend_rows(legend_items, left, width - 14)
    top = 14 + 22 * len(legend)
    bottom = 48 if xaxis.get("title") else 30
    # Extra legend rows push the plot down instead of shrinking it.
    height = float(layout.get("height", 360)) + 22 * max(len(legend) - 1, 0)
    right, plot_bottom = width - 14, height - bottom
    x = _Axis(*_value_range(figure, "x", xaxis), left, right)
    y = None if horizontal else _Axis(*_value_range(figure, "y", yaxis), plot_bottom, top)
    return _Plot(width, height, left, right, top, plot_bottom, x, y, categories,
                 yaxis.get("autorange") == "reversed", label_chars, legend)


def _svg_open(plot: _Plot, *, title: str, description: str, chart_id: str) -> list[str]:
    """The root element; title and desc name it for screen readers."""
    variant = "wide" if plot.width == WIDTH else "narrow"
    element_id = f"{chart_id}-{variant}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__static chart__static--{variant}" viewBox="0 0 {plot.width} {_n(plot.height)}" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" data-search-exclude="" '
        f'data-plot-area="{_n(plot.left)} {_n(plot.top)} {_n(plot.right)} {_n(plot.bottom)}" '
        f'font-size="{FONT_SIZE}" fill="currentColor">',
        f'<title id="{element_id}-title">{html.escape(title)}</title>',
        f'<desc id="{element_id}-desc">{html.escape(description)}</desc>',
    ]


_GRID = 'stroke="currentColor" stroke-opacity="0.15"'


def _x_ticks(plot: _Plot, xaxis: dict) -> list[str]:
    """Vertical grid lines with their labels below the plot."""
    x_ticks = xaxis.get("tickvals") or nice_ticks(plot.x.low, plot.x.high)
    x_text = xaxis.get("ticktext") or [_tick_label(v, xaxis.get("tickformat")) for v in x_ticks]
    # Label every n-th tick when the labels would touch (narrow variant).
    widest = max((len(str(t)) for t in x_text), default=1) * CHAR_WIDTH * 0.62 + 6
    spacing = (plot.right - plot.left) / max(len(x_ticks), 1)
    every = max(math.ceil(widest / spacing), 1) if spacing > 0 else 1
    out = []
    for index, (value, label) in enumerate(zip(x_ticks, x_text)):
        px = plot.x(value)
        out.append(f'<g data-axis="x" data-value="{_tick_value(value)}">'
                   f'<line x1="{_n(px)}" x2="{_n(px)}" y1="{_n(plot.top)}" y2="{_n(plot.bottom)}" {_GRID}/>')
        if index % every == 0:
            out.append(_text(px, plot.bottom + 18, label, anchor="middle"))
        out.append("</g>")
    return out


def _y_ticks(plot: _Plot, yaxis: dict) -> list[str]:
    """Category labels for horizontal bars, else horizontal grid lines with value labels."""
    if plot.y is None:
        return [_text(plot.left - 8, plot.y_center(category) + 4, _rewrap(category, plot.label_chars), anchor="end",
                      extra=f' data-category="{html.escape(html.unescape(str(category)), quote=True)}"')
                for category in plot.categories]
    y_ticks = yaxis.get("tickvals") or nice_ticks(plot.y.low, plot.y.high)
    y_text = yaxis.get("ticktext") or [_tick_label(v, yaxis.get("tickformat")) for v in y_ticks]
    out = []
    for value, label in zip(y_ticks, y_text):
        py = plot.y(value)
        out.append(f'<g data-axis="y" data-value="{_tick_value(value)}">'
                   f'<line x1="{_n(plot.left)}" x2="{_n(plot.right)}" y1="{_n(py)}" y2="{_n(py)}" {_GRID}/>')
        out.append(_text(plot.left - 6, py + 4, label, anchor="end") + "</g>")
    return out


def _axes(plot: _Plot, layout: dict) -> list[str]:
    """Grid, tick labels, the x axis line and the axis titles."""
    xaxis, yaxis = layout.get("xaxis", {}), layout.get("yaxis", {})
    out = _x_ticks(plot, xaxis) + _y_ticks(plot, yaxis)
    out.append(f'<line x1="{_n(plot.left)}" x2="{_n(plot.right)}" y1="{_n(plot.bottom)}" y2="{_n(plot.bottom)}" stroke="currentColor" stroke-opacity="0.5"/>')
    if xaxis.get("title"):
        out.append(_text((plot.left + plot.right) / 2, plot.height - 8, xaxis["title"]["text"], anchor="middle"))
    if yaxis.get("title") and plot.y is not None:
        out.append(_text(8, plot.top - 4, yaxis["title"]["text"]))
    return out


def _horizontal_bars(plot: _Plot, trace: dict, series: int) -> list[str]:
    """One bar per category, from `base`, with its text centred inside."""
    out = []
    marker = trace.get("marker", {})
    x = plot.x
    for i, category in enumerate(trace["y"]):
        base = trace.get("base", [0] * len(trace["y"]))[i]
        x0, x1 = sorted((x(base), x(base + trace["x"][i])))  # negative bars (pyramids) grow left
        cy, thickness = plot.y_center(category), plot.band * 0.7
        color = _color_at(marker.get("color"), i, "var(--chart-1)")
        out.append(f'<rect x="{_n(x0)}" y="{_n(cy - thickness / 2)}" width="{_n(x1 - x0)}" height="{_n(thickness)}" '
                   f'style="fill:{_paint(color)}" stroke="var(--md-default-bg-color, #fff)" stroke-width="2" data-series="{series}"/>')
        if trace.get("text"):
            text_color = trace.get("textfont", {}).get("color", "var(--chart-on)")
            out.append(_text((x0 + x1) / 2, cy + 4, trace["text"][i], anchor="middle", extra=f' style="fill:{_paint(text_color)}"'))
    return out


def _vertical_bars(plot: _Plot, trace: dict, series: int) -> list[str]:
    """Bars 70 % as wide as the closest pair of x values; missing values are gaps."""
    out = []
    marker = trace.get("marker", {})
    x, y = plot.x, plot.y
    assert y is not None  # only a figure of horizontal bars has no value axis for y
    xs = trace["x"]
    bar_width = abs(x(_bar_spacing(xs)) - x(0)) * 0.7
    for i, value in enumerate(trace["y"]):
        if value is None:
            continue
        base = trace.get("base", [0] * len(xs))[i] if isinstance(trace.get("base"), list) else trace.get("base", 0)
        y0, y1 = y(base), y(base + value)
        color = _color_at(marker.get("color"), i, "var(--chart-1)")
        out.append(f'<rect x="{_n(x(xs[i]) - bar_width / 2)}" y="{_n(min(y0, y1))}" width="{_n(bar_width)}" '
                   f'height="{_n(abs(y1 - y0))}" style="fill:{_paint(color)}" data-series="{series}"/>')
    return out


def _scatter(plot: _Plot, trace: dict, series: int) -> list[str]:
    """A polyline and/or markers; missing values are skipped."""
    out = []
    marker, line = trace.get("marker", {}), trace.get("line", {})
    color = line.get("color") or marker.get("color") or "var(--chart-1)"
    y = plot.y
    assert y is not None  # only a figure of horizontal bars (no lines) has no value axis for y
    points = [(plot.x(a), y(b)) for a, b in zip(trace["x"], trace["y"]) if b is not None]
    mode = trace.get("mode", "lines+markers")
    if "lines" in mode and len(points) > 1:
        dash = DASHES.get(line.get("dash", "solid"), "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in points)}" fill="none" '
                   f'style="stroke:{_paint(color)}" stroke-width="{line.get("width", 2.5)}"{dash_attr} data-series="{series}"/>')
    if "markers" in mode:
        out.extend(_marker(a, b, marker.get("symbol", "circle"), color, f' data-series="{series}"') for a, b in points)
    return out


def _series(plot: _Plot, traces: list[dict]) -> list[str]:
    """Every trace in figure order, so later traces paint over earlier ones as in Plotly."""
    out = []
    for series, trace in enumerate(traces):  # data-series: the trace's index in the figure (tests match them up)
        if trace.get("type") == "bar" and plot.y is None:
            out += _horizontal_bars(plot, trace, series)
        elif trace.get("type") == "bar":
            out += _vertical_bars(plot, trace, series)
        elif trace.get("type") == "scatter":
            out += _scatter(plot, trace, series)
    return out


def _along(ref: str | None, value: float, low: float, high: float, axis: _Axis | None) -> float:
    if ref == "paper" or axis is None:  # a fraction of the plot area
        return low + value * (high - low)
    return axis(value)


def _shapes(plot: _Plot, shapes: list[dict]) -> list[str]:
    """Target and baseline lines; other shape types are not drawn."""
    out = []
    for shape in shapes:
        if shape.get("type") != "line":
            continue
        sx0 = _along(shape.get("xref"), shape["x0"], plot.left, plot.right, plot.x)
        sx1 = _along(shape.get("xref"), shape["x1"], plot.left, plot.right, plot.x)
        sy0 = _along(shape.get("yref"), shape["y0"], plot.bottom, plot.top, plot.y)
        sy1 = _along(shape.get("yref"), shape["y1"], plot.bottom, plot.top, plot.y)
        dash = DASHES.get(shape.get("line", {}).get("dash", "dash"), "")
        out.append(f'<line x1="{_n(sx0)}" x2="{_n(sx1)}" y1="{_n(sy0)}" y2="{_n(sy1)}" '
                   f'style="stroke:{_paint(shape.get("line", {}).get("color", "currentColor"))}" stroke-width="2" stroke-dasharray="{dash}"/>')
    return out


def _annotations(plot: _Plot, notes: list[dict]) -> list[str]:
    """Notes (e.g. the gap to a target, the sample mark), placed like Plotly's: data or paper coordinates,
    with their own font size and opacity."""
    out = []
    for note in notes:
        ax = _along(note.get("xref"), note["x"], plot.left, plot.right, plot.x)
        ay = _along(note.get("yref"), note["y"], plot.bottom, plot.top, plot.y)
        anchor = {"left": "start", "right": "end"}.get(note.get("xanchor", "center"), "middle")
        size = note.get("font", {}).get("size", FONT_SIZE)
        dy = -6 if note.get("yanchor") == "bottom" else round(size * 0.3)
        extra = ' font-weight="bold"' + (f' font-size="{size}"' if size != FONT_SIZE else "")
        extra += f' opacity="{note["opacity"]}"' if "opacity" in note else ""
        out.append(_text(ax - (6 if anchor == "end" else 0), ay + dy, note["text"], anchor=anchor, extra=extra))
    return out


def _legend_entry(cursor: float, y0: float, trace: dict) -> list[str]:
    """Swatch with the trace's own dash and marker, so colour is never the only cue."""
    out = []
    color = trace.get("line", {}).get("color") or trace.get("marker", {}).get("color") or "var(--chart-1)"
    if isinstance(color, list):
        color = color[0]
    mode = trace.get("mode", "lines" if trace.get("type") == "scatter" else "")
    if trace.get("type") == "bar":
        out.append(f'<rect x="{_n(cursor)}" y="{_n(y0 - 6)}" width="24" height="12" style="fill:{_paint(color)}"/>')
    elif "lines" in mode:
        dash = DASHES.get(trace.get("line", {}).get("dash", "solid"), "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{_n(cursor)}" x2="{_n(cursor + 24)}" y1="{_n(y0)}" y2="{_n(y0)}" style="stroke:{_paint(color)}" stroke-width="3"{dash_attr}/>')
    if "markers" in mode:
        out.append(_marker(cursor + 12, y0, trace.get("marker", {}).get("symbol", "circle"), color))
    out.append(_text(cursor + 30, y0 + 4, trace["name"]))
    return out


def _legend(plot: _Plot) -> list[str]:
    return [part for row_index, row in enumerate(plot.legend)
            for cursor, trace in row for part in _legend_entry(cursor, 12 + 22 * row_index, trace)]


def render_svg(figure: dict, *, title: str, description: str, chart_id: str, width: int = WIDTH) -> str:
    """SVG markup for a figure, sized by the layout height and `width`."""
    layout = figure["layout"]
    plot = _layout(figure, width)
    out = _svg_open(plot, title=title, description=description, chart_id=chart_id)
    out += _axes(plot, layout)
    out += _series(plot, figure["data"])
    out += _shapes(plot, layout.get("shapes", []))
    out += _annotations(plot, layout.get("annotations", []))
    out += _legend(plot)
    out.append("</svg>")
    return "".join(out)


def _marker(x: float, y: float, symbol: str, color: str, extra: str = "") -> str:
    style = f'style="fill:{_paint(color)}"{extra}'
    if symbol == "square":
        return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" {style}/>'
    if symbol == "diamond":
        return f'<path d="M{_n(x)} {_n(y - 5)}L{_n(x + 5)} {_n(y)}L{_n(x)} {_n(y + 5)}L{_n(x - 5)} {_n(y)}Z" {style}/>'
    if symbol == "triangle-up":
        return f'<path d="M{_n(x)} {_n(y - 5)}L{_n(x + 5)} {_n(y + 4)}L{_n(x - 5)} {_n(y + 4)}Z" {style}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" {style}/>'
