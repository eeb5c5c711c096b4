"""The PDF's own text layer: characters with their boxes and fonts, cut into lines (pypdfium2).

Characters come in content-stream order. A new line starts where the next character leaves the
current line's baseline, jumps backwards, or follows a gap wider than `FRAGMENT_GAP` em (a table
cell, the next column, a page number set off to the side): those fragments are re-joined later,
from geometry (builder.parse.pdf.paragraphs). Loose character boxes are used: tight glyph boxes of 一,
、 and ， sit off the baseline and would break lines apart.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
from statistics import median

from builder.parse.pdf.layout import Line, Page, PageSource
from builder.parse.pdf.tables import page_rules, rebuild_tables

#: a horizontal gap wider than this many em starts a new fragment
FRAGMENT_GAP = 1.6
#: a gap wider than this many em is kept as a space
SPACE_GAP = 0.3
#: a font weight from this on (or a Hei/bold face) counts as bold
BOLD_WEIGHT = 500
_BOLD_NAMES = ("bold", "hei", "black", "heavy", "黑", "xbs", "xiaobiaosong", "小标宋")


def open_pdf(data: bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def page_labels(pdf) -> list[str | None]:
    """The PDF's page labels (`/PageLabels`), None where it has none."""
    labels = []
    for index in range(len(pdf)):
        try:
            label = pdf.get_page_label(index)
        except Exception:  # a broken label tree is not worth refusing the file for
            label = ""
        labels.append(label or None)
    return labels


def has_images(page) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def read_page(pdf, index: int) -> Page:
    """Page `index` (0-based) of an open `PdfDocument` as positioned lines, in stream order."""
    import pypdfium2.raw as raw

    page = pdf[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = []
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage.raw, i):
            continue
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        size = raw.FPDFText_GetFontSize(textpage.raw, i) or (top - bottom)
        weight = raw.FPDFText_GetFontWeight(textpage.raw, i)
        raw.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), ctypes.byref(flags))
        font = name.value.decode("latin-1").lower()
        bold = weight >= BOLD_WEIGHT or any(part in font for part in _BOLD_NAMES) or bool(flags.value & (1 << 18))
        chars.append((chr(code), left, height - top, right, height - bottom, size, bold))
    horizontal, vertical = page_rules(page, height)
    lines = rebuild_tables(_lines(chars, vertical), horizontal, vertical, index + 1)
    return Page(index + 1, width, height, lines, PageSource.TEXT)


def _lines(chars, rules=()) -> list[Line]:
    """Characters -> lines; `rules` (vertical rules, y0, y1, x) also cut lines: table cells."""
    lines: list[Line] = []
    current: list = []

    def flush():
        if current:
            line = _make_line(current)
            if line.text.strip():
                lines.append(line)
            current.clear()

    for char in chars:
        text, x0, top, _x1, bottom, size, _ = char
        if text.isspace():
            continue
        if current:
            last = current[-1]
            line_top = min(c[2] for c in current)
            line_bottom = max(c[4] for c in current)
            height = max(line_bottom - line_top, bottom - top, 1.0)
            middle = (top + bottom) / 2
            off_baseline = not (line_top - 0.25 * height <= middle <= line_bottom + 0.25 * height)
            backwards = x0 < last[1] - 0.2 * size
            gap = x0 - last[3]
            ruled = any(last[3] - 1 <= x <= x0 + 1 and y0 <= middle <= y1 for y0, y1, x in rules)
            small = min(size, last[5])
            other_face = abs(size - last[5]) > 0.2 * small and gap > SPACE_GAP * small  # a title beside a column
            if backwards and not off_baseline and _fills_a_gap(current, char):
                bisect.insort(current, char, key=lambda c: c[1])
                continue
            if off_baseline or backwards or ruled or other_face or gap > FRAGMENT_GAP * small:
                flush()
        current.append(char)
    flush()
    return lines


def _fills_a_gap(line: list, char) -> bool:
    """Whether `char`, drawn after the line it sits on, falls into an empty stretch between two of
    the line's characters: a glyph the typesetter set in a fallback font and drew last (LibreOffice
    draws a title's “ ” that its Hei face lacks after the whole line). Its place is that gap, not a
    line of its own (nor a table cell between two characters a word apart)."""
    left, right = char[1], char[3]
    tolerance = 0.15 * max(char[5], 1.0)
    before = [c for c in line if c[3] <= left + tolerance]
    after = [c for c in line if c[1] >= right - tolerance]
    if not before or not after or len(before) + len(after) != len(line):
        return False
    gap = min(c[1] for c in after) - max(c[3] for c in before)
    return gap <= FRAGMENT_GAP * max(char[5], 1.0)  # inside a run of text, not across a cell's gap


def _make_line(chars) -> Line:
    parts = [chars[0][0]]
    for previous, char in itertools.pairwise(chars):
        gap = char[1] - previous[3]
        if gap > SPACE_GAP * max(char[5], 1.0):
            parts.append(" ")
        parts.append(char[0])
    sizes = [c[5] for c in chars]
    bold = sum(1 for c in chars if c[6]) > len(chars) / 2
    return Line(
        "".join(parts),
        min(c[1] for c in chars),
        min(c[2] for c in chars),
        max(c[3] for c in chars),
        max(c[4] for c in chars),
        round(median(sizes), 1),
        bold,
    )
