"""Stage 1b, columns: text a converter wrote from two-column pages is put back in reading order, or refused.

pdftotext's `-layout` mode keeps each printed line's place: on a two-column page the left column's
line and the right column's line beside it share a text line, the right one always starting at the
same character position (the gutter). When (nearly) every line of a page leaves that white stripe
free and enough prose lines lie on each side of it, the page is certain: each run of lines is read left column first, then right column (a line
crossing the stripe, a title or a header spanning both columns, stays where it is).

Without such a stripe the order is lost: pdftotext's plain mode, and other converters, interleave
the columns of a page with wide leading. A text with form feeds (a converter's page breaks) whose
pages are set in narrow columns is then refused in one line that asks for the PDF; interleaved text
is never published silently. Space-aligned tables are left alone: a stripe must be crossed by no
line of a prose run, and the two sides must be prose (no wide gap inside either side).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.errors import InputError
from builder.patterns.spacing import (
    HEADER_GAP,
    LONE_LAST_CHARACTER,
    ONE_LEADING_SPACE,
    PROSE_MARK,
    SENTENCE_PUNCT,
    WIDE_GAP,
)

FORM_FEED = "\f"
#: a two-column page has at least this many prose lines on each side of the stripe
MIN_TWO_SIDED = 6
#: ... and together at least this share of its text lines (a document may end a few lines down the
#: right column)
MIN_TWO_SIDED_SHARE = 0.3
#: a column's prose line is at least this wide (Han characters)
MIN_SIDE = 7
#: the stripe left free between the columns, in characters
STRIPE = 2
#: a line whose wide gap ends this close to the gutter divides there
GUTTER_SLACK = 8
#: each end of a running header is at most this many characters
HEADER_END = 14
#: a page set in columns: its usual line is at most this wide (Han characters) ...
NARROW = 24
#: ... or at most this share of the widest pages' usual line
NARROW_SHARE = 0.62
#: pages (with at least MIN_PAGE_LINES text lines) that must look columnar before a text is refused,
#: and their least share of the pages whose prose has a measure
MIN_NARROW_PAGES = 2
NARROW_SHARE_OF_PAGES = 0.25
MIN_PAGE_LINES = 10
#: a text is set in columns when at least this share of its full pages has a gutter
SET_IN_COLUMNS = 0.1
#: a line crossing the stripe between column runs whose lengths differ by more than this many lines
#: (and this share of the longer) is misplaced, not a title between two column blocks
UNEVEN = 2
UNEVEN_SHARE = 0.25
#: a right column's line of prose beside a table's row: at least this wide, with a comma or a stop
COLUMN_PROSE = 10
#: a page's first or last line this many blank lines away from the text is furniture apart from it
APART = 2
#: a vertical banner: at least this many lines end in one character this far right of the gutter
MIN_BANNER_LINES = 3
BANNER_FROM = 10


def unfold_columns(text: str, path: str | Path = "<input>") -> str:
    """`text` with its two-column pages read column by column; unchanged when it has none.

    Raises `InputError` when the text comes page by page from a converter, its pages are set in
    columns, and the columns cannot be told apart with certainty."""
    if FORM_FEED not in text:
        return text
    pages = text.split(FORM_FEED)
    narrow = set(_narrow_pages(pages))
    gutters = [_gutter(page.split("\n")) for page in pages]
    laid_out = _laid_out(pages)
    known = _known_gutters(pages, gutters) if laid_out else []
    if known:  # a page with a line or two in its right column takes the gutter of the other pages
        gutters = [
            gutter if gutter is not None else _borrowed(page.split("\n"), known)
            for page, gutter in zip(pages, gutters, strict=True)
        ]
    lost = sorted(
        n for n in narrow if gutters[n - 1] is None and (not laid_out or _right_column(pages[n - 1].split("\n")))
    )
    measured = sum(measure(page.split("\n")) is not None for page in pages)
    read = [
        _read_columns(page.split("\n"), gutter) if gutter is not None else None
        for page, gutter in zip(pages, gutters, strict=True)
    ]
    # a laid-out page set in two columns is read with certainty or the text is refused
    doubtful = [n for n, page in enumerate(pages, 1) if laid_out and _doubtful(page.split("\n"), read[n - 1], known)]
    if doubtful or len(lost) >= max(
        MIN_NARROW_PAGES, NARROW_SHARE_OF_PAGES * measured
    ):  # (a few table pages are not columns)
        pages_lost = sorted({*lost, *doubtful})
        shown = ", ".join(str(n) for n in pages_lost[:5]) + (" …" if len(pages_lost) > 5 else "")
        raise InputError(
            f"the text interleaves two columns (pages {shown} are set in two columns and their lines "
            "cannot be put back in order); add the issue's PDF instead: gongbao add issue.pdf",
            path,
        )
    text = FORM_FEED.join(page if columns is None else columns.text for page, columns in zip(pages, read, strict=True))
    # a laid-out line's leading space is where its centering put it, not the page-start mark some
    # converters write (see cleaning.PageStarts)
    return ONE_LEADING_SPACE.sub("", text) if laid_out else text


def _laid_out(pages: list[str]) -> bool:
    """Whether the text keeps the lines' places (pdftotext -layout): most pages indent some line far."""
    indented = sum(any(len(line) - len(line.lstrip(" ")) >= 12 for line in page.split("\n")) for page in pages)
    return indented * 2 >= len(pages)


