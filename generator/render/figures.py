"""Every chart of the site (the chart registry), its figure JSON, CSV and static SVG."""

from __future__ import annotations

from markupsafe import Markup

from generator.charts import figure_json
from generator.charts import population as population_charts
from generator.charts.kpi import kpi_chart
from generator.charts.model import Chart
from generator.charts.review import frozen_review_chart, review_chart
from generator.charts.svg import NARROW_WIDTH, WIDTH, render_svg
from generator.charts.timeline import plan_period_chart
from generator.compute.computed import Computed
from generator.model.project import Project
from generator.text.memo import remembered

FIGURE_DIR = "assets/figures"
DATA_DIR = "assets/data"


def charts(project: Project, computed: Computed) -> dict[str, Chart]:
    """Every chart of the site, by id."""
    found = [plan_period_chart(project.plan_periods)]
    found += [kpi_chart(kpi, computed.latest[kpi.id]) for kpi in project.kpis.values()]
    latest_update = max([k.updated for k in project.kpis.values()], default=project.plan_periods.updated)
    found += [frozen_review_chart(project.review_snapshots[fy], project.strategy) if fy in project.review_snapshots
              else review_chart(fy, project.strategy, computed.kpis_by_goal, progress, latest_update, computed.overall)
              for fy, progress in computed.reviews.items()]
    if project.vision is not None:
        found += population_chart_list(project, computed)
    return {chart.id: chart for chart in found}


PYRAMID_YEARS = (2040,)  # besides the base and horizon years


def pyramid_years(project: Project) -> list[int]:
    vision = project.vision
    assert vision is not None  # called only for a city with a population vision
    return sorted({vision.base_year, *(y for y in PYRAMID_YEARS if vision.base_year < y < vision.horizon_year), vision.horizon_year})


def population_chart_list(project: Project, computed: Computed) -> list[Chart]:
    vision, results = project.vision, computed.population
    # Called only for a city with a population vision, whose tables come with vision.yml.
    assert vision is not None and project.census is not None and project.vital is not None and project.tfr is not None
    updated, sample = vision.updated, computed.population_sample
    baseline = results[vision.scenarios[0].id]
    target = results[vision.target_scenario]
    found = [
        population_charts.history_chart(project.census, baseline, updated, sample),
        population_charts.age_structure_chart(baseline, updated, sample),
        population_charts.vital_chart(project.vital, updated),
        population_charts.migration_chart(project.vital, updated),
        population_charts.natural_social_chart(project.vital, updated),
        population_charts.tfr_chart(project.tfr, updated, project.site.city),
        population_charts.scenario_chart(results, updated, sample),
        population_charts.target_chart(baseline, target, updated, sample or target.scenario.sample),
    ]
    assert project.base_population is not None  # read with vision.yml
    # The base year's pyramid is the base population as read (each row with its own status), the others are projected.
    found += [population_charts.base_pyramid_chart(project.base_population, baseline.populations[year], year, updated,
                                                   f"population-pyramid-{year}") if year == vision.base_year else
              population_charts.pyramid_chart(baseline.populations[year], year, baseline.scenario.name, updated, sample,
                                              f"population-pyramid-{year}", status=baseline.status)
              for year in pyramid_years(project)]
    found += [population_charts.pyramid_chart(target.populations[year], year, target.scenario.name, updated, sample or target.scenario.sample,
                                              f"population-target-pyramid-{year}", status=target.status)
              for year in pyramid_years(project) if year > vision.base_year]
    return found


def chart_files(all_charts: dict[str, Chart]) -> dict[str, str | bytes]:
    """Figure JSON (for Plotly) and CSV (for readers) of every chart."""
    files: dict[str, str | bytes] = {}
    for chart in all_charts.values():
        files[f"{FIGURE_DIR}/{chart.id}.json"] = published_figure(chart)
        files[f"{DATA_DIR}/{chart.id}.csv"] = chart.table.to_csv()
    return files


def published_figure(chart: Chart) -> str:
    """The chart's figure JSON (in the preview, made again only when the figure changed)."""
    figure = chart.shown_figure
    return remembered("figure", lambda: repr(figure), lambda: figure_json(figure) + "\n")


def chart_svg(chart: Chart) -> Markup:
    """Two static images: CSS shows the narrow one on phones, the wide one elsewhere and in print."""
    return Markup("".join(
        render_svg(chart.shown_figure, title=chart.title, description=chart.shown_summary, chart_id=chart.id, width=width)
        for width in (WIDTH, NARROW_WIDTH)
    ))
