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
