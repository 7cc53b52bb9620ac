"""Rules of one KPI file against the strategy, the glossary, the plan period and the calendar.

Each rule takes (file, kpi, …) and yields findings located in that KPI's file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.check.rules.finding import Finding
from generator.model.strategy import CityStrategy, Glossary, Kpi
from generator.problems import Severity
from generator.text.eras import fiscal_year_of


def kpi_place(file: str, kpi: Kpi, strategy: CityStrategy) -> Iterator[Finding]:
    """The id matches the file name; goal and measure exist, and the measure belongs to the goal."""
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if kpi.id != stem:
        yield Finding(file, ("id",), f"id「{kpi.id}」がファイル名「{stem}」と違います。", f"id を {stem} にするか、ファイル名を {kpi.id}.yml にしてください。",
                      code="E-ID-FILE-NAME")
    goals = {goal.id: goal for goal in strategy.goals}
    if kpi.kind == "全体目標":  # a strategy-level indicator belongs to no goal or measure
        for field in ("goal", "measure"):
            if getattr(kpi, field) is not None:
                yield Finding(file, (field,), f"全体目標（戦略全体の指標）には {field} を書きません。",
                              f"{field} の行を消すか、目標の指標なら kind を 数値目標 か KPI にしてください。", code="E-KPI-GOAL-FORBIDDEN")
        return
    if kpi.goal is None:
        yield Finding(file, ("kind",), f"{kpi.kind}には goal（属する目標の id）が必要です。",
                      f"goal: （目標の id）を書いてください。次から選べます: {', '.join(goals)}", code="E-KPI-GOAL-REQUIRED")
        return
    goal = goals.get(kpi.goal)
    if goal is None:
        yield Finding(file, ("goal",), f"目標 id「{kpi.goal}」が strategy/strategy.yml にありません。",
                      f"次から選んでください: {', '.join(goals)}", code="E-REF-UNKNOWN")
    if kpi.kind == "KPI" and kpi.measure is None:
        yield Finding(file, ("measure",), "施策の KPI には measure（施策の id）が必要です。", "measure: （施策の id）を追加してください。",
                      code="E-KPI-MEASURE-REQUIRED")
    if kpi.measure is not None and goal is not None:
        measures = {m.id for m in goal.measures}
        if kpi.measure not in measures:
            owner = next((g.id for g in strategy.goals if any(m.id == kpi.measure for m in g.measures)), None)
            where = f"「{kpi.measure}」は目標「{owner}」の施策です。goal を {owner} にするか、" if owner else ""
            yield Finding(file, ("measure",), f"施策 id「{kpi.measure}」が目標「{kpi.goal}」の施策にありません。",
                          f"{where}次から選んでください: {', '.join(sorted(measures)) or '（施策がありません）'}", code="E-REF-MISMATCH")


def kpi_glossary(file: str, kpi: Kpi, glossary: Glossary) -> Iterator[Finding]:
    """Each ※ in the name has a glossary term, and each term exists."""
    terms = {term.id for term in glossary.terms}
    for i, term in enumerate(kpi.glossary):
        if term not in terms:
            yield Finding(file, ("glossary", i), f"用語 id「{term}」が strategy/glossary.yml にありません。", code="E-REF-UNKNOWN")
    if kpi.glossary and "※" not in kpi.name:
        yield Finding(file, ("name",), "glossary があるのに名前に「※」がありません。",
                      "用語解説へのしるしとして名前に「※」を付けてください。", Severity.WARNING, code="W-KPI-MARK-MISSING")
    if "※" in kpi.name and not kpi.glossary:
        yield Finding(file, ("glossary",), "名前に「※」があるのに glossary（用語の id）がありません。",
                      "glossary: の次の行から「  - 用語の id」（strategy/glossary.yml の id）を書き足してください。", code="E-KPI-GLOSSARY-MISSING")


def kpi_evaluation(file: str, kpi: Kpi, strategy: CityStrategy) -> Iterator[Finding]:
    """Target years lie in the plan period; an own evaluation rule keeps the strategy's grades."""
    plan = f"{strategy.start_fy}〜{strategy.end_fy}"
    target = kpi.target
    years = [(("target", "from_year"), target.from_year), (("target", "to_year"), target.to_year)] if target.over_period else [
        (("target", "year"), target.year)]
    for field_path, year in years:
        if isinstance(year, int) and not strategy.start_fy <= year <= strategy.end_fy:
            yield Finding(file, field_path, f"目標の年（度）{year} が計画期間（{plan}）の外です。", "計画期間内の年（度）にしてください。",
                          code="E-KPI-TARGET-YEAR")
    if kpi.evaluation is not None:
        own = [g.grade for g in kpi.evaluation.grades] + [kpi.evaluation.not_measurable]
        shared = [g.grade for g in strategy.evaluation.grades] + [strategy.evaluation.not_measurable]
        if sorted(own) != sorted(shared):
            yield Finding(file, ("evaluation", "grades"), f"評価の記号（{'・'.join(own)}）が戦略全体（{'・'.join(shared)}）と違います。",
                          "ダッシュボードや効果検証で集計できるよう、方法だけを変え、記号は戦略全体と同じにしてください。", code="E-KPI-GRADES")
    rule = kpi.evaluation or strategy.evaluation
    if rule.method == "baseline_band" and target.type == "累計":
        yield Finding(file, ("target", "type"), "累計の目標は、基準値との比較（baseline_band）では目標に届くまで判定できません。",
                      "この指標には evaluation で distance_to_target か pro_rated を指定してください（記号は戦略全体と同じ）。", Severity.WARNING,
                      code="W-KPI-CUMULATIVE-BAND")


