"""The files of a git commit, branch or tag, written into a folder (to load the data as it was there).

`git archive` streams the tree as a tar archive; Python's tarfile writes it out with its
"data" filter (no links out of the folder, no device files, no absolute paths).
When the folder given is inside a repository rather than at its top, the same folder is
taken from the ref.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

from generator.problems import PlannerError


class GitRefError(PlannerError):
    """A ref or repository that cannot be read, worded for a planner."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitRefError("git が見つかりません。git をインストールしてから、もう一度実行してください。") from exc


def _resolve(repo: Path, ref: str) -> tuple[str, str, str]:
    """The commit `ref` names, the repository's top folder and the folder's place in it ("" at the top)."""
    inside = _git(repo, "rev-parse", "--show-toplevel", "--show-prefix")
    if inside.returncode != 0:
        raise GitRefError(f"{repo} は git のリポジトリではありません。--root にリポジトリのフォルダを指定してください。")
    commit = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if not ref or ref.startswith("-") or commit.returncode != 0:
        raise GitRefError(f"「{ref}」というコミット・ブランチ・タグが見つかりません。"
                          "名前を確かめてください（例: main、origin/main、HEAD~1、コミットの番号）。"
                          "CI では、比べるコミットまで取得しているか（fetch-depth: 0 など）も確かめてください。")
    top, prefix = (inside.stdout.decode().split("\n") + ["", ""])[:2]
    return commit.stdout.decode().strip(), top, prefix.strip()


def export_ref(repo: Path, ref: str, target: Path) -> None:
    """Write the tree of `ref` (of the folder `repo`, which may be inside a repository) into `target`."""
    commit, top, prefix = _resolve(repo, ref)
    tree = f"{commit}:{prefix.rstrip('/')}" if prefix else commit
    target.mkdir(parents=True, exist_ok=True)
    command = ["git", "-C", top, "archive", "--format=tar", tree]
    unreadable: tarfile.TarError | None = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
                for member in archive:
                    archive.extract(member, target, filter="data")
        except tarfile.TarError as exc:
            unreadable = exc
            process.stdout.read()  # let git finish
        errors = process.stderr.read().decode(errors="replace").strip()
    if process.returncode != 0:
        place = f"フォルダ {prefix.rstrip('/')} がそのコミットにないのかもしれません。" if prefix else ""
        raise GitRefError(f"「{ref}」のファイルを書き出せませんでした。{place}（git: {errors}）")
    if unreadable is not None:
        raise GitRefError(f"「{ref}」のファイルを書き出せませんでした: {unreadable}")