def _right_column(lines: list[str]) -> bool:
    """Whether a laid-out page has text in a right column (lines starting past the middle), the
    header and footer lines aside."""
    texts = [line.rstrip() for line in lines if line.strip()][2:-2]
    if not texts:
        return False
    middle = max(len(line) for line in texts) / 2
    return sum(len(line) - len(line.lstrip(" ")) >= max(12, middle) for line in texts) >= 3


def width(text: str) -> float:
    """Display width in Han characters (a Latin letter or digit is half)."""
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in text)


def _free(line: str, gutter: int) -> bool:
    """Whether the stripe left of `gutter` is blank in `line` (or the line ends before it)."""
    return not line[max(0, gutter - STRIPE) : gutter].strip()


def _sides(line: str, gutter: int) -> tuple[str, str]:
    return line[: gutter - STRIPE].strip(), line[gutter:].strip() if len(line) > gutter else ""


def _gutter(lines: list[str]) -> int | None:
    """The character position of a page's right column, when its prose runs in two columns: a
    stripe no line crosses, with prose lines on both sides of it (on one line or, as pdftotext
    often writes them, on alternate lines)."""
    texts = [line.rstrip() for line in lines if line.strip()]
    if len(texts) < 2 * MIN_TWO_SIDED:
        return None
    longest = max(len(line) for line in texts)
    valid: list[tuple[int, int]] = []
    for gutter in range(8, longest - 4):
        lefts = rights = crossing = 0
        for line in texts:
            if not _free(line, gutter):
                crossing += 1
                continue
            left, right = _sides(line, gutter)
            if WIDE_GAP.search(left) or WIDE_GAP.search(right):
                continue  # a table row, or a header's two ends
            lefts += width(left) >= MIN_SIDE  # (a table's cells are narrower)
            rights += width(right) >= MIN_SIDE
        evidence = min(lefts, rights)
        if crossing * 10 > len(texts) or evidence < max(MIN_TWO_SIDED, MIN_TWO_SIDED_SHARE * len(texts) / 2):
            continue
        valid.append((gutter, evidence))
    if not valid:
        return None
    most = max(evidence for _, evidence in valid)
    best = [gutter for gutter, evidence in valid if evidence >= 0.9 * most]
    middle = best[len(best) // 2]
    # the stripe's right edge, where the right column starts: a line of the left column whose end
    # runs past the middle of the stripe (a right-set date, its digits spaced) stays in it
    edge = middle
    while edge + 1 in dict(valid):
        edge += 1
    return edge


def _inner(lines: list[str]) -> list[str]:
    """A page's text lines but a running header and footer (its first and last line, when short ends)."""
    live = [line.rstrip() for line in lines if line.strip()]
    return [line for n, line in enumerate(live) if n not in (0, len(live) - 1) or not _header_ends(line)]


def _borrowed(lines: list[str], known: list[int]) -> int | None:
    """The widest of the other pages' gutters that every line of this page (a running header and footer
    aside) divides at, when the page has a full left column, some text right of that gutter and no
    table's row (two wide gaps)."""
    inner = _inner(lines)
    if any(len(WIDE_GAP.findall(line.strip())) > 1 for line in inner):
        return None
    for gutter in known:
        points = [_split_point(line, gutter) for line in inner]
        if any(point is None or abs(point - gutter) > STRIPE for point in points):
            continue  # (a stripe of its own, not the other pages' gutter)
        sides = [
            (line[: (point or gutter) - STRIPE].strip(), line[point or gutter :].strip())
            for line, point in zip(inner, points, strict=True)
        ]
        if sum(width(left) >= MIN_SIDE for left, _ in sides) >= MIN_TWO_SIDED and any(right for _, right in sides):
            return gutter
    return None


def _split_point(line: str, gutter: int) -> int | None:
    """Where `line` divides into its left and right column: at the gutter when the stripe is free,
    else at a wide gap within `GUTTER_SLACK` characters of it (a right-aligned date in the left
    column runs into the stripe); None when the line crosses it (a title or header spanning both)."""
    if _free(line, gutter):
        return gutter
    for gap in WIDE_GAP.finditer(line):
        if abs(gap.end() - gutter) <= (GUTTER_SLACK if gap.start() > 0 else STRIPE):
            return gap.end()  # (a right column's line alone, set a character or two early)
    return None


def _header_ends(line: str) -> bool:
    """Whether `line` is a running header's two short ends far apart (政府办文件 … 某某县人民政府公报),
    or one short piece alone (a footer: — 3 —)."""
    parts = WIDE_GAP.split(line.strip())
    if len(parts) == 1:
        return len(parts[0]) <= HEADER_END
    return len(parts) == 2 and bool(HEADER_GAP.search(line.strip())) and all(len(p) <= HEADER_END for p in parts)


@dataclass
class ColumnsRead:
    """A two-column page read column by column, and what makes that reading uncertain."""

    text: str
    uneven: bool = False  # a line crosses the stripe between column runs of uneven length, or a
    # table's row in the left column sits beside the right column's prose
    banner: bool = False  # characters of a vertical banner are glued to the right column's lines


def _read_columns(lines: list[str], gutter: int) -> ColumnsRead:
    """A page's lines, each run of lines that leave the stripe free read left column then right; a line
    across the stripe (a title) or a table's row with cells on both sides stays whole where it is; the
    page's first and last line stay whole when they hold the two far ends of a running header, or
    stand apart from the text (a footer below the left column)."""
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    uneven = False

    def flush(before_a_line: bool = False) -> None:
        nonlocal uneven
        lefts, rights = sum(bool(x.strip()) for x in left), sum(bool(x.strip()) for x in right)
        if before_a_line and lefts and rights and abs(lefts - rights) > max(UNEVEN, UNEVEN_SHARE * max(lefts, rights)):
            uneven = True  # (a title between two column blocks follows columns of about equal length)
        out.extend(left)
        indent = min((len(r) - len(r.lstrip(" ")) for r in right if r.strip()), default=0)
        out.extend(r[indent:] for r in right)
        left.clear()
        right.clear()

    live = [n for n, line in enumerate(lines) if line.strip()]
    ends = {live[0], live[-1]} if live else set()
    apart = {n for n in ends if _set_apart(lines, n)}
    for number, line in enumerate(lines):
        line = line.rstrip()
        point = _split_point(line, gutter)
        a = line[: max(0, (point or gutter) - STRIPE)].rstrip()
        b = line[point or gutter :]
        row = point is not None and bool(WIDE_GAP.search(a.strip())) and bool(b.strip())  # a table's cells
        if row and SENTENCE_PUNCT.search(b) and width(b.strip()) >= COLUMN_PROSE:
            uneven = True  # (a table in the left column beside the right column's prose: no order is certain)
        if line.strip() and (point is None or row or (number in ends and (_header_ends(line) or number in apart))):
            flush(before_a_line=point is None and number not in ends)
            out.append(line)
            continue
        if not a.strip() and not b.strip():
            left.append("")
            continue
        if a.strip():
            left.append(a)
        if b.strip():
            right.append(b)
    flush()
    if lines and not lines[-1].strip():
        out.append("")  # the page's last line break, before the next page's form feed
    return ColumnsRead("\n".join(out), uneven=uneven, banner=_banner(lines, gutter))


def _set_apart(lines: list[str], number: int) -> bool:
    """Whether the line `number` (the page's first or last) stands apart from the text: blank lines
    between it and the text, as between a footer and the columns above it."""
    step = 1 if number == max(n for n, line in enumerate(lines) if line.strip()) else -1
    blanks = 0
    index = number - step
    while 0 <= index < len(lines) and not lines[index].strip():
        blanks += 1
        index -= step
    return blanks >= APART and 0 <= index < len(lines)


def _banner(lines: list[str], gutter: int) -> bool:
    """Whether a vertical banner stands in the outer margin right of the right column: lines ending
    in one character set apart by a space, far into the right column (…建立 克 / …保障。   什)."""
    lone = [
        m.start(1)
        for line in lines
        if (m := LONE_LAST_CHARACTER.search(line.rstrip())) and m.start(1) >= gutter + BANNER_FROM
    ]
    return len(lone) >= MIN_BANNER_LINES


def _known_gutters(pages: list[str], gutters: list[int | None]) -> list[int]:
    """The gutters of a text set in two columns (a tenth of its full pages have one, the others may
    hold a document's few last lines), widest first; none for a text in one column whose table
    pages show a stripe."""
    full = [n for n, page in enumerate(pages) if sum(bool(line.strip()) for line in page.split("\n")) >= MIN_PAGE_LINES]
    if sum(gutters[n] is not None for n in full) < max(MIN_NARROW_PAGES, SET_IN_COLUMNS * len(full)):
        return []
    return sorted({gutter for gutter in gutters if gutter is not None}, reverse=True)


def _doubtful(lines: list[str], read: ColumnsRead | None, known: list[int]) -> bool:
    """Whether a laid-out page is set in two columns that cannot be read with certainty: no gutter
    though its lines hold two prose columns (or, in a text set in columns, a line with text on each
    side of the gutter), or a gutter and a reading made uncertain."""
    if read is not None:
        return read.uneven or read.banner
    for line in [line.rstrip() for line in lines if line.strip()][1:-1]:  # (a header's or footer's ends aside)
        parts = WIDE_GAP.split(line.strip())
        right = len(line) - len(parts[-1])
        if (
            len(parts) == 2
            and all(width(part) >= MIN_SIDE for part in parts)
            and any(abs(right - g) <= GUTTER_SLACK for g in known)
        ):
            return True
    two_sided = 0
    texts = [line for line in lines if line.strip()]
    for line in texts:
        parts = WIDE_GAP.split(line.strip())
        indent = len(line) - len(line.lstrip(" "))
        two_sided += len(parts) >= 2 and indent <= 4 and all(width(part) >= 8 for part in parts[:2])
    return two_sided >= max(MIN_TWO_SIDED, MIN_TWO_SIDED_SHARE * len(texts))  # (a table's rows seldom are)


def measure(lines: list[str]) -> float | None:
    """A page's measure: the width most of its prose lines share (justified lines fill the column),
    or None when too few prose lines share one (a table, whose cells seldom hold a comma; a cover)."""
    prose = [line.strip() for line in lines if width(line.strip()) >= 8 and not WIDE_GAP.search(line.strip())]
    widths = [round(width(line)) for line in prose if PROSE_MARK.search(line)]
    if len(widths) < MIN_PAGE_LINES or len(widths) * 2 < len(prose):
        return None
    best = max(set(widths), key=lambda w: (sum(abs(x - w) <= 1 for x in widths), w))
    shared = sum(abs(x - best) <= 1 for x in widths)
    return float(best) if shared >= max(5, 0.3 * len(widths)) else None


def _narrow_pages(pages: list[str]) -> list[int]:
    """Pages whose prose lines share a narrow measure: set in columns."""
    measures = {n: m for n, page in enumerate(pages, 1) if (m := measure(page.split("\n"))) is not None}
    if not measures:
        return []
    widest = max(measures.values())
    return [n for n, m in measures.items() if m <= NARROW or m <= NARROW_SHARE * widest]
