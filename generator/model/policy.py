"""The formulation policy, plan periods, the national framework and the site's documents
(strategy/policy.yml, plan_periods.yml, national_framework.yml, site.yml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from generator.model.base import Date, FiscalYear, HttpUrl, Identifier, Model, Source, Text

# --- The formulation policy (策定方針) -------------------------------------------------


class PolicySection(Model):
    """One numbered part of the policy: １ / （１） / ① with its text."""

    model_config = ConfigDict(title="策定方針の節")

    id: Identifier | None = Field(None, description="ページ内リンク用の英小文字の名前（例: purpose）。省略可。"
                                  "ページが引用する節には決まった id を付けます: approach-national-prefecture（国・県の総合戦略との関係）、"
                                  "approach-comprehensive-plan（総合計画との整合性）、approach-kpi（成果指標と効果検証）。")
    number: Text = Field(description="原文どおりの番号（１、（１）、① など）。", examples=["（１）"])
    title: Text = Field(description="見出し。番号は含めない。", examples=["人口ビジョン"])
    paragraphs: list[Text] = Field(default_factory=list, description="本文の段落。1項目が1段落。原文の改行は不要。")
    items: list[Text] = Field(default_factory=list, description="本文に続く箇条書き（例: 基本目標の一覧）。")
    figure: Literal["plan_periods"] | None = Field(
        None, description="本文の後に置く図表。plan_periods は計画期間の表と図（strategy/plan_periods.yml）。"
    )
    sections: list[PolicySection] = Field(default_factory=list, description="この節の下位の節。")


class Policy(Model):
    """The city's formulation policy, section by section (strategy/policy.yml)."""

    model_config = ConfigDict(title="策定方針")

    title: Text = Field(description="文書名。", examples=["第２期〇〇市まち・ひと・しごと創生総合戦略の策定方針（案）"])
    status: Text | None = Field(None, description="文書の段階（案、決定など）。", examples=["案"])
    document_label: Text | None = Field(None, description="会議資料としての番号。", examples=["資料１"])
    source: Source = Field(description="この文書の出典。")
    sections: list[PolicySection] = Field(min_length=1, description="章（１〜７）。")


# --- Plan periods (計画期間) ---------------------------------------------------------------


class PlanPeriod(Model):
    """One period of a plan, in fiscal years (年度)."""

    model_config = ConfigDict(title="計画の期間")

    label: Text = Field(description="期間の名前。", examples=["第２期"])
    start_fy: FiscalYear = Field(description="最初の年度（西暦。令和3年度なら 2021）。", examples=[2021])
    end_fy: FiscalYear = Field(description="最後の年度（西暦）。", examples=[2025])
    source: Source | None = Field(None, description="表全体の出典と異なる場合の、この期間の出典。")

    @model_validator(mode="after")
    def _ordered(self) -> PlanPeriod:
        if self.end_fy < self.start_fy:
            raise ValueError("end_fy（最後の年度）が start_fy（最初の年度）より前になっています。")
        return self


class PlanRow(Model):
    """One plan (a row of the table) and its periods."""

    model_config = ConfigDict(title="計画（表の行）")

    id: Identifier = Field(description="この計画の英小文字の名前。", examples=["city-strategy"])
    name: Text = Field(description="計画の名前。", examples=["〇〇市まち・ひと・しごと創生総合戦略"])
    periods: list[PlanPeriod] = Field(min_length=1, description="期間（古い順）。")


class PlanSchedule(Model):
    """The plan-period table of the policy (strategy/plan_periods.yml)."""

    model_config = ConfigDict(title="計画期間の表")

    title: Text = Field(description="表の題。")
    first_fy: FiscalYear = Field(description="表の最初の年度（西暦）。", examples=[2015])
    last_fy: FiscalYear = Field(description="表の最後の年度（西暦）。", examples=[2025])
    source: Source = Field(description="表の出典。")
    updated: Date = Field(description="このデータ（表）を更新した日（例: 2026-11-28）。出典の日付ではありません。")
    note: Text | None = Field(None, description="表の注記。")
    rows: list[PlanRow] = Field(min_length=1, description="計画ごとの行。")


# --- National framework (国の総合戦略) -------------------------------------------------------


