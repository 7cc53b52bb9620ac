"""Projections a planner's typo makes absurd: warnings located on the scenario, naming the likely cause.

A projection can be arithmetically valid and still absurd (net migration +5.0 at every age
gives hundreds of billions of people by the horizon): such results are warned about, never
published silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.compute.scenarios import ScenarioResult
from generator.model.population import PopulationVision
from generator.problems import Severity

# Growth over the whole horizon beyond these factors is far outside any municipal projection.
MAX_GROWTH, MIN_GROWTH = 3.0, 0.2


def implausible_projections(vision: PopulationVision, results: dict[str, ScenarioResult]) -> Iterator[Finding]:
    for index, scenario in enumerate(vision.scenarios):
        result = results.get(scenario.id)
        if result is None:
            continue
        base, last = result.populations[vision.base_year].total, result.populations[vision.horizon_year].total
        if base <= 0:
            continue
        growth = last / base
        if growth > MAX_GROWTH or growth < MIN_GROWTH:
            yield Finding(
                "vision", ("scenarios", index),
                f"シナリオ「{scenario.name}」の{vision.horizon_year}年の総人口 {last:,.0f} 人は、基準年 {base:,.0f} 人の"
                f"{growth:.2g}倍です（{MIN_GROWTH:g}〜{MAX_GROWTH:g}倍の外）。",
                "assumptions.csv の純移動率・生残率（桁や符号の誤り）と、vision.yml の出生率・子ども女性比を確かめてください。",
                Severity.WARNING, code="W-PROJECTION-IMPLAUSIBLE",
            )
