"""The preview's problem panel: when a save breaks validation, every page of `serve` shows the located problems.

Nothing is generated from invalid data, so the pages stay as they were; the generator adds the report to
the engine settings it wrote last (`extra.preview_problems`), the engine's preview reloads its configuration
when they change, and overrides/main.html shows them at the top of every page. The next valid generation
writes the settings without them, and the panel is gone.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.problems import SEVERITY_LABELS, Report
from generator.site.build import write_settings
from generator.site.engine import GENERATED_SETTINGS, PREVIEW_PROBLEMS


def panel_items(report: Report) -> list[dict[str, str]]:
    """The report as the panel lists it, errors and warnings in the report's order."""
    return [{
        "severity": SEVERITY_LABELS[problem.severity],
        "location": problem.location(),
        "field": problem.readable_field,
        "message": problem.message,
        "hint": problem.hint,
        "code": problem.code,
    } for problem in report.sorted()]


def show_problems(root: Path, report: Report) -> None:
    """Put the report in the preview's settings (the last valid generation's menu and name stay)."""
    path = root / GENERATED_SETTINGS
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings.setdefault("extra", {})[PREVIEW_PROBLEMS] = panel_items(report)
    write_settings(root, settings)
