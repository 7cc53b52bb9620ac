"""The preview's builds, in the engine's serve process: a full build when something every page shows changed, else
only the pages whose Markdown changed (MkDocs' dirty build), started as soon as the generator says so.

`python -m generator serve` regenerates build/docs when the data changes (writing only the files whose content
changed) and then writes one line, "rebuild", to the engine's standard input; the engine rebuilds at once instead of
polling the folder (and writes "built" on its standard output after each build, so that the generator makes the
bundle, site/preview_generation.py, only after the build the reader waits for). Which build it makes:

- full (the site folder cleaned, every page built) for the first build and whenever the engine settings (menu, site
  name, 最終更新日, the problem panel), mkdocs.yml, the theme's overrides or the set of generated files changed: the
  menu and the footer are on every page, and a removed page must go;
- otherwise dirty: only the files whose size or modification time changed since the last build are built again
  (their old output is removed first, so a file rewritten while a build was reading it is not missed). A value shown
  on several pages (a KPI's page, the dashboard, its goal's page) is rewritten in each of their Markdown files by the
  generator, so each of them is rebuilt. Pages not rebuilt are not read either: the menu takes its titles from the
  settings. The 404 page and the sitemap depend only on the menu and the settings, so they stay as the last full
  build made them. (tests/test_site_preview_builds.py checks that such a build leaves the same site as a full one.)

The search index is brought up to date just after the browser is told to reload: the rebuilt pages' entries are
made then (in a thread, written to the index in one replace), the other pages' entries are kept. Until then, a search
in the preview finds the rebuilt pages by their previous text.

The theme's templates are compiled once per preview (a bytecode cache keyed by their source) and the theme's static
files listed once (again when a file of overrides/ changes, which also makes the next build full). None of this is
used by `build`, which always runs the plain MkDocs build in its own process (engine.main).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REBUILD = "rebuild"  # the line the generator writes to the engine's standard input after a generation
BUILT = "built"  # the line the engine writes to its standard output after each build (the bundle waits for it)
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs warns at every dirty build; strict mode would stop


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


_QUIET_DIRTY = _QuietDirty()


class PreviewBuilds:
    """Replaces MkDocs' build in the serve process (see the module's description); holds what the last build saw."""

    def __init__(self, config_file: str):
        self.config_file = Path(config_file)
        self.state: tuple | None = None  # what every page shows, as of the last successful build
        self.signatures: dict[str, tuple[int, int]] = {}  # src_uri → (mtime_ns, size), as the last build found them
        self.search_docs: list[dict] | None = None  # the last search index's entries
        self.templates = _template_cache()
        self.theme_files: dict[tuple, list[tuple[str, str | None]]] = {}
        self.indexing: threading.Thread | None = None
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET_DIRTY)  # only dirty builds say it: ours

    def build(self, config, *, serve_url: str | None = None, dirty: bool = False) -> None:  # noqa: ANN001, ARG002
        """MkDocs' build with the same signature (mkdocs.commands.serve calls it); decides full or dirty itself."""
        from mkdocs.commands.build import build

        if self.indexing is not None:
            self.indexing.join()  # the last build's search entries first
        state = self._state(config)
        plugin = _PreviewPlugin(self, dirty=state == self.state)
        config.plugins["generator/preview"] = plugin
        self.state = None  # a failed build makes the next one full
        try:
            build(config, serve_url=serve_url, dirty=plugin.dirty)
        finally:
            print(BUILT, flush=True)  # the generator may now make the bundle (cli._watch_data)
        self.state, self.signatures = state, plugin.signatures
        if plugin.pending:
            self.indexing = threading.Thread(target=plugin.index_pending, args=(config,), daemon=True)
            self.indexing.start()

    def _state(self, config) -> tuple:  # noqa: ANN001 - MkDocsConfig
        """What every page shows or depends on: the settings, mkdocs.yml, the set of files, the theme's overrides."""
        settings = self.config_file.parent / "build" / "engine-settings.json"
        docs = Path(config.docs_dir)
        names = sorted(str(path.relative_to(docs)) for path in docs.rglob("*") if path.is_file() and not _hidden(path.relative_to(docs)))
        return (settings.read_bytes() if settings.is_file() else b"", self.config_file.read_bytes(), tuple(names),
                _overrides(config))


