"""Gazette PDFs made at test time, deterministically, from a sample issue's parsed model.

The generator lays an `Issue` out the way gazettes are printed: a cover, the 目录 with dot leaders
and the printed page of each document, then every document on a new page: its title centered in
a larger Hei (bold-looking) face, the 文号 centered, headings in Hei, paragraphs in Song with a
two-character first-line indent, the closing block right-aligned, tables as ruled tables.
Printed page numbers start at 1 on the first document page (cover and 目录 carry none).

Layouts (`Layout`): `single` (A4, one column, running header with a rule, centered footer
`— N —`), `twocol` (16开, two columns, footer on the outer side, a vertical one-character-per-line
banner in the outer margin of odd pages). Variants: `shuffle_stream` (text objects of the content
stream in random order; renders identically), `drop_tounicode` (the text layer decodes to
garbage), `scan` (rasterised, skewed, blurred, noisy, JPEG; image-only).

Every output is byte-identical across runs: reportlab `invariant=1`, fixed seeds, img2pdf
`nodate=True`, pikepdf `deterministic_id=True`. Needs Debian fonts-arphic-uming and
fonts-wqy-zenhei (TrueType; reportlab cannot embed Noto CJK's CFF outlines).
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from builder.model import BlockKind, Issue

SONG_FONT = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
HEI_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@dataclass(frozen=True)
class Layout:
    name: str
    page_mm: tuple[float, float]
    margins_mm: tuple[float, float, float, float]  # left, right, top, bottom
    columns: int
    body_pt: float
    gutter_mm: float = 6
    indent: bool = True  # first-line indent of two characters; else a space between paragraphs
    justify: bool = False


SINGLE = Layout("single", (210, 297), (28, 26, 30, 28), 1, 12)
TWOCOL = Layout("twocol", (185, 260), (20, 18, 22, 22), 2, 10.5)
#: justified, no first-line indent, half a line between paragraphs, titles in the body face
PLAIN = Layout("plain", (210, 297), (25, 25, 28, 28), 1, 11, indent=False, justify=True)


@dataclass
class Rendered:
    """What a fixture PDF holds, for the tests to compare against."""

    path: Path
    printed_pages: list[tuple[int, int]] = field(default_factory=list)  # per document (first, last) printed
    pdf_pages: list[int] = field(default_factory=list)  # per document, 1-based PDF page of its title
    furniture: list[str] = field(default_factory=list)  # header/footer/banner strings drawn


def han(text: str) -> str:
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def han_cer(reference: str, found: str) -> float:
    """Han character error rate of `found` against `reference` (whitespace, punctuation and digits
    ignored): edits from difflib's alignment (an upper bound of the Levenshtein distance; a moved
    block counts twice) over the reference's Han characters."""
    from difflib import SequenceMatcher

    a, b = han(reference), han(found)
    edits = sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    )
    return edits / max(1, len(a))


def bigram_coverage(reference: str, found: str) -> float:
    """Share of the reference's Han bigrams (as a multiset) found in `found`: the scorer's
    text coverage, blind to the order of blocks."""
    from collections import Counter

    def grams(text):
        text = han(text)
        return Counter(text[i : i + 2] for i in range(len(text) - 1))

    a, b = grams(reference), grams(found)
    return sum((a & b).values()) / max(1, sum(a.values()))


def fonts_available() -> bool:
    return SONG_FONT.is_file() and HEI_FONT.is_file()


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Song" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Song", str(SONG_FONT), subfontIndex=1))  # AR PL UMing CN
        pdfmetrics.registerFont(TTFont("Hei", str(HEI_FONT), subfontIndex=0))


def render_issue(issue: Issue, out: Path, layout: Layout = SINGLE) -> Rendered:
    """Lay `issue` out as a text-layer PDF at `out`; two passes so the 目录 prints real pages."""
    _register_fonts()
    starts: list[int] = []
    ends: list[int] = []
    for _ in range(2):
        data, starts, ends = _build(issue, layout, starts)
    out.write_bytes(data)
    body_start = _body_offset(issue, layout)  # cover, then the 目录, then documents
    rendered = Rendered(out)
    for first, last in zip(starts, ends, strict=False):
        rendered.pdf_pages.append(first)
        rendered.printed_pages.append((first - body_start, last - body_start))
    rendered.furniture = [_gazette(issue), _header(issue)]
    return rendered


