"""Models of the city's strategy: goals, measures, KPIs, evaluation and reviews.

Files: strategy/strategy.yml (goals, measures, evaluation rule),
kpis/<id>.yml (one KPI each), strategy/glossary.yml, strategy/reviews.yml, and the
records of finalised reviews strategy/reviews/<fiscal year>.json (written by `freeze-review`).
Values not yet known are written with `sample: true` (or `status: sample` for
yearly actuals): pages mark them サンプル and `validate --production` refuses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Final, Literal

from pydantic import ConfigDict, Field, model_validator

from generator.model.base import Date, FiscalYear, Identifier, Model, Source, Text, Year
from generator.model.process import Opinion


class GradeBand(Model):
    """One grade of the scale, best first."""

    model_config = ConfigDict(title="評価の段階")

    grade: Text = Field(description="評価の記号。", examples=["A"])
    label: Text = Field(description="評価の意味。", examples=["目標を達成"])
    min_percent: float | None = Field(
        None, description="この評価になる進捗率（%）の下限。最後の評価は省略（それ未満すべて）。"
        "method が baseline_band のときは使いません。", examples=[100],
    )
    rule: Literal["target_reached", "above_baseline", "near_baseline", "below_baseline"] | None = Field(
        None, description="method が baseline_band のときの条件。target_reached（目標値に到達）、above_baseline"
        "（基準値より改善）、near_baseline（基準値の±band_percent%以内）、below_baseline（基準値より悪化）。",
    )


class Evaluation(Model):
    """How progress is computed and graded (長与町・多摩市などの方式を選べます)."""

    model_config = ConfigDict(title="評価方法")

    method: Literal["distance_to_target", "achievement_rate", "pro_rated", "baseline_band"] = Field(
        description="進捗の計算方法。distance_to_target:（実績−基準値）÷（目標値−基準値）×100、"
        "achievement_rate: 実績÷目標値×100（低いほど良い指標は目標値÷実績×100）、"
        "pro_rated: 基準値から目標値までの進み具合を、経過年数に応じた期待値で割る（多摩市方式）、"
        "baseline_band: 目標到達・改善・横ばい・悪化で判定（長与町方式）。",
    )
    grades: list[GradeBand] = Field(min_length=2, description="評価の段階（良い順）。")
    band_percent: float = Field(10, gt=0, le=100, description="baseline_band で「横ばい」とみなす基準値からの幅（%）。")
    not_measurable: Text = Field("－", description="実績や基準値がなく判定できないときの表示。", examples=["－"])
    description: Text = Field(description="評価方法の説明（ページに表示）。")
    sample: bool = Field(False, description="市が実際に採用する方法が未確定の見本なら true。")

    @model_validator(mode="after")
    def _consistent(self) -> Evaluation:
        if self.method == "baseline_band":
            rules = [g.rule for g in self.grades]
            if sorted(r for r in rules if r) != sorted(["target_reached", "above_baseline", "near_baseline", "below_baseline"]) or None in rules:
                raise ValueError("baseline_band では grades の各段階に rule を1つずつ（4段階）書いてください。")
        else:
            limits = [g.min_percent for g in self.grades[:-1]]
            if None in limits:
                raise ValueError("最後以外の評価段階には min_percent（進捗率の下限）を書いてください。")
            numbers = [limit for limit in limits if limit is not None]  # all of them (checked above)
            if numbers != sorted(numbers, reverse=True):
                raise ValueError("grades は min_percent の大きい順（良い順）に並べてください。")
        return self


class Measure(Model):
    """A concrete measure (具体的な施策) under a goal."""

    model_config = ConfigDict(title="具体的な施策")

    id: Identifier = Field(description="施策の英小文字の名前。KPI から参照します。", examples=["measure-1-1"])
    title: Text = Field(description="施策の名前。")
    description: Text = Field(description="施策の内容。")
    projects: list[Text] = Field(default_factory=list, description="主な事業。")
    departments: list[Text] = Field(default_factory=list, description="担当課。")
    comprehensive_plan: list[Text] = Field(default_factory=list, description="関連する総合計画の施策。")
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list, description="関連する SDGs の目標番号（1〜17）。")
    sample: bool = Field(False, description="市の実際の内容が未確定の見本なら true（ページにサンプルと表示）。")


class GoalBase(Model):
    """What every goal has, in the current period or an earlier one: its place and wording."""

    model_config = ConfigDict(title="目標（共通の項目）")

    id: Identifier = Field(description="目標の英小文字の名前。", examples=["goal-1"])
    kind: Literal["基本目標", "横断的な目標"] = Field(description="「基本目標」または「横断的な目標」。")
    number: Annotated[int, Field(ge=1, le=9)] = Field(description="目標の番号。", examples=[1])
    title: Text = Field(description="目標の文言（戦略の表記どおり）。")
    sample: bool = Field(False, description="実際の文言が未確定の見本なら true。")

    @property
    def label(self) -> str:
        """How the strategy prints the goal's number: 基本目標1, 横断的な目標2."""
        return f"{self.kind}{self.number}"


