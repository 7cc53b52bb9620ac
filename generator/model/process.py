"""How the strategy is made and carried out, as data: 推進体制, 策定経過・推進の記録, 審議会, パブリックコメント,
資料, お知らせ (strategy/organization.yml, process.yml, public_comments.yml, materials.yml, news.yml).

All of it is optional: a city without public-comment data gets no such page. What the
formulation policy states (the bodies, their roles and compositions) is sourced to it;
everything else (people, meetings, opinions, dates) is a sample until the city's records replace it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from generator.model.base import Date, FiscalYear, HttpUrl, Identifier, Model, Source, Text

BodyKind = Literal["庁内", "審議会", "市民", "関係団体", "議会"]
EventKind = Literal["会議", "パブリックコメント", "議会", "広報", "意見交換", "その他"]
OpinionStatus = Literal["対応済", "対応中", "検討中", "今後の参考", "対応なし"]
ReflectionCategory = Literal["反映した", "既に記載", "参考とする", "その他"]
MaterialKind = Literal["計画書", "概要版", "会議資料", "会議録", "意見と市の考え方", "その他"]


# --- Opinions (審議会などの意見と市の対応) ------------------------------------------------


class Opinion(Model):
    """An opinion given to the city (by the council, at a meeting), what it concerns and the city's response."""

    model_config = ConfigDict(title="意見と市の対応")

    text: Text = Field(description="意見の内容（要旨）。")
    goal: Identifier | None = Field(None, description="対象の目標の id（strategy/strategy.yml）。全体への意見なら省略。")
    measure: Identifier | None = Field(None, description="対象の施策の id。")
    kpi: Identifier | None = Field(None, description="対象の指標の id（kpis/ のファイル名）。")
    response: Text | None = Field(None, description="市の対応（意見を受けて市が行うこと・考え方）。")
    status: OpinionStatus | None = Field(None, description="対応の状況: 対応済・対応中・検討中・今後の参考・対応なし。")
    sample: bool = Field(False, description="見本なら true。")


# --- 推進体制 -------------------------------------------------------------------------------


class Position(Model):
    """A position in a body and who holds it: 本部長＝市長."""

    model_config = ConfigDict(title="役職と充てる人")

    title: Text = Field(description="役職。", examples=["本部長"])
    holders: Text = Field(description="充てる人（職）。", examples=["市長"])


class Member(Model):
    """A member of a body such as the council. Names only where the city has published them."""

    model_config = ConfigDict(title="委員")

    name: Text = Field(description="氏名（市が公表しているときだけ。見本は「委員A」のように書き、sample: true を付けます）。")
    role: Text | None = Field(None, description="会長・副会長など。", examples=["会長"])
    affiliation: Text | None = Field(None, description="所属・推薦団体など（公表されているときだけ）。")
    sample: bool = Field(False, description="見本なら true（実在の人の名前を作ってはいけません）。")


class MemberCategory(Model):
    """One group of a body's composition: 知識経験者, 市内関係団体, 公募市民…"""

    model_config = ConfigDict(title="構成の区分")

    category: Text = Field(description="区分。", examples=["知識経験者"])
    count: Annotated[int, Field(ge=0)] | None = Field(None, description="人数（名簿を載せないときに書きます）。")
    members: list[Member] = Field(default_factory=list, description="委員（公表されている場合）。")
    sample: bool = Field(False, description="見本なら true。")


class Body(Model):
    """A body of the promotion structure (本部, 部会, 審議会, 市民, 関係団体, 議会)."""

    model_config = ConfigDict(title="推進体制の組織")

    id: Identifier = Field(description="組織の英小文字の名前。会議や関係から参照します。", examples=["headquarters"])
    name: Text = Field(description="組織の名前。", examples=["まち・ひと・しごと創生本部"])
    kind: BodyKind = Field(description="区分: 庁内・審議会・市民・関係団体・議会。図の中の置き場所になります。")
    part_of: Identifier | None = Field(None, description="上位の組織の id（部会なら本部）。")
    role: Text = Field(description="役割（何をするか）。")
    positions: list[Position] = Field(default_factory=list, description="役職と充てる人（本部長＝市長 など）。")
    composition: list[MemberCategory] = Field(default_factory=list, description="構成（区分ごとの委員）。")
    described_in: Identifier | None = Field(None, description="この組織を定める策定方針の節の id（strategy/policy.yml）。")
    source: Source | None = Field(None, description="出典。")
    sample: bool = Field(False, description="見本なら true。")


