"""Sample issues typeset by LibreOffice from a Word file, and the text poppler's pdftotext gives of them.

An editor who does not send us the PDF sends what a converter made of it. This module makes those
renderings deterministically at test time: a sample's parsed `Issue` becomes a .docx (python-docx) the
way an office types a gazette up in Word, LibreOffice (`soffice --headless --convert-to pdf`, Debian
`libreoffice-writer-nogui`) typesets it, and `pdftotext` / `pdftotext -layout` (Debian `poppler-utils`)
read it back.

The Word file has a cover, a 目录 under a spaced heading (`目　　录`) whose page numbers are where
LibreOffice put each title (PAGEREF fields to a bookmark on each title, which LibreOffice computes
as it lays the pages out), and one Word
section per document starting on a new page, numbered from 1 at the first document: titles in a
Title style (Hei, larger), headings in a Heading style, tables as Word tables with a grid, a
centered footer `— N —` (a PAGE field), and running headers different on odd and even pages:
odd pages carry the document's 目录 section and the gazette's name (`政府办文件    乌达区人民政府公报`),
even pages the gazette's name and the issue label (`乌达区人民政府公报    2023 年第 2 期`).
Layout `a4` is one column; `twocol` sets every document section in two Word columns.

Conversions are slow (LibreOffice on a busy machine): every rendering asked for in one call is
converted in one soffice run, and the PDFs are kept under a folder keyed by the hash of
their .docx, so a second call with the same input converts nothing.

    python benchmarks/office_renderings.py [--out DIR]   # scores every rendering with the shared scorer
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from builder.model import BlockKind, Issue

LAYOUTS = ("a4", "twocol")
SONG = "AR PL UMing CN"
HEI = "WenQuanYi Zen Hei"


def available() -> bool:
    """Whether LibreOffice, poppler's pdftotext and python-docx are at hand."""
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


@dataclass
class OfficeRendering:
    """One sample typeset by LibreOffice: its PDF and what the test can compare against."""

    name: str
    layout: str
    pdf: Path
    printed_pages: list[tuple[int, int]] = field(default_factory=list)  # per document, printed (first, last)

    def text(self, mode: str) -> Path:
        """The PDF's text as `pdftotext` (mode "plain") or `pdftotext -layout` ("layout") gives it."""
        out = self.pdf.with_suffix(f".{mode}.txt")
        if not out.exists():
            args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if mode == "layout" else [])
            subprocess.run([*args, str(self.pdf), str(out)], check=True, capture_output=True)
        return out