def _hidden(name: Path | str) -> bool:
    """A dot file (or one in a dot folder): MkDocs leaves it out, and the generator's files being written have such names."""
    return any(part.startswith(".") for part in Path(name).parts)


def _overrides(config) -> tuple:  # noqa: ANN001 - MkDocsConfig
    """The theme's custom folder (overrides/): each file's name, modification time and size."""
    folder = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    if folder is None or not folder.is_dir():
        return ()
    return tuple(sorted((str(path.relative_to(folder)), path.stat().st_mtime_ns, path.stat().st_size)
                        for path in folder.rglob("*") if path.is_file()))


class _PreviewPlugin:
    """MkDocs events of one preview build (added to that build's configuration only)."""

    def __init__(self, builds: PreviewBuilds, dirty: bool):
        self.builds, self.dirty = builds, dirty
        self.signatures: dict[str, tuple[int, int]] = {}
        self.built: set[str] = set()
        self.pending: list[SimpleNamespace] = []  # the rebuilt pages, as the search plugin would have indexed them
        self.search: Any = None  # the search plugin's index of this build (Material's SearchIndex)

    def on_files(self, files, config):  # noqa: ANN001, ANN201 - MkDocs' event
        docs = os.path.abspath(config.docs_dir) + os.sep
        for file in files:
            if not (file.abs_src_path or "").startswith(docs) or _hidden(file.src_uri):
                continue
            try:
                status = os.stat(file.abs_src_path)
            except FileNotFoundError:  # gone since MkDocs listed it: the generator's next "rebuild" follows
                continue
            self.signatures[file.src_uri] = (status.st_mtime_ns, status.st_size)
            if self.dirty and self.builds.signatures.get(file.src_uri) != self.signatures[file.src_uri]:
                Path(file.abs_dest_path).unlink(missing_ok=True)  # MkDocs then builds (or copies) it again
        return files

    def on_env(self, env, config, files):  # noqa: ANN001, ANN201 - MkDocs' event
        env.bytecode_cache = self.builds.templates
        search = config.plugins.get("material/search")
        if self.dirty and self.builds.search_docs is not None and getattr(search, "search_index", None) is not None:
            self.search = search.search_index
            self.search.add_entry_from_context = self._later  # indexed once the browser has the pages
        return env

    def _later(self, page) -> None:  # noqa: ANN001 - mkdocs Page
        self.pending.append(SimpleNamespace(meta=page.meta, content=page.content, toc=page.toc, url=page.url, title=page.title))

    def on_pre_template(self, template, template_name, config):  # noqa: ANN001, ANN201, ARG002 - MkDocs' event
        """404.html and the sitemap show the menu and the settings only: unchanged since the last full build."""
        return template.environment.from_string("") if self.dirty else template

    def on_post_page(self, output, page, config):  # noqa: ANN001, ANN201, ARG002 - MkDocs' event
        self.built.add(page.url)
        return output

    def on_post_build(self, config) -> None:  # noqa: ANN001 - MkDocs' event
        """After a full build, remember its search entries; after a dirty one, put the other pages' entries back
        (the search plugin wrote the rebuilt pages' entries only, and none when they are pending)."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if self.dirty and self.builds.search_docs is not None:
            index["docs"] = self._kept(set() if self.pending else self.built) + index["docs"]
            _replace(path, index)
        self.builds.search_docs = index["docs"]

    on_post_build.mkdocs_priority = -100  # type: ignore[attr-defined]  # after the search plugin wrote the index

    def _kept(self, rebuilt: set[str]) -> list[dict]:
        return [doc for doc in self.builds.search_docs or [] if doc["location"].split("#")[0] not in rebuilt]

    def index_pending(self, config) -> None:  # noqa: ANN001 - MkDocsConfig
        """The rebuilt pages' search entries, in place of their previous ones (run after the build, in a thread)."""
        for page in self.pending:
            type(self.search).add_entry_from_context(self.search, page)
        path = Path(config.site_dir) / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        index["docs"] = self._kept(self.built) + self.search.entries
        _replace(path, index)
        self.builds.search_docs = index["docs"]


