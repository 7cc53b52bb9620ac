"""Helpers shared by the tests and scripts/bench.py: a private copy of a project, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Frozen sample data: behaviour tests must not change when real figures replace samples.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
DATA_PARTS = ("strategy", "population", "kpis", "documents")
# What a site needs besides the data: the hand-written assets, the theme overrides and the config.
SITE_PARTS = ("docs", "overrides", "mkdocs.yml")


def copy_project(target: Path, data_from: Path = FIXTURE) -> Path:
    """A private copy of the data (the frozen fixture unless told) and the site's own files, safe to edit."""
    target.mkdir(parents=True, exist_ok=True)
    for part in DATA_PARTS + SITE_PARTS:
        source = (data_from if part in DATA_PARTS else REPO) / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@contextlib.contextmanager
def serve_folder(directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler):
    """Serves a folder on a free loopback port; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


FIRST_REVISION = """\
# 公開した版の一覧（テスト用）
revisions:
  - id: 2021-03
    title: 令和3年3月 策定
    date: 2021-03-31
    summary: 戦略を策定しました。
    sample: true
"""


def git(cwd: Path, *args: str) -> str:
    import subprocess

    env_args = ["-c", "user.name=テスト", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def release_repository(target: Path) -> tuple[Path, Path]:
    """A city's repository (fixture data with one revision, committed) and a bare remote for the publishing branch."""
    work = copy_project(target / "work")
    (work / "strategy" / "revisions.yml").write_text(FIRST_REVISION, encoding="utf-8")
    (work / ".gitignore").write_text("site/\nbuild/\n", encoding="utf-8")
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "最初の版")
    remote = target / "remote.git"
    git(target, "init", "-q", "--bare", str(remote))
    git(work, "remote", "add", "origin", str(remote))
    return work, remote


def branch_files(repo: Path, branch: str, folder: str = "") -> dict[str, bytes]:
    """Every file of a branch (under `folder`), read from git, by path."""
    import io
    import subprocess
    import tarfile

    archive = subprocess.run(["git", "archive", "--format=tar", branch, *([folder] if folder else [])],
                             cwd=repo, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers() if member.isfile()}
