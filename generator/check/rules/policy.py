"""Rules of the policy, the plan-period table, the national framework and the site's documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.policy import (
    NationalStrategy,
    PlanSchedule,
    Policy,
    SiteInfo,
    walk_sections,
)
from generator.text.eras import fiscal_year_label


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