class Relation(Model):
    """What passes between two bodies: 審議, 説明・報告, 意見."""

    model_config = ConfigDict(title="組織の間の関係")

    from_body: Identifier = Field(description="出発する組織の id。", examples=["council"])
    to_body: Identifier = Field(description="向かう先の組織の id。", examples=["headquarters"])
    label: Text = Field(description="何をするか（矢印の説明）。", examples=["審議・答申"])
    sample: bool = Field(False, description="見本なら true。")


class Organization(Model):
    """strategy/organization.yml: the promotion structure (推進体制)."""

    model_config = ConfigDict(title="推進体制（strategy/organization.yml）")

    title: Text = Field(description="図の題。", examples=["推進体制"])
    description: list[Text] = Field(default_factory=list, description="図の前に置く説明（段落ごと）。")
    bodies: list[Body] = Field(min_length=1, description="組織。")
    relations: list[Relation] = Field(default_factory=list, description="組織の間の関係（図の矢印）。")
    source: Source | None = Field(None, description="体制全体の出典。")


# --- 資料 -----------------------------------------------------------------------------------


class Material(Model):
    """A file kept in the repository's documents/ folder (PDF, XLSX, DOCX…) and published with the site."""

    model_config = ConfigDict(title="資料")

    id: Identifier = Field(description="資料の英小文字の名前。会議やパブリックコメントから参照します。", examples=["council-2020-1-agenda"])
    title: Text = Field(description="資料の名前。")
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")] = Field(
        description="documents/ の中のファイル名（英数字・ハイフン・ドット・スラッシュ）。例: council/2020-1-shiryo.pdf")
    kind: MaterialKind = Field(description="種類: 計画書・概要版・会議資料・会議録・意見と市の考え方・その他。")
    published: Date | None = Field(None, description="公開した日。")
    text_alternative: Text | None = Field(
        None, description="PDF などの内容を文字で読める場所（例:「このサイトの策定方針のページ」「同じ内容の Word 版あり」）。JIS X 8341-3 の代替テキスト。")
    sample: bool = Field(False, description="見本なら true。")


class Materials(Model):
    """strategy/materials.yml: the files of the documents/ folder, with their names and kinds."""

    model_config = ConfigDict(title="資料の一覧（strategy/materials.yml）")

    materials: list[Material] = Field(default_factory=list, description="資料。")


# --- 策定経過・推進の記録 ------------------------------------------------------------------------


class Event(Model):
    """One dated step of making or carrying out the strategy: a meeting, a public comment, a report to the assembly…"""

    model_config = ConfigDict(title="経過の出来事")

    id: Identifier = Field(description="出来事の英小文字の名前。", examples=["council-2020-1"])
    date: Date = Field(description="日付（予定なら予定日）。今日より後の日付は「予定」と表示されます。")
    end: Date | None = Field(None, description="期間があるときの最後の日（パブリックコメントの募集期間など）。")
    kind: EventKind = Field(description="種類: 会議・パブリックコメント・議会・広報・意見交換・その他。")
    body: Identifier | None = Field(None, description="開いた組織・相手の組織の id（strategy/organization.yml）。")
    title: Text = Field(description="出来事の名前。", examples=["第１回 審議会"])
    place: Text | None = Field(None, description="場所。")
    agenda: list[Text] = Field(default_factory=list, description="議題・内容。")
    outcome: Text | None = Field(None, description="結果（決まったこと・報告したこと）。")
    materials: list[Identifier] = Field(default_factory=list, description="資料の id（strategy/materials.yml）。会議録もここに。")
    opinions: list[Opinion] = Field(default_factory=list, description="出された意見と市の対応。")
    public_comment: Identifier | None = Field(None, description="パブリックコメントなら、その回の id（strategy/public_comments.yml）。")
    review_year: FiscalYear | None = Field(None, description="効果検証の会議なら、検証した年度（西暦）。その年度の効果検証のページに載ります。")
    milestone: bool = Field(False, description="策定スケジュールの主な段階として示すなら true。")
    source: Source | None = Field(None, description="出典（会議録や市のお知らせなど）。")
    sample: bool = Field(False, description="見本なら true。")