class NationalGoal(Model):
    """A goal of the national strategy that the city's goals answer to."""

    model_config = ConfigDict(title="国の目標")

    id: Identifier = Field(description="目標の英小文字の名前。市の基本目標から参照する。", examples=["basic-1"])
    kind: Literal["基本目標", "横断的な目標"] = Field(description="「基本目標」または「横断的な目標」。")
    number: Annotated[int, Field(ge=1, le=9)] = Field(description="目標の番号。", examples=[1])
    title: Text = Field(description="目標の文言（原文どおり）。")
    sub_items: list[Text] = Field(default_factory=list, description="目標の下の項目（確認できたものだけ）。")


class NationalStrategy(Model):
    """The national strategy the city's strategy follows (strategy/national_framework.yml)."""

    model_config = ConfigDict(title="国の総合戦略")

    name: Text = Field(description="国の総合戦略の名前。")
    decided_on: Date = Field(description="閣議決定日（例: 2019-12-20）。")
    start_fy: FiscalYear = Field(description="対象期間の最初の年度（西暦）。")
    end_fy: FiscalYear = Field(description="対象期間の最後の年度（西暦）。")
    goals: list[NationalGoal] = Field(min_length=1, description="基本目標と横断的な目標。")
    sources: list[Source] = Field(min_length=1, description="内容を確認した出典。")
    note: Text | None = Field(None, description="補足。")


# --- The two documents this site publishes ----------------------------------------------------


class PublishedDocument(Model):
    """The strategy or the population vision, as introduced on the home page."""

    model_config = ConfigDict(title="公開する文書")

    id: Literal["strategy", "population-vision"] = Field(
        description="strategy（総合戦略。必須）または population-vision（人口ビジョン。population/vision.yml があるときに必須）。")
    name: Text = Field(description="文書の正式名称。")
    short_name: Text = Field(description="短い呼び名（メニューなど）。", examples=["総合戦略"])
    description: list[Text] = Field(
        default_factory=list, description="ホームページに載せる文書の説明（段落ごと）。策定方針の節を引用するなら described_in を使います。")
    described_in: Identifier | None = Field(None, description="この文書を説明している策定方針（policy.yml）の節の id。", examples=["content-strategy"])
    period_in: Identifier | None = Field(None, description="対象期間を定めている策定方針の節の id。", examples=["period-strategy"])


class DataLicense(Model):
    """The terms under which the site's data may be reused (データ一覧, datapackage.json)."""

    model_config = ConfigDict(title="データの利用条件")

    title: Text = Field(description="利用規約・ライセンスの正式な名前。", examples=["クリエイティブ・コモンズ 表示 4.0 国際"])
    url: HttpUrl = Field(description="その本文を読めるページのアドレス。", examples=["https://creativecommons.org/licenses/by/4.0/deed.ja"])
    note: Text | None = Field(None, description="データ一覧のページに添える補足（ほかのライセンスとの互換性など）。")


# The Digital Agency's page of the government's standard terms of use; its version 2.0 states compatibility with CC BY 4.0.
GOVERNMENT_TERMS = DataLicense(
    title="政府標準利用規約（第2.0版）", url="https://www.digital.go.jp/resources/open_data/",
    note="クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）と互換性があります。")


class SiteInfo(Model):
    """Site-wide facts shown on the home page (strategy/site.yml)."""

    model_config = ConfigDict(title="サイト情報")

    city: Text = Field(description="自治体名。", examples=["〇〇市"])
    site_title: Text = Field(description="サイトの題名。")
    documents: list[PublishedDocument] = Field(min_length=1, description="このサイトが公開する文書。")
    data_license: DataLicense = Field(
        GOVERNMENT_TERMS, description="ダウンロードできるデータ（データ一覧のページ、datapackage.json、まとめた ZIP）の利用条件。"
        "書かなければ政府標準利用規約（第2.0版）（CC BY 4.0 と互換）です。")

    @property
    def municipality(self) -> str:
        """市, 町, 村 or 区, as the pages name the author (「町の判定」); 市 when the name ends otherwise."""
        return self.city[-1] if self.city[-1] in "市町村区" else "市"

    def document(self, document_id: str) -> PublishedDocument:
        """A document by id (the rule required_documents guarantees the ones pages use)."""
        return next(d for d in self.documents if d.id == document_id)


def walk_sections(sections: list[PolicySection], path: tuple = ("sections",)) -> Iterator[tuple[tuple, PolicySection]]:
    """Every policy section, depth first, with its field path."""
    for index, section in enumerate(sections):
        here = path + (index,)
        yield here, section
        yield from walk_sections(section.sections, here + ("sections",))