class Goal(GoalBase):
    """A basic goal (基本目標) or cross-cutting goal (横断的な目標) of the city."""

    model_config = ConfigDict(title="目標（基本目標・横断的な目標）")

    national_goal: Identifier = Field(description="対応する国の目標の id（strategy/national_framework.yml）。", examples=["basic-1"])
    direction: list[Text] = Field(min_length=1, description="基本的方向（段落ごと）。")
    measures: list[Measure] = Field(default_factory=list, description="具体的な施策。")


class CityStrategy(Model):
    """The city's strategy: period, goals and evaluation rule (strategy/strategy.yml)."""

    model_config = ConfigDict(title="市の総合戦略")

    name: Text = Field(description="戦略の正式名称。")
    start_fy: FiscalYear = Field(description="計画期間の最初の年度（西暦）。", examples=[2021])
    end_fy: FiscalYear = Field(description="計画期間の最後の年度（西暦）。", examples=[2025])
    evaluation: Evaluation = Field(description="戦略全体の進捗の計算方法と評価の段階。KPI ごとに上書きできます。")
    goals: list[Goal] = Field(min_length=1, description="基本目標と横断的な目標。")
    source: Source | None = Field(None, description="戦略の文書（目標・施策の文言を写した資料）。本番公開では、見本でない目標・施策の出典になります。")


class ValueSource(Model):
    """A baseline or target value."""

    model_config = ConfigDict(title="基準値")

    value: float = Field(description="値（単位は KPI の unit）。", examples=[72.5])
    unit: Text | None = Field(None, description="KPI と違う単位で書いていないか確かめるための単位（省略可）。")
    year: Year | None = Field(None, description="値の年または年度（西暦）。KPI の year_type に従います。", examples=[2019])
    as_of: Date | None = Field(None, description="「◯年◯月末時点」の値ならその日付（例: 2020-09-30）。")
    sample: bool = Field(False, description="実際の値が未確定の見本なら true。")
    source: Source | None = Field(None, description="値の出典。sample でない値には必須。")
    type: Literal["時点", "累計", "平均"] = Field("時点", description="時点: year の値、累計: from_year〜to_year の合計、平均: その平均。")
    from_year: Year | None = Field(None, description="累計・平均の最初の年（度）。")
    to_year: Year | None = Field(None, description="累計・平均の最後の年（度）。")
    original: Text | None = Field(None, description="戦略に印刷されているとおりの表記（例:「10.0%減少」「2015〜2019年の累計」）。"
                                  "構造化した値と並べて表示します。", examples=["10.0%減少"])

    @model_validator(mode="after")
    def _period(self) -> ValueSource:
        if self.over_period and (self.from_year is None or self.to_year is None):
            raise ValueError(f"type が「{self.type}」の値には from_year と to_year を書いてください。")
        if self.from_year is not None and self.to_year is not None and self.to_year < self.from_year:
            raise ValueError("to_year が from_year より前になっています。")
        return self

    @property
    def over_period(self) -> bool:
        """A total or an average over from_year–to_year rather than the value of one year."""
        return self.type in ("累計", "平均")

    @property
    def period(self) -> tuple[int, int]:
        """from_year and to_year of a total or an average (the validator requires both for them)."""
        assert self.from_year is not None and self.to_year is not None, "only a total or an average has a period"
        return self.from_year, self.to_year

    @property
    def last_year(self) -> int | None:
        """The (last) year the value belongs to; None when not stated."""
        return self.to_year if self.over_period else self.year


