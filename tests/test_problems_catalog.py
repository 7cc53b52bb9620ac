"""The message catalog: every code is triggered on a copy of the fixture project and reported where it happens,
every problem the generator makes names a code of the catalog, and every code of the catalog is in use.

Like datasette's test that every setting is documented, a code without a trigger here fails: adding a kind of
problem means adding its catalog entry (which documents it on the messages page) and a way to cause it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import StringConstraints
from support import FIRST_REVISION, REPO, copy_project

from generator.check.schema import build_model
from generator.load.xlsxio import read_workbook
from generator.load.yamlio import load_text
from generator.model.base import Model
from generator.pipeline import validate
from generator.problems import Problem, Severity
from generator.problems_catalog import CATALOG, is_warning
from generator.render.pages import page_urls

KPI = "kpis/kpi-1-employees.yml"
STRATEGY = "strategy/strategy.yml"
CENSUS = "population/census.csv"
BASE = "population/base_population.csv"
ASSUMPTIONS = "population/assumptions.csv"
VISION = "population/vision.yml"
REVIEWS = "strategy/reviews.yml"
RECORD = "strategy/reviews/2023.json"
REVISIONS = "strategy/revisions.yml"
UNUSED_CHECK = ("tables:\n  - file: population/census.csv\n    source: 国勢調査\n    years: 2020\n"
                "    verified: {by: テスト担当, date: 2025-06-02, page: 第1表}\n")
CENSUS_SOURCE = "chiiki-chienowa.net（11227）による国勢調査の値。e-Stat で要確認"


def census_check(verified: str) -> str:
    """A record of the census rows of one source of the fixture, checked as `verified` says."""
    return f"tables:\n  - file: population/census.csv\n    source: {CENSUS_SOURCE}\n    years: 1985-2010\n    verified: {verified}\n"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(root: Path, name: str, text: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


def changed(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root, name, old, new)


def appended(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: append(root, name, text)


def revisions(text: str, records: dict[str, str] | None = None) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        write(root, REVISIONS, text)
        for name, record in (records or {}).items():
            write(root, f"strategy/revisions/{name}.yml", record)
    return change


def nobody(root: Path) -> None:
    path = root / BASE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(re.sub(r"^([^,]*,)[^,]*,[^,]*", r"\g<1>0,0", line) for line in lines[1:]), encoding="utf-8")


def migration_everywhere(root: Path) -> None:
    path = root / ASSUMPTIONS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(re.sub(r"^((?:[^,]*,){4})[^,]*,[^,]*", r"\g<1>0.9,0.9", line) for line in lines[1:]),
                    encoding="utf-8")


def swap_first_age_groups(root: Path) -> None:
    path = root / BASE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[0], lines[2], lines[1], *lines[3:]]), encoding="utf-8")


class _Short(Model):
    name: Annotated[str, StringConstraints(max_length=3)]


def too_long_text(root: Path) -> list[Problem]:
    """No data model has an error type the catalog does not name, so a model made for the test has one."""
    write(root, "x.yml", "# 試し\nname: 四文字以上の名前\n")
    document, problems = load_text((root / "x.yml").read_text(encoding="utf-8"), "x.yml")
    return problems + build_model(_Short, document)[1]


def workbook(cells: dict[tuple[str, str, str], object], add: str = "", remove: str = "",
             then: Callable[[Path], None] | None = None) -> Callable[[Path], list[Problem]]:
    """The problems import-xlsx finds in the update workbook of the project with cells set ((sheet, KPI id or row, header): value),
    a sheet added or removed, and the files changed after the export (`then`)."""
    def problems(root: Path) -> list[Problem]:
        from openpyxl import load_workbook

        from generator.render.workbook import workbook_bytes
        from generator.site.workbook_sheets import read_sheets

        path = root / "build/更新用.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(workbook_bytes(validate(root).project))
        if then is not None:
            then(root)
        book = load_workbook(path)
        for (name, key, header), value in cells.items():
            sheet, headers = book[name], [cell.value for cell in book[name][1]]
            row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == key) if isinstance(key, str) else key
            sheet.cell(row, headers.index(header) + 1).value = value
        if add:
            book.create_sheet(add)
        if remove:
            del book[remove]
        book.save(path)
        sheets, found = read_workbook(path, path.name)
        return found + (read_sheets(sheets, validate(root).project).problems if sheets is not None else [])
    return problems


@dataclass(frozen=True)
class Trigger:
    change: Callable[[Path], object]  # breaks the copy of the fixture project
    file: str  # where the problem is reported
    at: str | None = ""  # text on the reported line; None: the problem has no line (the file as a whole)
    production: bool = False
    problems: Callable[[Path], list[Problem]] | None = None  # instead of validating the project


TWO_REVISIONS = FIRST_REVISION + "  - id: 2023-03\n    title: 令和5年3月 改訂\n    date: 2023-03-31\n    summary: 改訂しました。\n    sample: true\n"

TRIGGERS: dict[str, Trigger] = {
    # Files
    "E-FILE-MISSING": Trigger(lambda root: (root / STRATEGY).unlink(), STRATEGY, None),
    "E-FILE-UNKNOWN": Trigger(lambda root: write(root, "strategy/strategy-old.yml", "name: 古い\n"), "strategy/strategy-old.yml", None),
    "E-FILE-ENCODING": Trigger(lambda root: (root / "strategy/glossary.yml").write_bytes("terms: []\n# 用語\n".encode("cp932")),
                               "strategy/glossary.yml", "# "),
    "E-FILE-TOO-LARGE": Trigger(lambda root: write(root, "kpis/huge.yml", "#" * (5 * 1024 * 1024 + 1)), "kpis/huge.yml", None),
    "E-FILE-UNREADABLE": Trigger(lambda root: (root / "kpis/folder.yml").mkdir(), "kpis/folder.yml", None),
    "E-FILE-EMPTY": Trigger(lambda root: write(root, "strategy/glossary.yml", "# まだ何もない\n"), "strategy/glossary.yml", None),
    "W-FILE-TABLE-UNUSED": Trigger(lambda root: (root / VISION).unlink(), CENSUS, None),
    # YAML
    "E-YAML-SYNTAX": Trigger(changed(KPI, "name: （サンプル）", 'name: "（サンプル）'), KPI, "name:"),
    "E-YAML-TAB": Trigger(changed(KPI, "  - {year: 2021", "\t- {year: 2021"), KPI, "\t- {year: 2021"),
    "E-YAML-FULL-WIDTH": Trigger(changed(KPI, "unit: 人", "unit：人"), KPI, "unit：人"),
    "E-YAML-TOO-DEEP": Trigger(appended(KPI, "notes: " + "[" * 45 + "a" + "]" * 45 + "\n"), KPI, "notes:"),
    "E-YAML-ALIAS": Trigger(lambda root: (edit(root, KPI, "baseline: {", "baseline: &b {"),
                                          edit(root, KPI, "target: {type: 時点, value: 43000, year: 2025, sample: true}", "target: *b")),
                            KPI, "target: *b"),
    "E-YAML-TAG": Trigger(changed(KPI, "value: 41200", "value: !!float 41200"), KPI, "!!float"),
    "E-YAML-KEY": Trigger(changed(KPI, "unit: 人", "unit\u3000: 人"), KPI, "unit\u3000: 人"),
    "E-YAML-KEY-DUPLICATE": Trigger(appended(KPI, "unit: 件\n"), KPI, "unit: 件"),
    "E-YAML-BOOL-WORD": Trigger(changed(KPI, "definition: （サンプル）市内の事業所で働く人の数。", "definition: no"), KPI, "definition: no"),
    "E-YAML-LEADING-ZERO": Trigger(changed(KPI, "definition: （サンプル）市内の事業所で働く人の数。", "definition: 010"), KPI, "010"),
    "W-YAML-FLOW-LIST": Trigger(changed(STRATEGY, "projects: [（サンプル）就労支援セミナー]", "projects: [（サンプル）就労支援セミナー, （サンプル）創業塾]"),
                                STRATEGY, "創業塾"),
    "E-YAML-COMMA-SPLIT": Trigger(changed(STRATEGY, "projects: [（サンプル）就労支援セミナー]", "projects: [（サンプル）就労支援セミナー（入門, 実践）]"),
                                  STRATEGY, "入門, 実践"),
    "E-YAML-COMMA-NUMBER": Trigger(changed(KPI, "baseline: {value: 40000,", "baseline: {value: 40,000,"), KPI, "40,000"),
    "W-TEXT-BRACKET": Trigger(changed(KPI, "name: （サンプル）市内事業所の従業者数", "name: （サンプル）市内事業所の従業者数（人"), KPI, "name:"),
    "E-JSON-SYNTAX": Trigger(changed(RECORD, '"format_version": 1,', '"format_version": 1,,'), RECORD, '"format_version"'),
    # CSV
    "E-CSV-SYNTAX": Trigger(appended(CENSUS, '2025,1,,,,,,sample,"' + "あ" * 140_000 + "\n"), CENSUS, "2025,1"),
    "E-CSV-COLUMN-UNKNOWN": Trigger(changed(CENSUS, "year,total,", "year,totl,"), CENSUS, "year,totl"),
    "E-CSV-COLUMN-MISSING": Trigger(changed(CENSUS, "year,total,male", "year,male"), CENSUS, "year,male"),
    "E-CSV-COLUMN-DUPLICATE": Trigger(changed(CENSUS, "year,total,", "year,total,年,"), CENSUS, "year,total,年"),
    "W-MATERIAL-NO-TEXT": Trigger(changed("strategy/materials.yml", "    text_alternative: （サンプル）内容は「策定経過」のページに文字で載せています。\n", ""),
                                  "strategy/materials.yml", "file: council/2020-1-agenda.pdf"),
    "W-CSV-OLD-WORD": Trigger(lambda root: write(root, CENSUS, "year,total,status,source\n2020,141083,確認済,国勢調査\n"), CENSUS, "確認済"),
    "E-CSV-COLUMN-COUNT": Trigger(appended(CENSUS, "2025,1,2\n"), CENSUS, "2025,1,2"),
    # The update workbook (import-xlsx): problems name a sheet and its row; the column is in the field
    "E-XLSX-UNREADABLE": Trigger(lambda root: write(root, "build/更新用.xlsx", "year,total\n"), "更新用.xlsx", None,
                                 problems=lambda root: read_workbook(root / "build/更新用.xlsx", "更新用.xlsx")[1]),
    "E-XLSX-LAYOUT": Trigger(lambda root: None, "シート『人口動態』", None, problems=workbook({}, remove="人口動態")),
    "E-XLSX-CELL": Trigger(lambda root: None, "シート『指標』", "2024（令和6）実績",
                           problems=workbook({("指標", "kpi-1-startups", "2024（令和6）実績"): "1,234"})),
    "E-XLSX-LOCKED": Trigger(lambda root: None, "シート『指標』", "指標名", problems=workbook({("指標", "kpi-1-startups", "指標名"): "別の名前"})),
    "E-XLSX-CONFLICT": Trigger(lambda root: None, "シート『国勢調査の人口』", None, problems=workbook(
        {("国勢調査の人口", 2, "総人口"): 14700}, then=changed(CENSUS, "\n2020,141083,", "\n2020,141090,"))),
    "W-XLSX-SHEET-IGNORED": Trigger(lambda root: None, "シート『メモ』", None, problems=workbook({}, add="メモ")),
    # Values and fields
    "E-SCHEMA-MISSING": Trigger(changed(KPI, "name: （サンプル）市内事業所の従業者数\n", ""), KPI, "id: kpi-1-employees"),
    "E-SCHEMA-UNKNOWN-FIELD": Trigger(changed(KPI, "unit: 人", "unti: 人"), KPI, "unti: 人"),
    "E-SCHEMA-TEXT": Trigger(changed(KPI, "definition: （サンプル）市内の事業所で働く人の数。", "definition: 2025"), KPI, "definition: 2025"),
    "E-SCHEMA-INTEGER": Trigger(changed(KPI, "{year: 2021,", "{year: 令和3年,"), KPI, "令和3年"),
    "E-SCHEMA-NUMBER": Trigger(changed(KPI, "value: 41200,", "value: 41200人,"), KPI, "41200人"),
    "E-SCHEMA-NOT-FINITE": Trigger(changed(KPI, "value: 41200,", "value: .nan,"), KPI, "value: .nan"),
    "E-SCHEMA-BOOL": Trigger(changed(KPI, "sample: true\nupdated", "sample: はい\nupdated"), KPI, "sample: はい"),
    "E-SCHEMA-LIST": Trigger(changed(KPI, "actuals:\n  - {year: 2021, value: 41200, status: sample}", "actuals: 41200"), KPI, "actuals: 41200"),
    "E-SCHEMA-MAPPING": Trigger(changed(KPI, "baseline: {value: 40000, year: 2016, sample: true}", "baseline: 40000"), KPI, "baseline: 40000"),
    "E-SCHEMA-EMPTY-TEXT": Trigger(changed(KPI, "definition: （サンプル）市内の事業所で働く人の数。", 'definition: ""'), KPI, "definition:"),
    "E-SCHEMA-EMPTY-VALUE": Trigger(changed(KPI, "name: （サンプル）市内事業所の従業者数", "name:"), KPI, "name:"),
    "E-SCHEMA-TOO-FEW": Trigger(changed(STRATEGY, "    direction:\n      - （サンプル）市内の事業者の経営と創業を支え、身近な場所で働ける機会を広げます。\n",
                                        "    direction: []\n"), STRATEGY, "direction: []"),
    "E-SCHEMA-ID": Trigger(changed(KPI, "goal: goal-1", "goal: Goal_1"), KPI, "goal: Goal_1"),
    "E-SCHEMA-URL": Trigger(appended(KPI, "source:\n  title: 経済センサス\n  url: www.example.lg.jp\n"), KPI, "url: www.example.lg.jp"),
    "E-SCHEMA-FILENAME": Trigger(changed("strategy/materials.yml", "file: council/2020-1-agenda.pdf", "file: council/第1回資料.pdf"),
                                 "strategy/materials.yml", "file: council/第1回資料.pdf"),
    "E-SCHEMA-PAGE-LINK": Trigger(changed("strategy/news.yml", "link: reviews/2023/", "link: /reviews/2023"),
                                  "strategy/news.yml", "link: /reviews/2023"),
    "E-SCHEMA-TOO-SMALL": Trigger(changed(KPI, "{year: 2021,", "{year: 3,"), KPI, "{year: 3,"),
    "E-SCHEMA-TOO-LARGE": Trigger(changed(STRATEGY, "sdgs: [8, 9]", "sdgs: [8, 18]"), STRATEGY, "sdgs: [8, 18]"),
    "E-SCHEMA-CHOICE": Trigger(changed(KPI, "better: higher", "better: yes"), KPI, "better: yes"),
    "E-SCHEMA-RULE": Trigger(changed(KPI, "target: {type: 時点, value: 43000, year: 2025,", "target: {type: 累計, value: 43000,"), KPI, "累計"),
    "E-SCHEMA-DATE": Trigger(changed(KPI, "updated: 2026-11-28", "updated: 令和8年11月28日"), KPI, "updated:"),
    "E-SCHEMA-OTHER": Trigger(lambda root: None, "x.yml", "name:", problems=too_long_text),
    # References between the data
    "E-ID-DUPLICATE": Trigger(changed("strategy/materials.yml", "  - id: strategy-draft-2020", "  - id: council-2020-1-agenda"),
                              "strategy/materials.yml", "  - id: council-2020-1-agenda"),
    "E-DUPLICATE-ENTRY": Trigger(appended(KPI, "  - {year: 2021, value: 41300, status: sample}\n"), KPI, "41300"),
    "E-ID-FILE-NAME": Trigger(changed(KPI, "id: kpi-1-employees", "id: kpi-1-employee"), KPI, "id: kpi-1-employee"),
    "E-REF-UNKNOWN": Trigger(changed(KPI, "goal: goal-1", "goal: goal-9"), KPI, "goal: goal-9"),
    "E-REF-MISMATCH": Trigger(changed("kpis/kpi-1-women-employment.yml", "measure: measure-1-2", "measure: measure-2-1"),
                              "kpis/kpi-1-women-employment.yml", "measure: measure-2-1"),
    "E-DATE-ORDER": Trigger(changed(STRATEGY, "end_fy: 2025", "end_fy: 2019"), STRATEGY, "end_fy: 2019"),
    "E-SOURCE-MISSING": Trigger(changed(KPI, "value: 41200, status: sample}", "value: 41200, status: 確定}"), KPI, "確定"),
    # The site and the policy
    "E-SITE-DOCUMENT": Trigger(changed("strategy/site.yml", "  - id: population-vision\n    name: 朝霞市人口ビジョン（令和２年度改訂）\n"
                                       "    short_name: 人口ビジョン\n    described_in: content-population-vision\n"
                                       "    period_in: period-population-vision\n", ""), "strategy/site.yml", "- id: strategy"),
    "E-SITE-NO-POLICY": Trigger(lambda root: (root / "strategy/policy.yml").unlink(), "strategy/site.yml", "described_in:"),
    "E-POLICY-SECTION-MISSING": Trigger(changed("strategy/policy.yml", "id: approach-kpi\n", "id: approach-kpis\n"), "strategy/policy.yml", "- id: purpose"),
    "E-POLICY-SECTION-EMPTY": Trigger(changed("strategy/policy.yml", "        title: 成果指標と効果検証\n        paragraphs:\n",
                                              "        title: 成果指標と効果検証\n        items:\n"), "strategy/policy.yml", "- id: approach-kpi"),
    "E-PLAN-OUTSIDE": Trigger(changed("strategy/plan_periods.yml", "last_fy: 2025", "last_fy: 2024"), "strategy/plan_periods.yml", "- label:"),
    "E-PERIOD-OVERLAP": Trigger(changed("strategy/plan_periods.yml", "        start_fy: 2020\n        end_fy: 2024",
                                        "        start_fy: 2019\n        end_fy: 2024"), "strategy/plan_periods.yml", "start_fy: 2019"),
    # KPIs
    "E-KPI-GOAL-FORBIDDEN": Trigger(changed(KPI, "kind: 数値目標", "kind: 全体目標"), KPI, "goal: goal-1"),
    "E-KPI-GOAL-REQUIRED": Trigger(changed(KPI, "goal: goal-1\n", ""), KPI, "kind: 数値目標"),
    "E-KPI-MEASURE-REQUIRED": Trigger(changed("kpis/kpi-x1-community.yml", "measure: measure-x1-1\n", ""), "kpis/kpi-x1-community.yml", "id: kpi-x1-community"),
    "E-KPI-GLOSSARY-MISSING": Trigger(changed(KPI, "name: （サンプル）市内事業所の従業者数", "name: （サンプル）市内事業所の従業者数※"), KPI,
                                      "id: kpi-1-employees"),
    "W-KPI-MARK-MISSING": Trigger(changed("kpis/kpi-1-women-employment.yml", "女性の就業率※", "女性の就業率"), "kpis/kpi-1-women-employment.yml", "name:"),
    "E-KPI-TARGET-YEAR": Trigger(changed(KPI, "value: 43000, year: 2025", "value: 43000, year: 2030"), KPI, "year: 2030"),
    "E-KPI-GRADES": Trigger(appended(KPI, "evaluation:\n  method: distance_to_target\n  description: 独自の評価\n  grades:\n"
                                          "    - {grade: S, label: 達成, min_percent: 100}\n    - {grade: T, label: 未達}\n"), KPI, "{grade: S"),
    "W-KPI-CUMULATIVE-BAND": Trigger(lambda root: (
        edit(root, KPI, "target: {type: 時点, value: 43000, year: 2025,", "target: {type: 累計, value: 43000, from_year: 2021, to_year: 2025,"),
        append(root, KPI, "evaluation:\n  method: baseline_band\n  description: 基準値と比べます\n  grades:\n"
                          "    - {grade: A, label: 達成, rule: target_reached}\n    - {grade: B, label: 改善, rule: above_baseline}\n"
                          "    - {grade: C, label: 横ばい, rule: near_baseline}\n    - {grade: D, label: 悪化, rule: below_baseline}\n")),
        KPI, "累計"),
    "E-KPI-FUTURE-ACTUAL": Trigger(appended(KPI, "  - {year: 2099, value: 41300, status: sample}\n"), KPI, "2099"),
    "E-KPI-UNIT": Trigger(changed(KPI, "value: 41200, status: sample}", "value: 41200, status: sample, unit: 万人}"), KPI, "万人"),
    "E-KPI-BASELINE-REQUIRED": Trigger(changed("kpis/kpi-x1-community.yml", "target: {type: 時点, value: 30.0, year: 2025,",
                                               "target: {type: 維持, year: 2025,"),
                                       "kpis/kpi-x1-community.yml", "維持"),
    "W-KPI-TARGET-WORSE": Trigger(changed(KPI, "value: 43000", "value: 39000"), KPI, "39000"),
    # Reviews
    "E-REVIEW-YEAR": Trigger(changed(REVIEWS, "fiscal_year: 2023", "fiscal_year: 2010"), REVIEWS, "fiscal_year: 2010"),
    "E-REVIEW-DATE-REQUIRED": Trigger(changed(REVIEWS, "    date: 2024-11-20\n", ""), REVIEWS, "status: 確定"),
    "E-REVIEW-UNFROZEN": Trigger(lambda root: (root / RECORD).unlink(), REVIEWS, "status: 確定"),
    "E-REVIEW-NOT-FINAL": Trigger(changed(REVIEWS, "status: 確定", "status: 作業中"), RECORD, '"fiscal_year"'),
    "E-REVIEW-DATE-MISMATCH": Trigger(changed(REVIEWS, "date: 2024-11-20", "date: 2024-11-21"), RECORD, '"date"'),
    # Process, materials, public comments, news
    "E-ORG-SELF-RELATION": Trigger(changed("strategy/organization.yml", "{from_body: council, to_body: headquarters,",
                                           "{from_body: council, to_body: council,"),
                                   "strategy/organization.yml", "to_body: council"),
    "E-PROCESS-DATE-OUTSIDE": Trigger(changed("strategy/process.yml", "date: 2020-09-10", "date: 1920-09-10"), "strategy/process.yml", "1920"),
    "E-PROCESS-REVIEW-YEAR": Trigger(changed("strategy/process.yml", "review_year: 2023", "review_year: 2015"), "strategy/process.yml", "2015"),
    "E-OPINION-RESPONSE": Trigger(changed("strategy/process.yml", "        response: （サンプル）保育の受け皿の確保を続けます。\n", ""),
                                  "strategy/process.yml", "- text: （サンプル）待機児童数"),
    "E-MATERIAL-FILE-MISSING": Trigger(changed("strategy/materials.yml", "file: council/2020-1-agenda.pdf", "file: council/2020-1-Agenda.pdf"),
                                       "strategy/materials.yml", "Agenda"),
    "W-MATERIAL-FILE-UNLISTED": Trigger(lambda root: (root / "documents/memo.pdf").write_bytes(b"%PDF-1.4\n"), "strategy/materials.yml", "- id:"),
    "W-COMMENT-RESULTS-DATE": Trigger(changed("strategy/public_comments.yml", "    results_published: 2021-03-31\n", ""),
                                      "strategy/public_comments.yml", "- summary:"),
    "W-NEWS-FUTURE": Trigger(changed("strategy/news.yml", "date: 2021-03-31", "date: 2099-03-31"), "strategy/news.yml", "2099"),
    "E-NEWS-LINK": Trigger(changed("strategy/news.yml", "link: reviews/2023/", "link: reviews/2030/"), "strategy/news.yml", "reviews/2030/"),
    # Revisions
    "E-REVISION-LATEST": Trigger(revisions(FIRST_REVISION.replace("id: 2021-03", "id: latest")), REVISIONS, "id: latest"),
    "E-REVISION-ORDER": Trigger(revisions(TWO_REVISIONS.replace("date: 2023-03-31", "date: 2020-03-31")), REVISIONS, "date: 2020-03-31"),
    "E-REVISION-RECORD-MISSING": Trigger(revisions(TWO_REVISIONS), REVISIONS, "id: 2021-03"),
    "E-REVISION-RECORD-STRAY": Trigger(revisions(FIRST_REVISION, {"2020-01": "revision: 2020-01\nsections: {}\n"}),
                                       "strategy/revisions/2020-01.yml", "revision: 2020-01"),
    # Population
    "E-POP-AGE-GROUPS": Trigger(swap_first_age_groups, BASE, "5-9,"),
    "E-POP-ASSUMPTION-AGE": Trigger(changed(ASSUMPTIONS, "2020,5-9,0.9996,0.9997,0.005,0.005,sample,見本（社人研の仮定値に置き換えてください）\n", ""),
                                    ASSUMPTIONS, "2020,0-4"),
    "E-POP-PERIOD": Trigger(changed(VISION, "  - period: 2020", "  - period: 2023"), VISION, "period: 2023"),
    "E-POP-NEGATIVE-COHORT": Trigger(changed(ASSUMPTIONS, "2020,30-34,0.998,0.9989,-0.03,", "2020,30-34,0.998,0.9989,-1,"), ASSUMPTIONS,
                                     "2020,30-34,0.998,0.9989,-1,"),
    "W-POP-BASE-TOTAL": Trigger(changed(BASE, "0-4,4146,", "0-4,5146,"), BASE, "0-4,5146"),
    "E-VISION-HORIZON": Trigger(changed(VISION, "horizon_year: 2060", "horizon_year: 2058"), VISION, "horizon_year: 2058"),
    "E-VISION-SCENARIO-CYCLE": Trigger(changed(VISION, "based_on: fertility-up", "based_on: fertility-up-no-migration"), VISION, "based_on:"),
    "E-VISION-SCENARIO-YEAR": Trigger(changed(VISION, "zero_migration_from: 2025", "zero_migration_from: 2027"), VISION, "2027"),
    "E-VISION-SCENARIO-AGE": Trigger(changed(VISION, "zero_migration_from: 2025\n", "zero_migration_from: 2025\n    zero_migration_ages: [20-25]\n"),
                                     VISION, "20-25"),
    "E-PROJECTION-FAILED": Trigger(nobody, VISION, "- id: baseline"),
    "W-PROJECTION-IMPLAUSIBLE": Trigger(migration_everywhere, VISION, "- id:"),
    "W-PROJECTION-COHORT": Trigger(changed(ASSUMPTIONS, "2020,20-24,0.9988,0.9994,0.08,", "2020,20-24,0.9988,0.9994,5,"), ASSUMPTIONS,
                                   "2020,20-24,0.9988,0.9994,5,"),
    # The production gate
    "E-PROD-SAMPLE": Trigger(lambda root: None, KPI, "sample: true", production=True),
    "E-PROD-UNCHECKED": Trigger(lambda root: None, "strategy/plan_periods.yml", "needs_check: true", production=True),
    "E-PROD-SITE-URL": Trigger(lambda root: None, "環境変数 SITE_URL", None, production=True),
    "E-PROD-NO-SOURCE": Trigger(lambda root: None, STRATEGY, "name: ", production=True),
    "E-PROD-UNVERIFIED": Trigger(lambda root: None, "strategy/policy.yml", "title: ", production=True),
    "E-PROD-IPSS-NAME": Trigger(lambda root: None, VISION, "社人研推計準拠", production=True),
    "W-VISION-IPSS-NAME": Trigger(changed(VISION, "    sample: true\n  - id: fertility-up\n", "  - id: fertility-up\n"), VISION,
                                  "社人研推計準拠"),
    "W-SOURCE-CHECK-UNUSED": Trigger(lambda root: write(root, "population/verifications.yml", UNUSED_CHECK), "population/verifications.yml",
                               "source: 国勢調査"),
    "E-SOURCE-CHECK-FUTURE": Trigger(lambda root: write(root, "population/verifications.yml",
                                                        census_check("{by: テスト担当, date: 2099-06-02, page: 第1表}")),
                                     "population/verifications.yml", "2099-06-02"),
    "W-SOURCE-CHECK-PLACEHOLDER": Trigger(lambda root: write(root, "population/verifications.yml",
                                                             census_check("{by: 〇〇課 〇〇, date: 2025-06-02, page: 第1表}")),
                                          "population/verifications.yml", "〇〇課"),
    "E-PROD-CHECK-PLACEHOLDER": Trigger(lambda root: write(root, "population/verifications.yml",
                                                           census_check("{by: テスト担当, date: 2025-06-02, page: TODO}")),
                                        "population/verifications.yml", "TODO", production=True),
}


def reported(trigger: Trigger, root: Path) -> list[Problem]:
    trigger.change(root)
    if trigger.problems is not None:
        return trigger.problems(root)
    return validate(root, production=trigger.production, page_urls=page_urls).report.problems


@pytest.mark.parametrize("code", list(CATALOG))
def test_every_code_is_reported_where_it_happens(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert code in TRIGGERS, f"no test triggers {code}: add a way to cause it to TRIGGERS"
    trigger = TRIGGERS[code]
    monkeypatch.delenv("SITE_URL", raising=False)
    root = copy_project(tmp_path / "project")
    problems = reported(trigger, root)
    text = "\n\n".join(p.format() for p in problems)
    found = [p for p in problems if p.code == code and p.file == trigger.file]
    assert found, f"{code} not reported on {trigger.file}:\n{text}"
    problem = found[0]
    assert problem.severity is (Severity.WARNING if is_warning(code) else Severity.ERROR)
    assert problem.hint, f"{code} has no 直し方"
    assert f"コード: {code}" in problem.format()
    if trigger.at is None:
        assert problem.line is None, problem.format()
    elif problem.file.startswith("シート『"):  # a cell of the update workbook: its row, the column named in the field
        assert problem.line is not None and trigger.at in problem.field, problem.format()
    else:
        assert problem.line is not None, problem.format()
        line = (tmp_path / "project" / problem.file).read_text(encoding="utf-8", errors="replace").splitlines()[problem.line - 1]
        assert trigger.at in line, f"{code} located on {line!r}:\n{problem.format()}"
    # Whatever else the change caused: every problem has a code of the catalog and a 直し方.
    assert all(p.code in CATALOG and p.hint for p in problems), text


def test_every_trigger_is_for_a_code_of_the_catalog():
    assert sorted(set(TRIGGERS) - set(CATALOG)) == []


def test_codes_are_stable_names_of_one_form():
    assert all(re.fullmatch(r"[EW](-[A-Z0-9]+)+", code) for code in CATALOG)
    assert all(kind.title and kind.description and kind.fix and kind.example for kind in CATALOG.values())


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [(f"{path.relative_to(REPO)}:{node.lineno}", node) for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name]
    return found


@pytest.mark.parametrize("name", ["Problem", "Finding"])
def test_every_problem_and_finding_the_generator_makes_names_its_code(name: str):
    calls = _calls(name)
    assert calls, f"no {name}(...) found: the test does not see the generator's code"
    assert [where for where, call in calls if not any(keyword.arg == "code" for keyword in call.keywords)] == []


def test_every_code_in_the_generator_is_in_the_catalog_and_every_catalog_code_is_used():
    used = set()
    for path in (REPO / "generator").rglob("*.py"):
        if path.name != "problems_catalog.py":
            used |= set(re.findall(r"\"([EW]-[A-Z0-9]+(?:-[A-Z0-9]+)+)\"", path.read_text(encoding="utf-8")))
    assert sorted(used - set(CATALOG)) == []
    assert sorted(set(CATALOG) - used) == []


def test_an_unknown_goal_in_the_reviews_says_where_and_how_to_fix_it(project_copy: Path):
    edit(project_copy, REVIEWS, "      - goal: goal-3", "      - goal: goal-9")
    [problem] = validate(project_copy).report.problems
    assert (problem.code, problem.file, problem.line) == ("E-REF-UNKNOWN", REVIEWS, 10)
    assert problem.readable_field == "1番目の効果検証（reviews）の1番目の意見と市の対応（comments）の『対象の目標の id』（goal）"
    assert problem.hint == "次から選んでください: cross-cutting-1, cross-cutting-2, goal-1, goal-2, goal-3, goal-4"
