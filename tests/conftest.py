"""Shared fixtures: a copy of the project to break, and the built site served locally (helpers in support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from support import copy_project, serve_folder

from generator.site.build import build

# No per-example time limit: speed is measured by the benchmark, not by tests, and a
# loaded 2-core machine must not turn a correct property into a failure.
settings.register_profile("project", deadline=None)
settings.load_profile("project")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once per test session; returns the site folder."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    build(root)
    return root / "site"


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
