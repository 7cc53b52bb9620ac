"""Charts as pure functions: validated data in, a Plotly figure dict out.

No Plotly Python objects (they embed a whole template in every figure) and no
random ids, so the same data always gives byte-identical figure JSON.
"""

from __future__ import annotations

import html
import json

# Okabe–Ito based colours, each ≥ 3:1 against white; bars also carry text labels
# so that colour is never the only cue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8F6A00", "#56B4E9")
FONT_FAMILY = "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic', sans-serif"


def plotly_text(value: object) -> str:
    """Plotly reads a small HTML subset in labels: YAML text must not become markup."""
    return html.escape(str(value), quote=False)


def figure_json(figure: dict) -> str:
    """Canonical JSON for a figure: sorted keys, so output is reproducible."""
    return json.dumps(figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
