"""A tiny population vision to calculate by hand: 11 age groups (0-4 … 45-49 and 50+), one period of rates.

Eleven groups are the fewest the method allows: the child-woman ratio needs the women aged 15-49 in
closed 5-year groups. Everything not given is 0 people, survival 1 and net migration 0, so a test
writes only the numbers its arithmetic uses.
"""

from __future__ import annotations

from generator.model.population import AgeSexRow, AssumptionRow, PopulationVision, age_groups

GROUPS = age_groups(50)


def base_rows(male: dict[str, float] | None = None, female: dict[str, float] | None = None) -> list[AgeSexRow]:
    male, female = male or {}, female or {}
    return [AgeSexRow.model_validate({"age": g, "male": male.get(g, 0), "female": female.get(g, 0), "status": "sample",
                                      "source": "手計算用"}) for g in GROUPS]


def assumption_rows(period: int = 2020, **rates: tuple[float, float]) -> list[AssumptionRow]:
    """Rows of one period; `rates` maps an age group written with _ (age_45_49, age_50) to (survival, migration),
    the same for both sexes, or give `male_<age>` / `female_<age>` for one sex."""
    rows = []
    for group in GROUPS:
        key = "age_" + group.replace("-", "_").replace("+", "")
        both = rates.get(key, (1.0, 0.0))
        male, female = rates.get("male_" + key, both), rates.get("female_" + key, both)
        rows.append(AssumptionRow.model_validate({
            "period": period, "age": group, "survival_male": male[0], "survival_female": female[0],
            "migration_male": male[1], "migration_female": female[1], "status": "sample", "source": "手計算用"}))
    return rows


def vision(scenarios: list[dict], cwr: float = 0.2, sex_ratio: float = 100, base_tfr: float = 1.0,
           base_year: int = 2020, horizon_year: int = 2060) -> PopulationVision:
    return PopulationVision.model_validate({
        "name": "手計算の人口ビジョン", "base_year": base_year, "horizon_year": horizon_year, "updated": "2026-01-01",
        "current_text": ["t"], "projection_text": ["t"], "outlook_text": ["t"],
        "fertility": [{"period": base_year, "child_woman_ratio": cwr, "sex_ratio_0_4": sex_ratio, "base_tfr": base_tfr}],
        "scenarios": [{"name": s["id"], "description": "d", **s} for s in scenarios],
        "target_scenario": scenarios[-1]["id"],
    })
