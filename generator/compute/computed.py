"""The compute stage: progress of every KPI (now and as of each reviewed year) and the population projections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from generator.compute.progress import Progress, evaluate
from generator.compute.projection import DECLINE_BAND, decline_stage
from generator.compute.scenarios import ScenarioResult, run_scenarios
from generator.model.project import Project
from generator.model.strategy import CityStrategy, Kpi
from generator.text.memo import remembered


@dataclass(frozen=True)
class Computed:
    latest: dict[str, Progress]  # by KPI id, with every actual known
    reviews: dict[int, dict[str, Progress]]  # fiscal year → KPI id → progress as of that year
    kpis_by_goal: dict[str, list[Kpi]]  # goal id → its KPIs: 数値目標 first, then by measure order
    population: dict[str, ScenarioResult] = field(default_factory=dict)  # scenario id → projection
    population_sample: bool = False  # an input of the projections is a sample
    # Per scenario: (name, status of its projection (compute/provenance.py),
    # [(year, stage of population decline, 65+ index against the base year)]).
    decline_stages: list[tuple[str, str, list[tuple[int, int, float]]]] = field(default_factory=list)
    decline_band: float = DECLINE_BAND  # the 第2段階 band used: vision.yml's decline_band, else the site's own default
    overall: list[Kpi] = field(default_factory=list)  # strategy-level indicators (全体目標), in printed order


def printed_order(strategy: CityStrategy, kpis: dict[str, Kpi]) -> list[Kpi]:
    """As the strategy prints them: 数値目標 first, then by measure, then by the printed order (else file name)."""
    measure_order = {m.id: i for goal in strategy.goals for i, m in enumerate(goal.measures)}

    def key(k: Kpi) -> tuple:
        return (k.kind != "数値目標", measure_order.get(k.measure or "", -1), k.order is None, k.order or 0, k.id)

    return sorted(kpis.values(), key=key)


def order_kpis(strategy: CityStrategy, kpis: dict[str, Kpi]) -> dict[str, list[Kpi]]:
    """Each goal's KPIs in printed order (strategy-level indicators belong to no goal)."""
    ordered: dict[str, list[Kpi]] = {goal.id: [] for goal in strategy.goals}
    for kpi in printed_order(strategy, kpis):
        if kpi.goal is not None:
            ordered[kpi.goal].append(kpi)
    return ordered


def review_years(strategy: CityStrategy, kpis: dict[str, Kpi]) -> list[int]:
    """Fiscal years of the plan for which at least one actual is known."""
    years = {a.year for kpi in kpis.values() for a in kpi.actuals}
    return [fy for fy in range(strategy.start_fy, strategy.end_fy + 1) if any(y <= fy for y in years) and fy <= max(years, default=0)]


def compute(strategy: CityStrategy, kpis: dict[str, Kpi], frozen_years: Iterable[int] = ()) -> Computed:
    """Progress now and per reviewed year: every year with actuals, and every finalised (frozen) year of the plan,
    whose page stays even when later data changes (it then shows today's figures as corrections)."""
    rule, start = strategy.evaluation, strategy.start_fy
    latest = {kpi_id: evaluate(kpi, rule, start) for kpi_id, kpi in kpis.items()}
    frozen = {fy for fy in frozen_years if strategy.start_fy <= fy <= strategy.end_fy}
    reviews = {fy: {kpi_id: evaluate(kpi, rule, start, as_of=fy) for kpi_id, kpi in kpis.items()}
               for fy in sorted(frozen.union(review_years(strategy, kpis)))}
    overall = [kpi for kpi in printed_order(strategy, kpis) if kpi.kind == "全体目標"]
    return Computed(latest, reviews, order_kpis(strategy, kpis), overall=overall)


def population_sample(project: Project) -> bool:
    """Projections are samples while any input of them is."""
    vision = project.vision
    # Called only for a city with a population vision, whose tables come with vision.yml.
    assert vision is not None and project.base_population is not None and project.assumptions is not None
    return (any(r.status == "sample" for r in project.base_population + project.assumptions)
            or any(f.sample for f in vision.fertility) or any(s.sample for s in vision.scenarios))


def decline_band(project: Project) -> float:
    """The 第2段階 band as a fraction: the data's (with its source) when given, else the site's own default."""
    band = project.vision.decline_band if project.vision is not None else None
    return band.percent / 100 if band is not None else DECLINE_BAND


def decline_stages(project: Project, results: dict[str, ScenarioResult]) -> list[tuple[str, str, list[tuple[int, int, float]]]]:
    """Per scenario: its name, the status of its projection and (year, stage, 65+ index against the base year)
    for each step after the base (the stages are computed from the projection, so they share its status)."""
    vision = project.vision
    assert vision is not None  # called only for a city with a population vision
    band = decline_band(project)
    rows = []
    for result in results.values():
        base = result.populations[vision.base_year]
        steps = []
        for year, population in sorted(result.populations.items()):
            if year == vision.base_year:
                continue
            elderly = population.count(65) / base.count(65) * 100 if base.count(65) else 0.0
            steps.append((year, decline_stage(base, population, band), elderly))
        rows.append((result.scenario.name, result.status, steps))
    return rows


def compute_project(project: Project) -> Computed:
    """Everything the pages need that is calculated: KPI progress and population projections.

    Raises ProjectionError when the population data cannot be projected (the
    pipeline reports it as a data problem).
    """
    computed = compute(project.strategy, project.kpis, project.review_snapshots)
    if project.vision is None:  # a city without a population vision yet
        return computed
    assert project.base_population is not None and project.assumptions is not None  # read with vision.yml
    vision, base, assumptions = project.vision, project.base_population, project.assumptions
    # A KPI's edit leaves these inputs as they were: the preview projects again only when one of them changed (text/memo.py).
    population = remembered("population", lambda: repr((vision, base, assumptions)), lambda: run_scenarios(vision, base, assumptions))
    return replace(computed, population=population, population_sample=population_sample(project),
                   decline_stages=decline_stages(project, population), decline_band=decline_band(project))
