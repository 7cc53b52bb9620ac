import inspect

import pytest
from pydantic import BaseModel, ValidationError

from generator.model import base, periods, policy, population, strategy
from generator.model import policy as models
from generator.model.project import DATA_FILES, DATA_TABLES

MODEL_MODULES = (base, policy, strategy, population, periods)
ALL_MODELS = [
    cls for module in MODEL_MODULES for _, cls in inspect.getmembers(module, inspect.isclass)
    if issubclass(cls, BaseModel) and cls.__module__ == module.__name__ and cls not in (base.Model, population.CsvRow)
]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented_for_planners(model):
    undocumented = [name for name, field in model.model_fields.items() if not (field.description or "").strip()]
    assert undocumented == [], f"{model.__name__} の説明のない項目: {undocumented}"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_models_refuse_unknown_keys(model):
    assert model.model_config.get("extra") == "forbid"


def test_every_data_file_has_a_model_with_a_docstring():
    for path, model in [*DATA_FILES.values(), *DATA_TABLES.values()]:
        assert model.__doc__ and path in model.__doc__


def test_text_fields_join_hard_line_breaks():
    section = models.PolicySection(number="１", title="策定の\n主旨", paragraphs=["本市は\n平成２７年度に"])
    assert section.title == "策定の主旨" and section.paragraphs == ["本市は平成２７年度に"]


def test_text_fields_refuse_numbers_and_booleans():
    with pytest.raises(ValidationError) as info:
        models.PolicySection(number=1, title=False)
    assert {e["type"] for e in info.value.errors()} == {"string_type"}


def test_plan_period_must_not_end_before_it_starts():
    with pytest.raises(ValidationError, match="end_fy"):
        models.PlanPeriod(label="第１期", start_fy=2020, end_fy=2015)


def test_dates_are_parsed_from_iso_text():
    source = base.Source(title="x", published="2019-12-20")
    assert source.published.isoformat() == "2019-12-20"


def test_identifier_pattern():
    models.NationalGoal(id="basic-1", kind="基本目標", number=1, title="x")
    with pytest.raises(ValidationError):
        models.NationalGoal(id="Basic 1", kind="基本目標", number=1, title="x")


def test_every_model_has_a_japanese_title_for_the_reference():
    for cls in ALL_MODELS:
        title = cls.model_config.get("title") or ""
        assert any(ord(ch) > 0x3000 for ch in title), cls.__name__


@pytest.mark.parametrize(("city", "word"), [("〇〇市", "市"), ("試験町", "町"), ("架空村", "村"), ("東京都千代田区", "区")])
def test_the_municipality_word_follows_the_name(city, word):
    site = models.SiteInfo(city=city, site_title="t", documents=[models.PublishedDocument(id="strategy", name="n", short_name="s")])
    assert site.municipality == word
