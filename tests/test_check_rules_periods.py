"""Rules of the earlier periods."""

def test_earlier_periods_end_before_the_current_one_and_do_not_overlap():
    from generator.check.rules.periods import period_files
    from generator.model.periods import PastPeriod
    from generator.model.strategy import CityStrategy

    strategy = CityStrategy.model_validate({
        "name": "戦略", "start_fy": 2021, "end_fy": 2025,
        "evaluation": {"method": "distance_to_target", "description": "d",
                       "grades": [{"grade": "A", "label": "a", "min_percent": 100}, {"grade": "B", "label": "b"}]},
        "goals": [{"id": "g", "kind": "基本目標", "number": 1, "national_goal": "basic-1", "title": "t", "direction": ["d"]}],
    })

    def period(pid, start, end):
        return PastPeriod.model_validate({"id": pid, "label": "第１期", "name": "n", "start_fy": start, "end_fy": end,
                                          "goals": [{"id": f"{pid}-g", "kind": "基本目標", "number": 1, "title": "t"}]})

    found = list(period_files({"strategy/periods/p1.yml": period("p1", 2015, 2019),
                               "strategy/periods/p2.yml": period("p2", 2018, 2021)}, strategy))
    assert [(f.data, f.path) for f in found] == [("strategy/periods/p2.yml", ("end_fy",)), ("strategy/periods/p2.yml", ("start_fy",))]
