"""The contract "validate green ⇒ build succeeds", tried on mutations of the fixture project.

Hypothesis changes one thing a planner might get wrong — a value made extreme, negative, zero,
empty or text, a key removed, an id swapped, a table cell changed, a file removed — and the
data must then either fail `validate` with located problems or render completely: never a crash.
"""

from __future__ import annotations

import csv
import io

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURE, copy_project

from generator.pipeline import validate
from generator.render.pages import page_urls
from generator.site.build import generate

DATA = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*") if p.suffix in (".yml", ".csv"))
REPLACEMENTS = st.sampled_from([0, -1, 10**12, -(10**12), 0.5, "", "文字", None, [], {}, True, 2101, 1899])


def leaves(data: object, path: tuple = ()) -> list[tuple]:
    """Paths to every value of a YAML document (mappings and lists included)."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += leaves(value, path + (index,))
    return found


def mutate_yaml(text: str, data: st.DataObject) -> str:
    document = yaml.safe_load(text)
    paths = leaves(document)
    if not paths:
        return text
    target = data.draw(st.sampled_from(paths), label="path")
    parent = document
    for part in target[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "remove", "swap"]), label="action")
    if action == "remove":
        del parent[target[-1]]
    elif action == "swap":
        ids = [p for p in paths if p[-1] == "id" and p != target]
        if ids and target[-1] == "id":
            other = data.draw(st.sampled_from(ids), label="other id")
            source = document
            for part in other[:-1]:
                source = source[part]
            parent[target[-1]] = source[other[-1]]
    else:
        parent[target[-1]] = data.draw(REPLACEMENTS, label="value")
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def mutate_csv(text: str, data: st.DataObject) -> str:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if len(rows) < 2:
        return text
    row = data.draw(st.integers(1, len(rows) - 1), label="row")
    column = data.draw(st.integers(0, len(rows[row]) - 1), label="column")
    rows[row][column] = str(data.draw(st.sampled_from(["", "-1", "0", "1e12", "文字", "0.0001", "5"]), label="cell"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_validate_green_means_the_site_renders(data: st.DataObject, tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("mutated") / "project")
    name = data.draw(st.sampled_from(DATA), label="file")
    path = root / name
    if data.draw(st.booleans(), label="delete the file") and data.draw(st.booleans(), label="really"):
        path.unlink()
    else:
        text = path.read_text(encoding="utf-8")
        path.write_text(mutate_csv(text, data) if path.suffix == ".csv" else mutate_yaml(text, data), encoding="utf-8")
    validated = validate(root, page_urls=page_urls)  # must not raise; links to pages checked, as the validate command does
    if validated.report.ok:
        result = generate(root)  # green validate: rendering must succeed (BuildError would fail the test)
        assert result.report.ok and result.written
    else:
        assert all(problem.file for problem in validated.report.errors), validated.report.format()
