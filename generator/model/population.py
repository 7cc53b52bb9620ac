"""Models of the population vision's data (population/*.yml and population/*.csv).

Tables a planner fills from census spreadsheets are CSV files (one row per line,
first line = column names); everything else is YAML. Values not known yet are
marked as samples (status: sample / sample: true) and blocked by the production gate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, model_validator

from generator.model.base import Date, Identifier, Model, Source, Text, Year

#: Length of an age group and of a projection step, in years.
STEP = 5
#: Survival rates lie in (0, 1]; the upper bound is inclusive.
SURVIVAL_RANGE = (0, 1)
#: Net migration rates lie in [-1, 5] (a cohort may at most sextuple by moves).
MIGRATION_RANGE = (-1, 5)
#: Child-woman ratios lie in [0, 1].
CWR_RANGE = (0, 1)
#: Sex ratios of 0-4 (males per 100 females) lie in the open interval (80, 130).
SEX_RATIO_RANGE = (80, 130)

_CLOSED = re.compile(r"([0-9]+)-([0-9]+)")
_OPEN = re.compile(r"([0-9]+)\+")


def age_groups(open_start: int) -> tuple[str, ...]:
    """The standard labels "0-4", ..., "N+" so callers never type them by hand."""
    if open_start < STEP or open_start % STEP:
        raise ValueError(
            f"上限なしの年齢階級の開始年齢 {open_start} 歳は5以上の5の倍数にしてください"
        )
    closed = tuple(f"{lo}-{lo + STEP - 1}" for lo in range(0, open_start, STEP))
    return closed + (f"{open_start}+",)


#: IPSS 2018 edition tables end at 85+ (published) or 90+.
AGE_GROUPS_85 = age_groups(85)
AGE_GROUPS_90 = age_groups(90)


def parse_age_groups(groups: Sequence[str]) -> list[tuple[int, int | None]]:
    """(lowest, highest) age of each group, None for the open end.

    The projection only works on consecutive 5-year groups from "0-4" ending
    in one open group, so anything else is rejected with the bad label named.
    """
    labels = list(groups)
    if len(labels) < 2:
        raise ValueError(
            "年齢階級は「0-4」から始まり「85+」のような上限なしの階級で終わる"
            f"2つ以上の階級が必要です（{len(labels)}個しかありません）"
        )
    bounds: list[tuple[int, int | None]] = []
    expected = 0
    for position, label in enumerate(labels, start=1):
        text = label if isinstance(label, str) else ""
        closed = _CLOSED.fullmatch(text)
        open_ = _OPEN.fullmatch(text)
        last = position == len(labels)
        if last and open_ is None:
            raise ValueError(
                f"最後の年齢階級「{label}」は「85+」のような上限なしの階級にしてください"
            )
        if not last and open_ is not None:
            raise ValueError(
                f"上限なしの年齢階級「{label}」（{position}番目）は最後にしか置けません"
            )
        if not last and closed is None:
            raise ValueError(
                f"年齢階級「{label}」（{position}番目）は「5-9」のような5歳階級にしてください"
            )
        if open_ is not None:
            lo, hi, canonical = int(open_.group(1)), None, f"{int(open_.group(1))}+"
        else:
            assert closed is not None
            lo, hi = int(closed.group(1)), int(closed.group(2))
            canonical = f"{lo}-{hi}"
            if hi - lo != STEP - 1:
                raise ValueError(f"年齢階級「{label}」は5歳幅ではありません")
        if text != canonical:
            raise ValueError(f"年齢階級「{label}」は「{canonical}」と書いてください")
        if lo != expected:
            raise ValueError(
                f"年齢階級「{label}」（{position}番目）は{expected}歳から始まる必要があります"
                "（「0-4」から5歳刻みで連続させてください）"
            )
        bounds.append((lo, hi))
        expected = lo + STEP
    return bounds


Count = Annotated[float, Field(ge=0)]
SurvivalRate = Annotated[float, Field(gt=SURVIVAL_RANGE[0], le=SURVIVAL_RANGE[1])]
MigrationRate = Annotated[float, Field(ge=MIGRATION_RANGE[0], le=MIGRATION_RANGE[1])]
# The status words of a row: the same as a KPI's actuals (確定, 速報, sample), plus 未確認 for a figure copied
# from a secondary source and not yet checked against the original (the production gate refuses it).
Status = Literal["確定", "速報", "未確認", "sample"]
#: Words earlier versions used, still read (with a warning that names the word to write now).
OLD_STATUS_WORDS = {"確認済": "確定"}
_STATUS = ("確定（原典の確定値）、速報（原典の速報値）、未確認（二次資料から写した値。本番公開できません）、sample（見本）のどれか。"
           "前の版の「確認済」は「確定」として読みます（警告が出ます）。")


class CsvRow(Model):
    """CSV cells arrive as text: numbers are read from it (not strict).

    Each field's `title` is its Japanese column name, accepted in the header instead of the English
    one (and written as the header of the update workbook); `old_words` maps a column's words of
    earlier versions to today's.
    """

    model_config = ConfigDict(strict=False)
    old_words: ClassVar[dict[str, dict[str, str]]] = {"status": OLD_STATUS_WORDS}


class CensusRow(CsvRow):
    """One census (国勢調査, 1 October) of population/census.csv."""

    model_config = ConfigDict(title="国勢調査の人口（census.csv の行）")
    year: Year = Field(title="年", description="調査の年（西暦）。", examples=[2020])
    total: Count = Field(title="総人口", description="総人口（人）。", examples=[141083])
    male: Count | None = Field(None, title="男性", description="男性（人）。分からなければ空欄。")
    female: Count | None = Field(None, title="女性", description="女性（人）。分からなければ空欄。")
    age_0_14: Count | None = Field(None, title="0〜14歳", description="0〜14歳（人）。分からなければ空欄。")
    age_15_64: Count | None = Field(None, title="15〜64歳", description="15〜64歳（人）。分からなければ空欄。")
    age_65_over: Count | None = Field(None, title="65歳以上", description="65歳以上（人）。分からなければ空欄。")
    status: Status = Field(title="状態", description=_STATUS)
    source: Text = Field(title="出典", description="出典（資料名）。", examples=["国勢調査（総務省統計局）"])

    @model_validator(mode="after")
    def _sexes_add_up(self) -> CensusRow:
        if self.male is not None and self.female is not None and abs(self.male + self.female - self.total) > 0.5:
            raise ValueError(f"男性 {self.male:,.0f} と女性 {self.female:,.0f} の合計が総人口 {self.total:,.0f} と合いません。")
        return self


class VitalRow(CsvRow):
    """Births, deaths and migration of one year (population/vital.csv)."""

    model_config = ConfigDict(title="人口動態（vital.csv の行）")
    year: Year = Field(title="年", description="年（西暦）。")
    births: Count = Field(title="出生数", description="出生数（人）。")
    deaths: Count = Field(title="死亡数", description="死亡数（人）。")
    in_migration: Count = Field(title="転入数", description="転入数（人）。")
    out_migration: Count = Field(title="転出数", description="転出数（人）。")
    status: Status = Field(title="状態", description=_STATUS)
    source: Text = Field(title="出典", description="出典。")


class TfrRow(CsvRow):
    """A total fertility rate (合計特殊出生率) of an area and year (population/tfr.csv)."""

    model_config = ConfigDict(title="合計特殊出生率（tfr.csv の行）")
    year: Year = Field(title="年", description="年（西暦）。")
    area: Text = Field(title="地域", description="地域（市の名前は site.yml の city と同じに書きます。都道府県、全国など）。", examples=["全国"])
    tfr: Annotated[float, Field(gt=0, lt=10)] = Field(title="合計特殊出生率", description="合計特殊出生率。", examples=[1.56])
    status: Status = Field(title="状態", description=_STATUS)
    source: Text = Field(title="出典", description="出典。")


class AgeSexRow(CsvRow):
    """One 5-year age group of the base population (population/base_population.csv)."""

    model_config = ConfigDict(title="基準人口（base_population.csv の行）")
    age: Text = Field(title="年齢階級", description="5歳階級（0-4、5-9、…、最後は 85+ や 90+）。", examples=["0-4"])
    male: Count = Field(title="男性", description="男性（人）。")
    female: Count = Field(title="女性", description="女性（人）。")
    status: Status = Field(title="状態", description=_STATUS)
    source: Text = Field(title="出典", description="出典。")


class AssumptionRow(CsvRow):
    """Survival and net migration rates of one age group and period (population/assumptions.csv)."""

    model_config = ConfigDict(title="推計の仮定値（assumptions.csv の行）")
    period: Year = Field(title="期間の始まりの年", description="5年間の始まりの年（2020 なら 2020→2025）。")
    age: Text = Field(title="年齢階級", description="期首の5歳階級（0-4 の行は5年後に 5-9 になる人の率。最後の階級の行は、その階級にとどまる人の率）。",
                      examples=["0-4"])
    survival_male: SurvivalRate = Field(title="男性の生残率", description="男性の生残率（0より大きく1以下）。")
    survival_female: SurvivalRate = Field(title="女性の生残率", description="女性の生残率。")
    migration_male: MigrationRate = Field(title="男性の純移動率", description="男性の純移動率（転入超過なら正）。")
    migration_female: MigrationRate = Field(title="女性の純移動率", description="女性の純移動率。")
    status: Status = Field(title="状態", description=_STATUS)
    source: Text = Field(title="出典", description="出典。")


class PeriodFertility(Model):
    """Child-woman ratio and sex ratio at birth of one period."""

    model_config = ConfigDict(title="子ども女性比と性比")
    period: Year = Field(description="5年間の始まりの年。")
    child_woman_ratio: Annotated[float, Field(ge=CWR_RANGE[0], le=CWR_RANGE[1])] = Field(description="子ども女性比（0〜4歳 ÷ 15〜49歳女性、期末）。")
    sex_ratio_0_4: Annotated[float, Field(gt=SEX_RATIO_RANGE[0], lt=SEX_RATIO_RANGE[1])] = Field(description="0〜4歳の性比（女性100人に対する男性）。")
    base_tfr: Annotated[float, Field(gt=0, lt=10)] = Field(description="この子ども女性比に対応する合計特殊出生率（シナリオの換算に使う）。")
    sample: bool = Field(False, description="見本なら true。")
    source: Source | None = Field(None, description="出典。")


class Scenario(Model):
    """One projection scenario."""

    model_config = ConfigDict(title="推計のシナリオ")
    id: Identifier = Field(description="シナリオの英小文字の名前。", examples=["baseline"])
    name: Text = Field(description="シナリオの名前。", examples=["パターン1（社人研推計準拠）"])
    description: Text = Field(description="シナリオの説明。")
    based_on: Identifier | None = Field(None, description="このシナリオが手を加える元のシナリオの id（省略時は基準の仮定値）。")
    tfr_anchors: dict[str, Annotated[float, Field(gt=0, lt=10)]] = Field(
        default_factory=dict, description="合計特殊出生率の目安（年: 値）。基準年の値から直線で補い、最後の目安の後は保ちます。"
        "based_on の元のシナリオの目安は置き換えます。例: {\"2030\": 1.8, \"2040\": 2.07}")
    zero_migration_from: Year | None = Field(None, description="この年からの5年間以降、純移動を0にする（移動均衡）。")
    zero_migration_ages: list[Text] = Field(default_factory=list, description="移動均衡にする年齢階級（空なら全年齢）。")
    sample: bool = Field(False, description="見本なら true。")
    source: Source | None = Field(None, description="仮定の出典。")


class DeclineBand(Model):
    """How far the 65+ population may move and still count as 第2段階 (横ばい) of the population-decline stages."""

    model_config = ConfigDict(title="人口減少の段階の幅")
    percent: Annotated[float, Field(gt=0, lt=100)] = Field(
        description="65歳以上の人口が基準年と比べてこの幅（±%）の中にあれば第2段階（横ばい）とします。", examples=[10])
    source: Source = Field(description="この幅を決めた資料（市の人口ビジョン、国の手引きなど）。")


class PopulationVision(Model):
    """The population vision: periods, texts, fertility and scenarios (population/vision.yml)."""

    model_config = ConfigDict(title="人口ビジョン")
    name: Text = Field(description="文書名。", examples=["〇〇市人口ビジョン（令和２年度改訂）"])
    base_year: Year = Field(description="推計の基準年（国勢調査の年）。", examples=[2020])
    horizon_year: Year = Field(description="推計の最終年（西暦。基準年から5年刻み）。")
    updated: Date = Field(description="このデータを更新した日。")
    current_text: list[Text] = Field(description="現状分析の説明文（段落ごと）。")
    projection_text: list[Text] = Field(description="将来推計の説明文。")
    outlook_text: list[Text] = Field(description="将来展望の説明文。")
    text_sample: bool = Field(False, description="説明文が見本なら true。")
    source: Source | None = Field(
        None, description="人口ビジョンの文書（説明文とシナリオの出典。シナリオや子ども女性比に出典がなければ、これが出典になります）。")
    fertility: list[PeriodFertility] = Field(min_length=1, description="期間ごとの子ども女性比と性比。")
    scenarios: list[Scenario] = Field(min_length=1, description="推計のシナリオ。最初が基準（パターン1）。")
    target_scenario: Identifier = Field(description="市の将来展望（目標）に当たるシナリオの id。")
    decline_band: DeclineBand | None = Field(
        None, description="人口減少の段階で第2段階（横ばい）とする幅と、その出典。書かなければ ±10% を使い、"
        "ページには出典のない、このサイトの目安だと示します。")
