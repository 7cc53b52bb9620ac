"""The PDF of the whole plan (`build --pdf`, site/pdf.py), built from the fixture and read back with pypdf:
pages, searchable text, embedded Japanese fonts, tags, the 目次's page numbers, samples marked, the same bytes
from the same data, and the site's link with the file's size. Needs Debian's Pango and Noto CJK
(scripts/install-pdf.sh, run by make test)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from support import copy_project

from generator.compute.updated import last_updated
from generator.pipeline import validate
from generator.render.materials import size_text
from generator.render.print_document import PRINT_PDF
from generator.site import pdf as pdf_module
from generator.site.build import GENERATED_DOCS, BuildError, build, generate
from generator.site.pdf import PdfError, require_font

pytestmark = pytest.mark.pdf

SAME_PDF = """
import sys
from pathlib import Path
from generator.pipeline import validate
from generator.site.pdf import print_document
validated = validate(Path(sys.argv[1]))
sys.stdout.buffer.write(print_document(validated.project, validated.computed)[1])
"""


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


WEASYPRINT_LOG = Records()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built with --pdf (MkDocs included); returns the project folder. WeasyPrint's warnings are kept."""
    root = copy_project(tmp_path_factory.mktemp("pdf") / "project")
    logger = logging.getLogger("weasyprint")
    logger.addHandler(WEASYPRINT_LOG)
    try:
        build(root, pdf=True)
    finally:
        logger.removeHandler(WEASYPRINT_LOG)
    return root


@pytest.fixture(scope="module")
def reader(built: Path) -> PdfReader:
    return PdfReader(built / "site" / PRINT_PDF)


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def project(built: Path):
    validated = validate(built)
    assert validated.project is not None and validated.computed is not None
    return validated.project


def test_the_pdf_has_the_whole_plan_as_searchable_text(pages, project):
    assert len(pages) > 15
    text = flat("".join(pages))
    assert flat(project.site.document("strategy").name) in text
    for goal in project.strategy.goals:
        assert flat(goal.title) in text, goal.title
        for measure in goal.measures:
            assert flat(measure.title) in text, measure.title
    assert project.vision is not None and flat(project.vision.name) in text
    assert "の効果検証" in text


def test_weasyprint_understood_everything(built: Path):
    """No CSS it ignored, no image without a description (PDF/UA), nothing it could not fetch."""
    assert [record.getMessage() for record in WEASYPRINT_LOG.records] == []


def test_the_cover_has_the_plan_its_period_and_the_city(pages, project):
    cover = flat(pages[0])
    assert flat(project.site.document("strategy").name) in cover
    assert project.site.city in cover
    assert "令和3(2021)年度〜令和7(2025)年度" in cover


def test_samples_are_marked(pages):
    assert "サンプル（見本）を含みます" in flat(pages[0])  # the cover's notice
    for page in pages[1:]:
        assert "サンプル（見本）を含みます" in flat(page)  # every page's foot
    assert sum(flat(page).count("サンプル") for page in pages) > 20  # the badges beside goals, measures, KPIs, charts


def test_the_contents_give_the_pages_the_parts_start_on(pages, project):
    entries = [(title, int(number)) for title, number in re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", pages[1], flags=re.MULTILINE)]
    assert "目次" in pages[1] and len(entries) >= 10
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers) and numbers[0] > 2 and numbers[-1] <= len(pages)
    for title, number in entries:
        assert flat(title) in flat(pages[number - 1]), (title, number)
    for goal in project.strategy.goals:  # each goal's first page is where the 目次 says
        heading = flat(f"{goal.label}{goal.title}")
        [number] = [n for title, n in entries if flat(title) == heading]
        first = next(index for index, page in enumerate(pages) if index > 1 and heading in flat(page))
        assert first == number - 1, goal.title


def _font_files(resources: DictionaryObject, seen: set[int]) -> list[bool]:
    """For every font used (in the page and its forms: the charts), whether its file is embedded."""
    found = []
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        found.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen and "/Resources" in xobject:
            seen.add(id(xobject))
            found += _font_files(xobject["/Resources"].get_object(), seen)
    return found


def test_every_font_is_embedded(reader: PdfReader):
    embedded: list[bool] = []
    for page in reader.pages:
        embedded += _font_files(page["/Resources"].get_object(), set())
    assert embedded and all(embedded)


def test_the_pdf_is_tagged_in_japanese_with_the_data_s_dates(reader: PdfReader, project):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]) == "ja"
    assert reader.metadata is not None and reader.metadata.title == project.site.document("strategy").name
    assert reader.metadata.creation_date is not None and reader.metadata.creation_date.date() == last_updated(project)


def test_the_site_links_the_pdf_with_its_size(built: Path):
    size = (built / "site" / PRINT_PDF).stat().st_size
    for page, href in (("index.html", PRINT_PDF), ("strategy/index.html", "../" + PRINT_PDF), ("data/index.html", "../" + PRINT_PDF)):
        html = (built / "site" / page).read_text(encoding="utf-8")
        assert f'<a href="{href}">計画書（PDF {size_text(size)}）</a>' in html, page


def test_the_same_data_gives_the_same_pdf_in_another_process(built: Path):
    again = subprocess.run([sys.executable, "-c", SAME_PDF, str(built)], capture_output=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED="12345")).stdout
    assert again == (built / "site" / PRINT_PDF).read_bytes()


def test_without_the_option_there_is_no_pdf_and_no_link(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    generate(root)
    docs = root / GENERATED_DOCS
    assert not (docs / PRINT_PDF).exists()
    assert "計画書（PDF" not in (docs / "index.md").read_text(encoding="utf-8")
    assert "計画書（PDF" not in (docs / "strategy" / "index.md").read_text(encoding="utf-8")


def test_a_machine_without_the_font_gets_told_what_to_install_and_nothing_is_written(tmp_path: Path, monkeypatch):
    with pytest.raises(PdfError, match="install-pdf.sh"):
        require_font("存在しないフォント")

    def missing() -> None:
        raise PdfError("フォントがありません。scripts/install-pdf.sh")

    monkeypatch.setattr(pdf_module, "require_font", missing)
    root = copy_project(tmp_path / "project")
    with pytest.raises(BuildError, match="install-pdf.sh"):
        generate(root, pdf=True)
    assert not (root / GENERATED_DOCS).exists()


def test_build_and_publish_take_the_option():
    from generator.cli import build_parser

    assert build_parser().parse_args(["build", "--pdf"]).pdf
    assert not build_parser().parse_args(["build"]).pdf
    assert build_parser().parse_args(["publish", "--target", "staging", "--pdf"]).pdf
