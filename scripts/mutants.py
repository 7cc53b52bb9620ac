"""A small mutation check: plant known bugs in the calculations and count how many the tests catch.

Each mutation replaces one exact piece of code; the tests of that module run against it
(stopping at the first failure); the file is always restored. Prints the score and writes it
to BENCHMARKS.md (section "Mutation check"). Not a test: it is slow and reports a figure.

    .venv/bin/python scripts/mutants.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECTION, SCENARIOS, PROGRESS = "generator/compute/projection.py", "generator/compute/scenarios.py", "generator/compute/progress.py"
POPULATION_TESTS = ["tests/test_compute_projection.py", "tests/test_compute_scenarios.py", "tests/test_charts_population.py"]
PROGRESS_TESTS = ["tests/test_compute_progress.py", "tests/test_render_formulas.py", "tests/test_site_other_city.py"]

# (file, code, mutated code, what the bug would be, tests to run)
MUTATIONS = [
    (PROJECTION, "moved.append(counts[last - 1] * ratios[last - 1] + counts[last] * ratios[last])",
     "moved.append(counts[last] * ratios[last])", "the open age group forgets the group entering it", POPULATION_TESTS),
    (PROJECTION, "return tuple(s + m for s, m in zip(survival, migration))",
     "return tuple(s * (1 + m) for s, m in zip(survival, migration))", "cohort change = s × (1 + m) instead of s + m", POPULATION_TESTS),
    (PROJECTION, "boys = children * ratio / (100.0 + ratio)", "boys = children * 100.0 / (100.0 + ratio)",
     "the sex ratio at birth applied the wrong way round", POPULATION_TESTS),
    (PROJECTION, "for i in _span(population.groups, 15, 49)", "for i in _span(population.groups, 15, 44)",
     "births from women 15–44 instead of 15–49", POPULATION_TESTS),
    (PROJECTION, "path[year] = v0 + (v1 - v0) * (year - y0) / (y1 - y0)", "path[year] = v0",
     "TFR held instead of interpolated between anchors", POPULATION_TESTS),
    (PROJECTION, "    if old_later >= old_base * (1 - band):\n        return 2", "    if old_later > old_base * (1 - band):\n        return 2",
     "the lower bound of 第2段階 excluded", POPULATION_TESTS),
    (SCENARIOS, "    for step in reversed(chain):  # oldest ancestor first", "    for step in [scenario]:",
     "a scenario drops its parents (based_on)", POPULATION_TESTS),
    (SCENARIOS, "return {year: fertility_for(vision, year - STEP).base_tfr for year in years}",
     "return {year: fertility_for(vision, year).base_tfr for year in years}",
     "a period's CWR paired with the next entry's base TFR", POPULATION_TESTS),
    (SCENARIOS, "        if step.tfr_anchors:\n", "        if step.tfr_anchors and scenario.zero_migration_from is None:\n",
     "a zero-migration scenario drops its parent's fertility", POPULATION_TESTS),
    (PROGRESS, "percent = (value - baseline) / (target - baseline) * 100", "percent = (value - baseline) / target * 100",
     "distance to target without the baseline in the denominator", PROGRESS_TESTS),
    (PROGRESS, "    percent = round(percent, 9)\n", "", "grades lost to binary fractions", PROGRESS_TESTS),
    (PROGRESS, 'return _bound(kpi, value, target)\n    percent = (value - baseline)', 'pass\n    percent = (value - baseline)',
     "a target on the worse side of the baseline graded by distance", PROGRESS_TESTS),
    (PROGRESS, "previous = [a for a in actuals if a.year == parts[-1].year - 1]",
     "previous = [a for a in actuals if a.year == parts[-1].year - 2]", "前年度比 compared with two years before", PROGRESS_TESTS),
]


def killed(file: str, code: str, mutated: str, tests: list[str]) -> bool:
    path = REPO / file
    original = path.read_text(encoding="utf-8")
    if original.count(code) != 1:
        raise SystemExit(f"mutation site not found exactly once in {file}: {code!r}")
    path.write_text(original.replace(code, mutated), encoding="utf-8")
    try:
        env = dict(os.environ, PYTEST_ADDOPTS="-p no:cacheprovider --basetemp=" + str(REPO / "build" / "mutants-tests"))
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-m", "not browser", *tests],
                                cwd=REPO, env=env, capture_output=True, text=True)
        return result.returncode != 0
    finally:
        path.write_text(original, encoding="utf-8")


def main() -> int:
    results = []
    for file, code, mutated, what, tests in MUTATIONS:
        caught = killed(file, code, mutated, tests)
        results.append((what, file, caught))
        print(f"{'caught  ' if caught else 'SURVIVED'} {file}: {what}", flush=True)
    score = sum(caught for _, _, caught in results)
    lines = ["## Mutation check", "",
             f"`scripts/mutants.py`: {score} of {len(results)} planted bugs in the calculations are caught by the tests.", "",
             "| planted bug | file | caught |", "|---|---|---|"]
    lines += [f"| {what} | `{file}` | {'yes' if caught else '**no**'} |" for what, file, caught in results]
    section = "\n".join(lines) + "\n"
    benchmarks = REPO / "BENCHMARKS.md"
    text = benchmarks.read_text(encoding="utf-8") if benchmarks.exists() else "# Benchmarks\n"
    text = re.sub(r"\n## Mutation check\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n" + section
    benchmarks.write_text(text, encoding="utf-8")
    print(f"{score}/{len(results)} caught")
    return 0 if score == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
