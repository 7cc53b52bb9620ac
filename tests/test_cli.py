import os
import subprocess
import sys
from pathlib import Path

from generator.cli import EXIT_INVALID, EXIT_OK, main

REPO = Path(__file__).resolve().parent.parent


def test_validate_ok_on_the_repository(capsys):
    assert main(["--root", str(REPO), "validate"]) == EXIT_OK
    assert "問題は見つかりませんでした" in capsys.readouterr().out


def test_broken_yaml_gets_one_japanese_report_and_nonzero_exit(project_copy: Path, capsys):
    """The four mistakes a planner makes most, in one run: syntax, duplicate, typo, type."""
    periods = project_copy / "strategy/plan_periods.yml"
    periods.write_text(periods.read_text(encoding="utf-8").replace("title: 計画期間", 'title: "計画期間'), encoding="utf-8")
    policy = project_copy / "strategy/policy.yml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("status: 案\n", "status: 案\nstatus: 決定\n")
    text = text.replace("    title: 策定スケジュール", "    titel: 策定スケジュール")
    policy.write_text(text, encoding="utf-8")
    strategy = project_copy / "strategy/strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace("start_fy: 2021", "start_fy: 令和3年度"), encoding="utf-8")

    assert main(["--root", str(project_copy), "validate"]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "strategy/plan_periods.yml" in out and "YAMLの書き方に誤り" in out
    assert "strategy/policy.yml 6行目" in out and "2回書かれています" in out
    assert "「titel」という項目はありません" in out and "「title」の書き間違い" in out
    assert "strategy/strategy.yml" in out and "整数で書いてください" in out
    assert "令和3年度」なら 2021" in out
    assert "エラー 4 件" in out  # the missing "title" is not reported twice beside its typo


def test_build_refuses_invalid_data_and_keeps_the_site(project_copy: Path, capsys):
    assert main(["--root", str(project_copy), "build"]) == EXIT_OK
    index = project_copy / "site/index.html"
    before = index.read_bytes()
    policy = project_copy / "strategy/policy.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace('number: "１"', "number: 1"), encoding="utf-8")
    assert main(["--root", str(project_copy), "build"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "sections[0].number" in err and "サイトは更新されません" in err
    assert index.read_bytes() == before


def test_module_entry_point_runs():
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "validate"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_serve_watcher_regenerates_when_yaml_changes(project_copy: Path):
    import threading
    import time

    from generator.cli import _watch_data
    from generator.site.build import GENERATED_DOCS, generate

    generate(project_copy)
    page = project_copy / GENERATED_DOCS / "strategy/policy.md"
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_data, args=(project_copy, stop), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)
        policy = project_copy / "strategy/policy.yml"
        policy.write_text(policy.read_text(encoding="utf-8").replace("title: その他", "title: その他の事項"), encoding="utf-8")
        deadline = time.monotonic() + 10
        while "７ その他の事項" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "７ その他の事項" in page.read_text(encoding="utf-8")
    finally:
        stop.set()
        watcher.join(timeout=5)


def test_the_bundle_waits_for_the_engines_build_to_finish(project_copy: Path):
    """The data page, zip and XLSX are made only once the engine has said "built" (its build the reader waits for)."""
    import threading
    import time

    from generator.cli import _watch_data
    from generator.site.preview_generation import PreviewGeneration

    preview, built, stop = PreviewGeneration(project_copy), threading.Event(), threading.Event()
    preview.first()
    watcher = threading.Thread(target=_watch_data, args=(project_copy, stop, built.clear, preview, built), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)
        kpi = project_copy / "kpis/kpi-1-employees.yml"
        kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 41200", "value: 41234"), encoding="utf-8")
        deadline = time.monotonic() + 10
        while preview.pending is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview.pending is not None  # the quick generation is done and asked for a rebuild
        time.sleep(2.5)  # more than LATER: still no bundle, the engine has not finished
        assert preview.pending is not None
        built.set()
        deadline = time.monotonic() + 10
        while preview.pending is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview.pending is None
    finally:
        stop.set()
        watcher.join(timeout=5)


def test_the_engines_output_sets_built_and_shows_the_rest(capsys):
    import io
    import threading

    from generator.cli import _engine_output

    built = threading.Event()
    _engine_output(io.StringIO("INFO - something\n"), built)
    assert built.is_set() and capsys.readouterr().out == "INFO - something\n"  # the engine stopped: nothing to wait for
    built.clear()
    seen = []

    def lines():
        yield "built\n"
        seen.append(built.is_set())  # set by the line, before the engine stops

    _engine_output(lines(), built)
    assert seen == [True] and capsys.readouterr().out == ""


def test_validate_production_lists_samples_and_fails(capsys):
    fixture = REPO / "tests/fixtures/project"
    assert main(["--root", str(fixture), "validate", "--production"]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "本番公開できません" in out and "kpis/kpi-1-startups.yml" in out


def test_stopping_serve_stops_its_server_and_frees_the_port(project_copy: Path):
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project_copy), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the preview server did not come up"
                time.sleep(0.3)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
        time.sleep(0.5)
        with socket.socket() as again:  # nothing may listen there any more (an orphaned mkdocs serve would)
            assert again.connect_ex(("127.0.0.1", port)) != 0, "the MkDocs server still answers after serve stopped"
    finally:
        if server.poll() is None:
            server.kill()


def test_production_summary_counts_by_file(capsys):
    main(["--root", str(REPO / "tests/fixtures/project"), "validate", "--production"])
    out = capsys.readouterr().out
    assert "本番公開の前に直すもの" in out and "  population/census.csv: 11 件" in out
    assert "上から順に直してください" in out and "サイトは更新されません" not in out


def test_validate_prints_github_annotations_relative_to_the_workspace(project_copy: Path, capsys, monkeypatch):
    kpi = next((project_copy / "kpis").glob("*.yml"))
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("better: higher", "better: up"), encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project_copy.parent))
    assert main(["--root", str(project_copy), "validate", "--format", "github"]) == EXIT_INVALID
    out = capsys.readouterr().out
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    assert annotations[0].startswith(f"::error file={project_copy.name}/kpis/{kpi.name},line=")
    assert "title=better::" in annotations[0]
    assert "[エラー]" in out  # the readable report follows for the log
