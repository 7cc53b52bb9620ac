"""Earlier periods of the strategy and their final results (strategy/periods/<id>.yml).

A city publishes the results of its 第1期 when it starts the 第2期: each 数値目標
with its baseline, target and the final actual as published, and the city's own
判定 (達成/未達成). The current period stays in strategy/strategy.yml and kpis/.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from generator.model.base import FiscalYear, Identifier, Model, Source, Text
from generator.model.strategy import (
    Actual,
    GoalBase,
    IndicatorLogic,
    Target,
    ValueSource,
)


class PastIndicator(IndicatorLogic, Model):
    """A 数値目標 or KPI of an earlier period, with its final result as published."""

    model_config = ConfigDict(title="前の期間の指標と最終の結果")

    name: Text = Field(description="指標名（戦略の表記どおり）。")
    kind: Literal["数値目標", "KPI", "全体目標"] = Field("数値目標", description="数値目標・KPI・全体目標の別。")
    unit: Text | None = Field(None, description="単位（単位のない指標は省略）。")
    digits: Annotated[int, Field(ge=0, le=3)] = Field(0, description="表示する小数点以下の桁数。")
    better: Literal["higher", "lower"] = Field(description="higher: 高いほど良い、lower: 低いほど良い。")
    year_type: Literal["年度", "年"] = Field("年度", description="年度（4月〜3月）か暦年か。")
    baseline: ValueSource | None = Field(None, description="基準値。")
    target: Target = Field(description="目標。")
    result: Actual | None = Field(None, description="公表された最終の実績（年・値・確定/速報・出典）。公表されていなければ省略。")
    published_grade: Text | None = Field(None, description="市が公表した判定の表記のまま（達成、未達成、A など）。", examples=["達成"])
    grade_source: Source | None = Field(None, description="判定を公表した資料。")
    note: Text | None = Field(None, description="注記。")
    sample: bool = Field(False, description="見本なら true。")


class PastGoal(GoalBase):
    """A goal of an earlier period and its indicators (its id may be named by a review's comment)."""

    model_config = ConfigDict(title="前の期間の目標")

    indicators: list[PastIndicator] = Field(default_factory=list, description="数値目標と KPI、その最終の結果。")


class PastPeriod(Model):
    """An earlier period of the strategy and its final results (strategy/periods/<id>.yml)."""

    model_config = ConfigDict(title="前の期間の総合戦略")

    id: Identifier = Field(description="期間の英小文字の名前。ファイル名と同じにします。", examples=["period-1"])
    label: Text = Field(description="期間の呼び名。", examples=["第１期"])
    name: Text = Field(description="その期間の総合戦略の正式名称。")
    start_fy: FiscalYear = Field(description="最初の年度（西暦）。")
    end_fy: FiscalYear = Field(description="最後の年度（西暦）。")
    source: Source | None = Field(None, description="結果を公表した資料。")
    goals: list[PastGoal] = Field(min_length=1, description="目標と、その指標の最終の結果。")
    sample: bool = Field(False, description="見本なら true。")

    @model_validator(mode="after")
    def _ordered(self) -> PastPeriod:
        if self.end_fy < self.start_fy:
            raise ValueError("end_fy（最後の年度）が start_fy（最初の年度）より前になっています。")
        return self
