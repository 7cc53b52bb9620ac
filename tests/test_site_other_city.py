"""Another municipality from data alone: a fictional city with 3 goals, no policy text, no
population vision, no glossary and no reviews builds, says its own name and grades right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import copy_project

from generator.cli import main
from generator.pipeline import validate
from generator.site.build import build

CITY2 = Path(__file__).resolve().parent / "fixtures" / "city2"


@pytest.fixture(scope="module")
def city2_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("city2") / "project", data_from=CITY2)
    build(root)
    return root


def site_text(root: Path) -> dict[str, str]:
    return {p.relative_to(root / "site").as_posix(): p.read_text(encoding="utf-8")
            for p in (root / "site").rglob("*") if p.suffix in (".html", ".json", ".csv", ".xml")}


def test_the_site_names_its_own_city_and_never_another(city2_site: Path):
    texts = site_text(city2_site)
    assert not [name for name, text in texts.items() if "朝霞" in text]
    home = texts["index.html"]
    assert "<title>ホーム - 架空市まち・ひと・しごと創生総合戦略</title>" in home
    assert "架空市の実際の内容や数値ではありません" in texts["kpis/index.html"]


def test_absent_parts_leave_no_page_and_no_menu_entry(city2_site: Path):
    site = city2_site / "site"
    for absent in ("population", "strategy/policy", "glossary"):
        assert not (site / absent).exists(), absent
    settings = json.loads((city2_site / "build/engine-settings.json").read_text(encoding="utf-8"))
    menu = json.dumps(settings["nav"], ensure_ascii=False)
    assert "人口ビジョン" not in menu and "策定方針" not in menu and "用語解説" not in menu
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "population/" not in home and "policy/" not in home
    assert "4つの基本目標と2つの横断的な目標" in home


def test_grades_of_the_fictional_city_are_the_hand_computed_ones():
    validated = validate(CITY2)
    assert validated.report.ok, validated.report.format()
    latest = validated.computed.latest
    assert {kpi_id: (round(p.percent, 1), p.grade) for kpi_id, p in latest.items()} == {
        "kpi-a-jobs": (50.0, "B"), "kpi-b-startups": (50.0, "B"), "kpi-c-waiting": (25.0, "C"), "kpi-d-visitors": (200.0, "A"),
        "kpi-e-tfr": (50.0, "B"),  # no unit, no target year: graded all the same
        "kpi-f-moveout": (92.3, "B"),  # a cumulative total over its cap is not 達成
        "kpi-g-events": (50.0, "B"),  # a preliminary actual counts, labelled
        "kpi-h-waiting-rate": (60.0, "B"),  # 「10.0%減少」 from 50: target 45
        "kpi-i-satisfaction": (100.0, "A"),  # 「現状維持」 of 80
        "kpi-j-sales": (100.0, "A"),  # 「前年度比増」: 110 against 100
        "kpi-0-population": (25.0, "C"),  # a strategy-level indicator (全体目標)
    }
    assert [kpi.id for kpi in validated.computed.overall] == ["kpi-0-population"]
    assert all(kpi.id != "kpi-0-population" for kpis in validated.computed.kpis_by_goal.values() for kpi in kpis)
    assert [goal.label for goal in validated.project.strategy.goals] == ["基本目標1", "基本目標2", "基本目標3"]


def test_sample_notice_appears_only_where_samples_are_shown(city2_site: Path):
    texts = site_text(city2_site)
    assert "サンプルを含むページです" in texts["kpis/index.html"]
    assert "サンプルを含むページです" not in texts["strategy/index.html"]  # national goals and periods: no sample


def test_new_city_makes_a_project_that_builds_with_every_value_a_sample(tmp_path: Path, capsys):
    target = tmp_path / "new"
    assert main(["new-city", str(target), "--city", "試験町", "--start-fy", "2025", "--end-fy", "2029"]) == 0
    build(target)
    home = (target / "site/index.html").read_text(encoding="utf-8")
    assert "試験町まち・ひと・しごと創生総合戦略" in home
    assert not [name for name, text in site_text(target).items() if "朝霞" in text]  # no other city's sources either
    assert main(["--root", str(target), "validate", "--production"]) == 1  # samples may not be published
    out = capsys.readouterr().out
    assert "kpis/kpi-1-1.yml" in out and "strategy/strategy.yml" in out


def test_new_city_never_overwrites(tmp_path: Path, capsys):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["new-city", str(target), "--city", "試験町", "--start-fy", "2025", "--end-fy", "2029"]) == 1
    assert "空ではありません" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def kpi_page(root: Path, kpi_id: str) -> str:
    """The KPI page's text without tags."""
    import re

    html = (root / "site/kpis" / kpi_id / "index.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html)


def test_kpi_shapes_are_shown_as_printed(city2_site: Path):
    tfr = kpi_page(city2_site, "kpi-e-tfr")
    assert "1.50（目標年度の記載なし）［原文: 1.50以上］" in tfr
    assert "1.40（令和6(2024)年度まで、令和7(2025)年6月30日時点）" in tfr
    assert "None" not in tfr and "単位: なし" in tfr
    moveout = kpi_page(city2_site, "kpi-f-moveout")
    assert "2,000人（平成29(2017)年度〜令和3(2021)年度の累計）［原文: 2017〜2021年度の累計 2,000人］" in moveout
    assert "未達成" in moveout and "（このサイトの計算: B " in moveout  # the city's grade beside the computed one
    assert "60人（令和6(2024)年度まで、速報値を含む）" in kpi_page(city2_site, "kpi-g-events")


def test_kpis_are_listed_in_the_printed_order(city2_site: Path):
    dashboard = (city2_site / "site/kpis/index.html").read_text(encoding="utf-8")
    assert dashboard.index("kpi-g-events/") < dashboard.index("kpi-f-moveout/")  # order: 1 before order: 2


def test_a_target_without_a_year_is_drawn_without_inventing_one(city2_site: Path):
    figure = json.loads((city2_site / "site/assets/figures/kpi-e-tfr.json").read_text(encoding="utf-8"))
    [line] = [trace for trace in figure["data"] if trace["name"].startswith("目標値")]
    assert line["name"] == "目標値（目標年度の記載なし）" and line["x"] == [2020, 2024]  # the years of the data only


def test_relative_targets_are_shown_with_what_they_ask(city2_site: Path):
    rate = kpi_page(city2_site, "kpi-h-waiting-rate")
    assert "基準値から10.0%減少（45分）（令和8(2026)年度）［原文: 10.0%減少］" in rate
    keep = kpi_page(city2_site, "kpi-i-satisfaction")
    assert "現状維持（80.0%）（令和8(2026)年度）［原文: 現状維持］" in keep
    yoy = kpi_page(city2_site, "kpi-j-sales")
    assert "前年度より増やす［原文: 前年度比増］" in yoy
    assert "目標は前年度より良くすること。実績 110 は前年度（令和5(2023)年度）の 100 を上回っています（100%）。" in yoy


def test_strategy_level_indicators_stand_apart_from_the_goals(city2_site: Path):
    dashboard = (city2_site / "site/kpis/index.html").read_text(encoding="utf-8")
    assert dashboard.index('id="overall"') < dashboard.index("kpi-0-population/") < dashboard.index('id="goal-1"')
    assert "戦略全体の目標（全体目標）" in kpi_page(city2_site, "kpi-0-population")
    review = (city2_site / "site/assets/data/review-2024.csv").read_text(encoding="utf-8-sig")
    assert "戦略全体,全体目標,kpi-0-population" in review


def test_an_earlier_period_keeps_its_final_results_and_reviews(city2_site: Path):
    import re

    page = re.sub(r"<[^>]+>", "", (city2_site / "site/strategy/periods/period-1/index.html").read_text(encoding="utf-8"))
    assert "56件（令和2(2020)年度）" in page and "達成" in page and "目標に届いた" in page
    assert "9,600人（令和3(2021)年度、速報値、令和3(2021)年10月1日時点）" in page and "目標に届かなかった" in page
    assert "－（公表なし）" in page  # a result never published stays unknown, never made up
    assert "（サンプル）第１期の創業支援は目標を上回った。" in page  # its review is kept and shown
    reviews = (city2_site / "site/reviews/index.html").read_text(encoding="utf-8")
    assert "strategy/periods/period-1/#reviews" in reviews
    settings = json.loads((city2_site / "build/engine-settings.json").read_text(encoding="utf-8"))
    assert "これまでの計画期間" in json.dumps(settings["nav"], ensure_ascii=False)


def test_a_preliminary_actual_is_labelled_wherever_it_is_graded(city2_site: Path):
    import re

    review = re.sub(r"<[^>]+>", "", (city2_site / "site/reviews/2024/index.html").read_text(encoding="utf-8"))
    assert "60人（令和6(2024)年度）（速報値）" in review
    csv = (city2_site / "site/assets/data/review-2024.csv").read_text(encoding="utf-8-sig").splitlines()
    header = csv[0].split(",")
    [row] = [line.split(",") for line in csv if ",kpi-g-events," in line]
    assert row[header.index("速報値を含む")] == "はい"
