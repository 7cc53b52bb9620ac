"""Rules of the city strategy's goals and measures, and of the yearly reviews and their frozen records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import PurePosixPath

from generator.check.rules.finding import Finding
from generator.check.rules.periods import covering_period
from generator.model.periods import PastPeriod
from generator.model.policy import NationalStrategy
from generator.model.project import DataFolder, declared
from generator.model.strategy import CityStrategy, FrozenReview, Reviews


def goal_structure(strategy: CityStrategy, national: NationalStrategy) -> Iterator[Finding]:
    national_ids = {goal.id for goal in national.goals}
    goal_ids = Counter(goal.id for goal in strategy.goals)
    numbers = Counter((goal.kind, goal.number) for goal in strategy.goals)
    measure_ids = Counter(m.id for goal in strategy.goals for m in goal.measures)
    for g, goal in enumerate(strategy.goals):
        path = ("goals", g)
        if goal.national_goal not in national_ids:
            yield Finding("strategy", path + ("national_goal",), f"国の目標 id「{goal.national_goal}」がありません。",
                          f"strategy/national_framework.yml の id から選んでください: {', '.join(sorted(national_ids))}", code="E-REF-UNKNOWN")
        if goal_ids[goal.id] > 1:
            yield Finding("strategy", path + ("id",), f"目標の id「{goal.id}」が複数あります。", code="E-ID-DUPLICATE")
        if numbers[(goal.kind, goal.number)] > 1:
            yield Finding("strategy", path + ("number",), f"{goal.kind}{goal.number} が複数あります。", code="E-DUPLICATE-ENTRY")
        for m, measure in enumerate(goal.measures):
            if measure_ids[measure.id] > 1:
                yield Finding("strategy", path + ("measures", m, "id"), f"施策の id「{measure.id}」が複数あります。", code="E-ID-DUPLICATE")
    if strategy.end_fy < strategy.start_fy:
        yield Finding("strategy", ("end_fy",), "end_fy が start_fy より前になっています。", code="E-DATE-ORDER")


def review_references(reviews: Reviews, strategy: CityStrategy, periods: dict[str, PastPeriod]) -> Iterator[Finding]:
    """Each review belongs to a year of the current or an earlier period; comments name goals of either."""
    goals = {goal.id for goal in strategy.goals} | {goal.id for period in periods.values() for goal in period.goals}
    years = Counter(review.fiscal_year for review in reviews.reviews)
    for r, review in enumerate(reviews.reviews):
        if years[review.fiscal_year] > 1:
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度の効果検証が複数あります。", code="E-DUPLICATE-ENTRY")
        if not covering_period(review.fiscal_year, strategy, periods):
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度はどの計画期間にも入りません。",
                          f"今の期間（{strategy.start_fy}〜{strategy.end_fy}年度）か、strategy/periods/ に書いた前の期間の年度にしてください。",
                          code="E-REVIEW-YEAR")
        for c, comment in enumerate(review.comments):
            if comment.goal is not None and comment.goal not in goals:
                yield Finding("reviews", ("reviews", r, "comments", c, "goal"), f"目標 id「{comment.goal}」がありません。",
                              f"次から選んでください: {', '.join(sorted(goals))}", code="E-REF-UNKNOWN")


# A finalised review of the plan without its record: reported, but `freeze-review` (which writes it) goes on.
UNFROZEN = "E-REVIEW-UNFROZEN"
FREEZE_COMMAND = "python -m generator freeze-review"


def review_status(reviews: Reviews) -> Iterator[Finding]:
    """A finalised (確定) review names the day of the council that was shown its figures."""
    for r, review in enumerate(reviews.reviews):
        if review.status == "確定" and review.date is None:
            yield Finding("reviews", ("reviews", r, "status"), f"{review.fiscal_year}年度の効果検証を確定にするには、審議会の日（date）が必要です。",
                          "date: 2024-11-20 のように、数値を示した審議会の日を書き足してください。", code="E-REVIEW-DATE-REQUIRED")


def review_records(reviews: Reviews, strategy: CityStrategy, records: dict[str, FrozenReview], present: frozenset[str]) -> Iterator[Finding]:
    """Each finalised review of the plan has its record (strategy/reviews/<fiscal year>.json), and each record a finalised review."""
    folder = declared("review_snapshots", DataFolder)
    for r, review in enumerate(reviews.reviews):
        path = folder.path_of(review.fiscal_year)
        if review.status == "確定" and strategy.start_fy <= review.fiscal_year <= strategy.end_fy and path not in present:
            yield Finding("reviews", ("reviews", r, "status"),
                          f"{review.fiscal_year}年度の効果検証は確定していますが、審議会に示した数値の記録（{path}）がありません。",
                          f"{FREEZE_COMMAND} {review.fiscal_year} を実行して、今の数値を記録してください。できたファイルもコミットします。",
                          code=UNFROZEN)
    final = {review.fiscal_year: review for review in reviews.reviews if review.status == "確定"}
    for path, record in records.items():
        fy = record.fiscal_year
        if PurePosixPath(path).stem != str(fy):
            yield Finding(path, ("fiscal_year",), f"ファイル名と fiscal_year（{fy}）が合っていません。",
                          f"ファイル名を {fy}.json にするか、{FREEZE_COMMAND} で作り直してください。", code="E-ID-FILE-NAME")
        elif fy not in final:
            yield Finding(path, ("fiscal_year",), f"{fy}年度の効果検証は、strategy/reviews.yml で確定（status: 確定）になっていません。",
                          f"確定したなら strategy/reviews.yml の{fy}年度に status: 確定 と審議会の日（date）を書いてください。"
                          "確定していないなら、このファイルを消してください。", code="E-REVIEW-NOT-FINAL")
        elif final[fy].date is not None and final[fy].date != record.date:
            yield Finding(path, ("date",), f"審議会の日（{record.date}）が strategy/reviews.yml の date（{final[fy].date}）と違います。",
                          "正しい日にそろえてください（記録した数値は変わりません）。", code="E-REVIEW-DATE-MISMATCH")
