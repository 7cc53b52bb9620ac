"""Rules of the promotion structure, the dated record and the opinions: every reference located."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import load_project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(root: Path) -> list[tuple[str, str, str, str]]:
    _, report = load_project(root)
    return [(p.file, p.field, p.message, p.hint) for p in report.errors]


def line_of(root: Path, problem_file: str, field: str) -> str:
    _, report = load_project(root)
    problem = next(p for p in report.errors if p.file == problem_file and p.field == field)
    return (root / problem_file).read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_the_sample_process_data_is_valid(project_copy: Path):
    project, report = load_project(project_copy)
    assert report.ok, report.format()
    assert [b.id for b in project.organization.bodies][:2] == ["headquarters", "working-group"]
    assert project.process.events[0].opinions[0].goal == "goal-3"


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("    part_of: headquarters", "    part_of: mayor", "bodies[1].part_of", "上位の組織「mayor」がありません。"),
    ("    described_in: structure-council", "    described_in: council-rules", "bodies[2].described_in",
     "策定方針に id「council-rules」の節がありません。"),
    ("{from_body: council, to_body: headquarters", "{from_body: council, to_body: mayor", "relations[1].to_body",
     "組織「mayor」がありません。"),
    ("{from_body: council, to_body: headquarters", "{from_body: council, to_body: council", "relations[1].to_body",
     "矢印の出発と行き先が同じ組織です。"),
])
def test_organization_references_are_located(project_copy: Path, old: str, new: str, field: str, message: str):
    edit(project_copy / "strategy/organization.yml", old, new)
    found = [e for e in errors(project_copy) if e[1] == field]
    assert found and found[0][0] == "strategy/organization.yml" and found[0][2] == message


def test_without_a_policy_described_in_says_the_policy_is_missing(project_copy: Path):
    (project_copy / "strategy/policy.yml").unlink()
    site = project_copy / "strategy/site.yml"  # the site's documents quote the policy: describe them in place
    text = site.read_text(encoding="utf-8")
    text = text.replace("    described_in: content-strategy\n", "    description: [戦略の説明]\n")
    text = text.replace("    described_in: content-population-vision\n", "    description: [人口ビジョンの説明]\n")
    text = text.replace("    period_in: period-strategy\n", "").replace("    period_in: period-population-vision\n", "")
    site.write_text(text, encoding="utf-8")
    found = [e for e in errors(project_copy) if e[0] == "strategy/organization.yml"]
    assert found and all(e[2] == "strategy/policy.yml がありません。" for e in found)


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("    body: working-group", "    body: mayor", "events[1].body", "組織「mayor」がありません。"),
    ("    materials: [council-2020-1-agenda]", "    materials: [minutes-1]", "events[0].materials[0]", "資料「minutes-1」がありません。"),
    ("    public_comment: strategy-draft-2020", "    public_comment: draft-9", "events[2].public_comment",
     "パブリックコメント「draft-9」がありません。"),
    ("    date: 2020-09-10", "    date: 2002-09-10", "events[1].date",
     "日付 2002-09-10（平成14(2002)年度）は記録できる期間の外です。記録できるのは、計画期間の表（strategy/plan_periods.yml）の"
     "最初の年度から、総合戦略の最後の年度の翌年度（最後の年度の効果検証の年）までです: 平成27(2015)年度〜令和8(2026)年度。"),
    ("    end: 2021-01-14", "    end: 2020-01-14", "events[2].end", "最後の日 2020-01-14 が初日 2020-12-15 より前です。"),
    ("    review_year: 2023", "    review_year: 2019", "events[5].review_year", "2019年度は総合戦略の期間（2021〜2025年度）の外です。"),
    ("        kpi: kpi-3-childcare-waiting", "        kpi: kpi-9", "events[5].opinions[0].kpi", "指標「kpi-9」がありません。"),
    ("        goal: goal-3\n", "        goal: goal-3\n        measure: measure-1-1\n", "events[0].opinions[0].measure",
     "施策「measure-1-1」は目標「goal-3」の施策ではありません。"),
])
def test_event_references_and_dates_are_located(project_copy: Path, old: str, new: str, field: str, message: str):
    edit(project_copy / "strategy/process.yml", old, new)
    found = [e for e in errors(project_copy) if e[1] == field]
    assert found and found[0][0] == "strategy/process.yml" and found[0][2] == message, errors(project_copy)


def test_an_event_body_without_an_organization_file_says_what_to_do(project_copy: Path):
    (project_copy / "strategy/organization.yml").unlink()
    found = [e for e in errors(project_copy) if e[1].endswith(".body")]
    assert found and "strategy/organization.yml に推進体制を書くか" in found[0][3]


def test_a_status_without_a_response_and_review_comments_are_checked(project_copy: Path):
    edit(project_copy / "strategy/process.yml", "        response: （サンプル）保育の受け皿の確保を続けます。\n", "")
    assert line_of(project_copy, "strategy/process.yml", "events[5].opinions[0].response").strip().startswith("- text:")
    found = [e for e in errors(project_copy) if e[1] == "events[5].opinions[0].response"]
    assert found and "市の対応（response）がありません" in found[0][2]
    reviews = project_copy / "strategy/reviews.yml"
    edit(reviews, "      - goal: goal-3\n", "      - goal: goal-3\n        kpi: kpi-x\n")
    assert any(e[0] == "strategy/reviews.yml" and e[2] == "指標「kpi-x」がありません。" for e in errors(project_copy))
