"""What a change of the data means to a reader, in Japanese: a snapshot of what the site shows, and its differences.

`snapshot(project)` is plain JSON data, {section: {item id: {"title": str, "fields": {label: text}}}},
with every value already worded as the reader sees it (era years, thousands separators, units), so
past revisions can be stored as JSON and compared later. `compare` lists the differences, `describe`
puts one into a sentence and `summary_markdown` groups them for a pull request. Pure functions, no I/O.

The snapshot follows `Project`'s declaration of its data: the main parts have their own wording
(goals, measures, KPIs, policy text, reviews); every other declared file, table or folder is worded
field by field from its model's Japanese descriptions, so a new data family shows up without code here.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from generator.charts.kpi import year_text
from generator.check.verification import Record
from generator.model.base import Source, Verification
from generator.model.policy import PolicySection, walk_sections
from generator.model.project import DATA_SOURCES, DataFolder, DataSource, DataTable, Project
from generator.model.strategy import IndicatorLogic, Kpi, ValueSource
from generator.render.kpi_text import period_text
from generator.text.eras import date_label, fiscal_year_label, fiscal_year_range_label
from generator.text.markdown import escape_markdown
from generator.text.numbers import format_number

# {section: {item id: {"title": str, "fields": {label: text}}}}
Snapshot = dict[str, dict[str, dict[str, Any]]]
Item = tuple[str, str, str, dict[str, str]]  # section, item id, title, fields

SECTIONS = ("目標", "施策", "指標", "人口", "本文", "効果検証", "計画")  # the order of a summary
OTHER_SECTION = "その他"
# Sections of the data worded field by field, by the folder their file lives in.
_FOLDER_SECTIONS = {"population": "人口", "kpis": "指標", "strategy": "計画"}
ADDED, REMOVED, CHANGED = "追加", "削除", "変更"
SAMPLE_FIELD, SAMPLE_MARK = "サンプル表示", "あり"
ROW_SEPARATOR = " ／ "  # between the cells of a table row ("総人口 141,083 ／ 男性 70,000")
PATH_SEPARATOR = "／"  # between the parts of a nested field label ("評価方法／評価の段階 A／評価の意味")
NO_VALUE = "－"
SHORT_TEXT = 30  # longer prose is excerpted in sentences
FIGURE_TEXT = 80  # a figure with its period and notes (「900人（令和3年度〜令和7年度の累計）」) is shown whole up to this
EXCERPT = 30
CONTEXT = 6  # characters shown around a change in a long text
SAMPLES_LEFT = "本番公開の前に直すもの（サンプル・未確認の印の数）"
NO_CHANGES = "データの変更はありません。"

# Labels of fields whose description does not start with a short name.
_LABELS = {"sample": SAMPLE_FIELD, "text_sample": "説明文の" + SAMPLE_FIELD, "kind": "区分", "source": "出典",
           "sources": "出典", "note": "注記", "notes": "注記", "status": "状態", "id": "id"}
# Attributes that name one element of a list, best first (an index when none is present or unique).
_ELEMENT_KEYS = ("id", "grade", "label", "name", "term", "fiscal_year", "year", "period", "age")


# --- Values as the reader sees them ----------------------------------------------------------


def _number(value: float) -> str:
    """A number with thousands separators and as many decimals as it was written with."""
    if not math.isfinite(value):
        return str(value)
    digits = 0 if value == int(value) else -int(Decimal(repr(float(value))).normalize().as_tuple().exponent)
    return format_number(value, min(max(digits, 0), 10))


def _date(day: datetime.date) -> str:
    return date_label(day.year, day.month, day.day)


def source_text(source: Source) -> str:
    """A source in one line: title (publisher, section, date, note) URL【要確認】."""
    details = [source.publisher, source.section, _date(source.published) if source.published else None, source.note]
    text = source.title + _brackets(details)
    if source.url:
        text += f" {source.url}"
    return text + ("【要確認】" if source.needs_check else "")


def _brackets(parts: Iterable[str | None]) -> str:
    shown = [part for part in parts if part]
    return f"（{'、'.join(shown)}）" if shown else ""


def _scalar(value: object) -> str | None:
    """A value that is not a model, as text; None for what the reader does not see (nothing, false)."""
    if value is None or value is False or value == [] or value == {}:
        return None
    if value is True:
        return SAMPLE_MARK
    if isinstance(value, int):  # years, numbers of goals and orders: written as they are
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, Source):
        return source_text(value)
    if value == "sample":  # a status word (status: sample), as the pages say it
        return "サンプル"
    if isinstance(value, Mapping):
        return "、".join(f"{key}: {_scalar(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return "\n".join(str(_scalar(item)) for item in value)
    return str(value)


# --- Any model, field by field ---------------------------------------------------------------


def _label(model: type[BaseModel], name: str) -> str:
    """A field's short Japanese label: its description up to the first 。, without notes in brackets."""
    if name in _LABELS:
        return _LABELS[name]
    description = re.sub(r"（[^（）]*）", "", model.model_fields[name].description or name)
    return description.split("。")[0].strip() or name


