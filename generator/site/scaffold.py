"""Planners' helpers for new data: the editors' schemas, the ids to fill in, and scaffolds.

`python -m generator schema` writes schemas/ (and the schema map of .vscode/settings.json);
`ids` lists the goals, measures and KPIs a `goal:`/`measure:`/`kpi:` field may name;
`new kpi`, `new measure` and `new actual` write valid data flagged as samples where the
values are placeholders. Files are edited as text at the located place, so comments and
layout stay byte for byte; every write is validated and undone when the file it wrote has
an error.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel

from generator.check.schema import build_model
from generator.load.yamlio import load_file
from generator.model.project import DataFile, DataFolder, declared
from generator.model.schemas import SCHEMA_FOLDER, json_schemas, schema_comment, schema_text, vscode_schema_map
from generator.model.strategy import CityStrategy, Goal, Kpi
from generator.pipeline import validate
from generator.problems import PlannerError, Report
from generator.site.build import write_if_changed

STRATEGY_FILE = declared("strategy", DataFile).path
KPI_FOLDER = declared("kpis", DataFolder)
VSCODE_SETTINGS = ".vscode/settings.json"
VSCODE_EXTENSIONS = ".vscode/extensions.json"
YAML_EXTENSION = "redhat.vscode-yaml"  # VS Code's YAML support (yaml-language-server): completion and checks from the schemas
_IDENTIFIER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as model.base.Identifier


M = TypeVar("M", bound=BaseModel)


class ScaffoldError(PlannerError):
    """A scaffold or schema command cannot go on; the message is for the planner."""


# --- Schemas for editors --------------------------------------------------------------------


def write_schemas(root: Path) -> list[str]:
    """Write schemas/ as the models define it (stale schema files removed), the schema map of
    .vscode/settings.json and the YAML extension in .vscode/extensions.json; the paths that changed."""
    folder = root / SCHEMA_FOLDER
    schemas = json_schemas()
    changed = [f"{SCHEMA_FOLDER}/{name}" for name, schema in sorted(schemas.items())
               if write_if_changed(folder / name, schema_text(schema).encode("utf-8"))]
    for stale in sorted(folder.glob("*.schema.json")):
        if stale.name not in schemas:
            stale.unlink()
            changed.append(f"{SCHEMA_FOLDER}/{stale.name}")
    for name, update in ((VSCODE_SETTINGS, settings_text), (VSCODE_EXTENSIONS, extensions_text)):
        current = (root / name).read_text(encoding="utf-8") if (root / name).is_file() else None
        if write_if_changed(root / name, update(current).encode("utf-8")):
            changed.append(name)
    return changed


def _json_settings(name: str, current: str | None) -> dict:
    try:
        return json.loads(current) if current else {}
    except json.JSONDecodeError as exc:
        raise ScaffoldError(f"{name} を JSON として読めません（{exc.msg}、{exc.lineno}行目）。"
                            "コメントや末尾のカンマを消してから、もう一度実行してください。") from exc


def settings_text(current: str | None) -> str:
    """.vscode/settings.json with its `yaml.schemas` set to the schema map (other settings kept)."""
    settings = _json_settings(VSCODE_SETTINGS, current)
    settings["yaml.schemas"] = vscode_schema_map()
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def extensions_text(current: str | None) -> str:
    """.vscode/extensions.json recommending the YAML extension that reads the schemas (other recommendations kept)."""
    extensions = _json_settings(VSCODE_EXTENSIONS, current)
    recommended = extensions.setdefault("recommendations", [])
    if YAML_EXTENSION not in recommended:
        recommended.append(YAML_EXTENSION)
    return json.dumps(extensions, ensure_ascii=False, indent=2) + "\n"


# --- Reading what the scaffolds refer to ------------------------------------------------------


def _read(root: Path, relative: str, model: type[M]) -> M | None:
    """One data file as its model, or None when it is missing or has an error (validate tells which)."""
    if not (root / relative).is_file():
        return None
    document, _ = load_file(root / relative, relative)
    return None if document is None else build_model(model, document)[0]


def _strategy(root: Path) -> CityStrategy:
    strategy = _read(root, STRATEGY_FILE, CityStrategy)
    if strategy is None:
        raise ScaffoldError(f"{STRATEGY_FILE} がないか、エラーがあるため読めません。"
                            "python -m generator validate で場所を確かめて直してから、もう一度実行してください。")
    return strategy


def _kpi_files(root: Path) -> list[str]:
    folder = root / KPI_FOLDER.folder
    return [p.relative_to(root).as_posix() for p in sorted(folder.glob("*")) if p.suffix.lower() in KPI_FOLDER.suffixes]


def _choices(goals: list[Goal]) -> str:
    return "、".join(f"{goal.id}（{goal.label}）" for goal in goals)


def _goal(strategy: CityStrategy, goal_id: str) -> Goal:
    goal = next((g for g in strategy.goals if g.id == goal_id), None)
    if goal is None:
        raise ScaffoldError(f"目標 id「{goal_id}」が {STRATEGY_FILE} にありません。次から選んでください: {_choices(strategy.goals)}")
    return goal


def _check_id(kind: str, value: str, example: str) -> None:
    if not _IDENTIFIER.fullmatch(value):
        raise ScaffoldError(f"{kind}の id「{value}」は使えません。英小文字・数字をハイフンでつないで書いてください（例: {example}）。")


# --- ids -----------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def ids_text(root: Path) -> str:
    """The goals with their measures, and every KPI with its kind and place: what goal:/measure:/kpi: may name."""
    strategy = _strategy(root)
    lines = [f"目標（goal:）と施策（measure:）— {STRATEGY_FILE}"]
    for goal in strategy.goals:
        lines.append(f"  {goal.id}  {goal.label} {goal.title}")
        lines.extend(f"    {measure.id}  {measure.title}" for measure in goal.measures)
    lines += ["", f"指標（kpi:）— {KPI_FOLDER.folder}/"]
    unreadable = []
    kpis = []
    for relative in _kpi_files(root):
        kpi = _read(root, relative, Kpi)
        if kpi is None:
            unreadable.append(relative)
        else:
            kpis.append(kpi)
    rows = [(kpi.id, kpi.kind, "戦略全体" if kpi.goal is None else kpi.goal + (f" / {kpi.measure}" if kpi.measure else ""), kpi.name)
            for kpi in kpis]
    widths = [max((_width(row[i]) for row in rows), default=0) for i in range(3)]
    lines.extend("  " + "  ".join(_pad(cell, width) for cell, width in zip(row, widths)) + "  " + row[3] for row in rows)
    if not kpis:
        lines.append("  （指標はまだありません。python -m generator new kpi で作れます）")
    if unreadable:
        lines += ["", "エラーがあるため読めなかったファイル（python -m generator validate で確かめてください）: " + "、".join(unreadable)]
    return "\n".join(lines) + "\n"


# --- Writing with a check afterwards --------------------------------------------------------------


def _write_checked(root: Path, relative: str, content: bytes, today: datetime.date) -> None:
    """Write `content`, validate, and put the file back as it was when the file itself now has an error."""
    path = root / relative
    before = path.read_bytes() if path.exists() else None
    write_if_changed(path, content)
    try:
        errors = [problem for problem in validate(root, today=today).report.errors if problem.file == relative]
    except BaseException:
        _restore(path, before)
        raise
    if errors:
        _restore(path, before)
        raise ScaffoldError(f"書いた後の検証で {relative} にエラーが出たため、元に戻しました（何も変えていません）。\n\n"
                            + Report(errors).format(check_only=True))


def _restore(path: Path, before: bytes | None) -> None:
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)


def _quoted(text: str) -> str:
    """A YAML string that stays text whatever it holds (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- new kpi ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewKpi:
    id: str
    goal: str
    measure: str | None = None
    kind: str = "KPI"  # or 数値目標
    name: str | None = None


def kpi_text(new: NewKpi, strategy: CityStrategy, today: datetime.date) -> str:
    """A new KPI file: valid, every value a flagged sample, each field explained in Japanese."""
    path = KPI_FOLDER.path_of(new.id)
    name = _quoted(new.name) if new.name else "（サンプル）指標の名前"
    measure = (f"# 属する施策の id（KPI では必須）。\nmeasure: {new.measure}\n") if new.measure else ""
    return f"""{schema_comment(path)}
# 指標を1つ1ファイルで書きます（python -m generator new kpi が作った見本）。
# 値はすべて見本です。戦略に載っている名前・説明・基準値・目標値と出典に置き換え、sample: true を消してください。
# 項目の説明は VS Code で項目名にカーソルを置くと出ます（サイトの「担当者向け → データ項目の説明」にもあります）。

# 指標の id。ファイル名と同じにします。
id: {new.id}
# 指標名（戦略の表記どおり）。用語解説へのしるしは「※」で付けます。
name: {name}
# 数値目標（基本目標の指標）か KPI（施策の指標）。
kind: {new.kind}
# 属する目標の id（python -m generator ids で一覧が出ます）。
goal: {new.goal}
{measure}# 指標の説明（何を、どう測るか）。
definition: （サンプル）何を、どう測るか
# 単位（%、人、件 など）。単位のない指標はこの行を消します。
unit: 件
# higher: 高いほど良い、lower: 低いほど良い。
better: higher
# 年度（4月〜3月）か 年（暦年）。
year_type: 年度
# 名前・説明が見本のしるし。実際の内容にしたら消します。
sample: true
# このファイルを更新した日。実績を足したら書き換えます。
updated: {today.isoformat()}
# 基準値とその年（度）。実際の値には出典を書きます: source: {{title: 資料名}}
baseline: {{value: 10, year: {strategy.start_fy - 1}, sample: true}}
# 目標値と目標の年（度）。
target: {{value: 20, year: {strategy.end_fy}, sample: true}}
# 毎年の実績。python -m generator new actual {new.id} 年度 値 --source 出典 で1年ずつ足します。
actuals: []
"""


def _check_place(new: NewKpi, strategy: CityStrategy) -> None:
    goal = _goal(strategy, new.goal)
    measures = [m.id for m in goal.measures]
    if new.kind == "KPI" and new.measure is None:
        raise ScaffoldError(f"KPI には --measure（施策の id）が必要です。{goal.id} の施策: {'、'.join(measures) or '（施策がありません）'}")
    if new.measure is not None and new.measure not in measures:
        owner = next((g.id for g in strategy.goals if any(m.id == new.measure for m in g.measures)), None)
        where = f"「{new.measure}」は目標「{owner}」の施策です。--goal {owner} にするか、" if owner else ""
        raise ScaffoldError(f"施策 id「{new.measure}」が目標「{goal.id}」にありません。{where}"
                            f"次から選んでください: {'、'.join(measures) or '（施策がありません。python -m generator new measure で足せます）'}")


def new_kpi(root: Path, new: NewKpi, today: datetime.date) -> str:
    """Write kpis/<id>.yml for `new`; the path written (relative to root)."""
    _check_id("指標", new.id, "kpi-1-3")
    existing = [f"{KPI_FOLDER.folder}/{new.id}{suffix}" for suffix in KPI_FOLDER.suffixes if (root / KPI_FOLDER.folder / f"{new.id}{suffix}").exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} はもうあります。別の id にするか、そのファイルを直接直してください（上書きはしません）。")
    if new.kind not in ("KPI", "数値目標"):
        raise ScaffoldError(f"--kind は KPI か 数値目標 にしてください（「{new.kind}」は使えません）。")
    strategy = _strategy(root)
    _check_place(new, strategy)
    relative = KPI_FOLDER.path_of(new.id)
    _write_checked(root, relative, kpi_text(new, strategy, today).encode("utf-8"), today)
    return relative


# --- Text edits at located places --------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """A data file's text as read: BOM and line ending kept, so an edit changes nothing else."""

    text: str
    bom: bool
    newline: str

    @classmethod
    def read(cls, path: Path) -> _Text:
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw[3 if bom else 0:].decode("utf-8")
        return cls(text, bom, "\r\n" if "\r\n" in text else "\n")

    def encode(self, text: str) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")



def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python parser: its marks count characters


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        return next((value for key, value in node.value if key.value == step), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


def _key(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    return next((key for key, _ in node.value if key.value == name), None)


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (comments and blank lines after it excluded)."""
    if not isinstance(node, yaml.CollectionNode) or node.flow_style or not node.value:  # a scalar, [...], {...}
        return node.end_mark.index
    last = node.value[-1]
    return _content_end(last[1] if isinstance(last, tuple) else last)


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (the end of the text when there is none)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _insert_lines(source: _Text, text: str, after: int, lines: list[str]) -> str:
    """`lines` inserted after the line holding `after`, each ended by the file's line ending."""
    at = _after_line(text, after)
    prefix = "" if at == 0 or text[at - 1] == "\n" else source.newline
    return text[:at] + prefix + "".join(line + source.newline for line in lines) + text[at:]


def _append_item(source: _Text, text: str, owner: yaml.MappingNode, key: str,
                 item: Callable[[str, str, bool], list[str]]) -> str:
    """Append an item to the list `key` of the mapping `owner` (the list made when absent or `[]`).

    `item(first_prefix, next_prefix, flow)` gives the item's lines; flow says whether the list's items are one-line {…}.
    """
    sequence = _child(owner, key)
    indent = owner.start_mark.column
    if sequence is None:  # no such key yet: the list goes after the mapping's last line
        lines = item(" " * indent + "  - ", " " * indent + "    ", True)
        return _insert_lines(source, text, _content_end(owner), [" " * indent + f"{key}:", *lines])
    if not isinstance(sequence, yaml.CollectionNode):  # a scalar
        raise ScaffoldError(f"{key} の値が一覧になっていません。{key}: [] と書くか、{key}: の行を消してから、もう一度実行してください。")
    if sequence.flow_style and sequence.value:
        raise ScaffoldError(f"{key} が1行の […] で書かれているため、自動では足せません。"
                            f"{key}: の下に「- 」で始まる行を1件ずつ書く形にしてから、もう一度実行してください。")
    if not sequence.value:  # key: [] → a block list
        lines = item(" " * indent + "  - ", " " * indent + "    ", True)
        key_node = _key(owner, key)
        assert key_node is not None  # its value was found above
        start = key_node.end_mark.index
        return text[:start] + ":" + source.newline + source.newline.join(lines) + text[sequence.end_mark.index:]
    last = sequence.value[-1]
    dash, column = sequence.start_mark.column, max(last.start_mark.column, sequence.start_mark.column + 2)
    first = " " * dash + "-" + " " * (column - dash - 1)
    flow = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
    return _insert_lines(source, text, _content_end(last), item(first, " " * column, flow))


# --- new measure ------------------------------------------------------------------------------


def measure_lines(measure_id: str, title: str, description: str | None) -> Callable[[str, str, bool], list[str]]:
    """A new measure (block style), flagged as a sample."""
    def lines(first: str, rest: str, flow: bool) -> list[str]:
        return [rest[2:] + "# python -m generator new measure で足した見本です。内容を戦略のとおりに直し、sample: true を消してください。",
                first + f"id: {measure_id}", rest + f"title: {_quoted(title)}",
                rest + f"description: {_quoted(description) if description else '（サンプル）施策の内容'}", rest + "sample: true"]
    return lines


def new_measure(root: Path, measure_id: str, goal_id: str, title: str, today: datetime.date,
                description: str | None = None) -> str:
    """Add a measure at the end of a goal's measures in strategy/strategy.yml (nothing else changes); the path written."""
    _check_id("施策", measure_id, "measure-1-3")
    if not title.strip():
        raise ScaffoldError("--title（施策の名前）を書いてください。")
    strategy = _strategy(root)
    owner = next((g.id for g in strategy.goals if any(m.id == measure_id for m in g.measures)), None)
    if owner is not None:
        raise ScaffoldError(f"施策 id「{measure_id}」は目標「{owner}」にもうあります。別の id にしてください。")
    index = strategy.goals.index(_goal(strategy, goal_id))
    source = _Text.read(root / STRATEGY_FILE)
    goal_node = _child(_child(_compose(source.text), "goals"), index)
    if not isinstance(goal_node, yaml.MappingNode) or goal_node.flow_style:
        raise ScaffoldError(f"目標「{goal_id}」が {{…}} の1行で書かれているため、自動では足せません。項目を1行ずつ書く形にしてください。")
    text = _append_item(source, source.text, goal_node, "measures", measure_lines(measure_id, title, description))
    _write_checked(root, STRATEGY_FILE, source.encode(text), today)
    return STRATEGY_FILE


# --- new actual --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewActual:
    kpi: str
    year: int
    value: str  # as typed: 41200, 41,200, ４１２００ or 74.1
    status: str = "確定"  # 確定, 速報 or sample
    source: str | None = None


def number_text(value: str) -> str:
    """A typed number as YAML writes it (full-width digits and thousands commas allowed)."""
    text = unicodedata.normalize("NFKC", value).replace(",", "").strip()
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ScaffoldError(f"値「{value}」は数として読めません。41200 や 74.1 のように数字だけで書いてください（単位は付けません）。")
    return text


def actual_lines(new: NewActual, value: str) -> Callable[[str, str, bool], list[str]]:
    """The new actual: one line {…} beside one-line items, else one field a line."""
    fields = [("year", str(new.year)), ("value", value), ("status", new.status)]
    def lines(first: str, rest: str, flow: bool) -> list[str]:
        if flow:
            source = f", source: {{title: {_quoted(new.source)}}}" if new.source else ""
            return [first + "{" + ", ".join(f"{k}: {v}" for k, v in fields) + source + "}"]
        body = [f"{k}: {v}" for k, v in fields] + (["source:", f"  title: {_quoted(new.source)}"] if new.source else [])
        return [first + body[0]] + [rest + line for line in body[1:]]
    return lines


def _kpi_file(root: Path, kpi_id: str) -> str:
    _check_id("指標", kpi_id, "kpi-1-3")
    found = [f for f in _kpi_files(root) if f.rsplit("/", 1)[-1].rsplit(".", 1)[0] == kpi_id]
    if not found:
        raise ScaffoldError(f"指標「{kpi_id}」のファイル（{KPI_FOLDER.path_of(kpi_id)}）がありません。"
                            "python -m generator ids で指標の id を確かめてください。")
    return found[0]


def new_actual(root: Path, new: NewActual, today: datetime.date) -> str:
    """Append an actual to a KPI's actuals and set its updated date to today (nothing else changes); the path written."""
    relative = _kpi_file(root, new.kpi)
    if new.status not in ("確定", "速報", "sample"):
        raise ScaffoldError(f"--status は 確定・速報・sample のどれかにしてください（「{new.status}」は使えません）。")
    if new.status != "sample" and not new.source:
        raise ScaffoldError(f"{new.status}値の実績には出典が必要です。--source \"資料名\" を付けてください（見本なら --status sample）。")
    value = number_text(new.value)
    kpi = _read(root, relative, Kpi)
    if kpi is None:
        raise ScaffoldError(f"{relative} にエラーがあるため読めません。python -m generator validate で場所を確かめて直してください。")
    if any(actual.year == new.year for actual in kpi.actuals):
        raise ScaffoldError(f"{relative} には {new.year} の実績がもうあります。直すときはファイルの actuals のその行を直してください。")
    source = _Text.read(root / relative)
    text = source.text
    updated = _child(_compose(text), "updated")
    if isinstance(updated, yaml.ScalarNode):  # the date of the file's data: today, as its description asks
        text = text[:updated.start_mark.index] + today.isoformat() + text[updated.end_mark.index:]
    document = _compose(text)
    assert isinstance(document, yaml.MappingNode)  # the file was just read as a KPI
    text = _append_item(source, text, document, "actuals", actual_lines(new, value))
    _write_checked(root, relative, source.encode(text), today)
    return relative
