"""`python -m generator new-city DIR`: a minimal, valid project for another municipality.

It holds the site identity, one goal, one measure and one KPI, and no population
vision; every value is a flagged sample (a production build refuses it) until the
planners replace it with their strategy as printed. The site's own files (mkdocs.yml,
docs/, overrides/) and the national framework (the same for every municipality) are
copied from the project the command runs in; the editors' schemas (schemas/, .vscode/) are
written from the models, and each data file names its schema in its first line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from string import Template

from generator.model.schemas import with_schema_comment
from generator.problems import PlannerError
from generator.site.scaffold import write_schemas

# Copied from the running project: the site's own files and the national strategy (whose list of
# sources is replaced: it names where this project checked the wording, not the new city).
COPIED = ("mkdocs.yml", "docs", "overrides", "strategy/national_framework.yml")
NATIONAL = "strategy/national_framework.yml"


def _text(value: str) -> str:
    """A YAML string that stays text whatever it holds (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# The data files, with $placeholders (YAML's own braces stay as they are).
SITE_YML = Template("""# サイト全体の情報。文書の説明は description に段落ごとに書きます。
city: $city_text
site_title: $title_text
documents:
  - id: strategy
    name: $title_text
    short_name: 総合戦略
    description:
      - （サンプル）ここに総合戦略の説明を書きます。
""")


PLAN_PERIODS_YML = Template("""# 計画期間の表。年度は西暦で書きます（令和3年度 = 2021）。
title: 計画期間
first_fy: $start_fy
last_fy: $end_fy
updated: $today
source: $sample_source
rows:
  - id: city-strategy
    name: $title_text
    periods:
      - label: （サンプル）今期
        start_fy: $start_fy
        end_fy: $end_fy
""")


STRATEGY_YML = Template("""# 市の目標と施策。実際の文言に置き換えたら sample: true を消してください。
name: $title_text
start_fy: $start_fy
end_fy: $end_fy
evaluation:
  method: distance_to_target
  description: （サンプル）基準値から目標値までのうち、どこまで進んだかで評価します。
  sample: true
  grades:
    - {grade: A, label: 目標を達成, min_percent: 100}
    - {grade: B, label: 目標に向けて進んでいる, min_percent: 50}
    - {grade: C, label: 目標に向けて進んでいない}
  not_measurable: －
goals:
  - id: goal-1
    kind: 基本目標
    number: 1
    national_goal: basic-1
    title: （サンプル）基本目標の文言
    sample: true
    direction:
      - （サンプル）基本的方向の文言
    measures:
      - id: measure-1-1
        title: （サンプル）施策の名前
        description: （サンプル）施策の内容
        sample: true
""")


KPI_YML = Template("""# 指標を1つ1ファイルで。実績は actuals に1年1行ずつ足します。
id: kpi-1-1
name: （サンプル）指標の名前
kind: KPI
goal: goal-1
measure: measure-1-1
definition: （サンプル）何を、どう測るか
unit: 件
better: higher
sample: true
updated: $today
baseline: {value: 10, year: $before_start, sample: true}
target: {value: 20, year: $end_fy, sample: true}
actuals: []
""")

TEMPLATES = {"strategy/site.yml": SITE_YML, "strategy/plan_periods.yml": PLAN_PERIODS_YML,
             "strategy/strategy.yml": STRATEGY_YML, "kpis/kpi-1-1.yml": KPI_YML}


def data_files(city: str, start_fy: int, end_fy: int, today: str) -> dict[str, str]:
    """The YAML files of a new city's project, by path, each naming its schema in its first line (editors complete it)."""
    title = f"{city}まち・ひと・しごと創生総合戦略"
    values = {"city_text": _text(city), "title_text": _text(title), "start_fy": start_fy, "end_fy": end_fy,
              "before_start": start_fy - 1, "today": today,
              "sample_source": "{title: 見本（実際の出典に置き換えてください）, needs_check: true}"}
    return {path: with_schema_comment(path, template.substitute(values)) for path, template in TEMPLATES.items()}


def national_framework(text: str) -> str:
    """The national framework with its sources replaced by the national strategy itself, to be checked."""
    lines = text.splitlines()
    name = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("name:")), "国の総合戦略")
    start = next((i for i, line in enumerate(lines) if line.startswith("sources:")), len(lines))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-"))), len(lines))
    sources = ["sources:", f"  - title: {name}",
               "    note: 目標の文言は元のプロジェクトのデータから写したものです。国の原文で確かめてください。",
               "    needs_check: true"]
    return "\n".join(lines[:start] + sources + lines[end:]) + "\n"


class NewCityError(PlannerError):
    """The project cannot be made; the message is for the planner."""


def new_city(target: Path, source_root: Path, city: str, start_fy: int, end_fy: int, today: str) -> list[str]:
    """Write the project into `target` (which must not exist or be empty); the paths written."""
    if target.exists() and any(target.iterdir()):
        raise NewCityError(f"{target} は空ではありません。新しいフォルダを指定してください（既存のファイルは上書きしません）。")
    missing = [part for part in COPIED if not (source_root / part).exists()]
    if missing:
        raise NewCityError(f"{source_root} に {', '.join(missing)} がありません。このリポジトリのフォルダで実行してください。")
    if end_fy < start_fy:
        raise NewCityError("最後の年度が最初の年度より前になっています。")
    written = []
    for part in COPIED:
        source, destination = source_root / part, target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        elif part == NATIONAL:
            destination.write_text(with_schema_comment(part, national_framework(source.read_text(encoding="utf-8"))), encoding="utf-8")
        else:
            shutil.copy2(source, destination)
        written.append(part)
    for path, text in data_files(city, start_fy, end_fy, today).items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
        written.append(path)
    return written + write_schemas(target)  # the schemas the files' first lines name, and VS Code's settings
