"""Large tables (a review's KPI rows, the KPI tables of the dashboard and the goal pages) as finished HTML.

Written as Markdown tables, their thousands of cells were parsed by Python-Markdown at every build, and at every
save in the preview. Here they are the same HTML that Python-Markdown made of them (numbers right-aligned,
`<th>` in `<thead>`), in the ```chart fence (site/fences.py) that passes it through untouched. Cell text is
escaped as everywhere (text/markdown.py: HTML entities, shown literally); links are the finished relative URLs
that MkDocs would have made of the `.md` links (directory URLs), since nothing rewrites links inside the fence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from generator.compute.progress import Progress
from generator.model.strategy import Kpi
from generator.render.chart_block import FENCE
from generator.render.kpi_text import kpi_cells

RIGHT = ' style="text-align: right;"'


def html_table(headers: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str]]) -> Markup:
    """A table: `headers` are (escaped text, right-aligned); each row's cells are finished, escaped HTML."""
    align = [RIGHT if right else "" for _, right in headers]
    head = "\n".join(f"<th{a}>{text}</th>" for (text, _), a in zip(headers, align))
    body = "\n".join("<tr>\n" + "\n".join(f"<td{a}>{cell}</td>" for cell, a in zip(row, align)) + "\n</tr>" for row in rows)
    return Markup(f"{FENCE}\n<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>\n```")


KPI_HEADERS = (("指標", False), ("種類", False), ("基準値", True), ("実績", True), ("目標値", True), ("進捗率", True), ("評価", False))


def kpi_table(kpis: Iterable[Kpi], latest: Mapping[str, Progress], page_path: str) -> Markup:
    """A KPI table (dashboard, goal pages): name (linked), kind, baseline, actual, target, progress, grade."""
    return html_table(KPI_HEADERS, (kpi_cells(kpi, latest[kpi.id], page_path) for kpi in kpis))
