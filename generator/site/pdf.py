"""The PDF of the whole plan (`build --pdf`): render/print_document.py's HTML laid out by WeasyPrint, A4, with
the Japanese font embedded, searchable text and tags (PDF/UA-1). It is made before the pages, which link it
with its size (「計画書（PDF 1.2MB）」), and written into the site as a download by site/build.py.

WeasyPrint needs Debian's Pango and the font (scripts/install-pdf.sh); it is imported only when a PDF is made,
so a build without --pdf needs neither. Nothing is fetched: the document has no external resource, and the
fetcher refuses every URL but data:. The same data gives the same bytes: the metadata's dates are the data's
最終更新日 (render/print_document.py), WeasyPrint's font subsets are named from their content.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.compute.computed import Computed
from generator.model.project import Project
from generator.problems import PlannerError
from generator.render.print_document import PRINT_FONT, PRINT_PDF, PrintDownload, print_html

PDF_VARIANT = "pdf/ua-1"  # tagged: headings, lists, tables and reading order for assistive technology
INSTALL = "scripts/install-pdf.sh"


class PdfError(PlannerError):
    """The PDF cannot be made on this machine; the message says what to install."""


def _weasyprint():  # noqa: ANN202 - the module, imported only here
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's libraries are missing
        raise PdfError(f"PDF を作れません（{type(exc).__name__}: {exc}）。{INSTALL} で必要なパッケージを入れてください。"
                       "PDF なしでサイトを作るときは --pdf を付けずに実行します。") from exc
    return weasyprint


def require_font(font: str = PRINT_FONT) -> None:
    """The document's font must be installed: without it the text would silently fall back to another font."""
    try:
        listed = subprocess.run(["fc-list", f":family={font}", "family"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        listed = ""
    if not any(font in line.split(",") for line in listed.splitlines()):  # a font may have several names: a,b
        raise PdfError(f"PDF に使うフォント「{font}」がありません。{INSTALL} で fonts-noto-cjk を入れてください。")


def pdf_bytes(html: str) -> bytes:
    """The HTML document as a tagged A4 PDF (its @page rules set the size)."""
    weasyprint = _weasyprint()
    require_font()
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def print_document(project: Project, computed: Computed, cache_dir: Path | None = None) -> tuple[PrintDownload, bytes]:
    """The PDF of the whole plan and how the pages link it (its place in the site and its size)."""
    data = pdf_bytes(print_html(project, computed, cache_dir))
    return PrintDownload(PRINT_PDF, len(data)), data
