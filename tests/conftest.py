"""Shared fixtures: a copy of the project to break, and the built site served locally."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from generator.build import build

REPO = Path(__file__).resolve().parent.parent
# Frozen sample data: behaviour tests must not change when real figures replace samples.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
DATA_PARTS = ("strategy", "population", "kpis")
# What a site needs besides the data: the hand-written assets, the theme overrides and the config.
SITE_PARTS = ("docs", "overrides", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """A private copy of the fixture data and the site's own files, safe to edit in a test."""
    target.mkdir(parents=True, exist_ok=True)
    for part in DATA_PARTS + SITE_PARTS:
        source = (FIXTURE if part in DATA_PARTS else REPO) / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once per test session; returns the site folder."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build(root)
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@contextlib.contextmanager
def serve_folder(directory: Path):
    """Serves a folder on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site on a local server; yields its base URL."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_site_server(tmp_path_factory: pytest.TempPathFactory):
    """The real data built for the exact origin that serves it; yields its base URL.

    Material's instant navigation only engages when site_url matches the page's
    origin, so the port is bound first (serve_folder binds before it yields) and
    the site is then built with SITE_URL set to that address.
    """
    root = tmp_path_factory.mktemp("instant") / "project"
    with serve_folder(root / "site") as url:
        copy_project(root)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", url)
            build(root)
        yield url