def _replace(path: Path, index: dict) -> None:
    """The search index written whole, then put in place: the server may be sending it meanwhile."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temporary.replace(path)


def _template_cache():  # noqa: ANN202 - a jinja2 BytecodeCache, imported lazily
    from jinja2.bccache import BytecodeCache

    class TemplateCache(BytecodeCache):
        """Compiled theme templates in memory, keyed by name and checked against their source by Jinja."""

        def __init__(self):
            self.compiled: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:  # noqa: ANN001
            if bucket.key in self.compiled:
                bucket.bytecode_from_string(self.compiled[bucket.key])

        def dump_bytecode(self, bucket) -> None:  # noqa: ANN001
            self.compiled[bucket.key] = bucket.bytecode_to_string()

    return TemplateCache()


def cached_theme_files(builds: PreviewBuilds):  # noqa: ANN201 - replaces Files.add_files_from_theme
    """Files.add_files_from_theme, listing the theme's folders (Material's thousands of icons) once per preview."""
    from mkdocs.structure.files import File, Files

    original = Files.add_files_from_theme

    def add_files_from_theme(self, env, config) -> None:  # noqa: ANN001
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), _overrides(config))
        if key not in builds.theme_files:
            found = Files([])
            original(found, env, config)
            builds.theme_files[key] = [(file.src_uri, file.src_dir) for file in found]
        for path, folder in builds.theme_files[key]:
            if self.get_file_from_path(path) is None:  # a docs file of the same name wins, as in MkDocs
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    return add_files_from_theme


def driven_server(server_class, generated: Path):  # noqa: ANN001, ANN201 - mkdocs.livereload.LiveReloadServer
    """The livereload server, rebuilding when the generator writes "rebuild" on standard input (not by polling the
    generated folder) and without the 0.1 s wait for more changes; it stops when its standard input closes."""

    class DrivenServer(server_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.build_delay = 0.01
            self.generated = str(generated.resolve()) + os.sep

        def watch(self, path: str, func=None, *, recursive: bool = True) -> None:  # noqa: ANN001
            if not (os.path.abspath(path) + os.sep).startswith(self.generated):  # mkdocs.yml stays watched
                super().watch(path, func, recursive=recursive)

        def serve(self, *, open_in_browser: bool = False) -> None:
            threading.Thread(target=self._listen, daemon=True).start()
            super().serve(open_in_browser=open_in_browser)

        def _listen(self) -> None:
            for line in sys.stdin:
                if line.strip() == REBUILD:
                    with self._rebuild_cond:
                        self._want_rebuild = True
                        self._rebuild_cond.notify_all()
            self.shutdown()  # the generator is gone

    return DrivenServer


def serve_preview(config_file: str, address: str) -> None:
    """`mkdocs serve` with the preview's builds: MkDocs' own server and livereload, with its configuration loaded
    with the generated settings at every build (engine.preview_config), its build replaced by PreviewBuilds.build and
    its rebuilds started by the generator."""
    import mkdocs.commands.serve as mkdocs_serve
    from mkdocs.structure.files import Files

    from generator.site.engine import BUILD_DIR, preview_config

    builds = PreviewBuilds(config_file)
    # mkdocs.commands.serve looks these names up when it runs: replacing them there changes only this process.
    mkdocs_serve.load_config = preview_config  # type: ignore[assignment]
    mkdocs_serve.build = builds.build
    # A subclass put in place of MkDocs's class: mypy allows no assignment to a class.
    mkdocs_serve.LiveReloadServer = driven_server(mkdocs_serve.LiveReloadServer, Path(config_file).parent / BUILD_DIR)  # type: ignore[misc]
    Files.add_files_from_theme = cached_theme_files(builds)  # type: ignore[method-assign]
    mkdocs_serve.serve(config_file=config_file, dev_addr=address)