def _gazette(issue: Issue) -> str:
    return issue.gazette_title or f"{issue.publisher}公报"


def _header(issue: Issue) -> str:
    return f"{_gazette(issue)}  {issue.issue_label or ''}"


def _body_offset(issue: Issue, layout: Layout) -> int:
    """PDF page index minus printed number on body pages (cover and 目录 come first, unnumbered)."""
    return 1 + _toc_pages(issue, layout)


def _toc_pages(issue: Issue, layout: Layout) -> int:
    """Pages the 目录 takes (none when the issue prints none)."""
    return 1 + len(issue.toc) // (30 if layout.columns == 1 else 26) if issue.toc else 0


def _build(issue: Issue, layout: Layout, starts: list[int]):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    width, height = layout.page_mm[0] * mm, layout.page_mm[1] * mm
    left, right, top, bottom = (m * mm for m in layout.margins_mm)
    size = layout.body_pt
    body = ParagraphStyle(
        "body",
        fontName="Song",
        fontSize=size,
        leading=size * 1.65,
        wordWrap="CJK",
        firstLineIndent=2 * size if layout.indent else 0,
        spaceAfter=0 if layout.indent else size * 0.6,
        alignment=TA_JUSTIFY if layout.justify else 0,
    )
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    heading = ParagraphStyle("heading", parent=body, fontName="Hei")
    title = ParagraphStyle(
        "title",
        parent=body,
        fontName="Hei" if layout.indent else "Song",
        fontSize=size * (1.5 if layout.indent else 1),
        leading=size * 2.2,
        alignment=TA_CENTER,
        firstLineIndent=0,
        spaceAfter=size * 0.6,
    )
    centered = ParagraphStyle("centered", parent=plain, alignment=TA_CENTER)
    closing = ParagraphStyle("closing", parent=plain, alignment=TA_RIGHT, rightIndent=2 * size)
    cell = ParagraphStyle("cell", parent=plain, fontSize=size * 0.9, leading=size * 1.3)
    toc_line = ParagraphStyle("toc", parent=plain)
    pages_seen: dict[str, int] = {}
    gazette = _gazette(issue)
    short_label = f"{issue.year}·{'-'.join(str(n) for n in issue.issue_numbers)}"

    def furniture(canvas, doc):
        page = canvas.getPageNumber()
        printed = page - (_body_offset(issue, layout))
        if printed < 1:
            return
        canvas.saveState()
        if layout.columns == 1:
            canvas.setFont("Song", 9)
            canvas.drawCentredString(width / 2, height - top + 14, _header(issue))
            canvas.setLineWidth(0.5)
            canvas.line(left, height - top + 10, width - right, height - top + 10)
            canvas.setFont("Song", 10.5)
            canvas.drawCentredString(width / 2, bottom - 28, f"— {printed} —")
        else:
            canvas.setFont("Song", 9)
            footer = f"{gazette} {short_label} - {printed} -"
            if page % 2:
                canvas.drawRightString(width - right, bottom - 26, footer)
                canvas.setFont("Hei", 11)
                for index, char in enumerate(gazette):  # vertical banner, outer margin
                    canvas.drawString(width - right + 6, height / 2 + 60 - index * 14, char)
            else:
                canvas.drawString(left, bottom - 26, footer)
        canvas.restoreState()

    if layout.columns == 1:
        frames = [
            Frame(left, bottom, width - left - right, height - top - bottom, id="body", leftPadding=0, rightPadding=0)
        ]
    else:
        gutter = layout.gutter_mm * mm
        column = (width - left - right - gutter) / 2
        frames = [
            Frame(
                left + i * (column + gutter),
                bottom,
                column,
                height - top - bottom,
                id=f"c{i}",
                leftPadding=0,
                rightPadding=0,
            )
            for i in range(2)
        ]
    front = Frame(left, bottom, width - left - right, height - top - bottom, id="front", leftPadding=0, rightPadding=0)

    current: list[int] = []  # the document being laid out

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            key = getattr(flowable, "_doc_key", None)
            if key is not None and key.startswith("s"):
                pages_seen.setdefault(key, self.page)
                current[:] = [int(key[1:])]
            if current and isinstance(flowable, (Paragraph, Table)):  # the last page with its text
                pages_seen[f"e{current[0]}"] = self.page

    buffer = io.BytesIO()
    doc = Doc(
        buffer,
        pagesize=(width, height),
        invariant=1,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=gazette,
    )
    doc.addPageTemplates([PageTemplate("front", [front]), PageTemplate("body", frames, onPage=furniture)])

    story = [
        Spacer(1, 60),
        Paragraph(escape(gazette), ParagraphStyle("cover", parent=title, fontSize=size * 2.6, leading=size * 3.4)),
        Spacer(1, 30),
        Paragraph(escape(issue.issue_label or ""), centered),
    ]
    if issue.total_number:
        story.append(Paragraph(f"（总第{issue.total_number}期）", centered))
    if issue.date:
        y, m, d = issue.date.split("-")
        story.append(Paragraph(f"{y}年{int(m)}月{int(d)}日出版", centered))
    if issue.toc:
        story.append(PageBreak())
        story.append(Paragraph("目  录", title))
    section = None
    for entry in issue.toc:
        if entry.section and entry.section != section:
            section = entry.section
            story.append(Paragraph(f"【{escape(section)}】", heading))
        page = starts[entry.document - 1] - (_body_offset(issue, layout)) if entry.document and starts else 0
        story.append(Paragraph(f"{escape(entry.title)}{'.' * 6}{page}", toc_line))
    # pad the 目录 to its page count so the body always starts on the same page in both passes
    story.append(NextPageTemplate("body"))
    for _ in range(max(1, _toc_pages(issue, layout))):
        story.append(PageBreak())
    ends: list[int] = []
    for number, document in enumerate(issue.documents):
        if number:
            story.append(PageBreak())
        head = Paragraph(escape(document.title), title)
        head._doc_key = f"s{number}"
        story.append(head)
        for block in document.blocks:
            story += _block_flowables(
                block,
                frames[0]._width,
                body,
                plain,
                heading,
                title,
                centered,
                closing,
                cell,
                Table,
                TableStyle,
                Paragraph,
            )
    doc.build(story)
    starts = [pages_seen[f"s{n}"] for n in range(len(issue.documents))]
    ends = [pages_seen[f"e{n}"] for n in range(len(issue.documents))]
    return buffer.getvalue(), starts, ends