# A target whose year the strategy does not state (「目標年度の記載なし」): never a made-up year.
NO_YEAR = "記載なし"


class Target(ValueSource):
    """The target of a KPI: a value at a year, a total or an average over years, or relative to the baseline."""

    model_config = ConfigDict(title="目標値")

    # These three widen ValueSource's fields (a target may lack a value or a year, or be relative to the baseline):
    # pydantic lets a subclass redefine a field, mypy reads it as an incompatible override of the attribute.
    value: float | None = Field(  # type: ignore[assignment]
        None, description="目標値（単位は KPI の unit）。変化率では基準値からの増減（%、減少はマイナス: 10.0%減少なら -10）。"
        "維持・前年度比では書きません。", examples=[80])
    year: Year | Literal["記載なし"] | None = Field(  # type: ignore[assignment]
        None, description="目標の年または年度（西暦）。戦略に目標年度が書かれていなければ 記載なし と書きます（年を作りません）。",
        examples=[2025])
    type: Literal["時点", "累計", "平均", "変化率", "維持", "前年度比"] = Field(  # type: ignore[assignment]
        "時点", description="時点: year の値、累計: from_year〜to_year の合計、平均: その平均、"
        "変化率: 基準値から value %の増減（「10.0%減少」）、維持: 基準値を保つ（「現状維持」）、前年度比: 前年度より良くする（「前年度比増」）。")

    @model_validator(mode="after")
    def _shape(self) -> Target:
        if self.type in ("時点", "変化率", "維持") and self.year is None:
            raise ValueError(f"type が「{self.type}」の目標には year（目標年・年度。戦略に書かれていなければ 記載なし）を書いてください。")
        if self.type in ("維持", "前年度比") and self.value is not None:
            raise ValueError(f"type が「{self.type}」の目標には value を書きません（基準値や前年度の実績と比べます）。")
        if self.type not in ("維持", "前年度比") and self.value is None:
            raise ValueError(f"type が「{self.type}」の目標には value（目標値）を書いてください。")
        return self

    @property
    def last_year(self) -> int | None:
        """The year the target is due; None when the strategy states none."""
        if self.over_period:
            return self.to_year
        return self.year if isinstance(self.year, int) else None  # None also for NO_YEAR


class Actual(Model):
    """The actual value of one year."""

    model_config = ConfigDict(title="実績")

    year: Year = Field(description="年または年度（西暦）。", examples=[2022])
    value: float = Field(description="実績値。", examples=[74.1])
    unit: Text | None = Field(None, description="単位の確認用（省略可）。")
    status: Literal["確定", "速報", "sample"] = Field(description="確定値・速報値・見本（sample）の別。")
    as_of: Date | None = Field(None, description="「◯年◯月末時点」の値ならその日付（例: 2020-09-30）。")
    source: Source | None = Field(None, description="実績の出典。確定・速報には必須。")
    note: Text | None = Field(None, description="注記。")


class IndicatorLogic:
    """What a KPI and a past period's indicator share beyond their fields: the unit as printed, the target as a number."""

    if TYPE_CHECKING:  # declared by the models that use this (not fields of their own here)
        unit: str | None
        digits: int
        better: Literal["higher", "lower"]
        year_type: Literal["年度", "年"]
        target: Target
        baseline: ValueSource | None

    @property
    def target_value(self) -> float | None:
        """The target as a number: stated, or worked out from the baseline (変化率, 維持); None for 前年度比."""
        target = self.target
        if target.type == "変化率":
            return self.baseline.value * (1 + target.value / 100) if self.baseline and target.value is not None else None
        if target.type == "維持":
            return self.baseline.value if self.baseline else None
        return target.value

    @property
    def unit_label(self) -> str:
        """The unit as printed after a number ("" for a KPI without a unit)."""
        return self.unit or ""


