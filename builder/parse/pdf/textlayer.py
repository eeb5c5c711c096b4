"""The PDF's own text layer: characters with their boxes and fonts, cut into lines (pypdfium2).

Characters come in content-stream order. A new line starts where the next character leaves the
current line's baseline, jumps backwards, or follows a gap wider than `FRAGMENT_GAP` em (a table
cell, the next column, a page number set off to the side): those fragments are re-joined later,
from geometry (builder.parse.pdf.paragraphs). Runs drawn apart that interleave along one baseline
(glyphs a typesetter set in a fallback face and drew out of order) are merged first. Loose
character boxes are used: tight glyph boxes of 一, 、 and ， sit off the baseline and would break
lines apart.
"""

from __future__ import annotations

import ctypes
import itertools
from statistics import median

from builder.parse.pdf.layout import Line, Page, PageSource
from builder.parse.pdf.tables import page_rules, rebuild_tables

#: a horizontal gap wider than this many em starts a new fragment
FRAGMENT_GAP = 1.6
#: runs drawn out of order are gathered across gaps up to this many em (a few glyphs drawn later)
LOOSE_GAP = 4.0
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
    lines = (_make_line(run) for run in _rejoin_drawn_out_of_order(_runs(chars, rules), rules))
    return [line for line in lines if line.text.strip()]


def _runs(chars, rules) -> list[list]:
    """Characters in stream order -> runs of them along one baseline, cut where the next character
    leaves the baseline, jumps backwards, changes face beside a gap, crosses a rule or follows a
    gap wider than `FRAGMENT_GAP` em."""
    runs: list[list] = []
    current: list = []
    for char in chars:
        text, x0, _top, _x1, _bottom, size, _ = char
        if text.isspace():
            continue
        if current:
            last = current[-1]
            off_baseline = not _on_baseline(current, char)
            backwards = x0 < last[1] - 0.2 * size
            gap = x0 - last[3]
            ruled = _ruled(last, char, rules)
            small = min(size, last[5])
            other_face = abs(size - last[5]) > 0.2 * small and gap > SPACE_GAP * small  # a title beside a column
            if off_baseline or backwards or ruled or other_face or gap > FRAGMENT_GAP * small:
                runs.append(current)
                current = []
        current.append(char)
    if current:
        runs.append(current)
    return runs


def _on_baseline(line: list, char) -> bool:
    """Whether `char`'s middle lies within the height of the characters of `line`, give or take a
    quarter of it."""
    top, bottom = min(c[2] for c in line), max(c[4] for c in line)
    height = max(bottom - top, char[4] - char[2], 1.0)
    return top - 0.25 * height <= (char[2] + char[4]) / 2 <= bottom + 0.25 * height


def _ruled(left, right, rules) -> bool:
    """Whether a vertical rule stands between characters `left` and `right` (a table's cell wall)."""
    middle = (right[2] + right[4]) / 2
    return any(left[3] - 1 <= x <= right[1] + 1 and y0 <= middle <= y1 for y0, y1, x in rules)


def _rejoin_drawn_out_of_order(runs: list[list], rules) -> list[list]:
    """Runs drawn one after the other along one baseline whose characters interleave become one
    run, in x order: glyphs a typesetter set in a fallback face and drew apart from their line
    (LibreOffice draws the “ ” a title's Hei face lacks after the rest, or a closing ” ahead of the
    words it closes). Consecutive runs of one face and baseline that overlap nowhere, with no rule
    and no gap wider than `LOOSE_GAP` em between, are gathered; the gathered characters are then
    cut again at gaps wider than `FRAGMENT_GAP` em. Where that gives back as many runs as were
    gathered, nothing interleaved and the runs stay as drawn (two columns, cells, a title beside a
    column)."""
    groups: list[list[list]] = []
    for run in runs:
        if groups and _gathers(groups[-1], run, rules):
            groups[-1].append(run)
        else:
            groups.append([run])
    out: list[list] = []
    for group in groups:
        pieces = _cut_at_gaps(sorted((c for r in group for c in r), key=lambda c: c[1]), rules)
        out.extend(group if len(pieces) == len(group) else pieces)
    return out


def _gathers(group: list[list], run: list, rules) -> bool:
    """Whether `run` goes with the runs of `group`: one face, one baseline, no character on
    another, no rule and no gap wider than `LOOSE_GAP` em between neighbours."""
    gathered = [c for r in group for c in r]
    size = median(c[5] for c in gathered)
    if abs(median(c[5] for c in run) - size) > 0.2 * size:
        return False
    if not all(_on_baseline(gathered, c) for c in run):
        return False
    merged = sorted([*gathered, *run], key=lambda c: c[1])
    return all(
        -0.15 * size <= right[1] - left[3] <= LOOSE_GAP * size and not _ruled(left, right, rules)
        for left, right in itertools.pairwise(merged)
    )


def _cut_at_gaps(chars: list, rules) -> list[list]:
    """Characters in x order -> pieces, cut at gaps wider than `FRAGMENT_GAP` em and at rules."""
    pieces = [[chars[0]]]
    for left, right in itertools.pairwise(chars):
        if right[1] - left[3] > FRAGMENT_GAP * min(left[5], right[5]) or _ruled(left, right, rules):
            pieces.append([])
        pieces[-1].append(right)
    return pieces


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
