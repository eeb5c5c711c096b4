"""Page furniture: running headers and footers, page numbers, margin banners.

Found by position and repetition across the document's pages, never by what a gazette prints:

1. a line in the top or bottom band whose key (Han characters, `#` per digit run) recurs at the
   same height on at least `RECUR_SHARE` of the pages is a running header or footer;
2. a bare number in those bands (`— 2 —`, `- 12 -`, `第3页`) is a page number;
3. a line whose center lies outside the body's horizontal extent (pooled over the document from
   lines of at least 4 characters) is in the margin: a banner or a marginal note;
4. a vertical line (box much taller than wide) or a stack of one-character lines sharing an x is
   a vertical banner.

The footer and header numbers also tell each page's printed number (`printed_numbers`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from builder.model import Noise
from builder.parse.pdf.layout import Line, Page, han_count
from builder.patterns.characters import CJK_CHAR, DIGIT_RUN
from builder.patterns.layout import BARE_PAGE_NUMBER

BAND = 0.10  # top and bottom share of the page height where headers and footers live
RECUR_SHARE = 0.4  # a running line is on at least this share of the pages (and on 2 or more)
SAME_HEIGHT = 0.03  # two running lines are the same when their heights differ by less than this share
SIMILAR = 0.8  # ... and their keys are this similar (OCR reads 2023·2 as 2023.2 or 2023:2)


@dataclass(frozen=True, slots=True)
class Dropped:
    page: int  # 1-based PDF page
    kind: Noise  # running header/footer, page number / running footer, vertical banner
    text: str
    in_band: bool  # in the header/footer band: its numbers may be the printed page number


def _key(text: str) -> str:
    text = DIGIT_RUN.sub("#", text)
    return "".join(ch for ch in text if ch == "#" or CJK_CHAR.match(ch))


def _in_band(line: Line, page: Page) -> str | None:
    if line.bottom <= page.height * BAND:
        return "top"
    if line.top >= page.height * (1 - BAND):
        return "bottom"
    return None


def drop_furniture(pages: list[Page]) -> list[Dropped]:
    """Remove furniture from `pages` (in place) and return what was removed, page by page."""
    dropped: list[Dropped] = []
    running = _running_lines(pages)
    extent = _body_extent(pages)
    for page in pages:
        keep: list[Line] = []
        stacked = _stacked_singles(page)
        for index, line in enumerate(page.lines):
            band = _in_band(line, page)
            kind: Noise | None = None
            if band and (id(line) in running):
                kind = Noise.RUNNING_HEADER if band == "top" else Noise.PAGE_NUMBER
            elif band and BARE_PAGE_NUMBER.match(line.text):
                kind = Noise.PAGE_NUMBER
            elif _vertical(line) or index in stacked or _outside(line, extent):
                kind = Noise.VERTICAL_BANNER
            if kind is None:
                keep.append(line)
            else:
                dropped.append(Dropped(page.number, kind, line.text, band is not None))
        page.lines = keep
    return dropped


def _running_lines(pages: list[Page]) -> set[int]:
    """ids of band lines that recur, by key and height, on enough pages."""
    candidates = [(page, line, _key(line.text)) for page in pages for line in page.lines if _in_band(line, page)]
    clusters: list[list[tuple[Page, Line, str]]] = []
    for candidate in candidates:
        page, line, key = candidate
        if not key:
            continue
        for cluster in clusters:
            other_page, other, other_key = cluster[0]
            same_height = abs(line.middle / page.height - other.middle / other_page.height) <= SAME_HEIGHT
            if same_height and SequenceMatcher(None, key, other_key, autojunk=False).ratio() >= SIMILAR:
                cluster.append(candidate)
                break
        else:
            clusters.append([candidate])
    needed = max(2, RECUR_SHARE * len(pages))
    running: set[int] = set()
    for cluster in clusters:
        if len({page.number for page, _, _ in cluster}) >= needed:
            running.update(id(line) for _, line, _ in cluster)
    # the other half of a running header: the section a run of pages is in (政府文件 beside the
    # gazette's name), on fewer pages (one, for a short section), always in a running line's row
    for cluster in clusters:
        if all(_beside_running(page, line, running) for page, line, _ in cluster):
            running.update(id(line) for _, line, _ in cluster)
    return running


def _beside_running(page: Page, line: Line, running: set[int]) -> bool:
    """Whether `line` shares its row on `page` with a running header or footer."""
    return any(
        id(other) in running and other is not line and abs(other.middle - line.middle) <= line.size / 2
        for other in page.lines
    )


def _body_extent(pages: list[Page]) -> tuple[float, float] | None:
    """Leftmost and rightmost x of horizontal lines of 4+ characters outside the bands."""
    spans = [
        (line.x0, line.x1)
        for page in pages
        for line in page.lines
        if len(line.text.strip()) >= 4 and not _vertical(line) and not _in_band(line, page)
    ]
    if not spans:
        return None
    return min(x0 for x0, _ in spans), max(x1 for _, x1 in spans)


def _outside(line: Line, extent: tuple[float, float] | None) -> bool:
    if extent is None:
        return False
    center = (line.x0 + line.x1) / 2
    return center < extent[0] - line.size / 2 or center > extent[1] + line.size / 2


def _vertical(line: Line) -> bool:
    """Set top to bottom (a table row with tall cells is not)."""
    return not line.table_row and len(line.text.strip()) >= 2 and line.height > 2.5 * max(line.width, 1.0)


def _stacked_singles(page: Page) -> set[int]:
    """Indexes of one-Han-character lines stacked three or more high at the same x, near the
    page's edge (a one-character table column in the body is not a banner)."""
    singles = [
        (i, line)
        for i, line in enumerate(page.lines)
        if han_count(line.text) == 1
        and len(line.text.strip()) == 1
        and min(line.x0, page.width - line.x1) < 0.15 * page.width
    ]
    stacked: set[int] = set()
    for _, line in singles:
        column = [j for j, other in singles if abs(other.x0 - line.x0) < line.size / 2]
        if len(column) >= 3:
            stacked.update(column)
    return stacked


def printed_numbers(pages: list[Page], dropped: list[Dropped], labels: list[str | None]) -> list[int | None]:
    """Each page's printed page number: from numeric PDF page labels when the PDF has them,
    else from the numbers in its dropped headers and footers, the reading that makes most pages
    agree on one offset to the PDF page index (so `2023·2 - 12 -` gives 12, not 2023 or 2).
    Pages between two numbered pages that print none get the number the offset gives them."""
    numeric = [int(label) if label and label.isdigit() else None for label in labels]
    if sum(n is not None for n in numeric) >= max(1, len(pages) // 2):
        return numeric
    candidates: dict[int, set[int]] = {}
    for item in dropped:
        if item.in_band:
            candidates.setdefault(item.page, set()).update(int(n) for n in DIGIT_RUN.findall(item.text) if len(n) <= 4)
    votes = Counter(page - number for page, numbers in candidates.items() for number in numbers)
    if not votes:
        return [None] * len(pages)
    offset, count = votes.most_common(1)[0]
    if count < 2 and len(pages) > 1:
        return [None] * len(pages)
    found = [page.number for page in pages if page.number - offset in candidates.get(page.number, ())]
    first, last = min(found), max(found)
    return [
        page.number - offset if first <= page.number <= last and page.number - offset >= 1 else None for page in pages
    ]
