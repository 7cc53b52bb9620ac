"""Rules of the process data: the promotion structure (strategy/organization.yml), the dated record
(strategy/process.yml) and the opinions given in it or in the yearly reviews, against the rest of the data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.policy import PlanSchedule, Policy, walk_sections
from generator.model.process import Materials, Opinion, Organization, Process, PublicComments
from generator.model.strategy import CityStrategy, Kpi, Reviews
from generator.text.eras import fiscal_year_label, fiscal_year_of


def _choices(ids: set[str]) -> str:
    return f"次から選んでください: {', '.join(sorted(ids))}" if ids else "先にその id のデータを書いてください。"


def organization_structure(organization: Organization, policy: Policy | None) -> Iterator[Finding]:
    """Body ids are unique, part_of and relations name bodies, described_in names a policy section."""
    ids = Counter(body.id for body in organization.bodies)
    known = set(ids)
    sections = {section.id for _, section in walk_sections(policy.sections)} if policy else set()
    for b, body in enumerate(organization.bodies):
        path = ("bodies", b)
        if ids[body.id] > 1:
            yield Finding("organization", path + ("id",), f"組織の id「{body.id}」が複数あります。", code="E-ID-DUPLICATE")
        if body.part_of is not None and (body.part_of not in known or body.part_of == body.id):
            yield Finding("organization", path + ("part_of",), f"上位の組織「{body.part_of}」がありません。", _choices(known - {body.id}), code="E-REF-UNKNOWN")
        if body.described_in is not None and body.described_in not in sections:
            reason = "strategy/policy.yml がありません" if policy is None else f"策定方針に id「{body.described_in}」の節がありません"
            yield Finding("organization", path + ("described_in",), f"{reason}。", _choices({s for s in sections if s is not None}), code="E-REF-UNKNOWN")
    for r, relation in enumerate(organization.relations):
        for field in ("from_body", "to_body"):
            if getattr(relation, field) not in known:
                yield Finding("organization", ("relations", r, field), f"組織「{getattr(relation, field)}」がありません。", _choices(known),
                              code="E-REF-UNKNOWN")
        if relation.from_body == relation.to_body:
            yield Finding("organization", ("relations", r, "to_body"), "矢印の出発と行き先が同じ組織です。", code="E-ORG-SELF-RELATION")


def _known_years(schedule: PlanSchedule, strategy: CityStrategy) -> tuple[int, int]:
    """The fiscal years a record may fall in: the plan table's first year to the year after the strategy (its last review)."""
    return schedule.first_fy, max(schedule.last_fy, strategy.end_fy) + 1


def event_references(process: Process, materials: Materials, public_comments: PublicComments,
                     organization: Organization | None) -> Iterator[Finding]:
    """Events name bodies, materials and public comments that exist."""
    bodies = {body.id for body in organization.bodies} if organization else set()
    material_ids = {m.id for m in materials.materials}
    rounds = {r.id for r in public_comments.rounds}
    ids = Counter(event.id for event in process.events)
    for e, event in enumerate(process.events):
        path = ("events", e)
        if ids[event.id] > 1:
            yield Finding("process", path + ("id",), f"出来事の id「{event.id}」が複数あります。", code="E-ID-DUPLICATE")
        if event.body is not None and event.body not in bodies:
            hint = _choices(bodies) if organization else "strategy/organization.yml に推進体制を書くか、body を消してください。"
            yield Finding("process", path + ("body",), f"組織「{event.body}」がありません。", hint, code="E-REF-UNKNOWN")
        for m, material in enumerate(event.materials):
            if material not in material_ids:
                yield Finding("process", path + ("materials", m), f"資料「{material}」がありません。",
                              "strategy/materials.yml に資料を足してください。" + _choices(material_ids), code="E-REF-UNKNOWN")
        if event.public_comment is not None and event.public_comment not in rounds:
            yield Finding("process", path + ("public_comment",), f"パブリックコメント「{event.public_comment}」がありません。", _choices(rounds),
                          code="E-REF-UNKNOWN")


