"""Lines -> paragraphs, from the page's geometry: one paragraph per output line.

Expects each page's lines in reading order with furniture removed. Guarantees every character of
every line in exactly one paragraph, in order. Two consecutive lines belong to one paragraph
when the first fills its column to the right edge, the second starts at the column's left edge
(no first-line indent, not centered), and both are set in the same face and size — across a
column or page break too. A line in a larger or bold face stands alone (a heading or title),
except that consecutive lines of one larger face and size, close together, are one title
wrapped over several lines. Fragments of one row (table cells, a 目录 page number set apart) are
joined with a tab, which the builder reads as a table row.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median

from builder.parse.pdf.layout import Line, Page
from builder.parse.pdf.textlayer import FRAGMENT_GAP
from builder.patterns.dates import DATE_LINE
from builder.patterns.docnumber import DOC_NUMBER_LINE
from builder.patterns.layout import ATTACHMENT_LIST
from builder.patterns.outline import starts_with_outline
from builder.patterns.toc import TOC_LEADERS_AND_PAGE, TOC_LEADERS_ONLY

#: a line ending within this many em of its column's right edge fills it
FULL_SLACK = 1.2
#: a line starting this many em right of its column's left edge is indented
INDENT = 0.8
#: font sizes within this ratio are the same face size
SAME_SIZE = 0.08
#: a title line is at least this much larger than the body text
TITLE_RATIO = 1.15


@dataclass(slots=True)
class Paragraph:
    text: str
    first_page: int  # 1-based PDF pages
    last_page: int
    title: bool = False  # set in a face larger than the body text's: a title or a heading
    page_start: bool = False  # begins with the first line of a page (where documents start)


@dataclass(slots=True)
class _Placed:
    line: Line
    page: Page
    column: tuple  # (columns on the page, column index or -1 when spanning, page parity)

    @property
    def tabular(self) -> bool:
        return self.line.table_row


def build_paragraphs(pages: list[Page]) -> list[Paragraph]:
    placed = [item for page in pages for item in _join_rows(page, _place(page))]
    if not placed:
        return []
    edges = _column_edges(placed)
    body = _body_size(placed)
    pitch = _line_pitch(placed, body)
    paragraphs: list[Paragraph] = []
    previous: _Placed | None = None
    opening: _Placed | None = None  # the current paragraph's first line
    for item in placed:
        if (
            previous is not None
            and _continues(previous, item, edges, body, pitch, opening is previous)
            and not _next_item(paragraphs[-1].text, item.line.text)
        ):
            last = paragraphs[-1]
            last.text += _joiner(last.text, item.line.text) + item.line.text
            last.last_page = item.page.number
        else:
            title = item.line.size >= TITLE_RATIO * body and not item.tabular
            page_start = previous is None or previous.page is not item.page
            grid = item.line.grid
            last_page = max(item.page.number, grid.last_page) if grid is not None else item.page.number
            paragraphs.append(Paragraph(item.line.text, item.page.number, last_page, title, page_start))
            opening = item
        previous = item
    return paragraphs


# --- columns ----------------------------------------------------------------------------------


def _gutter(page: Page) -> tuple[float, float] | None:
    """The white stripe between two columns: the widest run of x in the middle of the text
    crossed by at most a tenth of the lines, with at least three lines on each side."""
    lines = [line for line in page.lines if line.width > 0]
    if len(lines) < 6:
        return None
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    span = right - left
    size = median(line.size for line in lines)
    allowed = max(1, len(lines) // 10)
    best: tuple[float, float] | None = None
    start = None
    x = left + 0.3 * span
    step = 0.5
    while x <= left + 0.7 * span:
        crossing = sum(1 for line in lines if line.x0 < x < line.x1)
        if crossing <= allowed:
            start = x if start is None else start
        elif start is not None:
            best = max(best, (start, x), key=lambda g: g[1] - g[0]) if best else (start, x)
            start = None
        x += step
    if start is not None:
        best = max(best, (start, x), key=lambda g: g[1] - g[0]) if best else (start, x)
    if best is None or best[1] - best[0] < 0.6 * size:
        return None
    sides = [
        sum(1 for line in lines if line.x1 <= best[0] + size),
        sum(1 for line in lines if line.x0 >= best[1] - size),
    ]
    return best if min(sides) >= 3 else None


def _place(page: Page) -> list[_Placed]:
    gutter = _gutter(page)
    parity = page.number % 2
    if gutter is None:
        return [_Placed(line, page, (1, 0, parity)) for line in page.lines]
    placed = []
    for line in page.lines:
        if line.x1 <= gutter[1] and line.x1 <= (gutter[0] + gutter[1]) / 2 + line.size:
            index = 0
        elif line.x0 >= gutter[0] and line.x0 >= (gutter[0] + gutter[1]) / 2 - line.size:
            index = 1
        else:
            index = -1
        placed.append(_Placed(line, page, (2, index, parity)))
    return placed


def _join_rows(page: Page, placed: list[_Placed]) -> list[_Placed]:
    """Fragments of one row, consecutive in reading order and in one column, become one line
    with a tab between them."""
    out: list[_Placed] = []
    for item in placed:
        if out:
            last = out[-1]
            a, b = last.line, item.line
            same_row = abs(a.middle - b.middle) < 0.5 * min(a.height, b.height) and b.x0 > a.x1
            if same_row and last.column == item.column and a.grid is None and b.grid is None:
                cell = b.x0 - a.x1 > FRAGMENT_GAP * min(a.size, b.size)  # OCR boxes also split at word gaps
                last.line = Line(
                    a.text + ("\t" if cell else " ") + b.text,
                    a.x0,
                    min(a.top, b.top),
                    b.x1,
                    max(a.bottom, b.bottom),
                    a.size,
                    a.bold and b.bold,
                    a.table_row or b.table_row or cell,
                )
                continue
        out.append(item)
    return out


def _column_edges(placed: list[_Placed]) -> dict[tuple, tuple[float, float]]:
    """Left and right edge of each column slot, pooled over the pages that share it."""
    by_slot: dict[tuple, list[Line]] = defaultdict(list)
    for item in placed:
        if len(item.line.text) >= 4 and not item.tabular:
            by_slot[item.column].append(item.line)
            by_slot[item.column[:2]].append(item.line)
    edges = {}
    for slot, lines in by_slot.items():
        x0s = sorted(line.x0 for line in lines)
        edges[slot] = (x0s[len(x0s) // 10], _right_edge(lines))
    return edges


def _right_edge(lines: list[Line]) -> float:
    """Where full lines end: the most common line end (justified text, or a fixed-pitch CJK
    measure), above lines that end a paragraph early and below punctuation hung in the margin."""
    ends = Counter(round(line.x1) for line in lines)
    common, count = ends.most_common(1)[0]
    x1s = sorted(line.x1 for line in lines)
    if count >= max(3, len(lines) // 5):
        return max(x for x in x1s if round(x) == common)
    return x1s[min(len(x1s) - 1, (len(x1s) * 3) // 4)]


def _edges(item: _Placed, edges: dict) -> tuple[float, float]:
    slot = item.column
    if slot in edges and len(slot) == 3:
        return edges[slot]
    if slot[:2] in edges:
        return edges[slot[:2]]
    line = item.line
    return line.x0, line.x1


def _line_pitch(placed: list[_Placed], body: float) -> float:
    """The distance from one body line's top to the next one's inside a paragraph: a low
    quantile, as the pairs of lines across a paragraph space may well be the majority."""
    pitches = sorted(
        b.line.top - a.line.top
        for a, b in itertools.pairwise(placed)
        if a.page is b.page
        and a.column == b.column
        and abs(a.line.size - body) < 0.5
        and abs(b.line.size - body) < 0.5
        and b.line.top > a.line.top
    )
    return pitches[len(pitches) // 5] if pitches else 1.6 * body


def _body_size(placed: list[_Placed]) -> float:
    sizes: Counter[float] = Counter()
    for item in placed:
        sizes[round(item.line.size * 2) / 2] += len(item.line.text)
    return sizes.most_common(1)[0][0]


# --- joining ----------------------------------------------------------------------------------


def _same_face(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= SAME_SIZE * max(a.size, b.size) and a.bold == b.bold


def _centered(line: Line, left: float, right: float) -> bool:
    before, after = line.x0 - left, right - line.x1
    return before > 2 * line.size and abs(before - after) < 1.5 * line.size


def _continues(previous: _Placed, item: _Placed, edges: dict, body: float, pitch: float, first_line: bool) -> bool:
    """Whether `item` goes on the paragraph `previous` is the last line of (`first_line`: and
    also its first)."""
    a, b = previous.line, item.line
    if previous.tabular or item.tabular or not _same_face(a, b) or TOC_LEADERS_AND_PAGE.search(a.text):
        return False
    a_left, a_right = _edges(previous, edges)
    b_left, b_right = _edges(item, edges)
    same_flow = previous.page is item.page and previous.column == item.column
    if a.size >= TITLE_RATIO * body:  # a title wrapped over lines: one face, close together
        return same_flow and 0 < b.top - a.top < 2.2 * a.size
    if TOC_LEADERS_ONLY.match(b.text):  # a 目录 entry whose leaders and page number wrapped
        return True
    if DOC_NUMBER_LINE.match(b.text) or DATE_LINE.match(b.text):  # a 文号 or a date is a line of its own
        return False
    if a.x1 < a_right - FULL_SLACK * a.size:
        return False
    if a.x0 > a_left + 3 * a.size:  # right-aligned or centered (past any first-line indent): a line of its own
        return False
    if b.x0 > b_left + INDENT * b.size and not _centered(b, b_left, b_right):
        return False
    # a centered line after a full line starts a title, unless that full line opened its
    # paragraph flush left (no indent): then both are one centered paragraph wrapped
    if _centered(b, b_left, b_right):
        return first_line and a.x0 <= a_left + INDENT * a.size
    # a space between paragraphs ends one
    return not (same_flow and b.top - a.top > pitch + 0.4 * a.size)


def _next_item(paragraph: str, line: str) -> bool:
    """A numbered item whose line happened to fill the column, then the next item of the list
    (附件：1.…… / 2.……): the number starts a new paragraph."""
    listed = ATTACHMENT_LIST.match(paragraph)
    head = listed["rest"] if listed else paragraph
    return starts_with_outline(head) and starts_with_outline(line)


def _joiner(before: str, after: str) -> str:
    """Lines of Chinese join without a space; two Latin words or numbers keep one."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return " "
    return ""
