"""Records of checks of the CSV tables' rows against their sources (population/verifications.yml).

A YAML value's check is written in its source (`source: {title: …, verified: {by, date, page}}`, model/base.py);
a CSV row has only a source column, so its check is one record here per table and source: it covers every row of
that table whose source column says the same. The production gate requires a check for every published value that
is not a sample (check/verification.py); the pull request's summary lists the records added or changed.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from generator.model.base import Model, Text, Verification


class TableCheck(Model):
    """The rows of one table that cite one source, checked against it."""

    model_config = ConfigDict(title="表の確認記録")

    file: Text = Field(description="確かめた表のファイル（例: population/census.csv）。", examples=["population/census.csv"])
    source: Text = Field(description="確かめた行の出典の列（source）の文字（そのまま写します）。この出典の行をまとめて確かめたことになります。",
                         examples=["令和2年国勢調査 人口等基本集計（総務省統計局）"])
    verified: Verification = Field(description="確かめた人・日・場所。")


class TableChecks(Model):
    """The checks of the tables' rows (population/verifications.yml)."""

    model_config = ConfigDict(title="表の確認記録")

    tables: list[TableCheck] = Field(default_factory=list, description="表と出典ごとの確認記録。")
