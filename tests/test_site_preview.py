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


# --- The preview as it runs: `python -m generator serve` ---------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def _wait_until(check, what: str, seconds: float = 120) -> None:  # noqa: ANN001 - a callable
    import time

    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"the preview never showed {what}"
        time.sleep(0.2)


def test_the_running_preview_shows_an_edit_on_every_page_and_the_panel_of_a_broken_save(project_copy: Path):
    """Through the real server: a value's KPI page, dashboard and goal page (rebuilt alone, by the engine told by the
    generator), the problem panel of a broken save and its removal; the engine stops when the generator is gone."""
    import signal
    import socket
    import subprocess
    import sys

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project_copy), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until(lambda: "41,200人" in _page(base + "kpis/"), "the site")
        path = project_copy / "kpis/kpi-1-employees.yml"
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace("value: 41200", "value: 41234"), encoding="utf-8")
        _wait_until(lambda: "41,234人" in _page(base + "kpis/kpi-1-employees/"), "the edited value")
        for page in ("kpis/", "strategy/goals/goal-1/"):
            text = _page(base + page)
            assert "41,234人" in text and "41,200人" not in text, page
        break_kpi(project_copy)
        _wait_until(lambda: "preview-problems" in _page(base + "kpis/kpi-1-employees/"), "the problem panel")
        assert "kpis/kpi-1-employees.yml 8行目" in _page(base + "strategy/policy/")  # on every page
        path.write_text(original, encoding="utf-8")
        _wait_until(lambda: "preview-problems" not in _page(base + "kpis/"), "the panel gone")
        assert "41,200人" in _page(base + "kpis/kpi-1-employees/")
        server.send_signal(signal.SIGKILL)  # no clean-up by the generator: the engine notices its input closed
        server.wait(timeout=15)

        def port_free() -> bool:
            with socket.socket() as again:
                return again.connect_ex(("127.0.0.1", port)) != 0

        _wait_until(port_free, "the engine stopping", seconds=30)
    finally:
        if server.poll() is None:
            server.kill()
