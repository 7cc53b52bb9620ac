"""Build the fixture site at another commit and at the working tree, and compare them byte for byte.

The check for refactors that must not change what readers get:

    .venv/bin/python scripts/compare-site.py main~3          # that commit against the working tree
    .venv/bin/python scripts/compare-site.py main~3 main     # two commits

Each side is built from its own generator, templates, docs/, overrides/,
mkdocs.yml and its own tests/fixtures/project data, with one fixed build date.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("docs", "overrides", "mkdocs.yml")
DATA = ("strategy", "population", "kpis")
FIXED_DATE = "1700000000"


def build_site(source: Path, work: Path) -> dict[str, str]:
    """Build the fixture project with the generator in `source`; sha256 of every file of the site."""
    project = work / "project"
    for part in PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, project / part)
        elif path.exists():
            shutil.copy2(path, project / part)
    for part in DATA:
        shutil.copytree(source / "tests/fixtures/project" / part, project / part)
    env = dict(os.environ, PYTHONPATH=str(source), SOURCE_DATE_EPOCH=FIXED_DATE)
    # cwd = the project: `python -m` puts the working directory first on sys.path, before PYTHONPATH.
    subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], env=env, cwd=project,
                   check=True, capture_output=True)
    site = project / "site"
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build_at(commit: str, work: Path) -> dict[str, str]:
    """Build the fixture site with the generator of `commit` (a temporary git worktree)."""
    tree = work / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=REPO, check=True, capture_output=True)
    try:
        return build_site(tree, work / "build")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare with (e.g. main, HEAD~1)")
    parser.add_argument("new", nargs="?", help="a second commit (default: the working tree)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = build_at(args.base, Path(tmp) / "old")
        new = build_at(args.new, Path(tmp) / "new") if args.new else build_site(REPO, Path(tmp) / "new-build")
    differing = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differing:
        print(f"{'only in ' + args.base if name not in new else 'only now' if name not in old else 'differs'}: {name}")
    print(f"{len(new)} files; {len(differing)} differ from {args.base}.")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