def render_all(issues: dict[str, Issue], folder: Path, layouts=LAYOUTS) -> dict[tuple[str, str], OfficeRendering]:
    """(name, layout) -> rendering, for every issue in every layout; one soffice run in all (none
    when `folder` already holds the PDFs of the same Word files)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = {(name, layout): issue for name, issue in issues.items() for layout in layouts}
    pdfs = _convert({key: _docx(issue, key[1]) for key, issue in jobs.items()}, folder)
    out = {}
    for key in jobs:
        starts, last_page = _title_pages(pdfs[key], jobs[key])
        ranges = [(s, e - 1) for s, e in zip(starts, [*starts[1:], last_page + 1], strict=True)]
        out[key] = OfficeRendering(key[0], key[1], pdfs[key], ranges)
    return out


def _convert(documents: dict[tuple[str, str], bytes], folder: Path) -> dict[tuple[str, str], Path]:
    """PDFs of the .docx bytes, from the cache folder (keyed by content hash) or one soffice run."""
    paths = {
        key: folder / f"{key[0]}.{key[1]}.{hashlib.sha256(data).hexdigest()[:16]}.pdf"
        for key, data in documents.items()
    }
    missing = [key for key, path in paths.items() if not path.exists()]
    if missing:
        with tempfile.TemporaryDirectory() as work:
            sources = []
            for key in missing:
                source = Path(work) / (paths[key].stem + ".docx")
                source.write_bytes(documents[key])
                sources.append(str(source))
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    work,
                    *sources,
                ],
                check=True,
                capture_output=True,
                timeout=900,
            )
            for key in missing:
                shutil.move(str(Path(work) / (paths[key].stem + ".pdf")), paths[key])
    return paths


def _pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
    return out.decode("utf-8").split("\f")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_pages(pdf: Path, issue: Issue) -> tuple[list[int], int]:
    """The printed page each document's title is on, and the last printed page, from the numbers
    the footers print (documents start on new pages, in order, after the 目录)."""
    texts = _pages_text(pdf)
    pages = [_squash(page) for page in texts]
    while pages and not pages[-1]:
        pages.pop()
    printed = [int(m[-1]) if (m := re.findall(r"— (\d+) —", text)) else None for text in texts[: len(pages)]]
    found, at = [], 0
    if issue.toc:  # the titles are listed in the 目录 too: look after it
        at = next(i for i, page in enumerate(pages) if "目录" in page) + 1
    for document in issue.documents:
        key = _squash(document.title)[:30]
        at = next((i for i in range(max(at, 1), len(pages)) if key in pages[i]), at)
        found.append(at)
        at += 1  # each document starts on a new page
    return [printed[f] or 0 for f in found], printed[-1] or 0


# --- the Word file -------------------------------------------------------------------------------------------


def _docx(issue: Issue, layout: str) -> bytes:
    import io

    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt

    word = Document()
    word.settings.odd_and_even_pages_header_footer = True
    _styles(word)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(28)
    section.top_margin = section.bottom_margin = Mm(30)
    text_width = section.page_width - section.left_margin - section.right_margin
    gazette = issue.gazette_title or f"{issue.publisher}公报"
    label = _spaced_label(issue)

    cover = word.add_paragraph(gazette, style="Title")
    cover.paragraph_format.space_before = Pt(120)
    word.add_paragraph(label, style="Centered")
    if issue.total_number:
        word.add_paragraph(f"（总第{issue.total_number}期）", style="Centered")
    if issue.toc:
        heading = word.add_paragraph("目\u3000\u3000录", style="Title")
        heading.paragraph_format.page_break_before = True
        current = None
        for entry in issue.toc:
            if entry.section and entry.section != current:
                current = entry.section
                word.add_paragraph(current, style="Heading 2")
            item = word.add_paragraph(style="Normal")
            item.paragraph_format.first_line_indent = 0
            item.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            item.add_run(f"{entry.title}\t")
            if entry.document:
                item._p.append(_field(f"PAGEREF doc{entry.document} \\h", "0"))
    sections = {entry.document: entry.section for entry in issue.toc if entry.document}
    for number, document in enumerate(issue.documents, 1):
        body = word.add_section(WD_SECTION.NEW_PAGE)
        _furniture(body, gazette, label, sections.get(number) or (document.section or "政府文件"), first=number == 1)
        if layout == "twocol":
            _columns(body, 2)
        title = word.add_paragraph(document.title, style="Title")
        _bookmark(title, number, f"doc{number}")
        for block in document.blocks:
            _block(word, block, WD_ALIGN_PARAGRAPH)
    buffer = io.BytesIO()
    word.core_properties.title = gazette
    word.core_properties.author = "gongbao"
    import datetime

    fixed = datetime.datetime(2024, 1, 1)
    word.core_properties.created = word.core_properties.modified = fixed
    word.core_properties.last_printed = fixed
    word.core_properties.revision = 1
    word.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _spaced_label(issue: Issue) -> str:
    """The issue label as Word users type it: 2023 年第 2 期 (spaces around the numbers)."""
    return re.sub(r"\s+", " ", re.sub(r"(\d[\d\-—]*)", r" \1 ", issue.issue_label or "")).strip()


def _styles(word) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def font(style, name: str, size: float, bold: bool = False) -> None:
        style.font.name = name
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = None
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            fonts.set(qn(attribute), name)

    normal = word.styles["Normal"]
    font(normal, SONG, 12)
    normal.paragraph_format.first_line_indent = Pt(24)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = 0
    title = word.styles["Title"]
    font(title, HEI, 18)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = 0
    title.paragraph_format.space_after = Pt(12)
    for name, size in (("Heading 1", 14), ("Heading 2", 12)):
        heading = word.styles[name]
        font(heading, HEI, size)
        heading.paragraph_format.first_line_indent = 0
        heading.paragraph_format.space_before = Pt(6)
    centered = word.styles.add_style("Centered", WD_STYLE_TYPE.PARAGRAPH)
    centered.base_style = normal
    centered.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    centered.paragraph_format.first_line_indent = 0
    closing = word.styles.add_style("Closing", WD_STYLE_TYPE.PARAGRAPH)
    closing.base_style = normal
    closing.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.first_line_indent = 0
    flush = word.styles.add_style("Flush", WD_STYLE_TYPE.PARAGRAPH)
    flush.base_style = normal
    flush.paragraph_format.first_line_indent = 0


def _furniture(section, gazette: str, label: str, toc_section: str, first: bool) -> None:
    """Mirrored running headers and a centered page-number footer, numbered from 1 at the first document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    width = section.page_width - section.left_margin - section.right_margin
    for header, left, right in (
        (section.header, toc_section, gazette),  # odd pages
        (section.even_page_header, gazette, label),  # even pages
    ):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = "Flush"
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.text = f"{left}\t{right}"
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = "Flush"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        paragraph._p.append(_field("PAGE", "1"))
        paragraph.add_run(" —")
    for old in section._sectPr.findall(qn("w:pgNumType")):  # python-docx copies the previous section's
        section._sectPr.remove(old)
    if first:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        columns = section._sectPr.find(qn("w:cols"))
        if columns is not None:  # the schema's order: pgNumType before cols (LibreOffice reads it so)
            columns.addprevious(numbering)
        else:
            section._sectPr.append(numbering)