def _block_flowables(block, avail, body, plain, heading, title, centered, closing, cell, Table, TableStyle, Paragraph):
    text = escape(block.text.replace("**", ""))
    kind = block.kind
    table = block.rows or (
        [re.split(r"\s{2,}", line.strip()) for line in block.lines if line.strip()]
        if kind == BlockKind.PRINTED_TABLE
        else []
    )
    if kind in (BlockKind.TABLE, BlockKind.PRINTED_TABLE) and table:  # a table printed with its rules
        width = max(len(row) for row in table)
        rows = [[Paragraph(escape(c), cell) for c in row] + [""] * (width - len(row)) for row in table]
        table = Table(rows, colWidths=[avail / width] * width, repeatRows=0, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [table]
    if kind in (BlockKind.LINES, BlockKind.CLOSING, BlockKind.TABLE):
        style = closing if kind == BlockKind.CLOSING else plain
        return [
            Paragraph(escape(line.replace("**", "")), style) for line in (block.lines or [block.text]) if line.strip()
        ]
    if kind in (BlockKind.DOC_NUMBER, BlockKind.SUBTITLE):
        return [Paragraph(text, centered)]
    if kind == BlockKind.ATTACHMENT_TITLE:
        return [Paragraph(text, title)]
    if kind == BlockKind.HEADING:
        return [Paragraph(text, heading)]
    if kind in (BlockKind.RECIPIENTS, BlockKind.ATTACHMENT_LABEL):
        return [Paragraph(text, plain)]
    return [Paragraph(text, body)] if text else []


def render_lines(lines: list[str], out: Path, header: str) -> Path:
    """A text as printed, one paragraph per line: Markdown headings in Hei, everything else body
    text with a first-line indent; a running header with a rule and a page number under each page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _register_fonts()
    body = ParagraphStyle("body", fontName="Song", fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontName="Hei", firstLineIndent=0)

    def furniture(canvas, doc):
        canvas.setFont("Song", 9)
        canvas.drawCentredString(297, 800, header)
        canvas.line(70, 795, 525, 795)
        canvas.drawCentredString(297, 40, f"- {canvas.getPageNumber()} -")

    story = [
        Paragraph(escape(line.lstrip("#").strip().replace("**", "")), heading if line.startswith("#") else body)
        for line in (line.strip() for line in lines)
        if line
    ]
    SimpleDocTemplate(
        str(out), pagesize=(595, 842), invariant=1, leftMargin=70, rightMargin=70, topMargin=60, bottomMargin=60
    ).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out


# --- variants ---------------------------------------------------------------------------------


def shuffle_stream(source: Path, out: Path, seed: int = 7) -> Path:
    """The same pages with their text objects written in random order (renders identically)."""
    import pikepdf

    rng = random.Random(seed)
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            units, current, depth = [], [], 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                current.append((operands, operator))
                depth += op in ("q", "BT")
                depth -= op in ("Q", "ET")
                if depth == 0:
                    units.append(current)
                    current = []
            if current:
                units.append(current)
            texty = [i for i, unit in enumerate(units) if any(str(op) in ("Tj", "TJ") for _, op in unit)]
            moved = [units[i] for i in texty]
            rng.shuffle(moved)
            for i, unit in zip(texty, moved, strict=False):
                units[i] = unit
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream([item for unit in units for item in unit]))
        pdf.save(out, deterministic_id=True)
    return out


def drop_tounicode(source: Path, out: Path) -> Path:
    """The same pages with every font's ToUnicode map removed: the text layer becomes garbage."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for name in list(fonts.keys()):
                font = fonts[name]
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(out, deterministic_id=True)
    return out


def scan(
    source: Path, out: Path, dpi: int = 200, seed: int = 3, pages: list[int] | None = None, noisy: bool = True
) -> Path:
    """An image-only copy: each page rendered in grey at `dpi`, skewed (±0.6°), blurred, with
    noise and speckles, stored as JPEG q=70 (or lossless when not `noisy`)."""
    import img2pdf
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    images = []
    pdf = pdfium.PdfDocument(source)
    for index in pages if pages is not None else range(len(pdf)):
        bitmap = pdf[index].render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        if noisy:
            image = image.rotate(float(rng.uniform(-0.6, 0.6)), resample=Image.BICUBIC, fillcolor=255, expand=False)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            pixels = np.asarray(image, dtype=np.float32)
            pixels = 30 + pixels * (200 / 255)  # lower contrast
            pixels += rng.normal(0, 12, pixels.shape)
            specks = rng.random(pixels.shape) < 0.0006
            pixels[specks] = 40
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        encoded = io.BytesIO()
        if noisy:
            image.save(encoded, format="JPEG", quality=70)
        else:
            image.save(encoded, format="PNG", optimize=False)
        images.append(encoded.getvalue())
    pdf.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    out.write_bytes(img2pdf.convert(images, nodate=True, layout_fun=layout, engine=img2pdf.Engine.internal))
    return out


def pages_of(
    source: Path, out: Path, indexes: list[int], scanned: tuple[int, ...] = (), dpi: int = 200, seed: int = 3
) -> Path:
    """A PDF of the pages `indexes` (0-based) of `source`; those in `scanned` replaced by their
    noisy scan (a partly scanned issue)."""
    import pikepdf

    scans = {
        index: scan(source, out.with_suffix(f".scan{index}.pdf"), dpi=dpi, seed=seed + index, pages=[index])
        for index in scanned
    }
    with pikepdf.open(source) as original, pikepdf.new() as pdf:
        opened = []
        for index in indexes:
            if index in scans:
                image = pikepdf.open(scans[index])
                opened.append(image)
                pdf.pages.append(image.pages[0])
            else:
                pdf.pages.append(original.pages[index])
        pdf.save(out, deterministic_id=True)
        for image in opened:
            image.close()
    return out
