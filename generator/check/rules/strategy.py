"""Rules of the city strategy's goals and measures, and of the yearly reviews."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.check.rules.periods import covering_period
from generator.model.periods import PastPeriod
from generator.model.policy import NationalStrategy
from generator.model.strategy import CityStrategy, Reviews


def goal_structure(strategy: CityStrategy, national: NationalStrategy) -> Iterator[Finding]:
    national_ids = {goal.id for goal in national.goals}
    goal_ids = Counter(goal.id for goal in strategy.goals)
    numbers = Counter((goal.kind, goal.number) for goal in strategy.goals)
    measure_ids = Counter(m.id for goal in strategy.goals for m in goal.measures)
    for g, goal in enumerate(strategy.goals):
        path = ("goals", g)
        if goal.national_goal not in national_ids:
            yield Finding("strategy", path + ("national_goal",), f"国の目標 id「{goal.national_goal}」がありません。",
                          f"strategy/national_framework.yml の id から選んでください: {', '.join(sorted(national_ids))}")
        if goal_ids[goal.id] > 1:
            yield Finding("strategy", path + ("id",), f"目標の id「{goal.id}」が複数あります。")
        if numbers[(goal.kind, goal.number)] > 1:
            yield Finding("strategy", path + ("number",), f"{goal.kind}{goal.number} が複数あります。")
        for m, measure in enumerate(goal.measures):
            if measure_ids[measure.id] > 1:
                yield Finding("strategy", path + ("measures", m, "id"), f"施策の id「{measure.id}」が複数あります。")
    if strategy.end_fy < strategy.start_fy:
        yield Finding("strategy", ("end_fy",), "end_fy が start_fy より前になっています。")


def review_references(reviews: Reviews, strategy: CityStrategy, periods: dict[str, PastPeriod]) -> Iterator[Finding]:
    """Each review belongs to a year of the current or an earlier period; comments name goals of either."""
    goals = {goal.id for goal in strategy.goals} | {goal.id for period in periods.values() for goal in period.goals}
    years = Counter(review.fiscal_year for review in reviews.reviews)
    for r, review in enumerate(reviews.reviews):
        if years[review.fiscal_year] > 1:
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度の効果検証が複数あります。")
        if not covering_period(review.fiscal_year, strategy, periods):
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度はどの計画期間にも入りません。",
                          f"今の期間（{strategy.start_fy}〜{strategy.end_fy}年度）か、strategy/periods/ に書いた前の期間の年度にしてください。")
        for c, comment in enumerate(review.comments):
            if comment.goal is not None and comment.goal not in goals:
                yield Finding("reviews", ("reviews", r, "comments", c, "goal"), f"目標 id「{comment.goal}」がありません。",
                              f"次から選んでください: {', '.join(sorted(goals))}")
