import markdown
import pytest

from generator.text.markdown import escape_markdown, join_lines, table_cell


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])


def test_join_lines_removes_pdf_line_breaks_between_japanese():
    assert join_lines("本市は平成２７年度に\n第１期朝霞市") == "本市は平成２７年度に第１期朝霞市"


def test_join_lines_keeps_a_space_between_latin_words():
    assert join_lines("Society\n5.0 の推進") == "Society 5.0 の推進"
    assert join_lines("  前後の空白 \n") == "前後の空白"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "**太字** _斜体_ `code`",
        "[リンク](javascript:alert(1))",
        "{{ config.site_name }} {% if x %}",
        "# 見出しではない",
        "1. 番号付きではない",
        "- 箇条書きではない",
        "==mark== ~~del~~ ^^ins^^",
        "{: .class #id }",
        '!!! danger "警告"',
        "??? note",
        "見出しの後の #",
    ],
)
def test_escaped_text_renders_literally(text):
    html = to_html(escape_markdown(text))
    assert html.startswith("<p>") and html.count("<") == 2  # only the <p> … </p> pair
    # The browser shows exactly the original text.
    import html as html_module

    assert html_module.unescape(html[3:-4]) == text


@pytest.mark.parametrize("breaker", ["\r", "\u2028", "\u2029", "\x85", "\v", "\f"])
def test_every_kind_of_line_break_is_joined(breaker):
    text = f"本文{breaker}# 見出し{breaker}!!! danger"
    html = to_html(escape_markdown(text))
    assert html.count("<") == 2 and "<h1" not in html


def test_table_cell_cannot_break_a_table():
    cell = table_cell("A|B\n次の行")
    table = f"| 見出し |\n|---|\n| {cell} |\n"
    html = to_html(table)
    assert html.count("<td>") == 1
    assert "A&#124;B次の行" in html


def test_plain_japanese_is_unchanged():
    assert escape_markdown("令和3(2021)年度〜令和7(2025)年度") == "令和3(2021)年度〜令和7(2025)年度"