def _unit_hint(unit: str | None) -> str:
    if unit is None:
        return "この指標には単位がありません。unit を消してください。"
    return f"unit を消すか「{unit}」にしてください（違う単位の値なら「{unit}」に換算します）。"


def kpi_actuals(file: str, kpi: Kpi, today: date) -> Iterator[Finding]:
    """Actuals are in the past, once per year, sourced unless samples, in the KPI's unit."""
    now = fiscal_year_of(today) if kpi.year_type == "年度" else today.year
    seen: dict[int, int] = {}
    for i, actual in enumerate(kpi.actuals):
        path = ("actuals", i)
        if actual.year > now:
            yield Finding(file, path + ("year",), f"{actual.year}{kpi.year_type}はまだ来ていません（今日は{today.isoformat()}）。",
                          "年（度）を確かめてください。年度は西暦で、令和3年度なら 2021 です。", code="E-KPI-FUTURE-ACTUAL")
        if actual.year in seen:
            yield Finding(file, path + ("year",), f"{actual.year} の実績が2回書かれています（{seen[actual.year] + 1}番目にもあります）。",
                          code="E-DUPLICATE-ENTRY")
        seen[actual.year] = i
        if actual.status != "sample" and actual.source is None:
            yield Finding(file, path + ("source",), f"{actual.status}値の実績に出典（source）がありません。", "source: の title などを書いてください。",
                          code="E-SOURCE-MISSING")
        if actual.unit is not None and actual.unit != kpi.unit:
            yield Finding(file, path + ("unit",), f"実績の単位「{actual.unit}」が指標の単位「{kpi.unit_label or '（単位なし）'}」と違います。",
                          _unit_hint(kpi.unit), code="E-KPI-UNIT")


def kpi_values(file: str, kpi: Kpi) -> Iterator[Finding]:
    """Baseline and target: in the KPI's unit, sourced unless samples, the target better than the baseline."""
    for name, value in (("baseline", kpi.baseline), ("target", kpi.target)):
        if value is None:
            continue
        if value.unit is not None and value.unit != kpi.unit:
            yield Finding(file, (name, "unit"), f"単位「{value.unit}」が指標の単位「{kpi.unit_label or '（単位なし）'}」と違います。",
                          _unit_hint(kpi.unit), code="E-KPI-UNIT")
        if not value.sample and value.source is None:
            yield Finding(file, (name, "source"), "値に出典（source）がありません。", "出典を書くか、まだ見本なら sample: true を付けてください。",
                          code="E-SOURCE-MISSING")
    if kpi.target.type in ("変化率", "維持") and kpi.baseline is None:
        yield Finding(file, ("target", "type"), f"「{kpi.target.type}」の目標は基準値から決まりますが、基準値（baseline）がありません。",
                      "baseline を書くか、目標値を数値（type: 時点）で書いてください。", code="E-KPI-BASELINE-REQUIRED")
    target = kpi.target_value
    if kpi.baseline is not None and not kpi.target.over_period and target is not None:
        worse = target > kpi.baseline.value if kpi.better == "lower" else target < kpi.baseline.value
        if worse:
            direction = "低いほど良い" if kpi.better == "lower" else "高いほど良い"
            bound = "以下" if kpi.better == "lower" else "以上"
            yield Finding(file, ("target", "value"), f"{direction}指標なのに、目標値が基準値より悪い値になっています。"
                          f"目標値{bound}を保つ目標として評価します。",
                          "better（higher/lower）と目標値が戦略のとおりか確かめてください。", Severity.WARNING, code="W-KPI-TARGET-WORSE")


def kpi_consistency(file: str, kpi: Kpi, strategy: CityStrategy, glossary: Glossary, today: date) -> Iterator[Finding]:
    """Every rule of one KPI file."""
    yield from kpi_place(file, kpi, strategy)
    yield from kpi_glossary(file, kpi, glossary)
    yield from kpi_evaluation(file, kpi, strategy)
    yield from kpi_actuals(file, kpi, today)
    yield from kpi_values(file, kpi)


def kpi_files(kpis: dict, strategy: CityStrategy, glossary: Glossary, today: date) -> Iterator[Finding]:
    """Every KPI file that matched its model (by file path)."""
    for file, kpi in kpis.items():
        yield from kpi_consistency(file, kpi, strategy, glossary, today)
