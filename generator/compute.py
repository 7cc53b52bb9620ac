"""The compute phase: progress of every KPI, now and as of each reviewed year."""

from __future__ import annotations

from dataclasses import dataclass, field

from .population.scenarios import ScenarioResult, run_scenarios
from .progress import Progress, evaluate
from .strategy_models import CityStrategy, Goal, Kpi


@dataclass(frozen=True)
class Computed:
    latest: dict[str, Progress]  # by KPI id, with every actual known
    reviews: dict[int, dict[str, Progress]]  # fiscal year → KPI id → progress as of that year
    kpis_by_goal: dict[str, list[Kpi]]  # goal id → its KPIs: 数値目標 first, then by measure order
    population: dict[str, ScenarioResult] = field(default_factory=dict)  # scenario id → projection


def order_kpis(strategy: CityStrategy, kpis: dict[str, Kpi]) -> dict[str, list[Kpi]]:
    measure_order = {m.id: i for goal in strategy.goals for i, m in enumerate(goal.measures)}
    ordered: dict[str, list[Kpi]] = {goal.id: [] for goal in strategy.goals}
    for kpi in sorted(kpis.values(), key=lambda k: (k.kind != "数値目標", measure_order.get(k.measure or "", -1), k.id)):
        ordered[kpi.goal].append(kpi)
    return ordered


def review_years(strategy: CityStrategy, kpis: dict[str, Kpi]) -> list[int]:
    """Fiscal years of the plan for which at least one actual is known."""
    years = {a.year for kpi in kpis.values() for a in kpi.actuals}
    return [fy for fy in range(strategy.start_fy, strategy.end_fy + 1) if any(y <= fy for y in years) and fy <= max(years, default=0)]


def compute(strategy: CityStrategy, kpis: dict[str, Kpi]) -> Computed:
    rule, start = strategy.evaluation, strategy.start_fy
    latest = {kpi_id: evaluate(kpi, rule, start) for kpi_id, kpi in kpis.items()}
    reviews = {fy: {kpi_id: evaluate(kpi, rule, start, as_of=fy) for kpi_id, kpi in kpis.items()}
               for fy in review_years(strategy, kpis)}
    return Computed(latest, reviews, order_kpis(strategy, kpis))


def goal_label(goal: Goal) -> str:
    return f"{goal.kind}{goal.number}"


def compute_project(project) -> Computed:
    """Everything the pages need that is calculated: KPI progress and population projections."""
    computed = compute(project.strategy, project.kpis)
    population = run_scenarios(project.vision, project.base_population, project.assumptions)
    return Computed(computed.latest, computed.reviews, computed.kpis_by_goal, population)
