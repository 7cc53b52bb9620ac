"""Publishing: build the newest revision and keep it beside the earlier ones (with mike).

Every revision lives in its own folder of a publishing branch (gh-pages):
<id>/ for each revision, latest/ for the newest, versions.json for Material's
version menu and index.html sending readers to the newest. A new deploy writes
only its own folder, so earlier revisions stay exactly as they were published.
The branch is what GitHub Pages serves and what `export_published` copies to a
city's web server.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

from generator.model.revisions import LATEST, Revision
from generator.pipeline import load_project
from generator.problems import PlannerError
from generator.render.pages import Release
from generator.site.build import SITE_DIR, BuildError, build
from generator.site.engine import EngineProcess
from generator.site.targets import BRANCHES, TARGETS, Target

VERSIONS_FILE = "versions.json"  # mike's list of revisions, at the top of every export
REDIRECT_TEMPLATE = Path(__file__).with_name("redirect.html")  # Japanese, instead of mike's English page


class PublishError(PlannerError):
    """Publishing cannot go on; the message is for the planner."""


def newest_revision(root: Path) -> Revision:
    project, report = load_project(root)
    if project is None or not report.ok:
        raise PublishError(report.format())
    if project.revisions is None:
        raise PublishError("strategy/revisions.yml がありません。公開する版（id、表示名、日付、概要）を書いてください。")
    return project.revisions.revisions[-1]


def publish(root: Path, target: Target, branch: str | None = None, remote: str | None = None,
            engine: EngineProcess | None = None, pdf: bool = False) -> Revision:
    """Build the newest revision for `target` and commit it to the target's branch (pushed to `remote` if given).

    production: the gate (no samples, SITE_URL set) must pass; staging: the site says 検証用 on every page.
    """
    require_repository(root)
    revision = newest_revision(root)
    release = Release(revision=revision.id, staging=target == "staging")
    build(root, engine=engine, production=target == "production", release=release, pdf=pdf)
    deploy_revision(root, root / SITE_DIR, revision, branch or BRANCHES[target], remote)
    return revision


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def require_repository(repo: Path) -> None:
    if not repo.is_dir() or _git(repo, "rev-parse", "--git-dir").returncode != 0:
        raise PublishError(f"{repo} は git のリポジトリではありません。公開はリポジトリの中で行います（公開用ブランチに記録するため）。")


def deploy_revision(repo: Path, site_dir: Path, revision: Revision, branch: str, remote: str | None) -> None:
    """Commit the built site as `revision` (and as latest/) to the publishing branch, with mike.

    An unchanged site makes no commit. The branch is pushed only after both commits succeeded.
    """
    from mike import commands, git_utils

    with contextlib.chdir(repo):  # mike runs git in the working directory
        try:
            if remote is not None:
                _git(repo, "fetch", "--quiet", remote, f"{branch}:refs/remotes/{remote}/{branch}")  # absent at first
                git_utils.update_from_upstream(remote, branch)
            deploy = commands.deploy({"site_dir": str(site_dir), "use_directory_urls": True}, revision.id, revision.title,
                                     [LATEST], update_aliases=True, alias_type=commands.AliasType.redirect,
                                     template=str(REDIRECT_TEMPLATE), branch=branch, message=f"版 {revision.id}（{revision.title}）を公開")
            with contextlib.suppress(git_utils.GitEmptyCommit), deploy:
                pass  # the site is already built (outside MkDocs' plugins, by our pipeline)
            with contextlib.suppress(git_utils.GitEmptyCommit):
                commands.set_default(revision.id, template=str(REDIRECT_TEMPLATE), branch=branch, message=f"既定の版を {revision.id} に")
        except (git_utils.GitError, git_utils.GitBranchDiverged, ValueError) as exc:
            raise PublishError(f"公開用ブランチ {branch} への記録に失敗しました: {exc}") from exc
        if remote is not None:
            try:
                git_utils.push_branch(remote, branch)
            except git_utils.GitError as exc:
                raise PublishError(f"公開用ブランチ {branch} は手元に記録しましたが、{remote} へ送れませんでした"
                                   f"（git push {remote} {branch} で送り直せます）: {exc}") from exc


def _check_export_folder(repo: Path, target: Path) -> None:
    """Never replace the project itself, a folder holding it, or a folder that is not an earlier export."""
    repo, target = repo.resolve(), target.resolve()
    if target == repo or target in repo.parents:
        raise PublishError(f"書き出し先 {target} はプロジェクト（{repo}）そのものか、それを含むフォルダです。別のフォルダを指定してください。")
    if target.is_dir() and any(target.iterdir()) and not (target / VERSIONS_FILE).is_file():
        raise PublishError(f"書き出し先 {target} には公開用でないファイルがあります（中身はすべて置き換えられます）。"
                           "空のフォルダか、前に書き出したフォルダを指定してください。")


def export_published(repo: Path, target: Path, branch: str = BRANCHES["production"]) -> int:
    """Copy every published revision (the tree of `branch`) into `target`, replacing it; the count of files.

    This is the folder a city's web server serves: copy it as it is (rsync -a --delete target/ server:path/).
    """
    require_repository(repo)
    _check_export_folder(repo, target)
    archive = subprocess.run(["git", "archive", "--format=tar", branch], cwd=repo, capture_output=True)
    if archive.returncode != 0:
        raise PublishError(f"公開用ブランチ {branch} がありません。先に python -m generator publish を実行してください。")
    incoming = target.with_name(target.name + ".new")
    shutil.rmtree(incoming, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(incoming, filter="data")
    previous = target.with_name(target.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.replace(previous)
    incoming.replace(target)
    shutil.rmtree(previous, ignore_errors=True)
    return sum(1 for path in target.rglob("*") if path.is_file())


__all__ = ["TARGETS", "BuildError", "PublishError", "export_published", "newest_revision", "publish"]
