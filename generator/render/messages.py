"""The planners' page of every message code (reference/messages.md), made from the message catalog."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.problems_catalog import CATALOG, is_warning

# The middle part of a code → the group it is listed under, in this order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ファイル", ("FILE",)),
    ("YAML の書き方", ("YAML", "TEXT", "JSON")),
    ("CSV の表", ("CSV",)),
    ("Excel の更新用の表", ("XLSX",)),
    ("Excel の更新用の表（import-xlsx）", ("XLSX",)),
    ("値と項目", ("SCHEMA",)),
    ("データの間の参照", ("ID", "DUPLICATE", "REF", "DATE", "SOURCE")),
    ("サイト・策定方針・計画期間", ("SITE", "POLICY", "PLAN", "PERIOD")),
    ("指標", ("KPI",)),
    ("効果検証", ("REVIEW",)),
    ("策定と推進の記録", ("ORG", "PROCESS", "OPINION", "MATERIAL", "COMMENT", "NEWS")),
    ("公開した版", ("REVISION",)),
    ("人口ビジョン", ("POP", "VISION", "PROJECTION")),
    ("本番公開", ("PROD",)),
)


@dataclass(frozen=True)
class MessageEntry:
    code: str
    anchor: str
    severity: str  # エラー or 警告
    title: str
    description: str
    fix: str
    example: Markup  # a <pre> block: the example keeps its lines and is never read as Markdown
    where: str


def family(code: str) -> str:
    """E-KPI-UNIT → KPI."""
    return code.split("-")[1]


def message_groups() -> list[tuple[str, list[MessageEntry]]]:
    """Every code of the catalog under its group, in the catalog's order."""
    groups: list[tuple[str, list[MessageEntry]]] = [(title, []) for title, _ in GROUPS]
    index = {name: i for i, (_, names) in enumerate(GROUPS) for name in names}
    for code, kind in CATALOG.items():  # a code of a family without a group fails here (and in the tests)
        entry = MessageEntry(code, code.lower(), "警告" if is_warning(code) else "エラー", kind.title, kind.description,
                             kind.fix, Markup(f'<pre class="message-example"><code>{escape(kind.example)}</code></pre>'), kind.where)
        groups[index[family(code)]][1].append(entry)
    return [(title, entries) for title, entries in groups if entries]
