from generator.check.rules import policy as checks
from generator.model.base import Source
from generator.model.policy import (
    NationalGoal,
    NationalStrategy,
    PlanPeriod,
    PlanRow,
    PlanSchedule,
    Policy,
    PolicySection,
    PublishedDocument,
    SiteInfo,
)

SOURCE = Source(title="出典")


def schedule(*rows, first=2015, last=2025):
    return PlanSchedule(title="計画期間", first_fy=first, last_fy=last, source=SOURCE, updated="2026-11-28", rows=list(rows))


def row(id_, *periods):
    return PlanRow(id=id_, name="計画", periods=[PlanPeriod(label=label, start_fy=s, end_fy=e) for label, s, e in periods])


def test_periods_inside_the_table_and_in_order_pass():
    assert list(checks.plan_periods_in_range(schedule(row("a", ("1", 2015, 2020), ("2", 2021, 2025))))) == []


def test_period_outside_the_table_is_found():
    findings = list(checks.plan_periods_in_range(schedule(row("a", ("1", 2015, 2027)))))
    assert [f.path for f in findings] == [("rows", 0, "periods", 0)]
    assert "はみ出して" in findings[0].message


def test_overlapping_periods_are_found():
    findings = list(checks.plan_periods_in_range(schedule(row("a", ("1", 2015, 2020), ("2", 2020, 2025)))))
    assert [f.path for f in findings] == [("rows", 0, "periods", 1, "start_fy")]


def test_duplicate_row_ids_are_found():
    findings = list(checks.plan_periods_in_range(schedule(row("a", ("1", 2015, 2016)), row("a", ("1", 2015, 2016)))))
    assert len(findings) == 2 and all("id" in f.path for f in findings)


def policy(*sections):
    return Policy(title="方針", source=SOURCE, sections=list(sections))


def test_duplicate_policy_ids_are_found_at_any_depth():
    child = PolicySection(id="x", number="（１）", title="子")
    found = list(checks.unique_policy_ids(policy(PolicySection(id="x", number="１", title="親", sections=[child]))))
    assert [f.path for f in found] == [("sections", 0, "id"), ("sections", 0, "sections", 0, "id")]


def test_site_documents_must_point_to_existing_policy_sections():
    site = SiteInfo(city="朝霞市", site_title="t", documents=[
        PublishedDocument(id="strategy", name="n", short_name="s", described_in="purpose", period_in="nowhere"),
    ])
    found = list(checks.document_references(site, policy(PolicySection(id="purpose", number="１", title="主旨"))))
    assert [(f.data, f.path) for f in found] == [("site", ("documents", 0, "period_in"))]


def test_national_goal_numbers_are_unique_per_kind():
    goals = [
        NationalGoal(id="basic-1", kind="基本目標", number=1, title="a"),
        NationalGoal(id="basic-2", kind="基本目標", number=1, title="b"),
        NationalGoal(id="cross-1", kind="横断的な目標", number=1, title="c"),
    ]
    strategy = NationalStrategy(name="n", decided_on="2019-12-20", start_fy=2020, end_fy=2024, goals=goals, sources=[SOURCE])
    found = list(checks.national_goals_unique(strategy))
    assert [f.path for f in found] == [("goals", 0, "number"), ("goals", 1, "number")]


def test_documents_the_pages_rely_on_are_required():
    site = SiteInfo(city="〇〇市", site_title="t", documents=[
        PublishedDocument(id="population-vision", name="ビジョン", short_name="v", described_in="a"),
    ])
    messages = [f.message for f in checks.required_documents(site, frozenset({"site"}))]
    assert any("id「strategy」" in m for m in messages)
    assert any("population/vision.yml がありません" in m for m in messages)
    assert any("節を参照できません" in m for m in messages)
    with_vision = SiteInfo(city="〇〇市", site_title="t", documents=[PublishedDocument(id="strategy", name="戦略", short_name="s")])
    messages = [f.message for f in checks.required_documents(with_vision, frozenset({"site", "vision"}))]
    assert messages == ["population/vision.yml があるのに、id「population-vision」の文書がありません。"]


def test_quoted_policy_sections_are_required_with_text():
    found = list(checks.quoted_sections(policy(PolicySection(id="approach-comprehensive-plan", number="１", title="x"))))
    messages = [f.message for f in found]
    assert any("approach-national-prefecture" in m for m in messages) and any("approach-kpi" in m for m in messages)
    assert any("本文（paragraphs）がありません" in m for m in messages)


def test_every_quoted_section_id_is_documented_for_planners():
    description = PolicySection.model_fields["id"].description
    assert all(section_id in description for section_id in checks.REQUIRED_POLICY_SECTIONS)


# --- KPIs ------------------------------------------------------------------------------