class PublishedGrade(Model):
    """The grade the city itself published for a KPI in a fiscal year (達成/未達成, A–D, ◎○△×)."""

    model_config = ConfigDict(title="市が公表した評価")

    fiscal_year: FiscalYear = Field(description="評価の対象年度（西暦）。", examples=[2024])
    grade: Text = Field(description="公表された評価の表記のまま。", examples=["達成"])
    source: Source | None = Field(None, description="評価を公表した資料。")
    sample: bool = Field(False, description="見本なら true。")


class Kpi(IndicatorLogic, Model):
    """One indicator: a 数値目標 of a goal or a KPI of a measure (kpis/<id>.yml)."""

    model_config = ConfigDict(title="指標（数値目標・KPI）")

    id: Identifier = Field(description="指標の英小文字の名前。ファイル名と同じにします。", examples=["kpi-1-1"])
    name: Text = Field(description="指標名。用語解説へのしるしは「※」で付けます。", examples=["市内事業所の従業者数※"])
    kind: Literal["数値目標", "KPI", "全体目標"] = Field(
        description="基本目標の「数値目標」、施策の「KPI」、または戦略全体の「全体目標」（全体目標指標・重点課題。goal は書きません）。")
    goal: Identifier | None = Field(None, description="属する目標の id（全体目標では書きません）。")
    measure: Identifier | None = Field(None, description="属する施策の id（KPI のとき必須）。")
    glossary: list[Identifier] = Field(default_factory=list, description="名前の「※」が指す用語の id（strategy/glossary.yml）。")
    definition: Text = Field(description="指標の説明（何を、どう測るか）。")
    unit: Text | None = Field(None, description="単位（%、人、件、千人、‰、円 など）。合計特殊出生率や倍率のように単位のない指標は省略します。",
                              examples=["%"])
    digits: Annotated[int, Field(ge=0, le=3)] = Field(0, description="表示する小数点以下の桁数。")
    better: Literal["higher", "lower"] = Field(description="higher: 高いほど良い、lower: 低いほど良い。")
    year_type: Literal["年度", "年"] = Field("年度", description="年度（4月〜3月）か暦年か。")
    baseline: ValueSource | None = Field(None, description="基準値。新しい取組で基準値がない場合は省略（「－」と表示）。")
    target: Target = Field(description="目標。")
    actuals: list[Actual] = Field(default_factory=list, description="各年（度）の実績。新しい年を下に追加します。")
    evaluation: Evaluation | None = Field(None, description="戦略全体と違う評価方法を使うときだけ書きます。")
    updated: Date = Field(description="このファイルのデータを更新した日（例: 2026-11-28）。実績を追加したら書き換えます。")
    source: Source | None = Field(None, description="指標の定義や調査の出典。")
    notes: list[Text] = Field(default_factory=list, description="注記。")
    order: Annotated[int, Field(ge=1)] | None = Field(
        None, description="戦略に載っている順番（同じ施策・目標の中で 1, 2, …）。一覧はこの順に並びます（省略するとファイル名の順）。")
    published_grades: list[PublishedGrade] = Field(
        default_factory=list, description="市が公表した評価（年度ごと）。このサイトの計算と並べて表示し、違うときは両方を示します。")
    sample: bool = Field(False, description="指標そのもの（名前・説明）が見本なら true。")


class GlossaryTerm(Model):
    """A term explained in 用語解説, linked from ※ marks."""

    model_config = ConfigDict(title="用語")

    id: Identifier = Field(description="用語の英小文字の名前。", examples=["employment-rate"])
    term: Text = Field(description="用語。", examples=["就業率"])
    description: Text = Field(description="説明。")
    source: Source | None = Field(None, description="説明の出典。")
    quote: bool = Field(
        False, description="説明が出典の文言そのまま（引用）なら true。ページでは「」で囲み「出典（引用）」と示します。"
        "false（省略時）は出典を要約した説明で、「出典（要約）」と示します。true には出典（source）が必要です。")
    sample: bool = Field(False, description="説明が見本なら true。")

    @model_validator(mode="after")
    def _quote_has_source(self) -> GlossaryTerm:
        if self.quote and self.source is None:
            raise ValueError("引用（quote: true）の説明には、引用元の出典（source）を書いてください。")
        return self