class Process(Model):
    """strategy/process.yml: the dated record of the formulation and promotion (策定経過・推進の記録)."""

    model_config = ConfigDict(title="策定経過・推進の記録（strategy/process.yml）")

    events: list[Event] = Field(default_factory=list, description="出来事（古い順）。")


# --- パブリックコメント ---------------------------------------------------------------------------


class CommentAnswer(Model):
    """One opinion of a public comment (its summary) and the city's view of it."""

    model_config = ConfigDict(title="パブリックコメントの意見と市の考え方")

    summary: Text = Field(description="意見の要旨。")
    response: Text = Field(description="市の考え方。")
    category: ReflectionCategory = Field(description="反映区分: 反映した・既に記載・参考とする・その他。")
    goal: Identifier | None = Field(None, description="関係する目標の id。")
    kpi: Identifier | None = Field(None, description="関係する指標の id。")
    sample: bool = Field(False, description="見本なら true。")


class PublicCommentRound(Model):
    """One public comment (意見募集) on a draft."""

    model_config = ConfigDict(title="パブリックコメントの回")

    id: Identifier = Field(description="回の英小文字の名前。", examples=["strategy-draft-2020"])
    title: Text = Field(description="意見を求めた案の名前。")
    start: Date = Field(description="募集の初日。")
    end: Date = Field(description="募集の最後の日。")
    announced_in: list[Text] = Field(default_factory=list, description="周知の方法（広報の号、ホームページ など）。")
    materials: list[Identifier] = Field(default_factory=list, description="公表した案などの資料の id。")
    submitters: Annotated[int, Field(ge=0)] | None = Field(None, description="意見を出した人・団体の数（募集が終わってから）。")
    answers: list[CommentAnswer] = Field(default_factory=list, description="意見の要旨と市の考え方（結果の公表後）。")
    results_published: Date | None = Field(None, description="結果を公表した日。")
    url: HttpUrl | None = Field(None, description="市のホームページの募集・結果のページ。")
    source: Source | None = Field(None, description="出典。")
    sample: bool = Field(False, description="見本なら true。")


class PublicComments(Model):
    """strategy/public_comments.yml: every public comment round."""

    model_config = ConfigDict(title="パブリックコメント（strategy/public_comments.yml）")

    rounds: list[PublicCommentRound] = Field(default_factory=list, description="募集の回（古い順）。")


# --- お知らせ ----------------------------------------------------------------------------------


class NewsEntry(Model):
    """A dated notice on the front page and in the Atom feed."""

    model_config = ConfigDict(title="お知らせ")

    id: Identifier = Field(description="お知らせの英小文字の名前（フィードの識別に使います。変えないでください）。", examples=["2023-03-revision"])
    date: Date = Field(description="日付。")
    title: Text = Field(description="見出し。")
    body: Text | None = Field(None, description="本文（1段落）。")
    link: Annotated[str, Field(pattern=r"^([a-z0-9][a-z0-9/_-]*/?|https?://[^\s<>\"]+)$")] | None = Field(
        None, description="詳しいページ: サイトの中のページ（例: reviews/2023/）か、http(s):// で始まるアドレス。")
    sample: bool = Field(False, description="見本なら true。")

    @property
    def page(self) -> str | None:
        """The site page `link` names, as its directory URL (reviews/2023 → reviews/2023/); None for an outside address."""
        if self.link is None or self.link.startswith(("http://", "https://")):
            return None
        return self.link.rstrip("/") + "/"


class News(Model):
    """strategy/news.yml: notices, newest first on the front page."""

    model_config = ConfigDict(title="お知らせ（strategy/news.yml）")

    entries: list[NewsEntry] = Field(default_factory=list, description="お知らせ（順番は問いません。日付の新しい順に表示。日付が来るまでは載りません）。")

    def published(self, today: date) -> list[NewsEntry]:
        """The notices whose day has come: a notice dated ahead waits for its day (page, feed, front page)."""
        return [entry for entry in self.entries if entry.date <= today]