def _field(instruction: str, shown: str):
    """A Word field LibreOffice computes when it lays the page out (PAGE, PAGEREF to a bookmark)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    return field


def _bookmark(paragraph, number: int, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _columns(section, count: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    columns = section._sectPr.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        section._sectPr.append(columns)
    columns.set(qn("w:num"), str(count))
    columns.set(qn("w:space"), "425")  # 7.5 mm gutter


def _block(word, block, WD_ALIGN_PARAGRAPH) -> None:
    kind = block.kind
    text = block.text.replace("**", "")
    rows = block.rows or (
        [re.split(r"\s{2,}|\t", line.strip()) for line in block.lines if line.strip()]
        if kind == BlockKind.PRINTED_TABLE
        else []
    )
    if kind in (BlockKind.TABLE, BlockKind.PRINTED_TABLE) and rows:
        width = max(len(row) for row in rows)
        table = word.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).paragraphs[0].text = cell
                table.cell(r, c).paragraphs[0].style = word.styles["Flush"]
        return
    if kind in (BlockKind.LINES, BlockKind.CLOSING, BlockKind.TABLE):
        style = "Closing" if kind == BlockKind.CLOSING else "Flush"
        for line in block.lines or [block.text]:
            if line.strip():
                word.add_paragraph(line.replace("**", ""), style=style)
        return
    if not text:
        return
    if kind in (BlockKind.DOC_NUMBER, BlockKind.SUBTITLE):
        word.add_paragraph(text, style="Centered")
    elif kind == BlockKind.ATTACHMENT_TITLE:
        word.add_paragraph(text, style="Title")
    elif kind == BlockKind.HEADING:
        word.add_paragraph(text, style="Heading 1")
    elif kind in (BlockKind.RECIPIENTS, BlockKind.ATTACHMENT_LABEL):
        word.add_paragraph(text, style="Flush")
    else:
        word.add_paragraph(text, style="Normal")


def _deterministic_zip(data: bytes) -> bytes:
    """The .docx with every member's timestamp fixed, so the same issue gives the same bytes (and hash)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --- scores --------------------------------------------------------------------------------------------------

