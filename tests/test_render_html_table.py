"""The large tables as finished HTML (render/html_table.py): the HTML Python-Markdown made of the Markdown tables,
escaped cells, links with the URLs MkDocs would have made, in the fence that passes it through."""

from dataclasses import replace
from pathlib import Path

from generator.compute.computed import compute_project
from generator.pipeline import load_project
from generator.render.html_table import html_table, kpi_table
from generator.render.links import page_link
from generator.render.review_rows import attention_rows, review_table, shown_rows

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


def fixture():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    return project, compute_project(project)


def test_a_table_is_the_html_python_markdown_made_of_a_markdown_table_in_the_fence():
    table = html_table((("名前", False), ("値", True)), [["a", "1"], ["b", "2"]])
    assert table == ("```chart\n<table>\n<thead>\n<tr>\n<th>名前</th>\n<th style=\"text-align: right;\">値</th>\n</tr>\n</thead>\n"
                     "<tbody>\n<tr>\n<td>a</td>\n<td style=\"text-align: right;\">1</td>\n</tr>\n"
                     "<tr>\n<td>b</td>\n<td style=\"text-align: right;\">2</td>\n</tr>\n</tbody>\n</table>\n```")


def test_page_links_are_the_relative_directory_urls_mkdocs_makes():
    assert page_link("kpis/index.md", "kpis/kpi-1.md", "x") == '<a href="kpi-1/">x</a>'
    assert page_link("reviews/2023.md", "kpis/kpi-1.md", "x") == '<a href="../../kpis/kpi-1/">x</a>'
    assert page_link("strategy/goals/goal-1.md", "kpis/kpi-1.md", "x") == '<a href="../../../kpis/kpi-1/">x</a>'
    assert page_link("index.md", "kpis/kpi-1.md", "x") == '<a href="kpis/kpi-1/">x</a>'


def test_kpi_table_escapes_the_names_and_links_each_kpi():
    project, computed = fixture()
    kpi = next(iter(project.kpis.values()))
    tricky = kpi.model_copy(update={"name": "<script>|[x](y)"})
    table = kpi_table([tricky], computed.latest, "kpis/index.md")
    assert "<script>" not in table and "&lt;script&gt;&#124;&#91;x&#93;(y)" in table
    assert f'<a href="{kpi.id}/">' in table
    assert table.count("<tr>") == 2 and 'data-grade="' in table


def test_review_table_links_kpis_still_in_the_data_and_shows_the_year_only_in_the_full_table():
    project, computed = fixture()
    rows = shown_rows(project, computed, 2024)
    full, attention = review_table(rows, "reviews/2024.md"), attention_rows(rows, ["C", "D"])
    assert full.count("<tr>") == len(rows) + 1
    assert all(f'<a href="../../kpis/{shown.row.kpi}/">' in full for shown in rows)
    online = next(shown for shown in rows if shown.row.kpi == "kpi-x2-online")
    assert "104件（令和6(2024)年度）" in review_table([online], "reviews/2024.md")
    assert "104件</td>" in review_table([online], "reviews/2024.md", with_year=False)
    assert all(shown.row.grade in ("C", "D") or not shown.row.measurable for shown in attention)
    gone = replace(online, linked=False, correction="訂正: <b>")
    cell = review_table([gone], "reviews/2024.md")
    assert "<a " not in cell and '<span class="correction">訂正: &lt;b&gt;</span>' in cell
