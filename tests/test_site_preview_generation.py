"""The preview's generations (site/preview_generation.py): the quick one leaves the bundle (データ一覧, the zip,
datapackage.json, the XLSX files) as it was; once completed, build/docs is exactly what a full generation without the
preview's memory writes — after a KPI's edit, after the population's data changed under the remembered projection,
after a KPI was removed."""

from __future__ import annotations

from pathlib import Path

from generator.render.opendata import bundled
from generator.site.build import generate, sync_tree
from generator.site.engine import GENERATED_DOCS
from generator.site.preview_generation import PreviewGeneration

KPI = "kpis/kpi-1-employees.yml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a full generation (as `build` makes it, no memory) writes for the data as it is now."""
    out = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    assert generate(root, out=out).report.ok
    return files_of(out)


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_quick_generation_leaves_the_bundle_and_completed_equals_a_full_one(project_copy: Path, tmp_path: Path):
    preview = PreviewGeneration(project_copy)
    assert preview.first().report.ok
    docs = project_copy / GENERATED_DOCS
    before = files_of(docs)
    replace_in(project_copy, KPI, "value: 41200", "value: 41234")

    result = preview.quick()
    assert result.report.ok and "kpis/kpi-1-employees.md" in result.written and preview.pending is not None
    assert not [name for name in result.written if bundled(name)]
    quick = files_of(docs)
    assert "41,234人" in quick["kpis/kpi-1-employees.md"].decode("utf-8")
    assert {name: content for name, content in quick.items() if bundled(name)} == {
        name: content for name, content in before.items() if bundled(name)}

    completed = preview.complete()
    assert "data.md" in completed and "assets/data/all-data.zip" in completed and preview.pending is None
    assert files_of(docs) == fresh(project_copy, tmp_path)
    assert preview.complete() == []  # nothing left to do


def test_population_data_changed_after_a_kpi_edit_is_projected_again(project_copy: Path, tmp_path: Path):
    """The projection, its plausibility findings, its charts' HTML and tables are remembered by their inputs' content."""
    preview = PreviewGeneration(project_copy)
    preview.first()
    replace_in(project_copy, KPI, "value: 41200", "value: 41234")
    preview.quick()
    preview.complete()
    docs = project_copy / GENERATED_DOCS
    projection = (docs / "population/projection.md").read_bytes()

    replace_in(project_copy, "population/assumptions.csv", "2020,0-4,0.9995,0.9996,0.01,0.01,", "2020,0-4,0.9995,0.9996,0.03,0.03,")
    result = preview.quick()
    assert result.report.ok and "population/projection.md" in result.written
    assert (docs / "population/projection.md").read_bytes() != projection
    preview.complete()
    assert files_of(docs) == fresh(project_copy, tmp_path)

    replace_in(project_copy, "population/assumptions.csv", "2020,0-4,0.9995,0.9996,0.03,0.03,", "2020,0-4,0.9995,0.9996,0.01,0.01,")
    preview.quick()
    assert (docs / "population/projection.md").read_bytes() == projection  # back as it was, remembered or not
    preview.complete()
    assert files_of(docs) == fresh(project_copy, tmp_path)


def test_a_removed_kpi_completes_at_once(project_copy: Path, tmp_path: Path):
    """The data page must never link a file that is gone: a removed (or added) file makes the bundle at once."""
    preview = PreviewGeneration(project_copy)
    preview.first()
    (project_copy / "kpis/kpi-x2-online.yml").unlink()
    result = preview.quick()
    assert result.report.ok and "assets/data/kpis/kpi-x2-online.csv" in result.removed
    assert "data.md" in result.written and preview.pending is None
    assert files_of(project_copy / GENERATED_DOCS) == fresh(project_copy, tmp_path)


def test_an_invalid_save_writes_nothing_and_the_next_valid_one_catches_up(project_copy: Path, tmp_path: Path):
    preview = PreviewGeneration(project_copy)
    preview.first()
    docs = project_copy / GENERATED_DOCS
    before = files_of(docs)
    replace_in(project_copy, KPI, "value: 41200", "value: 四万")
    result = preview.quick()
    assert not result.report.ok and result.written == [] and files_of(docs) == before and preview.pending is None
    replace_in(project_copy, KPI, "value: 四万", "value: 41299")
    assert preview.quick().report.ok
    preview.complete()
    assert files_of(docs) == fresh(project_copy, tmp_path)


def test_a_removed_kpi_restored_is_written_again(project_copy: Path, tmp_path: Path):
    """The preview compares with what it wrote last (in memory): a page it removed is not taken as still there."""
    preview = PreviewGeneration(project_copy)
    preview.first()
    kpi = project_copy / "kpis/kpi-x2-online.yml"
    text = kpi.read_text(encoding="utf-8")
    kpi.unlink()
    assert "kpis/kpi-x2-online.md" in preview.quick().removed
    kpi.write_text(text, encoding="utf-8")
    assert "kpis/kpi-x2-online.md" in preview.quick().written
    assert files_of(project_copy / GENERATED_DOCS) == fresh(project_copy, tmp_path)


def test_sync_tree_with_its_last_files_removes_theirs_and_the_folders_left_empty(tmp_path: Path):
    target, last = tmp_path / "docs", {}
    assert sync_tree(target, {"a.md": b"1", "d/e/b.md": b"2", "k.zip": b"3"}, last=last) == (["a.md", "d/e/b.md", "k.zip"], [])
    assert last == {"a.md": b"1", "d/e/b.md": b"2", "k.zip": b"3"}
    assert sync_tree(target, {"a.md": b"1", "d/e/b.md": b"4", "k.zip": b"3"}, last=last) == (["d/e/b.md"], [])
    assert (target / "d/e/b.md").read_bytes() == b"4"
    written, removed = sync_tree(target, {"a.md": b"1"}, keep=lambda name: name.endswith(".zip"), last=last)
    assert (written, removed) == ([], ["d/e/b.md"])
    assert files_of(target) == {"a.md": b"1", "k.zip": b"3"} and not (target / "d").exists()
    assert sync_tree(target, {"a.md": b"1", "d/e/b.md": b"2"}, last=last) == (["d/e/b.md"], ["k.zip"])
    assert files_of(target) == {"a.md": b"1", "d/e/b.md": b"2"} == last