def event_dates(process: Process, plan_periods: PlanSchedule, strategy: CityStrategy) -> Iterator[Finding]:
    """An event lies within the known periods, ends after it starts, and a review meeting reviews a year of the strategy."""
    first, last = _known_years(plan_periods, strategy)
    for e, event in enumerate(process.events):
        path = ("events", e)
        year = fiscal_year_of(event.date)
        if not first <= year <= last:
            yield Finding("process", path + ("date",),
                          f"日付 {event.date.isoformat()}（{fiscal_year_label(year)}）は記録できる期間の外です。記録できるのは、"
                          f"計画期間の表（strategy/plan_periods.yml）の最初の年度から、総合戦略の最後の年度の翌年度"
                          f"（最後の年度の効果検証の年）までです: {fiscal_year_label(first)}〜{fiscal_year_label(last)}。",
                          "日付の年を確かめてください。次の計画の予定を書くときは、先に strategy/plan_periods.yml と "
                          "strategy/strategy.yml に次の計画期間を書いてください。", code="E-PROCESS-DATE-OUTSIDE")
        if event.end is not None and event.end < event.date:
            yield Finding("process", path + ("end",), f"最後の日 {event.end.isoformat()} が初日 {event.date.isoformat()} より前です。",
                          "date（初日）と end（最後の日）を入れ替えていないか確かめてください。", code="E-DATE-ORDER")
        if event.review_year is not None and not strategy.start_fy <= event.review_year <= strategy.end_fy:
            yield Finding("process", path + ("review_year",),
                          f"{event.review_year}年度は総合戦略の期間（{strategy.start_fy}〜{strategy.end_fy}年度）の外です。", code="E-PROCESS-REVIEW-YEAR")


def _opinion_problems(opinion: Opinion, path: tuple, data: str, strategy: CityStrategy, kpi_ids: set[str]) -> Iterator[Finding]:
    goals = {goal.id: goal for goal in strategy.goals}
    measures = {m.id: goal.id for goal in strategy.goals for m in goal.measures}
    if data == "process" and opinion.goal is not None and opinion.goal not in goals:
        yield Finding(data, path + ("goal",), f"目標「{opinion.goal}」がありません。", _choices(set(goals)), code="E-REF-UNKNOWN")
    if opinion.measure is not None and opinion.measure not in measures:
        yield Finding(data, path + ("measure",), f"施策「{opinion.measure}」がありません。", _choices(set(measures)), code="E-REF-UNKNOWN")
    elif opinion.measure is not None and opinion.goal is not None and measures[opinion.measure] != opinion.goal:
        yield Finding(data, path + ("measure",), f"施策「{opinion.measure}」は目標「{opinion.goal}」の施策ではありません。",
                      f"goal を {measures[opinion.measure]} にするか、goal を省いてください。", code="E-REF-MISMATCH")
    if opinion.kpi is not None and opinion.kpi not in kpi_ids:
        yield Finding(data, path + ("kpi",), f"指標「{opinion.kpi}」がありません。", _choices(kpi_ids), code="E-REF-UNKNOWN")
    if opinion.status is not None and opinion.response is None:
        yield Finding(data, path + ("response",), f"対応の状況（{opinion.status}）があるのに、市の対応（response）がありません。",
                      "response に市の対応を書いてください。", code="E-OPINION-RESPONSE")


def opinion_references(process: Process, reviews: Reviews, strategy: CityStrategy, kpis: dict[str, Kpi]) -> Iterator[Finding]:
    """Opinions name goals, measures and KPIs that exist (review comments' goals are checked with the reviews)."""
    kpi_ids = {kpi.id for kpi in kpis.values()}
    for e, event in enumerate(process.events):
        for o, opinion in enumerate(event.opinions):
            yield from _opinion_problems(opinion, ("events", e, "opinions", o), "process", strategy, kpi_ids)
    for r, review in enumerate(reviews.reviews):
        for c, comment in enumerate(review.comments):
            yield from _opinion_problems(comment, ("reviews", r, "comments", c), "reviews", strategy, kpi_ids)
