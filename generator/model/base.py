"""Types shared by every data family: the strict base model, text, ids, years, sources.

Models are the single definition of the data: the planners' field reference
(and later the JSON Schema for editors) is generated from them, so every field
carries a Japanese description (a test enforces it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..text.markdown import join_lines


def _not_blank(text: str) -> str:
    if not text:  # after joining: "　" (a full-width space) alone is blank too
        raise PydanticCustomError("string_too_short", "空になっています。")
    return text


# Text a planner writes: one paragraph; hard line breaks are joined away.
Text = Annotated[str, AfterValidator(join_lines), AfterValidator(_not_blank)]
# Stable, URL-safe identifiers (used in anchors, links and cross-references).
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
FiscalYear = Annotated[int, Field(ge=1900, le=2100)]
# A calendar year, or a fiscal year where the field says so (same bounds).
Year = FiscalYear
# Dates are written 2019-12-20; YAML gives them to us as text, pydantic parses.
Date = Annotated[date, Field(strict=False)]
HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]


class Model(BaseModel):
    """Strict base: unknown keys are typos, no silent type conversion, and no infinite or NaN number
    (YAML's .inf / .nan and a CSV cell's inf / nan pass every bound check and poison the calculations)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Verification(Model):
    """Who checked a figure or text against its source document, and when (確認記録): a claim a reviewer can check."""

    model_config = ConfigDict(title="確認記録（verified）")

    by: Text = Field(description="原典と照らし合わせて確かめた人（所属と名前）。", examples=["〇〇課 〇〇"])
    date: Date = Field(description="確かめた日（例: 2025-06-02）。")
    page: Text = Field(description="出典の資料の中で確かめた場所（ページ・表の番号など）。", examples=["12ページ 表3"])
    url: HttpUrl | None = Field(None, description="確かめた資料のページの URL（出典の url と違うときだけ）。")


class Source(Model):
    """Where a text or figure comes from (出典)."""

    model_config = ConfigDict(title="出典（source）")

    title: Text = Field(description="出典の名称。", examples=["第２期〇〇市まち・ひと・しごと創生総合戦略の策定方針（案）"])
    publisher: Text | None = Field(None, description="発行者・作成者。", examples=["〇〇市"])
    url: HttpUrl | None = Field(None, description="出典を確認できるページのURL（http:// または https:// で始まる）。")
    section: Text | None = Field(None, description="出典の中の該当箇所（章・ページなど）。", examples=["１ 策定の主旨"])
    published: Date | None = Field(None, description="出典の発行日・決定日（例: 2019-12-20）。")
    note: Text | None = Field(None, description="出典についての補足。")
    needs_check: bool = Field(
        False,
        description="一次資料（国・市の原文）でまだ確かめていない出典なら true。ページに「要確認」と表示されます。",
    )
    verified: Verification | None = Field(
        None, description="この出典の資料で値・文言を確かめた記録（確かめた人・日・場所）。本番公開では、見本でない値・文言の出典に必要です。"
        "出典を1か所に書いた値・文言（ファイル全体の出典など）は、そこに1回書けばまとめて確かめたことになります。",
    )


def is_sample(model: BaseModel) -> bool:
    """Whether a model itself is marked as a sample (sample: true, status: sample, text_sample: true)."""
    return (getattr(model, "sample", False) is True or getattr(model, "status", None) == "sample"
            or getattr(model, "text_sample", False) is True)


def has_samples(*values: object) -> bool:
    """Whether anything in these models, lists or mappings (at any depth) is marked as a sample."""
    return any(_has_sample(value) for value in values)


def _has_sample(value: object) -> bool:
    if isinstance(value, BaseModel):
        return is_sample(value) or has_samples(*(getattr(value, name) for name in type(value).model_fields))
    if isinstance(value, (list, tuple)):
        return has_samples(*value)
    if isinstance(value, Mapping):
        return has_samples(*value.values())
    return False
