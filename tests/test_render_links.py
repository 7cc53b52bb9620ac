import html
from datetime import date

from markupsafe import Markup

from generator.model.base import Source
from generator.render.environment import make_environment
from generator.render.links import source_text, url_depth
from generator.text.eras import date_label


def test_source_url_becomes_an_escaped_link_never_a_tag():
    hostile = "https://x.example/contenteditable/autofocus/onfocus=alert(document.domain)"
    text = str(source_text(Source(title="出典", url=hostile)))
    assert f'<a href="{html.escape(hostile)}">' in text
    assert "<https" not in text  # no autolink that raw HTML would read as a tag
    quoted = str(source_text(Source(title="出典", url="https://x.example/'onmouseover=alert(1)//_a_")))
    href = quoted.split('href="', 1)[1].split('"', 1)[0]
    assert "'" not in href and "&#x27;onmouseover" in href
    assert "&#95;a&#95;" in quoted  # the link text cannot turn into emphasis either


def test_source_text_names_publisher_date_section_and_note():
    text = str(source_text(Source(title="戦略", publisher="朝霞市", published=date(2019, 12, 20), section="p.5", note="要確認")))
    assert text == "戦略（朝霞市）、令和元(2019)年12月20日、p.5、要確認"


def test_source_text_escapes_markdown():
    assert "&#42;&#42;" in str(source_text(Source(title="**強調**")))


def test_templates_escape_values_but_not_markup():
    env = make_environment()
    template = env.from_string("{{ value }}|{{ safe }}")
    assert template.render(value="<b>{{ x }}</b>", safe=Markup("<i>ok</i>")) == "&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt;|<i>ok</i>"


def test_url_depth_follows_directory_urls():
    assert url_depth("index.md") == 0
    assert url_depth("strategy/index.md") == 1
    assert url_depth("strategy/policy.md") == 2


def test_date_label():
    assert date_label(2019, 12, 20) == "令和元(2019)年12月20日"


def test_unchecked_source_is_marked_for_readers():
    assert "【要確認】" in str(source_text(Source(title="加古川市 第2期戦略", needs_check=True)))
    assert "【要確認】" not in str(source_text(Source(title="策定方針")))
