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
            yield Finding("policy", path + ("id",), f"id「{section.id}」が複数の節で使われています。", "節ごとに別の id を付けてください。",
                          code="E-ID-DUPLICATE")


def document_references(site: SiteInfo, policy: Policy) -> Iterator[Finding]:
    ids = {section.id for _, section in walk_sections(policy.sections) if section.id}
    for index, document in enumerate(site.documents):
        for field in ("described_in", "period_in"):
            target = getattr(document, field)
            if target is not None and target not in ids:
                yield Finding(
                    "site", ("documents", index, field),
                    f"策定方針（strategy/policy.yml）に id「{target}」の節がありません。",
                    "strategy/policy.yml の節の id を確認してください。", code="E-REF-UNKNOWN",
                )


# The policy sections the pages quote (documented in the field reference: PolicySection.id).
REQUIRED_POLICY_SECTIONS = ("approach-national-prefecture", "approach-comprehensive-plan", "approach-kpi")


def required_documents(site: SiteInfo, present: frozenset[str]) -> Iterator[Finding]:
    """The strategy is always introduced; the population vision exactly when vision.yml exists.

    `present` holds the Project fields whose files exist (valid or not).
    """
    vision, policy = "vision" in present, "policy" in present
    documents = {d.id: index for index, d in enumerate(site.documents)}
    if "strategy" not in documents:
        yield Finding("site", ("documents",), "id「strategy」の文書（総合戦略）がありません。ホームページと概要ページで使います。",
                      "documents に id: strategy の項目を書いてください。", code="E-SITE-DOCUMENT")
    if vision and "population-vision" not in documents:
        yield Finding("site", ("documents",), "population/vision.yml があるのに、id「population-vision」の文書がありません。",
                      "documents に id: population-vision の項目を書いてください。", code="E-SITE-DOCUMENT")
    if not vision and "population-vision" in documents:
        yield Finding("site", ("documents", documents["population-vision"], "id"),
                      "人口ビジョンの文書があるのに population/vision.yml がありません。",
                      "population/vision.yml を置くか、この文書の項目を消してください。", code="E-SITE-DOCUMENT")
    for index, document in enumerate(site.documents):
        if not policy and (document.described_in or document.period_in):
            yield Finding("site", ("documents", index, "described_in" if document.described_in else "period_in"),
                          "策定方針（strategy/policy.yml）がないため、節を参照できません。",
                          "described_in・period_in を消し、説明は description に書いてください。", code="E-SITE-NO-POLICY")
    ids = Counter(d.id for d in site.documents)
    for index, document in enumerate(site.documents):
        if ids[document.id] > 1:
            yield Finding("site", ("documents", index, "id"), f"id「{document.id}」の文書が複数あります。", code="E-ID-DUPLICATE")


def quoted_sections(policy: Policy) -> Iterator[Finding]:
    """The sections the pages quote exist and have text."""
    sections = {section.id: (path, section) for path, section in walk_sections(policy.sections) if section.id}
    for section_id in REQUIRED_POLICY_SECTIONS:
        if section_id not in sections:
            yield Finding("policy", ("sections",), f"id「{section_id}」の節がありません。総合戦略の概要ページなどで引用します。",
                          "節の id を元に戻してください（使う id はデータ項目の説明の「策定方針の節」にあります）。", code="E-POLICY-SECTION-MISSING")
        elif not sections[section_id][1].paragraphs:
            yield Finding("policy", sections[section_id][0] + ("paragraphs",), f"節「{section_id}」に本文（paragraphs）がありません。",
                          "ページで引用するため、本文を書いてください。", code="E-POLICY-SECTION-EMPTY")


def plan_periods_in_range(schedule: PlanSchedule) -> Iterator[Finding]:
    if schedule.last_fy < schedule.first_fy:
        yield Finding("plan_periods", ("last_fy",), "last_fy（表の最後の年度）が first_fy より前になっています。", code="E-DATE-ORDER")
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
                    "first_fy / last_fy を広げるか、期間の年度を確認してください。", code="E-PLAN-OUTSIDE",
                )
            if previous_end is not None and period.start_fy <= previous_end:
                yield Finding(
                    "plan_periods", path + ("start_fy",),
                    f"期間「{period.label}」が前の期間と重なっているか、古い順に並んでいません。",
                    "期間を古い順に並べ、年度が重ならないようにしてください。", code="E-PERIOD-OVERLAP",
                )
            previous_end = period.end_fy
    counts = Counter(row.id for row in schedule.rows)
    for r, row in enumerate(schedule.rows):
        if counts[row.id] > 1:
            yield Finding("plan_periods", ("rows", r, "id"), f"id「{row.id}」が複数の行で使われています。", code="E-ID-DUPLICATE")


def national_goals_unique(strategy: NationalStrategy) -> Iterator[Finding]:
    ids = Counter(goal.id for goal in strategy.goals)
    numbers = Counter((goal.kind, goal.number) for goal in strategy.goals)
    for index, goal in enumerate(strategy.goals):
        if ids[goal.id] > 1:
            yield Finding("national_framework", ("goals", index, "id"), f"id「{goal.id}」が複数の目標で使われています。", code="E-ID-DUPLICATE")
        if numbers[(goal.kind, goal.number)] > 1:
            yield Finding("national_framework", ("goals", index, "number"), f"{goal.kind}{goal.number} が複数あります。", code="E-DUPLICATE-ENTRY")
    if strategy.end_fy < strategy.start_fy:
        yield Finding("national_framework", ("end_fy",), "end_fy が start_fy より前になっています。", code="E-DATE-ORDER")
