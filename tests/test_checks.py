from generator import checks
from generator.models import NationalGoal, NationalStrategy, PlanPeriod, PlanRow, PlanSchedule, Policy, PolicySection, PublishedDocument, SiteInfo, Source

SOURCE = Source(title="出典")


def schedule(*rows, first=2015, last=2025):
    return PlanSchedule(title="計画期間", first_fy=first, last_fy=last, source=SOURCE, updated="2026-11-28", rows=list(rows))


def row(id_, *periods):
    return PlanRow(id=id_, name="計画", periods=[PlanPeriod(label=l, start_fy=s, end_fy=e) for l, s, e in periods])


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


def test_content_the_pages_rely_on_is_required():
    site = SiteInfo(city="朝霞市", site_title="t", documents=[
        PublishedDocument(id="strategy", name="戦略", short_name="s", described_in="a", period_in="a"),
    ])
    found = list(checks.required_content(site, policy(PolicySection(id="approach-comprehensive-plan", number="１", title="x"))))
    messages = [f.message for f in found]
    assert any("start_fy" in m for m in messages) and any("end_fy" in m for m in messages)
    assert any("population-vision" in m for m in messages)
    assert any("approach-national-prefecture" in m for m in messages)
    assert any("本文（paragraphs）がありません" in m for m in messages)


# --- KPIs ------------------------------------------------------------------------------

from datetime import date  # noqa: E402

from generator.strategy_models import CityStrategy, Glossary, Kpi  # noqa: E402

STRATEGY = CityStrategy.model_validate({
    "name": "戦略", "start_fy": 2021, "end_fy": 2025,
    "evaluation": {"method": "distance_to_target", "description": "d",
                   "grades": [{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b"}]},
    "goals": [{"id": "goal-1", "kind": "基本目標", "number": 1, "national_goal": "basic-1", "title": "t", "direction": ["d"],
               "measures": [{"id": "measure-1", "title": "m", "description": "d"}]}],
})
GLOSSARY = Glossary.model_validate({"terms": [{"id": "rate", "term": "率", "description": "d"}]})
TODAY = date(2026, 11, 28)


def kpi_data(**changes):
    data = {"id": "kpi-a", "name": "指標", "kind": "KPI", "goal": "goal-1", "measure": "measure-1", "definition": "d",
            "unit": "%", "better": "higher", "updated": "2026-11-28",
            "baseline": {"value": 10, "year": 2019, "source": {"title": "s"}},
            "target": {"value": 20, "year": 2025, "source": {"title": "s"}},
            "actuals": [{"year": 2022, "value": 12, "status": "確定", "source": {"title": "s"}}]}
    data.update(changes)
    return Kpi.model_validate(data)


def kpi_findings(kpi, file="kpis/kpi-a.yml"):
    return list(checks.kpi_consistency(file, kpi, STRATEGY, GLOSSARY, TODAY))


def test_a_consistent_kpi_has_no_findings():
    assert kpi_findings(kpi_data()) == []


def test_dangling_references_are_found():
    found = kpi_findings(kpi_data(goal="goal-9", glossary=["nothing"], name="指標※"))
    paths = [f.path for f in found]
    assert ("goal",) in paths and ("glossary", 0) in paths
    found = kpi_findings(kpi_data(measure="measure-9"))
    assert [f.path for f in found] == [("measure",)] and "measure-1" in found[0].hint


def test_kpi_needs_a_measure_and_id_must_match_the_file():
    found = kpi_findings(kpi_data(measure=None), file="kpis/other.yml")
    assert {f.path for f in found} == {("measure",), ("id",)}


def test_target_outside_the_plan_period():
    found = kpi_findings(kpi_data(target={"value": 20, "year": 2030, "source": {"title": "s"}}))
    assert [f.path for f in found] == [("target", "year")] and "計画期間" in found[0].message


def test_future_and_duplicate_actuals():
    actual = {"value": 12, "status": "確定", "source": {"title": "s"}}
    found = kpi_findings(kpi_data(actuals=[actual | {"year": 2026}, actual | {"year": 2022}, actual | {"year": 2022}]))
    messages = [f.message for f in found]
    assert not any("まだ来ていません" in m for m in messages)  # FY2026 is the current fiscal year
    assert any("2回書かれています" in m for m in messages)


def test_current_fiscal_year_is_not_future_but_next_is():
    actual = {"value": 12, "status": "確定", "source": {"title": "s"}}
    assert not [f for f in kpi_findings(kpi_data(actuals=[actual | {"year": 2026}])) if "まだ" in f.message]
    assert [f for f in kpi_findings(kpi_data(actuals=[actual | {"year": 2027}])) if "まだ" in f.message]


def test_unit_mismatch_and_missing_sources():
    found = kpi_findings(kpi_data(
        baseline={"value": 10, "year": 2019, "unit": "人", "source": {"title": "s"}},
        target={"value": 20, "year": 2025},
        actuals=[{"year": 2022, "value": 12, "status": "速報"}],
    ))
    paths = {f.path for f in found}
    assert ("baseline", "unit") in paths and ("target", "source") in paths and ("actuals", 0, "source") in paths


def test_sample_values_need_no_source():
    found = kpi_findings(kpi_data(target={"value": 20, "year": 2025, "sample": True},
                                  actuals=[{"year": 2022, "value": 12, "status": "sample"}]))
    assert found == []


def test_lower_is_better_with_target_above_baseline_warns():
    found = kpi_findings(kpi_data(better="lower"))
    assert [(f.path, f.severity) for f in found] == [(("target", "value"), checks.Severity.WARNING)]


def test_a_kpi_rule_must_keep_the_strategy_grade_letters():
    own = {"method": "baseline_band", "description": "d", "grades": [
        {"grade": "S", "label": "s", "rule": "target_reached"}, {"grade": "A", "label": "a", "rule": "above_baseline"},
        {"grade": "B", "label": "b", "rule": "near_baseline"}, {"grade": "C", "label": "c", "rule": "below_baseline"}]}
    found = kpi_findings(kpi_data(evaluation=own))
    assert [f.path for f in found] == [("evaluation", "grades")] and "記号" in found[0].message


def test_measure_of_another_goal_names_its_goal():
    strategy = STRATEGY.model_copy(update={"goals": STRATEGY.goals + [STRATEGY.goals[0].model_copy(update={
        "id": "goal-2", "number": 2, "measures": [STRATEGY.goals[0].measures[0].model_copy(update={"id": "measure-2"})]})]})
    found = list(checks.kpi_consistency("kpis/kpi-a.yml", kpi_data(measure="measure-2"), strategy, GLOSSARY, TODAY))
    assert "goal-2" in found[0].hint


def test_cumulative_kpi_under_the_baseline_band_rule_warns():
    from generator.strategy_models import Evaluation

    band = STRATEGY.model_copy(update={"evaluation": Evaluation.model_validate({
        "method": "baseline_band", "description": "d", "grades": [
            {"grade": "A", "label": "a", "rule": "target_reached"}, {"grade": "B", "label": "b", "rule": "above_baseline"},
            {"grade": "C", "label": "c", "rule": "near_baseline"}, {"grade": "D", "label": "d", "rule": "below_baseline"}]})})
    kpi = kpi_data(baseline=None, target={"type": "累計", "value": 100, "from_year": 2021, "to_year": 2025, "source": {"title": "s"}})
    found = list(checks.kpi_consistency("kpis/kpi-a.yml", kpi, band, GLOSSARY, TODAY))
    assert [(f.path, f.severity) for f in found] == [(("target", "type"), checks.Severity.WARNING)]
