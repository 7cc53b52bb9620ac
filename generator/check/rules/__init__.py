"""Cross-field and cross-file rules, run after each file matched its model.

Each rule is a small generator of `Finding`s that declares the data it needs
(by `Project` field name, plus "today"); a rule runs only when all of it loaded,
so a typo in one file does not hide the problems of the others from the same
report. `pipeline` turns findings into located problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.check.rules import kpi, materials, news, periods, policy, population, process, revisions, sources, strategy
from generator.check.rules.finding import Finding
from generator.model.project import DATA_TABLES


@dataclass(frozen=True)
class Rule:
    needs: tuple[str, ...]  # Project field names (and "today", "present"), passed in this order
    check: Callable[..., Iterator[Finding]]
    # Optional parts passed after `needs`, None when their file is absent; the rule waits only
    # when such a file exists but did not load (its errors are reported already).
    optional: tuple[str, ...] = ()

    def ready(self, data: dict[str, object], present: frozenset[str]) -> bool:
        return (all(data.get(key) is not None for key in self.needs)
                and not any(data.get(key) is None and key in present for key in self.optional))


RULES: tuple[Rule, ...] = (
    Rule(("policy",), policy.unique_policy_ids),
    Rule(("site", "policy"), policy.document_references),
    Rule(("site", "present"), policy.required_documents),
    Rule(("policy",), policy.quoted_sections),
    Rule(("plan_periods",), policy.plan_periods_in_range),
    Rule(("national_framework",), policy.national_goals_unique),
    Rule(("strategy", "national_framework"), strategy.goal_structure),
    Rule(("reviews", "strategy", "periods"), strategy.review_references),
    Rule(("reviews",), strategy.review_status),
    Rule(("reviews", "strategy", "review_snapshots", "present"), strategy.review_records),
    Rule(("periods", "strategy"), periods.period_files),
    Rule(("kpis", "strategy", "glossary", "today"), kpi.kpi_files),
    Rule(("revisions",), revisions.revision_order),
    Rule(("revisions", "revision_snapshots"), revisions.revision_snapshots),
    Rule(("revision_snapshots", "present"), revisions.orphan_snapshots),
    Rule(("organization",), process.organization_structure, optional=("policy",)),
    Rule(("process", "materials", "public_comments"), process.event_references, optional=("organization",)),
    Rule(("process", "plan_periods", "strategy"), process.event_dates),
    Rule(("process", "reviews", "strategy", "kpis"), process.opinion_references),
    Rule(("materials", "material_files"), materials.material_files_exist),
    Rule(("materials",), materials.material_ids_unique),
    Rule(("materials",), materials.pdf_text_alternatives),
    Rule(("public_comments",), materials.round_dates),
    Rule(("public_comments", "materials", "strategy", "kpis"), materials.round_references),
    Rule(("news",), news.unique_news_ids),
    Rule(("news", "today"), news.news_dates),
    Rule(("census",), population.census_years_unique),
    Rule(("base_population",), population.base_age_groups),
    Rule(("vision", "base_population", "assumptions"), population.assumption_tables),
    Rule(("assumptions",), population.cohort_change_ratios),
    Rule(("vision", "census", "base_population"), population.base_matches_census),
    Rule(("vision",), population.vision_years),
    Rule(("vision",), population.scenario_references),
    Rule(("vision", "base_population"), population.scenario_years_and_ages),
    Rule(("vision", "assumptions"), sources.ipss_names),
    Rule(("verifications",), sources.table_checks_used, optional=("vision", *DATA_TABLES)),
    Rule(("today",), sources.record_checks, optional=sources.YAML_DATA),
)


def run_all(models: dict[str, object], today: date, present: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every rule whose data all matched its models; `present` names the fields whose files exist."""
    data = dict(models, today=today, present=present)
    for rule in RULES:
        if rule.ready(data, present):
            yield from rule.check(*(data[key] for key in rule.needs), *(data.get(key) for key in rule.optional))
