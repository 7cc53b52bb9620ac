"""Published revisions of the site (strategy/revisions.yml) and the kept state of each past one.

A revision is what a city announces: 策定, 改訂, a yearly 効果検証 update. The
newest is the one being built; each earlier one keeps, in
strategy/revisions/<id>.yml, the data as it stood when the next one began, so
the 更新履歴 page can say what every revision changed without rebuilding it.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from generator.model.base import Date, Identifier, Model, Text

LATEST = "latest"  # the published alias of the newest revision: not a revision id


class Revision(Model):
    """One published revision (版) of the site."""

    model_config = ConfigDict(title="版（revisions の1項目）")

    id: Identifier = Field(description="版の英小文字の名前。公開先のアドレスの一部になります（例: …/r5-03/）。",
                           examples=["r5-03"])
    title: Text = Field(description="版の表示名（版の切り替えメニューと更新履歴に表示）。", examples=["令和5年3月 改訂"])
    date: Date = Field(description="版を公開した日（例: 2023-03-31）。")
    summary: Text = Field(description="版の概要（何のための版か、1〜2文で）。")
    sample: bool = Field(False, description="見本なら true。")


class Revisions(Model):
    """strategy/revisions.yml: every revision, oldest first; the last is the one this build publishes."""

    model_config = ConfigDict(title="版の一覧（strategy/revisions.yml）")

    revisions: list[Revision] = Field(min_length=1, description="公開した版（古い順。最後が今作っている版）。")


class SnapshotItem(Model):
    """One goal, measure, indicator, table row or text as a reader saw it."""

    model_config = ConfigDict(title="記録した項目")

    title: str = Field(description="項目の名前（表示のとおり）。")
    fields: dict[str, str] = Field(description="項目の内容（表示のとおり）。")


class RevisionSnapshot(Model):
    """strategy/revisions/<id>.yml: the data of a past revision as it stood at its end (written by a command)."""

    model_config = ConfigDict(title="過去の版の記録（strategy/revisions/<id>.yml）")

    revision: Identifier = Field(description="記録した版の id（ファイル名と同じ）。")
    sections: dict[str, dict[str, SnapshotItem]] = Field(
        description="分類（目標・施策・指標など）ごとの項目。python -m generator new-revision が書きます。手で直さないでください。")
