"""The Jinja environment: Markdown-escaping finalize, filters and the helpers templates call.

Every `{{ value }}` in a template is escaped by `finalize`, so text from YAML
can never become Markdown, HTML or template code; pre-rendered pieces opt out
explicitly by being `Markup`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.charts.kpi import COMPARED_VALUE, year_text
from generator.compute.periods import final_reached
from generator.compute.provenance import is_sample as is_sample_status
from generator.model.base import has_samples
from generator.render.chart_block import chart_block
from generator.render.figures import chart_svg
from generator.render.formulas import formula_text
from generator.render.html_table import kpi_table
from generator.render.kpi_text import (
    compared_text,
    grade_mark,
    grade_mark_of,
    result_text,
    sample_badge,
    target_amount,
    value_text,
)
from generator.render.links import size_label, source_text
from generator.render.review_rows import attention_rows, review_table
from generator.text import eras
from generator.text.eras import date_label
from generator.text.markdown import escape_markdown, join_lines, table_cell
from generator.text.numbers import format_number


def _finalize(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_markdown(value))


def make_environment(cache_dir: Path | None = None) -> Environment:
    """The Jinja environment; with `cache_dir`, compiled templates are reused across builds."""
    bytecode_cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    env = Environment(
        bytecode_cache=bytecode_cache,
        loader=PackageLoader("generator.render", "templates"),
        # autoescape makes macro output Markup (not escaped twice); the actual
        # escaping, for Markdown rather than HTML, is done by _finalize.
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda value: Markup(table_cell(value))
    env.filters["fy"] = eras.fiscal_year_label
    env.filters["link"] = lambda value: Markup(str(value).replace(" ", "%20").replace(")", "%29"))
    env.filters["year"] = eras.year_label
    env.filters["fy_range"] = eras.fiscal_year_range_label
    env.filters["raw_attr"] = lambda value: Markup(str(value).replace('"', "&quot;"))
    env.globals["source_text"] = source_text
    env.globals["formula_text"] = formula_text
    env.globals["kpi_table"] = kpi_table  # finished HTML tables (render/html_table.py)
    env.globals["review_table"] = review_table
    env.globals["attention_rows"] = attention_rows
    env.globals["value_text"] = value_text
    env.globals["target_amount"] = target_amount
    env.globals["compared_text"] = compared_text
    env.globals["sample_badge"] = sample_badge
    env.globals["grade_mark_html"] = grade_mark
    env.globals["grade_mark_of"] = grade_mark_of
    env.globals["year_text"] = year_text
    env.globals["has_samples"] = has_samples
    # A computed value's status (compute/provenance.py) that is, or comes from, a sample: `status is sample_status`.
    env.tests["sample_status"] = is_sample_status
    env.globals["final_reached"] = final_reached
    env.globals["result_text"] = result_text
    env.globals["compared_value"] = COMPARED_VALUE
    env.globals["format_number"] = format_number
    env.globals["chart_svg"] = chart_svg
    env.globals["chart_html"] = chart_block
    env.globals["size_label"] = size_label
    env.globals["fiscal_year_of"] = eras.fiscal_year_of
    # Front matter (title, description) reaches <title>, <meta content="…"> and the menu unescaped by the theme:
    # the text goes in HTML-escaped, so a name with < > & " is shown, never parsed as markup.
    env.filters["yaml_str"] = lambda value: Markup(json.dumps(html.escape(join_lines(str(value))), ensure_ascii=False))
    env.filters["date"] = lambda d: date_label(d.year, d.month, d.day)
    return env