class Glossary(Model):
    """Terms of the strategy (strategy/glossary.yml)."""

    model_config = ConfigDict(title="用語解説")

    terms: list[GlossaryTerm] = Field(default_factory=list, description="用語の一覧。")


class Review(Model):
    """The effect verification (効果検証) of one fiscal year."""

    model_config = ConfigDict(title="効果検証（年度）")

    fiscal_year: FiscalYear = Field(description="検証の対象年度（西暦）。", examples=[2022])
    meeting: Text | None = Field(None, description="検証した審議会の会議名。")
    date: Date | None = Field(None, description="検証した日（確定した効果検証では、数値を示した審議会の日）。")
    status: Literal["作業中", "確定"] = Field(
        "作業中", description="作業中: ページの数値は毎回今のデータから計算します。確定: 審議会に示した数値を固定します"
        "（date が必要。python -m generator freeze-review 年度 で strategy/reviews/<年度>.json に記録し、そのファイルもコミットします）。"
        "確定した年度のページは記録した数値を示し、その後に実績が直された指標には「訂正」として今の値を並べます。")
    comments: list[Opinion] = Field(default_factory=list, description="審議会の意見。")
    source: Source | None = Field(None, description="会議録などの出典。")
    sample: bool = Field(False, description="見本なら true。")


class Reviews(Model):
    """Yearly effect verifications (strategy/reviews.yml)."""

    model_config = ConfigDict(title="効果検証")

    reviews: list[Review] = Field(default_factory=list, description="年度ごとの効果検証。")


# The version of the frozen review format; a reader of an older or newer file refuses it by its model.
FROZEN_REVIEW_FORMAT: Final = 1


class ReviewRow(Model):
    """One KPI row of a review's tables, as the page shows it (texts unescaped): what a council is shown."""

    model_config = ConfigDict(title="審議会に示した指標の評価（1行）")

    kpi: Identifier = Field(description="指標の id。", examples=["kpi-1-1"])
    name: Text = Field(description="その時点の指標名。")
    group: Text = Field(description="表の「目標」の欄（基本目標1、戦略全体 など）。", examples=["基本目標1"])
    group_title: Text = Field(description="目標の番号と文言（グラフとダウンロードの表に使います）。")
    value: float | None = Field(description="比べた実績の値（実績がなければ null）。")
    value_text: Text = Field(description="比べた実績の表記（単位付き。実績がなければ「－」）。", examples=["41,200人"])
    unit: Text | None = Field(description="単位（単位のない指標は null）。")
    year: Year | None = Field(description="比べた実績の年または年度（西暦）。")
    year_text: Text | None = Field(description="比べた実績の年（度）の表記。", examples=["令和5(2023)年度"])
    preliminary: bool = Field(description="速報値を含むなら true。")
    target_text: Text = Field(description="目標値の表記。", examples=["43,000人"])
    percent: float | None = Field(description="進捗率（%。判定できなければ null）。")
    percent_text: Text = Field(description="進捗率の表記。", examples=["40.0%"])
    grade: Text = Field(description="評価。", examples=["C"])
    label: Text = Field(description="評価の意味。", examples=["遅れている"])
    measurable: bool = Field(description="判定できたなら true。")
    sample: bool = Field(description="見本の値を含むなら true。")


class FrozenReview(Model):
    """The record of a finalised (確定) review: every KPI row as the council was shown it (strategy/reviews/<fiscal year>.json).

    Written by `python -m generator freeze-review`, never by hand; the page of the year shows these
    figures, and today's differing figures beside them as corrections (訂正).
    """

    model_config = ConfigDict(title="確定した効果検証の記録（freeze-review が作るファイル。手で書きません）")

    format_version: Literal[1] = Field(description="ファイルの形式の版（今は 1）。")
    fiscal_year: FiscalYear = Field(description="検証の対象年度（西暦）。ファイル名と同じにします。", examples=[2023])
    date: Date = Field(description="数値を示した審議会の日（strategy/reviews.yml の date と同じ）。")
    rows: list[ReviewRow] = Field(description="審議会に示した、すべての指標の評価（ページの表の順）。")
