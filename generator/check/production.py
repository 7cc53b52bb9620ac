"""The production gate: nothing marked as a sample or unchecked is published, and nothing without a checked source.

`python -m generator validate --production` (and `build --production`) add one
error for every sample value, sample text and unchecked source, every published figure or
text without a source or without a record of its check (check/verification.py), every record of a check still
written with an example's marks (〇〇課 〇〇, check/rules/sources.py), and every
scenario named after IPSS's projection whose values are not IPSS's, located in its file.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel

from generator.check.rules.sources import (
    CHECK_PLACEHOLDER,
    CHECK_PLACEHOLDER_PRODUCTION,
    IPSS_NAME_PREVIEW,
    IPSS_NAME_PRODUCTION,
    check_records,
    ipss_names,
)
from generator.check.verification import NO_SOURCE, UNVERIFIED, lacks, yaml_data
from generator.load.document import format_path
from generator.model.base import Model, Source
from generator.model.project import DATA_TABLES, Project
from generator.problems import Problem

# Problem.code of the gate's problems (the message catalog's): a sample, an unchecked value or source, no SITE_URL,
# no source or no record of its check, a record with an example's marks, a name that claims IPSS's projection.
SAMPLE, UNCHECKED, SITE_URL = "E-PROD-SAMPLE", "E-PROD-UNCHECKED", "E-PROD-SITE-URL"
PRODUCTION = frozenset({SAMPLE, UNCHECKED, SITE_URL, NO_SOURCE, UNVERIFIED, CHECK_PLACEHOLDER_PRODUCTION, IPSS_NAME_PRODUCTION})
# Warnings of the preview that the gate replaces by its errors (pipeline drops them from a production report).
SUPERSEDED = frozenset({IPSS_NAME_PREVIEW, CHECK_PLACEHOLDER})
_REPLACE = "実際の値・文言と出典に置き換えてから、"


def _walk(value: object, path: tuple) -> Iterator[tuple[tuple, str, str, str]]:
    """(field path, reason, fix, code) of everything in a model tree that may not be published yet."""
    if isinstance(value, BaseModel):
        if getattr(value, "sample", False) is True:
            yield path + ("sample",), "見本（sample: true）のままです。", _REPLACE + "sample: true を消してください。", SAMPLE
        if getattr(value, "status", None) == "sample":
            yield path + ("status",), "値が見本（status: sample）のままです。", _REPLACE + "status を 確定 か 速報 にしてください。", SAMPLE
        if getattr(value, "status", None) == "未確認":
            yield (path + ("status",), "値が原典で未確認（status: 未確認）です。",
                   "e-Stat などの原典で値を確かめ、status を 確定（速報値なら 速報）にしてください。", UNCHECKED)
        if getattr(value, "text_sample", False) is True:
            yield path + ("text_sample",), "説明文が見本（text_sample: true）のままです。", _REPLACE + "text_sample: true を消してください。", SAMPLE
        if isinstance(value, Source) and value.needs_check:
            yield (path + ("needs_check",), "出典が一次資料で未確認（needs_check: true）です。",
                   "国・市の原文で確かめてから needs_check: true を消してください。", UNCHECKED)
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


class _Rows(Model):
    """A CSV table seen as one model, so rows are walked like YAML lists."""

    rows: list


def production_problems(project: Project) -> list[Problem]:
    """Everything the gate refuses, each located in its file."""
    items: list[tuple[str, BaseModel]] = yaml_data(project)  # only files that exist: an absent part publishes nothing
    items += [(key, _Rows(rows=getattr(project, key))) for key in DATA_TABLES if getattr(project, key) is not None]
    problems = []
    for key, model in items:
        if key not in project.documents:  # an optional part that is absent (nothing to publish)
            continue
        document = project.documents[key]
        table = key in DATA_TABLES
        for path, reason, fix, code in _walk(model, ()):
            if table and path[-1] == "status":  # CSV rows: the value lives in the status column
                fix = fix.replace("status を", "status 列を")
            line, column = document.locate(path)
            problems.append(Problem(document.name, line, column, format_path(path), f"本番公開できません: {reason}", fix,
                                    code=code))
    return problems + _provenance_problems(project)


def _provenance_problems(project: Project) -> list[Problem]:
    """No source or no record of its check (check/verification.py), a record with an example's marks; a scenario named
    after IPSS's projection without its values."""
    problems = []
    for lack in lacks(project):
        document = project.documents[lack.data]
        line, column = document.locate(lack.path)
        problems.append(Problem(document.name, line, column, format_path(lack.path), f"本番公開できません: {lack.reason}", lack.fix,
                                code=lack.code))
    for finding in check_records(yaml_data(project), project.today, production=True):
        document = project.documents[finding.data]
        line, column = document.locate(finding.path)
        problems.append(Problem(document.name, line, column, format_path(finding.path), finding.message, finding.hint,
                                finding.severity, code=finding.code))
    if project.vision is not None and project.assumptions is not None:
        document = project.documents["vision"]
        for finding in ipss_names(project.vision, project.assumptions, production=True):
            line, column = document.locate(finding.path)
            problems.append(Problem(document.name, line, column, format_path(finding.path), finding.message, finding.hint,
                                    finding.severity, code=finding.code))
    return problems


SITE_URL_FILE = "環境変数 SITE_URL"
_SITE_URL_FIX = ("公開先の URL（例: https://www.city.example.lg.jp/sousei/）を環境変数 SITE_URL に設定してください。"
                 "GitHub Actions ではリポジトリの Settings → Secrets and variables → Actions → Variables の SITE_URL です。")


def site_url_problems(site_url: str | None) -> list[Problem]:
    """A production site needs its public address: canonical links and the sitemap are made from it."""
    url = (site_url or "").strip()
    if not url:
        reason = "本番公開の公開先アドレス（SITE_URL）が設定されていません。このままでは検索エンジン用の正規リンクとサイトマップが作られません。"
    else:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname and parts.hostname not in ("localhost", "127.0.0.1"):
            return []
        reason = f"SITE_URL「{url}」は公開先のアドレスではありません（http(s):// で始まる公開サーバーの URL が必要です）。"
    return [Problem(SITE_URL_FILE, None, None, "SITE_URL", f"本番公開できません: {reason}", _SITE_URL_FIX, code=SITE_URL)]


def production_summary(problems: list[Problem]) -> str:
    """What remains before publishing, counted by file, for a planner's overview."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    lines = [f"本番公開の前に直すもの: {len(problems)} 件（ファイル別）"]
    lines += [f"  {name}: {count} 件" for name, count in sorted(counts.items())]
    return "\n".join(lines)


def waiting_line(problems: list[Problem]) -> str:
    """One line for a preview's validation: how much the production gate would still refuse, by kind."""
    if not problems:
        return "本番公開の確認: 見本・未確認の値や、出典・確認記録のないものはありません。"
    unchecked = sum(problem.code in (NO_SOURCE, UNVERIFIED) for problem in problems)
    return (f"本番公開の前に直すもの: {len(problems)} 件（うち出典・確認記録がないもの {unchecked} 件）。"
            "一覧は python -m generator validate --production で表示します。")

