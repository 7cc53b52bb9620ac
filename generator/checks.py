"""Checks across fields and files, after each file matched its model.

Each check is a small generator of `Finding`s (data key, field path, message),
in the spirit of frictionless' checks; `project.py` turns them into located problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from datetime import date

from .eras import fiscal_year_label, fiscal_year_of
from .models import NationalStrategy, PlanSchedule, Policy, PolicySection, SiteInfo
from .population.projection import parse_age_groups
from .population.scenarios import run_scenarios
from .strategy_models import CityStrategy, Glossary, Kpi, Reviews
from .problems import Severity


@dataclass(frozen=True)
class Finding:
    data: str  # key in project.DATA_FILES, or the path of a collection file (kpis/x.yml)
    path: tuple[str | int, ...]
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR


def walk_sections(sections: list[PolicySection], path: tuple = ("sections",)) -> Iterator[tuple[tuple, PolicySection]]:
    """Every policy section, depth first, with its field path."""
    for index, section in enumerate(sections):
        here = path + (index,)
        yield here, section
        yield from walk_sections(section.sections, here + ("sections",))


def unique_policy_ids(policy: Policy) -> Iterator[Finding]:
    counts = Counter(section.id for _, section in walk_sections(policy.sections) if section.id)
    for path, section in walk_sections(policy.sections):
        if section.id and counts[section.id] > 1:
            yield Finding("policy", path + ("id",), f"id「{section.id}」が複数の節で使われています。", "節ごとに別の id を付けてください。")


def document_references(site: SiteInfo, policy: Policy) -> Iterator[Finding]:
    ids = {section.id for _, section in walk_sections(policy.sections) if section.id}
    for index, document in enumerate(site.documents):
        for field in ("described_in", "period_in"):
            target = getattr(document, field)
            if target not in ids:
                yield Finding(
                    "site", ("documents", index, field),
                    f"策定方針（strategy/policy.yml）に id「{target}」の節がありません。",
                    "strategy/policy.yml の節の id を確認してください。",
                )
        if document.start_fy is not None and document.end_fy is not None and document.end_fy < document.start_fy:
            yield Finding("site", ("documents", index, "end_fy"), "end_fy が start_fy より前になっています。")


# What the page templates rely on, beyond what the models require.
REQUIRED_DOCUMENTS = {"strategy": ("start_fy", "end_fy"), "population-vision": ("horizon_year",)}
REQUIRED_POLICY_SECTIONS = ("approach-national-prefecture", "approach-comprehensive-plan")


def required_content(site: SiteInfo, policy: Policy) -> Iterator[Finding]:
    documents = {d.id: (i, d) for i, d in enumerate(site.documents)}
    for document_id, fields in REQUIRED_DOCUMENTS.items():
        if document_id not in documents:
            yield Finding("site", ("documents",), f"id「{document_id}」の文書がありません。ホームページと概要ページで使います。",
                          f"documents に id: {document_id} の項目を戻してください。")
            continue
        index, document = documents[document_id]
        for field in fields:
            if getattr(document, field) is None:
                yield Finding("site", ("documents", index), f"文書「{document.name}」に {field} がありません。",
                              f"{field}: （西暦の年または年度）を追加してください。")
    sections = {section.id: (path, section) for path, section in walk_sections(policy.sections) if section.id}
    for section_id in REQUIRED_POLICY_SECTIONS:
        if section_id not in sections:
            yield Finding("policy", ("sections",), f"id「{section_id}」の節がありません。総合戦略の概要ページで引用します。",
                          "節の id を元に戻してください。")
        elif not sections[section_id][1].paragraphs:
            yield Finding("policy", sections[section_id][0] + ("paragraphs",), f"節「{section_id}」に本文（paragraphs）がありません。",
                          "総合戦略の概要ページで引用するため、本文を書いてください。")


def plan_periods_in_range(schedule: PlanSchedule) -> Iterator[Finding]:
    if schedule.last_fy < schedule.first_fy:
        yield Finding("plan_periods", ("last_fy",), "last_fy（表の最後の年度）が first_fy より前になっています。")
        return
    span = f"{fiscal_year_label(schedule.first_fy)}〜{fiscal_year_label(schedule.last_fy)}"
    for r, row in enumerate(schedule.rows):
        previous_end = None
        for p, period in enumerate(row.periods):
            path = ("rows", r, "periods", p)
            if period.start_fy < schedule.first_fy or period.end_fy > schedule.last_fy:
                yield Finding(
                    "plan_periods", path,
                    f"期間「{period.label}」が表の範囲（{span}）からはみ出しています。",
                    "first_fy / last_fy を広げるか、期間の年度を確認してください。",
                )
            if previous_end is not None and period.start_fy <= previous_end:
                yield Finding(
                    "plan_periods", path + ("start_fy",),
                    f"期間「{period.label}」が前の期間と重なっているか、古い順に並んでいません。",
                    "期間を古い順に並べ、年度が重ならないようにしてください。",
                )
            previous_end = period.end_fy
    counts = Counter(row.id for row in schedule.rows)
    for r, row in enumerate(schedule.rows):
        if counts[row.id] > 1:
            yield Finding("plan_periods", ("rows", r, "id"), f"id「{row.id}」が複数の行で使われています。")


def national_goals_unique(strategy: NationalStrategy) -> Iterator[Finding]:
    ids = Counter(goal.id for goal in strategy.goals)
    numbers = Counter((goal.kind, goal.number) for goal in strategy.goals)
    for index, goal in enumerate(strategy.goals):
        if ids[goal.id] > 1:
            yield Finding("national_framework", ("goals", index, "id"), f"id「{goal.id}」が複数の目標で使われています。")
        if numbers[(goal.kind, goal.number)] > 1:
            yield Finding("national_framework", ("goals", index, "number"), f"{goal.kind}{goal.number} が複数あります。")
    if strategy.end_fy < strategy.start_fy:
        yield Finding("national_framework", ("end_fy",), "end_fy が start_fy より前になっています。")


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


def _current_year(kpi: Kpi, today: date) -> int:
    return fiscal_year_of(today) if kpi.year_type == "年度" else today.year


def kpi_consistency(file: str, kpi: Kpi, strategy: CityStrategy, glossary: Glossary, today: date) -> Iterator[Finding]:
    """One KPI file against the strategy, the glossary, the plan period and the calendar."""
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if kpi.id != stem:
        yield Finding(file, ("id",), f"id「{kpi.id}」がファイル名「{stem}」と違います。", f"id を {stem} にするか、ファイル名を {kpi.id}.yml にしてください。")
    goals = {goal.id: goal for goal in strategy.goals}
    goal = goals.get(kpi.goal)
    if goal is None:
        yield Finding(file, ("goal",), f"目標 id「{kpi.goal}」が strategy/strategy.yml にありません。",
                      f"次から選んでください: {', '.join(goals)}")
    if kpi.kind == "KPI" and kpi.measure is None:
        yield Finding(file, ("measure",), "施策の KPI には measure（施策の id）が必要です。", "measure: （施策の id）を追加してください。")
    if kpi.measure is not None and goal is not None:
        measures = {m.id for m in goal.measures}
        if kpi.measure not in measures:
            owner = next((g.id for g in strategy.goals if any(m.id == kpi.measure for m in g.measures)), None)
            where = f"「{kpi.measure}」は目標「{owner}」の施策です。goal を {owner} にするか、" if owner else ""
            yield Finding(file, ("measure",), f"施策 id「{kpi.measure}」が目標「{kpi.goal}」の施策にありません。",
                          f"{where}次から選んでください: {', '.join(sorted(measures)) or '（施策がありません）'}")
    terms = {term.id for term in glossary.terms}
    for i, term in enumerate(kpi.glossary):
        if term not in terms:
            yield Finding(file, ("glossary", i), f"用語 id「{term}」が strategy/glossary.yml にありません。")
    if kpi.glossary and "※" not in kpi.name:
        yield Finding(file, ("name",), "glossary があるのに名前に「※」がありません。", "用語解説へのしるしとして名前に「※」を付けてください。", Severity.WARNING)
    if "※" in kpi.name and not kpi.glossary:
        yield Finding(file, ("glossary",), "名前に「※」があるのに glossary（用語の id）がありません。", "glossary: [用語の id] を追加してください。")
    plan = f"{strategy.start_fy}〜{strategy.end_fy}"
    for field_path, year in (
        [(("target", "year"), kpi.target.year)] if kpi.target.type == "時点"
        else [(("target", "from_year"), kpi.target.from_year), (("target", "to_year"), kpi.target.to_year)]
    ):
        if year is not None and not strategy.start_fy <= year <= strategy.end_fy:
            yield Finding(file, field_path, f"目標の年（度）{year} が計画期間（{plan}）の外です。", "計画期間内の年（度）にしてください。")
    if kpi.evaluation is not None:
        own = [g.grade for g in kpi.evaluation.grades] + [kpi.evaluation.not_measurable]
        shared = [g.grade for g in strategy.evaluation.grades] + [strategy.evaluation.not_measurable]
        if sorted(own) != sorted(shared):
            yield Finding(file, ("evaluation", "grades"), f"評価の記号（{'・'.join(own)}）が戦略全体（{'・'.join(shared)}）と違います。",
                          "ダッシュボードや効果検証で集計できるよう、方法だけを変え、記号は戦略全体と同じにしてください。")
    rule = kpi.evaluation or strategy.evaluation
    if rule.method == "baseline_band" and kpi.target.type == "累計":
        yield Finding(file, ("target", "type"), "累計の目標は、基準値との比較（baseline_band）では目標に届くまで判定できません。",
                      "この指標には evaluation で distance_to_target か pro_rated を指定してください（記号は戦略全体と同じ）。", Severity.WARNING)
    now = _current_year(kpi, today)
    seen: dict[int, int] = {}
    for i, actual in enumerate(kpi.actuals):
        path = ("actuals", i)
        if actual.year > now:
            yield Finding(file, path + ("year",), f"{actual.year}{kpi.year_type}はまだ来ていません（今日は{today.isoformat()}）。",
                          "年（度）を確かめてください。年度は西暦で、令和3年度なら 2021 です。")
        if actual.year in seen:
            yield Finding(file, path + ("year",), f"{actual.year} の実績が2回書かれています（{seen[actual.year] + 1}番目にもあります）。")
        seen[actual.year] = i
        if actual.status != "sample" and actual.source is None:
            yield Finding(file, path + ("source",), f"{actual.status}値の実績に出典（source）がありません。", "source: の title などを書いてください。")
        if actual.unit is not None and actual.unit != kpi.unit:
            yield Finding(file, path + ("unit",), f"実績の単位「{actual.unit}」が指標の単位「{kpi.unit}」と違います。",
                          f"unit を消すか「{kpi.unit}」にしてください（違う単位の値なら「{kpi.unit}」に換算します）。")
    for name, value in (("baseline", kpi.baseline), ("target", kpi.target)):
        if value is None:
            continue
        if value.unit is not None and value.unit != kpi.unit:
            yield Finding(file, (name, "unit"), f"単位「{value.unit}」が指標の単位「{kpi.unit}」と違います。",
                          f"unit を消すか「{kpi.unit}」にしてください（違う単位の値なら「{kpi.unit}」に換算します）。")
        if not value.sample and value.source is None:
            yield Finding(file, (name, "source"), "値に出典（source）がありません。", "出典を書くか、まだ見本なら sample: true を付けてください。")
    if kpi.baseline is not None and kpi.target.type == "時点":
        worse = kpi.target.value > kpi.baseline.value if kpi.better == "lower" else kpi.target.value < kpi.baseline.value
        if worse:
            direction = "低いほど良い" if kpi.better == "lower" else "高いほど良い"
            yield Finding(file, ("target", "value"), f"{direction}指標なのに、目標値が基準値より悪い値になっています。",
                          "better（higher/lower）と目標値を確かめてください。", Severity.WARNING)


def review_references(reviews: Reviews, strategy: CityStrategy) -> Iterator[Finding]:
    goals = {goal.id for goal in strategy.goals}
    years = Counter(review.fiscal_year for review in reviews.reviews)
    for r, review in enumerate(reviews.reviews):
        if years[review.fiscal_year] > 1:
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度の効果検証が複数あります。")
        if not strategy.start_fy <= review.fiscal_year <= strategy.end_fy:
            yield Finding("reviews", ("reviews", r, "fiscal_year"), f"{review.fiscal_year}年度は計画期間の外です。")
        for c, comment in enumerate(review.comments):
            if comment.goal is not None and comment.goal not in goals:
                yield Finding("reviews", ("reviews", r, "comments", c, "goal"), f"目標 id「{comment.goal}」がありません。")


def population_consistency(models: dict) -> Iterator[Finding]:
    """The population tables against each other, then a trial projection of every scenario."""
    vision, base_rows, assumption_rows = models["vision"], models["base_population"], models["assumptions"]
    years = Counter(row.year for row in models["census"])
    for index, row in enumerate(models["census"]):
        if years[row.year] > 1:
            yield Finding("census", ("rows", index, "year"), f"{row.year}年の行が複数あります。")
    groups = tuple(row.age for row in base_rows)
    try:
        parse_age_groups(groups)
    except ValueError as exc:
        yield Finding("base_population", ("rows", 0, "age"), f"年齢階級の並びが正しくありません: {exc}",
                      "0-4、5-9、…と5歳刻みで並べ、最後を 85+ のような「以上」の階級にしてください。")
        return
    periods: dict[int, list[int]] = {}
    for index, row in enumerate(assumption_rows):
        periods.setdefault(row.period, []).append(index)
        if row.age not in groups:
            yield Finding("assumptions", ("rows", index, "age"), f"年齢階級「{row.age}」が基準人口（base_population.csv）にありません。")
    for period, indexes in periods.items():
        ages = Counter(assumption_rows[i].age for i in indexes)
        missing = [g for g in groups if g not in ages]
        if missing:
            yield Finding("assumptions", ("rows", indexes[0], "age"), f"{period}年の期間に年齢階級 {', '.join(missing)} の行がありません。",
                          "基準人口と同じ年齢階級の行を、期間ごとにすべて書いてください。")
        for i in indexes:
            if ages[assumption_rows[i].age] > 1:
                yield Finding("assumptions", ("rows", i, "age"), f"{period}年の期間に「{assumption_rows[i].age}」の行が複数あります。")
        if (period - vision.base_year) % 5:
            yield Finding("assumptions", ("rows", indexes[0], "period"), f"期間の始まり {period} 年が基準年 {vision.base_year} 年から5年刻みになっていません。")
    if periods and min(periods) > vision.base_year:
        yield Finding("assumptions", ("rows", 0, "period"), f"基準年 {vision.base_year} 年から始まる期間の仮定値がありません。")
    census_base = [row for row in models["census"] if row.year == vision.base_year]
    base_total = sum(row.male + row.female for row in base_rows)
    if census_base and abs(census_base[0].total - base_total) > 0.5:
        yield Finding("base_population", ("rows", 0, "male"),
                      f"基準人口の合計 {base_total:,.0f} 人が、{vision.base_year}年の国勢調査の総人口 {census_base[0].total:,.0f} 人と合いません。",
                      "年齢不詳を按分したかなど、census.csv と base_population.csv の値を確かめてください。", Severity.WARNING)
    fertility_periods = Counter(f.period for f in vision.fertility)
    for index, entry in enumerate(vision.fertility):
        if (entry.period - vision.base_year) % 5 or fertility_periods[entry.period] > 1:
            yield Finding("vision", ("fertility", index, "period"), f"期間 {entry.period} 年が重複しているか、基準年から5年刻みになっていません。")
    if vision.horizon_year <= vision.base_year or (vision.horizon_year - vision.base_year) % 5:
        yield Finding("vision", ("horizon_year",), "推計の最終年は基準年より後で、5年刻みの年にしてください。")
    ids = Counter(s.id for s in vision.scenarios)
    known = set(ids)
    for index, scenario in enumerate(vision.scenarios):
        path = ("scenarios", index)
        if ids[scenario.id] > 1:
            yield Finding("vision", path + ("id",), f"シナリオ id「{scenario.id}」が複数あります。")
        if scenario.based_on is not None and scenario.based_on not in known:
            yield Finding("vision", path + ("based_on",), f"シナリオ id「{scenario.based_on}」がありません。", f"次から選んでください: {', '.join(sorted(known))}")
        seen, current = {scenario.id}, scenario
        by_id = {s.id: s for s in vision.scenarios}
        while current.based_on in by_id:
            if current.based_on in seen:
                yield Finding("vision", path + ("based_on",), "based_on がたどると元のシナリオに戻ってしまいます（循環）。")
                break
            seen.add(current.based_on)
            current = by_id[current.based_on]
        for year in scenario.tfr_anchors:
            if not year.isdigit() or not vision.base_year < int(year) <= vision.horizon_year:
                yield Finding("vision", path + ("tfr_anchors", year), f"出生率の目安の年「{year}」は基準年より後、推計の最終年以前の西暦にしてください。")
        if scenario.zero_migration_from is not None and (scenario.zero_migration_from - vision.base_year) % 5:
            yield Finding("vision", path + ("zero_migration_from",), "移動均衡の開始年は基準年から5年刻みの年にしてください。")
        for a, age in enumerate(scenario.zero_migration_ages):
            if age not in groups or age == groups[0]:
                yield Finding("vision", path + ("zero_migration_ages", a), f"年齢階級「{age}」は使えません（{groups[1]}〜{groups[-1]} から選びます）。")
    if vision.target_scenario not in known:
        yield Finding("vision", ("target_scenario",), f"シナリオ id「{vision.target_scenario}」がありません。",
                      f"scenarios の id から選んでください: {', '.join(s.id for s in vision.scenarios)}")


def run_all(models: dict[str, object], today: date) -> Iterator[Finding]:
    """Every check whose files all matched their models: a typo in one file does not
    hide the problems of the others from the same report."""

    def have(*keys: str) -> bool:
        return all(models.get(key) is not None for key in keys)

    if have("policy"):
        yield from unique_policy_ids(models["policy"])
    if have("site", "policy"):
        yield from document_references(models["site"], models["policy"])
        yield from required_content(models["site"], models["policy"])
    if have("plan_periods"):
        yield from plan_periods_in_range(models["plan_periods"])
    if have("national_framework"):
        yield from national_goals_unique(models["national_framework"])
    if have("strategy", "national_framework"):
        yield from goal_structure(models["strategy"], models["national_framework"])
    if have("strategy", "glossary"):
        for file, kpi in models["kpis"].items():  # the KPI files that matched the model
            yield from kpi_consistency(file, kpi, models["strategy"], models["glossary"], today)
    if have("reviews", "strategy"):
        yield from review_references(models["reviews"], models["strategy"])
    if have("vision", "census", "base_population", "assumptions"):
        population = list(population_consistency(models))
        yield from population
        if not population:
            try:
                run_scenarios(models["vision"], models["base_population"], models["assumptions"])
            except ValueError as exc:  # the engine names the field, age group and value
                yield Finding("vision", ("scenarios",), f"推計できません: {exc}", "仮定値（assumptions.csv）と vision.yml の値を確認してください。")
