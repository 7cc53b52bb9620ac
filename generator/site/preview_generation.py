"""The preview's generations (`python -m generator serve`): at each save, what the pages show first, the rest after.

- `quick`, at once: validate and render with the preview's memory (text/memo.py: each file read and checked, the
  population projection, each chart's finished HTML, each table's CSV/JSON remembered by their inputs' content), and
  without the bundle (render.opendata.bundled: the zip of all data, datapackage.json, the XLSX files and the データ一覧
  page that lists every file with its size), which stays as the last generation wrote it; the engine then rebuilds
  the pages whose Markdown changed (site/preview_builds.py). The generated files are compared with what this preview
  last wrote (kept in memory), not read again from build/docs.
- `complete`, when no save has come for `LATER` seconds (at once when files were added or removed, so that the
  data page never links a file that is gone): the bundle, made as `build` makes it from the same data, written
  where it changed; the engine then rebuilds the データ一覧 page.

After `complete`, build/docs holds exactly what `generate` (and so `build`) writes for the same data
(tests/test_site_preview_generation.py). Nothing here is used by `build`.
"""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import Validated
from generator.render import render_bundle
from generator.site.build import BuildError, GenerateResult, generate, write_if_changed
from generator.site.engine import BUILD_DIR, GENERATED_DOCS
from generator.text.memo import Memory, remembering

LATER = 1.0  # seconds without a save before the bundle is made


class PreviewGeneration:
    """The generations of one preview: its memory, and the data whose bundle is not written yet."""

    def __init__(self, root: Path):
        self.root = root
        self.docs = root / GENERATED_DOCS
        self.memory = Memory()
        self.pending: Validated | None = None  # the last quick generation's data, its bundle still to write
        self.last: dict[str, bytes] = {}  # what build/docs holds, as this preview wrote it: compared without reading

    def first(self) -> GenerateResult:
        """The whole generation (the preview's start), remembering for the next ones."""
        self.memory.next_generation()
        with remembering(self.memory):
            result = generate(self.root, last=self.last)
        self.pending = None
        return result

    def quick(self) -> GenerateResult:
        """Everything but the bundle; the bundle too when files were added or removed."""
        self.memory.next_generation()
        before = set(self.last) if self.last else self._names()
        with remembering(self.memory):
            result = generate(self.root, bundle=False, last=self.last)
        if result.validated is not None:
            self.pending = result.validated
            if result.removed or not set(result.written) <= before:
                result.written += self.complete()
        return result

    def complete(self) -> list[str]:
        """The bundle of the last quick generation, written where it changed (the names written)."""
        if self.pending is None:
            return []
        validated, self.pending = self.pending, None
        assert validated.project is not None and validated.computed is not None  # kept only from a valid generation
        try:
            with remembering(self.memory):
                files = render_bundle(validated.project, validated.computed, self.root / BUILD_DIR / "jinja-cache")
        except Exception as exc:  # a template bug must not look like a planner's mistake (as in generate)
            raise BuildError("データは正しいのに、ページの生成に失敗しました。開発担当者に連絡してください。"
                             f"（{type(exc).__name__}: {exc}）") from exc
        written = []
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            if self.last.get(name) != data and write_if_changed(self.docs / name, data):
                written.append(name)
            self.last[name] = data
        return written

    def _names(self) -> set[str]:
        return {path.relative_to(self.docs).as_posix() for path in self.docs.rglob("*") if path.is_file()} if self.docs.is_dir() else set()
