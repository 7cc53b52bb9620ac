"""From validated population data to projections for every scenario.

Pure functions around projection.py: build the base table and the base
assumptions from the CSV rows, derive each scenario's assumptions (fertility
path, migration balance), and project to the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.compute.projection import (
    STEP,
    PeriodAssumptions,
    Population,
    extend_assumptions,
    project,
    tfr_path,
    with_fertility,
    with_zero_migration,
)
from generator.compute.provenance import CONFIRMED, DERIVED_STATUSES, SAMPLE, UNCHECKED, derived, is_sample, status_of
from generator.model.base import Source
from generator.model.population import (
    AgeSexRow,
    AssumptionRow,
    PopulationVision,
    Scenario,
)


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    populations: dict[int, Population]  # every 5 years from the base year to the horizon
    tfr: dict[int, float]  # the TFR path behind its births (end year of each step)
    # How far the projection can be trusted: the weakest status of its inputs, as computed (compute/provenance.py).
    status: str = DERIVED_STATUSES[CONFIRMED]

    @property
    def sample(self) -> bool:
        """Whether the projection is computed from values that include a sample (its name is then marked)."""
        return is_sample(self.status)

    @property
    def shown(self) -> dict[int, Population]:
        """Every year's population as pages, tables, downloads and the PDF show it (`Population.shown`: whole people,
        every total the sum of the cells shown)."""
        return {year: population.shown() for year, population in self.populations.items()}


def base_table(rows: list[AgeSexRow]) -> Population:
    return Population(tuple(r.age for r in rows), tuple(r.male for r in rows), tuple(r.female for r in rows))


def fertility_for(vision: PopulationVision, period: int):
    """The fertility entry in force for a period (the latest one starting at or before it)."""
    entries = sorted(vision.fertility, key=lambda f: f.period)
    candidates = [f for f in entries if f.period <= period]
    return candidates[-1] if candidates else entries[0]


def base_assumptions(vision: PopulationVision, rows: list[AssumptionRow], groups: tuple[str, ...]) -> dict[int, PeriodAssumptions]:
    by_period: dict[int, dict[str, AssumptionRow]] = {}
    for row in rows:
        by_period.setdefault(row.period, {})[row.age] = row
    result = {}
    for period, ages in sorted(by_period.items()):
        ordered = [ages[group] for group in groups]  # checks guarantee every group is there
        fertility = fertility_for(vision, period)
        result[period] = PeriodAssumptions(
            groups=groups,
            survival_male=tuple(r.survival_male for r in ordered),
            survival_female=tuple(r.survival_female for r in ordered),
            migration_male=tuple(r.migration_male for r in ordered),
            migration_female=tuple(r.migration_female for r in ordered),
            child_woman_ratio=fertility.child_woman_ratio,
            sex_ratio_0_4=fertility.sex_ratio_0_4,
        )
    return result


def base_tfr_path(vision: PopulationVision) -> dict[int, float]:
    years = range(vision.base_year, vision.horizon_year + 1, STEP)
    return {year: fertility_for(vision, year - STEP).base_tfr for year in years}


def lineage(vision: PopulationVision, scenario: Scenario) -> list[Scenario]:
    """The scenario, then its parent (based_on), then the parent's parent, and so on."""
    scenarios = {s.id: s for s in vision.scenarios}
    chain = [scenario]
    while chain[-1].based_on:
        chain.append(scenarios[chain[-1].based_on])
    return chain


def _stated_status(sample: bool, source: Source | None) -> str:
    """A value of vision.yml: a sample, unchecked when its source needs a check, else as stated."""
    if sample:
        return SAMPLE
    return UNCHECKED if source is not None and source.needs_check else CONFIRMED


def projection_status(vision: PopulationVision, scenario: Scenario, base_rows: list[AgeSexRow],
                      assumption_rows: list[AssumptionRow]) -> str:
    """The status of a scenario's projection: computed from the base table, the assumptions, the fertility entries and
    the scenario with its parents, it inherits the weakest of their statuses (算出（見本を含む） when one is a sample)."""
    statuses = [status_of(row.status) for row in base_rows] + [status_of(row.status) for row in assumption_rows]
    statuses += [_stated_status(entry.sample, entry.source) for entry in vision.fertility]
    statuses += [_stated_status(step.sample, step.source) for step in lineage(vision, scenario)]
    return derived(statuses)


def scenario_assumptions(
    vision: PopulationVision, scenario: Scenario, base: dict[int, PeriodAssumptions]
) -> tuple[dict[int, PeriodAssumptions], dict[int, float]]:
    """A scenario's assumptions and TFR path, applying its parents first (based_on)."""
    chain = lineage(vision, scenario)
    # Every period (held ones too) takes the fertility entry in force for it, so a
    # later entry changes both the CWR and the base TFR that scenarios scale from.
    assumptions = {
        start: replace(period, child_woman_ratio=fertility_for(vision, start).child_woman_ratio,
                       sex_ratio_0_4=fertility_for(vision, start).sex_ratio_0_4)
        for start, period in extend_assumptions(base, vision.horizon_year).items()
    }
    base_path = base_tfr_path(vision)
    path = dict(base_path)
    for step in reversed(chain):  # oldest ancestor first
        if step.tfr_anchors:
            anchors = {vision.base_year: base_path[vision.base_year]} | {int(y): v for y, v in step.tfr_anchors.items()}
            path = tfr_path(anchors, base_path.keys())
        if step.zero_migration_from is not None:
            assumptions = with_zero_migration(assumptions, step.zero_migration_from, tuple(step.zero_migration_ages) or None)
    if path != base_path:
        assumptions = with_fertility(assumptions, base_path, path)
    return assumptions, path


def run_scenarios(vision: PopulationVision, base_rows: list[AgeSexRow], assumption_rows: list[AssumptionRow]) -> dict[str, ScenarioResult]:
    base = base_table(base_rows)
    assumptions = base_assumptions(vision, assumption_rows, base.groups)
    results = {}
    for scenario in vision.scenarios:
        scenario_rules, path = scenario_assumptions(vision, scenario, assumptions)
        populations = project(vision.base_year, base, scenario_rules, until=vision.horizon_year)
        results[scenario.id] = ScenarioResult(scenario, populations, path,
                                              projection_status(vision, scenario, base_rows, assumption_rows))
    return results
