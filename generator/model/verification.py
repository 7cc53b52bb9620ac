"""Records of checks of the CSV tables' rows against their sources (population/verifications.yml).

A YAML value's check is written in its source (`source: {title: …, verified: {by, date, page}}`, model/base.py);
a CSV row has only a source column, so its check is a record here for a table, a source and the years of the rows
checked (`years`): it covers the rows of that table whose source column says the same and whose year is among them.
A row added later (next year's) is not covered until a record names its year, so its check shows in the pull request.
The production gate requires a check for every published value that is not a sample (check/verification.py); the
pull request's summary lists the records added or changed.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from generator.model.base import Model, Text, Verification, Year

# A span of years as a planner writes it: 2015-2022 (or 2015〜2022), both ends included.
YearSpan = Annotated[str, StringConstraints(pattern=r"^\s*\d{4}\s*[-〜～~]\s*\d{4}\s*$")]
_SPAN_ENDS = re.compile(r"\d{4}")


class TableCheck(Model):
    """The rows of one table that cite one source, in the years named, checked against it."""

    model_config = ConfigDict(title="表の確認記録")

    file: Text = Field(description="確かめた表のファイル（例: population/census.csv）。", examples=["population/census.csv"])
    source: Text = Field(description="確かめた行の出典の列（source）の文字（そのまま写します）。years の年の、この出典の行をまとめて確かめたことになります。",
                         examples=["令和2年国勢調査 人口等基本集計（総務省統計局）"])
    years: list[Year | YearSpan] | Year | YearSpan = Field(
        description="確かめた行の年（国勢調査・人口動態・出生率の表は年の列、仮定値の表は期間の始まりの年、基準人口の表は"
        "人口ビジョンの基準年）。[2015, 2016, 2017] のような一覧か、2015-2022 のような範囲（両端を含む）で書きます。"
        "ここに書いた年の行だけを確かめたことになり、後から足した年の行には新しい記録が要ります。",
        examples=["2015-2022", [2015, 2020]])
    verified: Verification = Field(description="確かめた人・日・場所。")

    def _spans(self) -> list[tuple[str, int, int]]:
        """Each item of `years` as written, with its first and last year (a single year is both)."""
        spans = []
        for item in self.years if isinstance(self.years, list) else [self.years]:
            if isinstance(item, int):
                spans.append((str(item), item, item))
            else:
                start, end = (int(year) for year in _SPAN_ENDS.findall(item))
                spans.append((item.strip(), start, end))
        return spans

    @property
    def covered_years(self) -> frozenset[int]:
        """Every year the record covers (a span's years one by one)."""
        return frozenset(year for _text, start, end in self._spans() for year in range(start, end + 1))

    @model_validator(mode="after")
    def _spans_in_order(self) -> TableCheck:
        for text, start, end in self._spans():
            if not 1900 <= start <= end <= 2100:
                raise ValueError(f"年の範囲「{text}」は、1900〜2100 の間で、始まりの年を先に書いてください（例: 2015-2022）。")
        return self


class TableChecks(Model):
    """The checks of the tables' rows (population/verifications.yml)."""

    model_config = ConfigDict(title="表の確認記録")

    tables: list[TableCheck] = Field(default_factory=list, description="表・出典・年ごとの確認記録。")
