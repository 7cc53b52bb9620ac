"""Charts as pure functions: validated data in, a Plotly figure dict out.

No Plotly Python objects (they embed a whole template in every figure) and no
random ids, so the same data always gives byte-identical figure JSON.
"""

from __future__ import annotations

import html
import json

# Colours are CSS variables defined per theme in docs/assets/stylesheets/extra.css
# (each ≥ 3:1 against its background; a test checks it). The static SVG uses them
# as they are; charts.js resolves them for Plotly and again on a theme switch.
# Bars also carry text labels and lines carry markers and dashes, so colour is
# never the only cue.
PALETTE = tuple(f"var(--chart-{n})" for n in range(1, 7))
ON_PALETTE = "var(--chart-on)"  # text drawn on a palette colour
FONT_FAMILY = "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic', sans-serif"


# Every chart: no mode bar, no "send to Plotly cloud", width follows the page.
PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True, "showSendToCloud": False}


def plotly_text(value: object) -> str:
    """Plotly reads a small HTML subset in labels: YAML text must not become markup."""
    return html.escape(str(value), quote=False)


def figure_json(figure: dict) -> str:
    """Canonical JSON for a figure: sorted keys, so output is reproducible."""
    return json.dumps(figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
