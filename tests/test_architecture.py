"""The layout: pipeline stages import only earlier stages, every module is in a layer, functions stay short."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
MAX_FUNCTION_LINES = 60


def layers() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_no_stage_imports_a_later_stage():
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_of_the_generator_is_in_a_layer():
    top_level = {f"generator.{p.stem if p.is_file() else p.name}" for p in PACKAGE.iterdir()
                 if (p.suffix == ".py" and p.stem not in ("__init__", "__main__")) or (p / "__init__.py").is_file()}
    assert top_level == set(layers()), "add the new module or package to [tool.importlinter] layers in pyproject.toml"


def long_functions(source: str) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append((node.name, length))
    return found


def test_no_function_is_longer_than_the_limit():
    too_long = {path.relative_to(REPO).as_posix(): found for path in sorted(PACKAGE.rglob("*.py"))
                if (found := long_functions(path.read_text(encoding="utf-8")))}
    assert too_long == {}


def test_the_length_check_sees_a_long_function():
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert long_functions(f"def f():\n{body}\n") == [("f", MAX_FUNCTION_LINES + 1)]


def city_specific_words() -> set[str]:
    """Words that belong to one city's data: its name, titles, plan names, horizon year, goal counts."""
    from generator.pipeline import load_project
    from generator.text.eras import year_label

    words = {"朝霞", "あさか", "asaka", "第５次", "第5次", "４つ", "２つ"}
    for root in (REPO, REPO / "tests" / "fixtures" / "project"):
        project, _ = load_project(root)
        site = project.site
        words |= {site.city, site.site_title, *(d.name for d in site.documents), project.strategy.name,
                  *(row.name for row in project.plan_periods.rows)}
        if project.vision is not None:
            words |= {str(project.vision.horizon_year), year_label(project.vision.horizon_year)}
    return words


def test_no_city_plan_name_or_horizon_year_in_the_generator():
    """The city is data: what differs between municipalities lives in their YAML."""
    words = city_specific_words()
    found = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2"):
            text = path.read_text(encoding="utf-8").lower()
            hits = sorted(word for word in words if word.lower() in text)
            if hits:
                found[path.relative_to(REPO).as_posix()] = hits
    assert found == {}
