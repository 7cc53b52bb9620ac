import json
from pathlib import Path

from generator.charts.model import SAMPLE_MARK
from generator.pipeline import validate
from generator.render.figures import FIGURE_DIR, chart_files, chart_svg, charts

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


def test_published_figures_and_static_charts_say_when_they_show_samples():
    """Issue 13: the figure JSON never said サンプル. A chart the page badges as a sample (or computed from one) says so
    in its figure, and its static SVG draws the same mark; a chart of real values carries none."""
    validated = validate(FIXTURE)
    found = charts(validated.project, validated.computed)
    files = chart_files(found)
    assert {chart.sample for chart in found.values()} == {True, False}  # the fixture has both kinds
    for chart in found.values():
        figure = json.loads(files[f"{FIGURE_DIR}/{chart.id}.json"])
        marks = [note for note in figure["layout"].get("annotations", []) if note["text"] == SAMPLE_MARK["text"]]
        assert len(marks) == (1 if chart.sample else 0), chart.id
        assert chart_svg(chart).count(f">{SAMPLE_MARK['text']}</text>") == (2 if chart.sample else 0), chart.id  # wide and narrow
    # Projections built from sample inputs are marked, as their badge is.
    assert validated.computed.population_sample and "見本" in files[f"{FIGURE_DIR}/population-age-structure.json"]
