"""The policy in strategy/policy.yml is the city's text, word for word (on the frozen fixture copy,
so that another city's data never has to match this one's source).

The source text (strategy/sources/policy-draft.txt, extracted from the PDF) has
hard line breaks, stray spaces, a plan-period table and a page label; without
those, the YAML must hold exactly the same characters in the same order.
"""

import re
from pathlib import Path

from generator.model.policy import walk_sections
from generator.pipeline import load_project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
SOURCE = FIXTURE / "strategy" / "sources" / "policy-draft.txt"
# Lines of the PDF that are a table or a page label rather than running text.
TABLE_LINE = re.compile(r"^\s*(H27 H28|（国・県）まち|朝霞市まち・ひと・しごと創生総合戦略 第１期|第５次朝霞市総合計画  前期|資料１)")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def source_body() -> tuple[str, str]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    title = lines[0]
    body = [line for line in lines[1:] if not TABLE_LINE.match(line)]
    return squeeze(title), squeeze("\n".join(body))


def policy_text(policy) -> str:
    out = []

    def visit(sections):
        for section in sections:
            out.append(section.number + section.title)
            out.extend(section.paragraphs)
            out.extend(section.items)
            visit(section.sections)

    visit(policy.sections)
    return squeeze("".join(out))


def test_policy_yaml_is_the_source_text_word_for_word():
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    title, body = source_body()
    assert squeeze(project.policy.title) == title
    assert policy_text(project.policy) == body


def test_policy_has_the_seven_chapters_in_order():
    project, _ = load_project(FIXTURE)
    assert [s.number for s in project.policy.sections] == ["１", "２", "３", "４", "５", "６", "７"]


def test_every_section_has_a_stable_id():
    project, _ = load_project(FIXTURE)
    assert all(section.id for _, section in walk_sections(project.policy.sections))


def test_every_glossary_quotation_of_the_policy_is_its_text_word_for_word():
    """A definition marked as a quotation (quote: true) that cites the policy occurs in the source text as it is
    (line breaks and spaces aside); one that is not marked is shown as a summary."""
    project, report = load_project(FIXTURE)
    assert project is not None, report.format()
    title, body = source_body()
    quoted = [term for term in project.glossary.terms if term.quote and term.source and squeeze(term.source.title) == title]
    assert quoted, "the fixture quotes the policy in its glossary"
    for term in quoted:
        assert squeeze(term.description) in body, term.id

