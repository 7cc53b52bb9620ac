from pathlib import Path

from generator.site.engine import EngineProcess, source_date_epoch


def test_source_date_epoch_prefers_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date_epoch(tmp_path) == "1700000000"


def test_source_date_epoch_outside_git_is_a_number(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch(tmp_path).isdigit()


def test_cancelled_engine_writes_nothing(project_copy: Path):
    engine = EngineProcess.start(project_copy)
    engine.cancel()
    assert engine.process.returncode == 3
    assert not engine.incoming.exists() and not (project_copy / "site").exists()


def test_engine_reports_a_broken_configuration(project_copy: Path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"), encoding="utf-8")
    engine = EngineProcess.start(project_copy)
    error = engine.build()
    assert error and "theme" in error.lower()


def test_a_build_uses_none_of_the_previews_shortcuts(project_copy: Path):
    """`build` is MkDocs' own full build in the engine process: the preview's dirty builds, caches and deferred search
    entries (site/preview_builds.py) are never loaded there, and every page and the search index are written."""
    import json
    import os
    import subprocess
    import sys

    from generator.site.build import generate

    generate(project_copy)
    code = ("import sys; from generator.site import engine; status = engine.main(sys.argv[1:]); "
            "print(status, 'generator.site.preview_builds' in sys.modules)")
    out = project_copy / "out"
    result = subprocess.run([sys.executable, "-c", code, str(project_copy / "mkdocs.yml"), str(out)], input="build\n",
                            capture_output=True, text=True, cwd=project_copy, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.stdout.split() == ["0", "False"], result.stderr
    pages = list((project_copy / "build/docs").rglob("*.md"))
    assert len(list(out.rglob("index.html"))) == len(pages) > 30  # each page's folder/index.html
    assert (out / "404.html").is_file() and (out / "sitemap.xml").is_file()
    locations = {doc["location"].split("#")[0] for doc in json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert len(locations) == len(pages)
