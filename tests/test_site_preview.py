"""The preview's problem panel: the report of a save that broke validation goes into the engine settings of the
preview (never of a build), and the next valid generation takes it out again."""

from __future__ import annotations

import json
from pathlib import Path

from generator.site.build import generate
from generator.site.engine import GENERATED_SETTINGS, PREVIEW_PROBLEMS, load_settings, preview_config
from generator.site.preview import show_problems

KPI = "kpis/kpi-1-employees.yml"


def settings(root: Path) -> dict:
    return json.loads((root / GENERATED_SETTINGS).read_text(encoding="utf-8"))


def break_kpi(root: Path) -> None:
    path = root / KPI
    path.write_text(path.read_text(encoding="utf-8").replace("better: higher", "better: yes"), encoding="utf-8")


def test_a_broken_save_puts_the_located_problems_beside_the_last_menu(project_copy: Path):
    valid = generate(project_copy)
    menu = settings(project_copy)["nav"]
    break_kpi(project_copy)
    result = generate(project_copy)
    assert not result.report.ok and result.written == []  # the pages stay as they were
    show_problems(project_copy, result.report)
    written = settings(project_copy)
    assert written["nav"] == menu and written["site_name"] and valid.report.ok
    assert written["extra"][PREVIEW_PROBLEMS] == [{
        "severity": "エラー",
        "location": "kpis/kpi-1-employees.yml 8行目 9列目",
        "field": "better",
        "message": "「yes」はここでは使えません。",
        "hint": "次のどれかを書いてください: higher、lower",
        "code": "E-SCHEMA-CHOICE",
    }]
    assert {key: written["extra"][key] for key in ("feed", "updated")} == {"feed": "feed.xml", "updated": "令和8年11月28日"}


def test_the_preview_reads_the_panel_and_a_build_never_shows_it(project_copy: Path):
    generate(project_copy)
    break_kpi(project_copy)
    show_problems(project_copy, generate(project_copy).report)
    config_file = str(project_copy / "mkdocs.yml")
    preview = preview_config(config_file, site_dir=str(project_copy / "preview"))
    assert preview["extra"][PREVIEW_PROBLEMS][0]["code"] == "E-SCHEMA-CHOICE"
    assert preview["nav"] == settings(project_copy)["nav"]
    assert PREVIEW_PROBLEMS not in load_settings(config_file, str(project_copy / "site"))["extra"]


def test_the_next_valid_save_takes_the_panel_away(project_copy: Path):
    generate(project_copy)
    original = (project_copy / KPI).read_text(encoding="utf-8")
    break_kpi(project_copy)
    show_problems(project_copy, generate(project_copy).report)
    (project_copy / KPI).write_text(original, encoding="utf-8")
    assert generate(project_copy).report.ok
    assert PREVIEW_PROBLEMS not in settings(project_copy).get("extra", {})
