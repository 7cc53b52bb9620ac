"""The site engine (MkDocs) as a separate, pre-warmed process.

`python -m generator.site.engine CONFIG SITE_DIR` loads the configuration — which
imports the theme, plugins and Markdown extensions, most of a build's start-up
time — then waits for one line on stdin: "build" builds strictly into SITE_DIR,
anything else exits. The generator starts it first and validates and renders
meanwhile on the other core; the engine stays swappable (it is only a command).

What the configuration takes from the data — the site's name and description, and
the menu (MkDocs' nav) made from the page registry — the generator writes to
build/engine-settings.json; the engine applies it when it builds or serves.
`python -m generator.site.engine serve CONFIG ADDRESS` is the preview server; it rebuilds when the generator writes
"rebuild" on its standard input (site/preview_builds.py).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

BUILD_DIR = "build"
GENERATED_DOCS = "build/docs"
GENERATED_SETTINGS = "build/engine-settings.json"


def source_date_epoch(root: Path) -> str:
    """A fixed build date (the last commit), so the same input gives the same site."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or str(int(__import__("time").time()))  # outside git: today, like MkDocs


class EngineProcess:
    """A warm engine process; standard library only, so it can start first."""

    def __init__(self, process: subprocess.Popen, incoming: Path):
        self.process = process
        self.incoming = incoming

    @classmethod
    def start(cls, root: Path) -> EngineProcess:
        incoming = root / BUILD_DIR / "site.new"
        if incoming.exists():
            shutil.rmtree(incoming)
        (root / GENERATED_DOCS).mkdir(parents=True, exist_ok=True)  # the engine checks it exists
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch(root))
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.site.engine", str(root / "mkdocs.yml"), str(incoming)],
            cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        return cls(process, incoming)

    def build(self) -> str | None:
        """Build now; None on success, else the engine's messages."""
        out, err = self.process.communicate("build\n")
        return None if self.process.returncode == 0 else err + out

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.communicate("cancel\n")


# Settings that are not MkDocs options: applied to the loaded configuration (see load_settings).
RELEASE_SETTINGS = ("extra", "site_path")
# extra.preview_problems: the report of a save that broke validation, shown on every page of the preview only
# (site/preview.py); a build never shows it.
PREVIEW_PROBLEMS = "preview_problems"


def _generated_settings(config_file: str) -> dict:
    """The settings the generator wrote beside the docs (none before the first generation)."""
    path = Path(config_file).parent / GENERATED_SETTINGS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def load_settings(config_file: str, site_dir: str):  # noqa: ANN201 - MkDocsConfig, imported lazily
    """MkDocs' configuration with the generated settings: options as overrides, release settings merged in."""
    from mkdocs.config import load_config

    settings = _generated_settings(config_file)
    release = {key: settings.pop(key) for key in RELEASE_SETTINGS if key in settings}
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True, **settings)
    config["extra"].update({k: v for k, v in release.get("extra", {}).items() if k != PREVIEW_PROBLEMS})
    if "site_path" in release:  # a kept revision lives in its own folder under the site's address
        config["site_url"] = config["site_url"].rstrip("/") + "/" + release["site_path"] + "/"
    return config


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def preview_config(config_file: str, **options):  # noqa: ANN201 - MkDocsConfig, imported lazily
    """The configuration of one preview build, with the generated settings as they are now: the menu, the feed link,
    最終更新日 and the problem panel change with the data while the preview runs (a preview has no site_path)."""
    from mkdocs.config import load_config

    generated = _generated_settings(config_file)
    settings = {k: v for k, v in generated.items() if k not in RELEASE_SETTINGS}
    config = load_config(config_file=config_file, **settings, **options)
    config["extra"].update(generated.get("extra", {}))
    return config


def serve(config_file: str, address: str) -> int:
    from generator.site.preview_builds import serve_preview

    _log_to_stderr()
    # MkDocs' server, with the configuration loaded through preview_config at every rebuild (it picks up what the
    # generator wrote since), rebuilding when the generator writes "rebuild" on standard input, and only the pages
    # that changed when nothing every page shows changed (site/preview_builds.py).
    serve_preview(config_file, address)
    return 0


def main(argv: list[str]) -> int:
    if argv[0] == "serve":
        return serve(*argv[1:])
    config_file, site_dir = argv
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _log_to_stderr()
    try:
        # Loading once imports everything (the slow part); the real load below is quick.
        load_config(config_file=config_file, site_dir=site_dir, strict=True)
    except exceptions.ConfigurationError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    if sys.stdin.readline().strip() != "build":
        return 3
    try:
        build(load_settings(config_file, site_dir))  # with strict=True it aborts on any warning
    except exceptions.MkDocsException as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