def _model_title(model: type[BaseModel]) -> str:
    title = model.model_config.get("title") or model.__name__
    return re.sub(r"（[^）]*）$", "", title)


def _element_keys(items: Sequence[BaseModel]) -> tuple[str | None, list[str]]:
    """The field that names each element of a list (id, label, name… when unique) and the names; else positions."""
    for attribute in _ELEMENT_KEYS:
        keys = [_scalar(getattr(item, attribute, None)) for item in items]
        if all(keys) and len(set(keys)) == len(keys):
            return attribute, [str(key) for key in keys]
    return None, [str(index) for index in range(1, len(items) + 1)]


def _join(prefix: str, label: str) -> str:
    return f"{prefix}{PATH_SEPARATOR}{label}" if prefix else label


def flatten(value: object, prefix: str = "", out: dict[str, str] | None = None, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every field of a model that the reader sees, {label: text}; nested models and lists get path labels."""
    out = {} if out is None else out
    if isinstance(value, BaseModel) and not isinstance(value, Source):
        for name in type(value).model_fields:
            if name not in skip:
                flatten(getattr(value, name), _join(prefix, _label(type(value), name)), out)
    elif isinstance(value, (list, tuple)) and value and all(isinstance(item, BaseModel) for item in value):
        attribute, keys = _element_keys(list(value))
        for key, item in zip(keys, value, strict=True):  # the naming field is in the label already
            flatten(item, f"{prefix} {key}" if prefix else key, out, skip=(attribute,) if attribute else ())
    elif (text := _scalar(value)) is not None:
        label, number = prefix, 2
        while label in out:
            label, number = f"{prefix}（{number}）", number + 1
        out[label] = text
    return out


def _sample(flag: bool) -> dict[str, str]:
    return {SAMPLE_FIELD: SAMPLE_MARK} if flag else {}


def _present(fields: Mapping[str, str | None]) -> dict[str, str]:
    return {label: text for label, text in fields.items() if text}


# --- Indicators: the values as the KPI page words them ---------------------------------------


def _amount(indicator: IndicatorLogic, value: float | None) -> str:
    return format_number(value, indicator.digits) + indicator.unit_label


def _target_amount(indicator: IndicatorLogic) -> str:
    """The target's amount, or what it asks when relative: 基準値から10.0%減少（405人）, 現状維持（450人）."""
    target, absolute = indicator.target, indicator.target_value
    worked_out = f"（{_amount(indicator, absolute)}）" if absolute is not None else ""
    if target.type == "前年度比":
        return f"前{indicator.year_type}より" + ("増やす" if indicator.better == "higher" else "減らす")
    if target.type == "維持":
        return "現状維持" + worked_out
    if target.type == "変化率":
        assert target.value is not None  # the model requires the value of a 変化率
        return f"基準値から{format_number(abs(target.value), 1)}%{'増加' if target.value > 0 else '減少'}{worked_out}"
    return _amount(indicator, target.value)


def _value_text(indicator: IndicatorLogic, value: ValueSource, amount: str) -> str:
    """A baseline or target: amount (period, date, サンプル)［原文: …］."""
    as_of = f"{_date(value.as_of)}時点" if value.as_of else None
    text = amount + _brackets([period_text(indicator, value), as_of, "サンプル" if value.sample else None])
    return text + (f"［原文: {value.original}］" if value.original else "")


def _status(status: str) -> str:
    return "サンプル" if status == "sample" else status


def _indicator_values(indicator: IndicatorLogic) -> dict[str, str]:
    """基準値, 目標 and their sources, as one indicator's fields."""
    fields: dict[str, str] = {}
    baseline, target = indicator.baseline, indicator.target
    if baseline is not None:
        fields["基準値"] = _value_text(indicator, baseline, _amount(indicator, baseline.value))
        if baseline.source:
            fields["基準値の出典"] = source_text(baseline.source)
    fields["目標"] = _value_text(indicator, target, _target_amount(indicator))
    if target.source:
        fields["目標の出典"] = source_text(target.source)
    return fields


def _actuals(kpi: Kpi) -> dict[str, str]:
    """Each actual as its own field, 「令和6(2024)年度の実績」: 「12,345人（確定）」, and the grades the city published."""
    fields: dict[str, str] = {}
    for actual in kpi.actuals:
        label = f"{year_text(kpi, actual.year)}の実績"
        as_of = f"{_date(actual.as_of)}時点" if actual.as_of else None
        fields[label] = _amount(kpi, actual.value) + _brackets([_status(actual.status), as_of])
        fields[label] += f" 注記: {actual.note}" if actual.note else ""
        if actual.source:
            fields[f"{label}の出典"] = source_text(actual.source)
    for grade in kpi.published_grades:
        label = f"{fiscal_year_label(grade.fiscal_year)}の評価"
        fields[label] = grade.grade + ("（サンプル）" if grade.sample else "")
        if grade.source:
            fields[f"{label}の出典"] = source_text(grade.source)
    return fields


def _kpi_fields(project: Project, kpi: Kpi) -> dict[str, str]:
    goals = {goal.id: goal for goal in project.strategy.goals}
    measures = {m.id: m.title for goal in project.strategy.goals for m in goal.measures}
    glossary = {term.id: term.term for term in project.glossary.terms}
    fields = {
        "名前": kpi.name, "区分": kpi.kind,
        "属する目標": f"{goals[kpi.goal].label} {goals[kpi.goal].title}" if kpi.goal in goals else kpi.goal,
        "属する施策": measures.get(kpi.measure, kpi.measure) if kpi.measure else None,
        "定義": kpi.definition, "単位": kpi.unit or "なし", "小数点以下の桁数": str(kpi.digits),
        "良い方向": "高いほど良い" if kpi.better == "higher" else "低いほど良い", "年の区切り": kpi.year_type,
        **_indicator_values(kpi), **_actuals(kpi),
        "用語解説": "、".join(glossary.get(term, term) for term in kpi.glossary),
        "出典": source_text(kpi.source) if kpi.source else None, "注記": "\n".join(kpi.notes),
        "並び順": str(kpi.order) if kpi.order is not None else None, **_sample(kpi.sample),
    }
    if kpi.evaluation is not None:
        fields |= flatten(kpi.evaluation, "評価方法")
    return _present(fields)


def _kpis(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    for kpi_id, kpi in project.kpis.items():
        yield "指標", kpi_id, kpi.name, _kpi_fields(project, kpi)


def _periods(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    """Earlier periods: their facts field by field, each indicator's values worded like a KPI's."""
    for period_id, period in project.periods.items():
        fields = flatten(period, skip=("id", "goals"))
        for goal in period.goals:
            prefix = f"{goal.label}"
            fields |= flatten(goal, prefix, skip=("indicators", "id", "kind", "number"))
            for name, indicator in zip(_element_keys(goal.indicators)[1], goal.indicators, strict=True):
                here = _join(prefix, name)
                fields |= flatten(indicator, here, skip=("name", "baseline", "target", "result", "better"))
                fields[_join(here, "良い方向")] = "高いほど良い" if indicator.better == "higher" else "低いほど良い"
                fields |= {_join(here, label): text for label, text in _indicator_values(indicator).items()}
                if indicator.result is not None:
                    result = indicator.result
                    fields[_join(here, "最終の実績")] = (_amount(indicator, result.value) + _brackets(
                        [year_text(indicator, result.year), _status(result.status)]))
                    if result.source:
                        fields[_join(here, "最終の実績の出典")] = source_text(result.source)
        yield "計画", f"{key}/{period_id}", period.label, fields


# --- The strategy, the text and the reviews ------------------------------------------------------


def _strategy(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    strategy = project.strategy
    national = {goal.id: f"{goal.kind}{goal.number} {goal.title}" for goal in project.national_framework.goals}
    for goal in strategy.goals:
        yield "目標", goal.id, f"{goal.label} {goal.title}", _present({
            "区分": goal.kind, "番号": str(goal.number), "文言": goal.title,
            "国の目標": national.get(goal.national_goal, goal.national_goal), "基本的方向": "\n".join(goal.direction),
            **_sample(goal.sample)})
    for goal in strategy.goals:
        for measure in goal.measures:
            yield "施策", measure.id, measure.title, _present({
                "属する目標": f"{goal.label} {goal.title}", "名前": measure.title, "内容": measure.description,
                "主な事業": "、".join(measure.projects), "担当課": "、".join(measure.departments),
                "関連する総合計画の施策": "、".join(measure.comprehensive_plan),
                "SDGs": "、".join(str(number) for number in measure.sdgs), **_sample(measure.sample)})
    fields = {"名前": strategy.name, "計画期間": fiscal_year_range_label(strategy.start_fy, strategy.end_fy)}
    fields |= flatten(strategy, skip=("name", "start_fy", "end_fy", "evaluation", "goals"))
    yield "計画", key, strategy.name, fields | flatten(strategy.evaluation, "評価方法")


def _section_id(path: tuple, section: PolicySection) -> str:
    return section.id or "-".join(str(part) for part in path if isinstance(part, int))


def _policy(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    policy = project.policy
    assert policy is not None
    yield "本文", key, policy.title, flatten(policy, skip=("sections",))
    for path, section in walk_sections(policy.sections):
        yield "本文", f"{key}/{_section_id(path, section)}", f"{section.number} {section.title}", _present({
            "番号": section.number, "見出し": section.title, "本文": "\n".join(section.paragraphs),
            "箇条書き": "\n".join(section.items), "図表": section.figure})


def _site(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    yield "本文", key, project.site.site_title, flatten(project.site)


def _glossary(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    for term in project.glossary.terms:
        yield "本文", f"{key}/{term.id}", f"用語解説 {term.term}", flatten(term, skip=("id",))


def _reviews(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    goals = {goal.id: goal.label for goal in project.strategy.goals}
    goals |= {goal.id: f"{period.label} {goal.label}" for period in project.periods.values() for goal in period.goals}
    for review in project.reviews.reviews:
        fields = flatten(review, skip=("fiscal_year", "comments"))
        for number, comment in enumerate(review.comments, 1):
            about = f"［{goals.get(comment.goal, comment.goal)}］" if comment.goal else ""
            fields[f"意見（{number}）"] = about + comment.text + ("（サンプル）" if comment.sample else "")
        year = fiscal_year_label(review.fiscal_year)
        yield "効果検証", str(review.fiscal_year), f"{year}の効果検証", fields


# --- Every other declared file, table and folder -------------------------------------------------


def _folder_section(source: DataSource) -> str:
    folder = (source.folder if isinstance(source, DataFolder) else source.path).split("/")[0]
    return _FOLDER_SECTIONS.get(folder, OTHER_SECTION)


def _row_key_columns(model: type[BaseModel]) -> list[str]:
    """The columns that name a row: those before the first column of measured values (numbers)."""
    names = list(model.model_fields)
    first_value = next((i for i, n in enumerate(names) if "float" in str(model.model_fields[n].annotation)), len(names))
    return names[:first_value] or names[:1]


def _table(section: str, key: str, rows: list[BaseModel], model: type[BaseModel]) -> Item:
    """A CSV table: one field per row, named by its key cells (2020年, 0-4), its other cells as text."""
    keys = _row_key_columns(model)
    fields: dict[str, str] = {}
    for row in rows:
        parts = [f"{getattr(row, name)}年" if isinstance(getattr(row, name), int) else str(getattr(row, name)) for name in keys]
        label = " ".join(parts)
        label = label if label not in fields else f"{label}（{sum(k.startswith(label) for k in fields) + 1}）"
        fields[label] = ROW_SEPARATOR.join(f"{_label(model, name)} {_scalar(getattr(row, name)) or NO_VALUE}"
                                           for name in model.model_fields if name not in keys)
    return section, key, _model_title(model), fields


def _declared(project: Project, key: str, source: DataSource) -> Iterator[Item]:
    value, section = getattr(project, key), _folder_section(source)
    if isinstance(source, DataTable):
        yield _table(section, key, value, source.model)
    elif isinstance(source, DataFolder):
        for item_id, item in value.items():
            title = next((getattr(item, name) for name in ("label", "name", "title") if isinstance(getattr(item, name, None), str)),
                         str(item_id))
            yield section, f"{key}/{item_id}", title, flatten(item)
    else:
        yield section, key, _model_title(source.model), flatten(value)


# Declared data that is about publishing, not the strategy: the records the generator writes itself (the
# snapshots of earlier revisions are this module's own output, and a snapshot never contains snapshots; the
# frozen reviews repeat the KPIs' values), the list of revisions (each revision would list itself as a change) and the
# records of checks of the tables' rows (a pull request's summary lists them apart, `check_notes`).
NOT_SHOWN = frozenset({"revision_snapshots", "review_snapshots", "revisions", "verifications"})

_WORDING: dict[str, Callable[[Project, str, DataSource], Iterator[Item]]] = {
    "site": _site, "policy": _policy, "strategy": _strategy, "glossary": _glossary, "reviews": _reviews,
    "kpis": _kpis, "periods": _periods,
}


def _section_order(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda name: (SECTIONS.index(name) if name in SECTIONS else len(SECTIONS), name))


def snapshot(project: Project) -> Snapshot:
    """Everything a reader sees, worded, as JSON data: {section: {item id: {"title", "fields": {label: text}}}}."""
    sections: dict[str, dict[str, dict[str, Any]]] = {}
    for key, source in DATA_SOURCES.items():
        if key in NOT_SHOWN or getattr(project, key) is None:  # None: an optional part that is left out
            continue
        for section, item_id, title, fields in _WORDING.get(key, _declared)(project, key, source):
            if fields:
                sections.setdefault(section, {})[item_id] = {"title": title, "fields": fields}
    return {name: sections[name] for name in _section_order(sections)}


# --- Differences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference: an item added or removed (field None), or one field of it added, removed or changed."""

    section: str
    item_id: str
    item_title: str
    action: str  # 追加, 削除, 変更
    field: str | None = None
    old: str | None = None
    new: str | None = None


def _keys(new: Mapping[str, Any], old: Mapping[str, Any]) -> list[str]:
    """The keys of both, in the newer order, then those only the older has, in its order."""
    return list(new) + [key for key in old if key not in new]


def _compare_item(section: str, item_id: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    title = new["title"]
    old_fields, new_fields = old["fields"], new["fields"]
    for label in _keys(new_fields, old_fields):
        before, after = old_fields.get(label), new_fields.get(label)
        if before == after:
            continue
        action = ADDED if before is None else REMOVED if after is None else CHANGED
        yield Change(section, item_id, title, action, label, before, after)


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every difference from `old` to `new`, by section (in summary order), then item and field as `new` orders them."""
    changes: list[Change] = []
    for section in _section_order(set(old) | set(new)):
        before, after = old.get(section, {}), new.get(section, {})
        for item_id in _keys(after, before):
            if item_id not in before:
                changes.append(Change(section, item_id, after[item_id]["title"], ADDED))
            elif item_id not in after:
                changes.append(Change(section, item_id, before[item_id]["title"], REMOVED))
            else:
                changes.extend(_compare_item(section, item_id, before[item_id], after[item_id]))
    return changes


# --- In words ---------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def _clip(text: str, length: int = EXCERPT) -> str:
    text = _one_line(text)
    return text if len(text) <= length else text[:length] + "…"


def _is_long(*texts: str | None) -> bool:
    """Too long to show whole: prose beyond SHORT_TEXT, a figure (digits, no sentence) beyond FIGURE_TEXT."""
    def long(text: str) -> bool:
        figure = any(char.isdigit() for char in text) and "。" not in text
        return len(text) > (FIGURE_TEXT if figure else SHORT_TEXT) or "\n" in text
    return any(text is not None and long(text) for text in texts)


def _excerpt(old: str, new: str) -> str:
    """Where two long texts differ, a little of each: 「…展開を図ってきた。」→「…展開を進めてきた。」."""
    start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    removed, added = old[start:len(old) - end], new[start:len(new) - end]
    before = ("…" if start > CONTEXT else "") + old[max(0, start - CONTEXT):start]
    if removed and added:
        after = old[len(old) - end:][:CONTEXT] + ("…" if end > CONTEXT else "")
        return _one_line(f"「{before}{_clip(removed)}{after}」→「{before}{_clip(added)}{after}」")
    if added:
        where = f"「{before}」の後に" if before else "先頭に"
        return _one_line(f"{where}「{_clip(added)}」を{ADDED}")
    where = f"「{before}」の後の" if before else "先頭の"
    return _one_line(f"{where}「{_clip(removed)}」を{REMOVED}")


def _cells(row: str) -> dict[str, str]:
    return dict(cell.split(" ", 1) for cell in row.split(ROW_SEPARATOR) if " " in cell)


def _row_sentence(change: Change) -> str | None:
    """A table row: 「2020年 の行を変更（総人口 141,083 → 141,100）」; None when the field is not a row."""
    if not all(text is None or ROW_SEPARATOR in text for text in (change.old, change.new)):
        return None
    if change.action != CHANGED:
        return f"{change.field} の行を{change.action}（{_clip(change.new or change.old or '', 60)}）"
    before, after = _cells(change.old or ""), _cells(change.new or "")
    if list(before) != list(after):
        return None
    cells = [f"{label} {_clip(before[label])} → {_clip(after[label])}" for label in after if before[label] != after[label]]
    if not cells:
        return None
    return f"{change.field} の行を変更（{'、'.join(cells)}）"


def _field_sentence(change: Change) -> str:
    row = _row_sentence(change)
    if row is not None:
        return row
    if change.action == CHANGED and _is_long(change.old, change.new):
        return f"{change.field} を変更（{_excerpt(change.old or '', change.new or '')}）"
    if change.action == CHANGED:
        return f"{change.field} {change.old} → {change.new}"
    value = change.new if change.action == ADDED else change.old
    if _is_long(value):
        return f"{change.field} を{change.action}（「{_clip(value or '')}」）"
    return f"{change.field} {value} を{change.action}"


def describe(change: Change) -> str:
    """One Japanese sentence: 「指標『…』: 目標 100人 → 120人」, 「指標『…』を削除」."""
    item = f"{change.section}『{_one_line(change.item_title)}』"
    if change.field is None:
        return f"{item}を{change.action}"
    return f"{item}: {_field_sentence(change)}"


def summary_markdown(changes: list[Change], samples_left: int, release: Iterable[str] = (), checks: Iterable[str] = ()) -> str:
    """The changes as Markdown for a pull request: a heading per section with its count, a bullet per change.

    `release` lists what the pull request does to publishing (a new revision, a finalised review), `checks` the records
    of checks against the sources it adds, changes or removes (`check_notes`).
    """
    release, checks = list(release), list(checks)
    lines = [f"## 公開（{len(release)} 件）", "", *(f"- {escape_markdown(note)}" for note in release), ""] if release else []
    lines += [f"## {CHECKS_HEADING}（{len(checks)} 件）", "", *(f"- {escape_markdown(note)}" for note in checks), ""] if checks else []
    lines += [f"## データの変更（{len(changes)} 件）" if changes else "## データの変更", ""]
    if not changes:
        lines += [NO_CHANGES, ""]
    by_section: dict[str, list[Change]] = {}
    for change in changes:
        by_section.setdefault(change.section, []).append(change)
    for section, group in by_section.items():
        lines += [f"### {escape_markdown(section)}（{len(group)} 件）", ""]
        lines += [f"- {escape_markdown(describe(change))}" for change in group]
        lines.append("")
    lines.append(f"{SAMPLES_LEFT}: {samples_left} 件")
    return "\n".join(lines) + "\n"


def summary_text(changes: list[Change], samples_left: int, release: Iterable[str] = (), checks: Iterable[str] = ()) -> str:
    """The changes as plain text: what it does to publishing and to the records of checks, one sentence a line, then the samples left."""
    lines = [*release, *checks, *([describe(change) for change in changes] or [NO_CHANGES])]
    return "\n".join([*lines, f"{SAMPLES_LEFT}: {samples_left} 件"]) + "\n"


# --- Records of checks against the sources (確認記録) --------------------------------------------------
# Not part of the snapshot (they are about publishing, not what a reader sees): the pull request's summary lists them.

CHECKS_HEADING = "確認記録"


def _check_text(verification: Verification) -> str:
    """「〇〇課 〇〇が令和7(2025)年6月2日に確認（表1）」 (with the URL of the page checked)."""
    where = verification.page + (f" {verification.url}" if verification.url else "")
    return f"{verification.by}が{_date(verification.date)}に確認（{where}）"


def _checks_text(before: Verification, after: Verification) -> str:
    return _check_text(after) if before == after else f"{_check_text(before)} → {_check_text(after)}"


def check_notes(old: Iterable[Record], new: Iterable[Record]) -> list[str]:
    """The records of checks added, changed or removed, one sentence each, in the newer order (then the removed ones).

    A table record is one by its years too (`Record.covers`): when the years of the only record of a table and source
    change, one sentence says so, so the rows it now covers show in the pull request."""
    before = {(record.file, record.where, record.covers): record for record in old}
    after = {(record.file, record.where, record.covers): record for record in new}
    gone = [key for key in before if key not in after]
    notes = []
    for key, record in after.items():
        place = f"{record.file} {record.label}"
        earlier = [other for other in gone if other[:2] == key[:2]]
        if key in before and before[key].verification != record.verification:
            notes.append(f"{CHECKS_HEADING}が変わりました: {place} — "
                         f"{_check_text(before[key].verification)} → {_check_text(record.verification)}")
        elif key not in before and len(earlier) == 1 and sum(other[:2] == key[:2] for other in after if other not in before) == 1:
            gone.remove(earlier[0])
            notes.append(f"{CHECKS_HEADING}の対象の年が変わりました: {record.file} {before[earlier[0]].label} → {record.covers} — "
                         + _checks_text(before[earlier[0]].verification, record.verification))
        elif key not in before:
            notes.append(f"{CHECKS_HEADING}が追加されました: {place} — {_check_text(record.verification)}")
    notes += [f"{CHECKS_HEADING}が削除されました: {before[key].file} {before[key].label} — {_check_text(before[key].verification)}"
              for key in gone]
    return notes

