"""The 資料 and パブリックコメント pages on a built fixture site: the files of documents/ published byte for
byte and linked with 「PDF 603B」 labels, each round's period, status, counts and answers; absent without the data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import copy_project

from generator.site.build import BuildError, build, generate
from generator.site.engine import GENERATED_DOCS, GENERATED_SETTINGS

XLSX = bytes(range(256)) * 140  # 35KB of every byte value: copied as it is, not as text
MINUTES = b"%PDF-1.4\n" + b"\x00\xff" * 763 + b"\n%%EOF"  # 1.5KB

EXTRA_MATERIALS = """\
  - id: kpi-table
    title: 指標の一覧表
    file: data/kpi-table.xlsx
    kind: その他
    published: 2021-04-01
    sample: true
  - id: council-2020-1-minutes
    title: 第１回 審議会 会議録
    file: council/2020-1-minutes.pdf
    kind: 会議録
    published: 2020-09-30
    sample: true
"""

OPEN_ROUND = """\
  - id: revision-2021
    title: 総合戦略（改訂案）
    start: 2021-06-01
    end: 2099-12-31
    announced_in: [市ホームページ]
    materials: [kpi-table]
    url: https://www.city.example.lg.jp/comment?id=1&x=(2)
    sample: true
"""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts (header rows included)."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_of(html: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with two more files, an open round and an answer with `|` and a line break, built once."""
    root = copy_project(tmp_path_factory.mktemp("public-comments") / "project")
    (root / "documents/data").mkdir()
    (root / "documents/data/kpi-table.xlsx").write_bytes(XLSX)
    (root / "documents/council/2020-1-minutes.pdf").write_bytes(MINUTES)
    materials = root / "strategy/materials.yml"
    materials.write_text(materials.read_text(encoding="utf-8") + EXTRA_MATERIALS, encoding="utf-8")
    rounds = root / "strategy/public_comments.yml"
    edit(rounds, "      - summary: （サンプル）市内の公共交通の充実を求める。",
         "      - summary: \"（サンプル）バスの便 | 電車の便の充実を\\n求める。\"")
    rounds.write_text(rounds.read_text(encoding="utf-8") + OPEN_ROUND, encoding="utf-8")
    build(root)
    return root / "site"


def test_every_file_of_documents_is_published_byte_for_byte(site: Path):
    root = site.parent
    sources = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "documents").rglob("*") if p.is_file()}
    assert len(sources) == 4
    for name, content in sources.items():
        assert (site / name).read_bytes() == content, name
    assert (site / "documents/data/kpi-table.xlsx").read_bytes() == XLSX


def test_the_materials_page_links_every_file_with_its_kind_format_and_size(site: Path):
    html = (site / "process/materials/index.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert ('<a href="../../documents/council/2020-1-agenda.pdf" id="council-2020-1-agenda">'
            "（サンプル）第１回 審議会 次第・資料</a> 会議資料（PDF 603B）") in html
    assert '<a href="../../documents/data/kpi-table.xlsx" id="kpi-table">指標の一覧表</a> その他（XLSX 35KB）' in html
    assert "第１回 審議会 会議録 会議録（PDF 1.5KB）サンプル この資料の内容を文字で読める版はありません。" in text
    assert "文字で読める内容: 素案の内容は、このサイトの「総合戦略」のページで読めます。" in text
    assert re.findall(r"<h2[^>]*>([^<]+)", html) == ["計画書", "会議資料", "会議録", "その他"]
    assert "公開日: 令和2(2020)年8月20日" in text
    assert 'href="../#council-2020-1"' in html  # used at the meeting (策定経過)
    assert 'href="../public-comments/#strategy-draft-2020"' in html and 'href="../public-comments/#revision-2021"' in html


