"""freeze-review: record a finalised (確定) review's figures as the council saw them.

The record, strategy/reviews/<fiscal year>.json, is committed with the data; from then on
the year's page shows it instead of recomputing, so a later correction of an actual shows
as a correction (訂正) beside the figure the council saw, never as a silent rewrite.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.check.rules.strategy import UNFROZEN
from generator.model.project import DataFolder, declared
from generator.pipeline import validate
from generator.problems import PlannerError, Report
from generator.render.review_rows import record_json
from generator.site.build import write_if_changed
from generator.text.eras import fiscal_year_label


class FreezeError(PlannerError):
    """The record cannot (or must not) be written; the message is for the planner."""


def record_path(fiscal_year: int) -> str:
    """Where a finalised year's record lives, relative to the project: strategy/reviews/2024.json."""
    folder = declared("review_snapshots", DataFolder)
    return folder.path_of(fiscal_year)


def freeze_review(root: Path, fiscal_year: int, force: bool = False, today: datetime.date | None = None) -> str:
    """Compute the review of `fiscal_year` from today's data and record it; returns the record's path.

    Refuses (FreezeError, nothing written) when the data has errors, when the review is not
    確定, when the year has no review page, or when a record exists and `force` is not set.
    """
    if not 1900 <= fiscal_year <= 2100:
        raise FreezeError(f"年度「{fiscal_year}」は西暦の4桁で書いてください（令和6年度なら 2024）。")
    validated = validate(root, today=today, tolerate=frozenset({UNFROZEN}))  # the missing record is what we write
    if validated.project is None or validated.computed is None:
        blocking = Report([p for p in validated.report.problems if p.code != UNFROZEN])
        raise FreezeError(f"{blocking.format(check_only=True)}\n\nデータにエラーがあるため、記録しませんでした。")
    project, computed = validated.project, validated.computed
    label = fiscal_year_label(fiscal_year)
    review = next((r for r in project.reviews.reviews if r.fiscal_year == fiscal_year), None)
    if review is None or review.status != "確定" or review.date is None:
        state = "がありません" if review is None else f"は確定していません（status: {review.status}）"
        where = f"fiscal_year: {fiscal_year} の効果検証を足して" if review is None else f"{label}の効果検証に"
        raise FreezeError(f"strategy/reviews.yml に{label}の効果検証{state}。数値を記録するのは、審議会に示して確定してからです。\n"
                          f"直し方: strategy/reviews.yml の{where} status: 確定 と審議会の日（date）を書いてから、もう一度実行してください。")
    if fiscal_year not in computed.reviews:
        raise FreezeError(f"{label}の効果検証のページがありません。ページがあるのは、今の計画期間の年度で、その年度までの実績がある年度です。")
    relative = record_path(fiscal_year)
    if (root / relative).exists() and not force:
        raise FreezeError(f"{relative} はもうあります。記録した数値は、審議会に示したものとしてそのまま残します。\n"
                          "直し方: 記録を今のデータの数値で作り直すときだけ、--force を付けて実行してください"
                          "（その後の訂正は、記録を残したままページに「訂正」として示されます）。")
    write_if_changed(root / relative, record_json(project, computed, fiscal_year, review.date).encode("utf-8"))
    return relative