SAMPLES = {  # the bundled samples that print a 目录, by the stem of their answer key
    "000_d2a9df18967429e5": Path("乌达区人民政府/2023-02/issue.txt"),
    "001_b8e2f47bf2aa892e": Path("东胜区人民政府/2023-07-09/issue.txt"),
    "004_8c6b577f21ba2ac5": Path("克什克腾旗人民政府/2025-01/issue.txt"),
}
KEYS = ["segment_f1", "title", "doc_number", "date", "section", "toc_recall", "issue_fields", "reading_order"]


def scores(source: Path, raw: Path, gold: Path, printed: list[tuple[int, int]] | None = None) -> dict:
    """The shared scorer's figures for `source` (a PDF or a text) against the sample's key, plus
    "pages": the share of documents whose printed page range is `printed`'s, and "refused": the
    one-line error when the builder refuses the text."""
    import json

    from support import run_shared_tool

    from builder.commands.report import inspect_data
    from builder.errors import InputError
    from builder.parse import parse_issue

    try:
        data = inspect_data(parse_issue(source, sidecar=False))
    except InputError as error:
        return {"refused": str(error)}
    predicted = source.with_suffix(source.suffix + ".json")
    predicted.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    figures = run_shared_tool("score_extraction.py", gold, predicted, "--seed", raw)
    if printed is not None:
        got = [tuple(d["pages"]) if d.get("pages") else None for d in data["documents"]]
        figures["pages"] = sum(a == b for a, b in zip(got, printed, strict=False)) / max(1, len(printed))
    return figures


def main() -> None:
    import argparse
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdf_fixtures import SINGLE, TWOCOL, render_issue
    from support import CONTENT

    from builder.parse import parse_issue

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(".cache/office-renderings"), help="PDFs and texts")
    args = parser.parse_args()
    gold = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"
    issues = {stem: parse_issue(CONTENT / path, sidecar=False) for stem, path in SAMPLES.items()}
    office = render_all(issues, args.out)
    print("| rendering | " + " | ".join(KEYS) + " | leaks | pages |")
    print("|---" * (len(KEYS) + 3) + "|")
    for stem, issue in issues.items():
        raw, key = CONTENT / SAMPLES[stem], gold / f"{stem}.json"
        sources = {}
        for layout in LAYOUTS:
            rendering = office[stem, layout]
            sources[f"office-{layout}"] = (rendering.pdf, rendering.printed_pages)
            for mode in ("plain", "layout"):
                sources[f"office-{layout}.{mode}"] = (rendering.text(mode), rendering.printed_pages)
        for layout in (SINGLE, TWOCOL):
            pdf = args.out / f"{stem}.reportlab-{layout.name}.pdf"
            rendered = render_issue(issue, pdf, layout)
            sources[f"reportlab-{layout.name}"] = (pdf, rendered.printed_pages)
            for mode in ("plain", "layout"):
                text = OfficeRendering(stem, layout.name, pdf).text(mode)
                sources[f"reportlab-{layout.name}.{mode}"] = (text, rendered.printed_pages)
        for name, (source, printed) in sources.items():
            figures = scores(source, raw, key, printed)
            if "refused" in figures:
                print(f"| {stem[:3]} {name} | refused: {figures['refused']} |")
                continue
            cells = [f"{figures[k]:.2f}" for k in KEYS]
            print(
                f"| {stem[:3]} {name} | "
                + " | ".join(cells)
                + f" | {figures['noise_leaks']} | {figures['pages']:.2f} |"
            )


if __name__ == "__main__":
    main()