def test_the_public_comment_page_shows_period_status_counts_and_answers(site: Path):
    html = (site / "process/public-comments/index.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert text.index("総合戦略（改訂案）") < text.index("（サンプル）第２期総合戦略（素案）")  # newest first
    assert "募集期間: 令和2(2020)年12月15日〜令和3(2021)年1月14日" in text
    assert "状況: 結果公表済（令和3(2021)年3月31日に公表）" in text
    assert "周知の方法: （サンプル）広報あさか 令和２年12月号、（サンプル）市ホームページ" in text
    assert "意見を出した人・団体の数: 3" in text and "意見の数: 3件" in text
    counts, answers = tables_of(html)
    assert counts == [["反映した", "既に記載", "参考とする", "その他", "計"], ["1件", "1件", "1件", "0件", "3件"]]
    assert answers[0] == ["番号", "意見の要旨", "市の考え方", "反映区分", "関係する目標・指標"]
    assert all(len(row) == 5 for row in answers)
    assert answers[3][:2] == ["3", "（サンプル）バスの便 | 電車の便の充実を求める。サンプル"]
    assert answers[1][3:] == ["既に記載", "（サンプル）子育てしやすいと感じる市民の割合"]
    assert 'href="../../kpis/kpi-3-childrearing-satisfaction/"' in html
    assert 'href="../../strategy/goals/goal-2/"' in html
    assert "<p>市民の声を広く反映できるよう、" in html  # the policy's section, quoted with its source


def test_an_open_round_is_marked_and_announced_at_the_top(site: Path):
    html = (site / "process/public-comments/index.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert text.index("ただいま意見を募集しています") < text.index("募集期間")
    assert 'href="#revision-2021"' in html and "（令和81(2099)年12月31日まで）" in text
    assert html.count('<strong class="status-open">募集中</strong>') == 1
    assert "募集が終わった後に、意見の要旨と市の考え方を公表します。" in text
    assert '<a href="https://www.city.example.lg.jp/comment?id=1&amp;x=(2)">' in html
    assert "市のホームページ: https://www.city.example.lg.jp/comment?id&#61;1&amp;x&#61;(2)" in text
    assert '<a href="../../documents/data/kpi-table.xlsx">指標の一覧表</a> その他（XLSX 35KB）' in html  # no id off the 資料 page


def settings_and_docs(root: Path) -> tuple[str, set[str]]:
    result = generate(root)
    assert result.report.ok, result.report.format()
    docs = {p.relative_to(root / GENERATED_DOCS).as_posix() for p in (root / GENERATED_DOCS).rglob("*") if p.is_file()}
    return json.dumps(json.loads((root / GENERATED_SETTINGS).read_text(encoding="utf-8"))["nav"], ensure_ascii=False), docs


def test_without_public_comment_data_there_is_no_such_page_nor_menu_entry(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    (root / "strategy/public_comments.yml").unlink()
    edit(root / "strategy/process.yml", "    public_comment: strategy-draft-2020\n", "")
    edit(root / "strategy/news.yml", "    link: process/public-comments/\n", "")
    nav, docs = settings_and_docs(root)
    assert "process/public-comments.md" not in docs and "パブリックコメント" not in nav
    assert "process/materials.md" in docs and "資料" in nav
    assert "public-comments" not in (root / GENERATED_DOCS / "process/materials.md").read_text(encoding="utf-8")


def test_another_city_without_process_data_has_neither_page(tmp_path: Path):
    root = copy_project(tmp_path / "city2", data_from=Path(__file__).parent / "fixtures" / "city2")
    nav, docs = settings_and_docs(root)
    assert not any(name.startswith(("process/", "documents/")) for name in docs)
    assert "パブリックコメント" not in nav and "資料" not in nav


def test_a_document_named_like_a_hand_written_file_stops_the_build(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    (root / "docs/documents/council").mkdir(parents=True)
    (root / "docs/documents/council/2020-1-agenda.pdf").write_bytes(b"other")
    with pytest.raises(BuildError, match="documents/ の資料 documents/council/2020-1-agenda.pdf が docs/ の手書きファイルと同じ名前です"):
        generate(root)
    assert not (root / GENERATED_DOCS).exists()  # nothing written
