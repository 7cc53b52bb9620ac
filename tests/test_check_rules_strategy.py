from datetime import date

from generator.check.rules import strategy as checks
from generator.model.strategy import CityStrategy, FrozenReview, Reviews

STRATEGY = CityStrategy.model_validate({
    "name": "戦略", "start_fy": 2021, "end_fy": 2025,
    "evaluation": {"method": "distance_to_target", "description": "d",
                   "grades": [{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b"}]},
    "goals": [{"id": "goal-1", "kind": "基本目標", "number": 1, "national_goal": "basic-1", "title": "t", "direction": ["d"]}],
})


def reviews(*items: dict) -> Reviews:
    return Reviews.model_validate({"reviews": list(items)})


def record(fiscal_year: int = 2023, day: str = "2024-11-20") -> FrozenReview:
    return FrozenReview.model_validate({"format_version": 1, "fiscal_year": fiscal_year, "date": day, "rows": []})


def test_a_review_is_in_progress_unless_finalised():
    assert reviews({"fiscal_year": 2023}).reviews[0].status == "作業中"


def test_a_finalised_review_needs_its_council_date():
    [finding] = checks.review_status(reviews({"fiscal_year": 2022}, {"fiscal_year": 2023, "status": "確定"}))
    assert (finding.data, finding.path) == ("reviews", ("reviews", 1, "status"))
    assert "審議会の日（date）" in finding.message
    assert list(checks.review_status(reviews({"fiscal_year": 2023, "status": "確定", "date": "2024-11-20"}))) == []


def test_a_finalised_review_without_its_record_names_the_command():
    finalised = reviews({"fiscal_year": 2023, "status": "確定", "date": "2024-11-20"})
    [finding] = checks.review_records(finalised, STRATEGY, {}, frozenset())
    assert (finding.data, finding.path, finding.code) == ("reviews", ("reviews", 0, "status"), checks.UNFROZEN)
    assert "strategy/reviews/2023.json" in finding.message
    assert finding.hint.startswith("python -m generator freeze-review 2023 を実行して")


def test_a_record_that_is_there_but_unreadable_is_not_also_missing():
    finalised = reviews({"fiscal_year": 2023, "status": "確定", "date": "2024-11-20"})
    assert list(checks.review_records(finalised, STRATEGY, {}, frozenset({"strategy/reviews/2023.json"}))) == []


def test_finalised_years_of_an_earlier_period_need_no_record():
    earlier = reviews({"fiscal_year": 2019, "status": "確定", "date": "2020-11-20"})
    assert list(checks.review_records(earlier, STRATEGY, {}, frozenset())) == []


def test_a_record_needs_a_finalised_review_of_its_year():
    path = "strategy/reviews/2023.json"
    [finding] = checks.review_records(reviews({"fiscal_year": 2023}), STRATEGY, {path: record()}, frozenset({path}))
    assert (finding.data, finding.path) == (path, ("fiscal_year",))
    assert "確定（status: 確定）になっていません" in finding.message
    [finding] = checks.review_records(reviews(), STRATEGY, {path: record()}, frozenset({path}))
    assert finding.data == path


def test_a_record_is_named_by_its_year_and_keeps_the_council_date():
    finalised = reviews({"fiscal_year": 2023, "status": "確定", "date": "2024-11-20"})
    path = "strategy/reviews/2023.json"
    misnamed = "strategy/reviews/2023-copy.json"
    found = list(checks.review_records(finalised, STRATEGY, {path: record(), misnamed: record()}, frozenset({path, misnamed})))
    assert [(f.data, f.path) for f in found] == [(misnamed, ("fiscal_year",))]
    [finding] = checks.review_records(finalised, STRATEGY, {path: record(day="2024-11-21")}, frozenset({path}))
    assert finding.path == ("date",) and "2024-11-21" in finding.message and str(date(2024, 11, 20)) in finding.message
