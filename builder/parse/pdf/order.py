"""Reading order of a page's lines.

The producer's content-stream order is kept when it reads top-down within columns (it handles
tables and odd layouts best); some typesetting software writes text objects out of order, and
then a recursive XY-cut orders the lines (`xycut`).
"""

from __future__ import annotations

import itertools
from statistics import median

from builder.parse.pdf.layout import Line

#: reading back up inside a column by more than this many line heights is not the producer's
#: reading order (a superscript or an off-baseline fragment goes back up by less)
MAX_JUMP_BACK = 2.0
#: ... and a page in the producer's order does so at most at this share of its steps
MAX_BACK_SHARE = 0.05
#: a horizontal gap this many median line heights tall separates two blocks
ROW_GAP = 1.2
#: a column under a spanning title is at least this share of the page's text width
MIN_COLUMN = 0.25


def _backwards(a: Line, b: Line, before: Line | None = None) -> bool:
    """Reading from `a` to `b` goes back up: inside a column (they overlap horizontally), or to
    an earlier column (b lies wholly left of a); the next column is up and to the right, unless
    `b` overlaps `before`, the line read before `a` (up and right of a paragraph's short last
    line lies text of the same column)."""
    if b.bottom > a.top:
        return False
    if _overlap(a, b) or b.x1 <= a.x0:
        return True
    return before is not None and b.bottom <= before.top and _overlap(before, b)


def _overlap(a: Line, b: Line) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0


def _back_steps(lines: list[Line]) -> list[tuple[Line, Line]]:
    """The consecutive pairs that read backwards (`_backwards`)."""
    return [
        (a, b)
        for index, (a, b) in enumerate(itertools.pairwise(lines))
        if _backwards(a, b, lines[index - 1] if index else None)
    ]


def order_violations(lines: list[Line]) -> float:
    """Share of consecutive pairs that read backwards (`_back_steps`)."""
    if len(lines) < 2:
        return 0.0
    return len(_back_steps(lines)) / (len(lines) - 1)


def auto_order(lines: list[Line]) -> list[Line]:
    """`lines` in reading order: as given when no step reads backwards further than
    `_tolerated_jump` and, outside tables, at most `MAX_BACK_SHARE` of the steps go back at all
    (a shuffled cover of three lines goes back a little once or twice); else by XY-cut."""
    if not lines:
        return lines
    back = _back_steps(lines)
    small = sum(1 for a, b in back if not (a.table_row or b.table_row))
    if small <= MAX_BACK_SHARE * (len(lines) - 1) and all(a.top - b.bottom <= _tolerated_jump(a, b) for a, b in back):
        return lines
    return xycut(lines)


def _tolerated_jump(a: Line, b: Line) -> float:
    """How far back up reading from `a` to `b` may go and still be the producer's order:
    `MAX_JUMP_BACK` heights of the smaller line between text lines (a superscript or an
    off-baseline fragment; the page's tallest line, a cover's masthead, would excuse a jump over
    several body lines), of the taller one where a table row is involved (its cells' text is
    written cell after cell, within the row's height)."""
    if a.table_row or b.table_row:
        return MAX_JUMP_BACK * max(a.height, b.height)
    return MAX_JUMP_BACK * min(a.height, b.height)


def xycut(lines: list[Line]) -> list[Line]:
    """Recursive XY-cut: at each level cut at the wider of the widest vertical stripe no line
    crosses and the tallest horizontal gap (if over `ROW_GAP` line heights); failing both, cut
    under titles spanning the columns; failing that, rows top-down."""
    if len(lines) <= 1:
        return list(lines)
    height = median(line.height for line in lines) or 1.0
    vertical, horizontal = _vertical_cut(lines, height), _horizontal_cut(lines, height)
    parts: list[list[Line]] | None
    if vertical and (horizontal is None or vertical[0] >= horizontal[0] or _columns_go_on(vertical, horizontal)):
        parts = vertical[1]
    elif horizontal:
        parts = horizontal[1]
    else:
        parts = _spanning_cut(lines, height)
    if parts:
        return [line for part in parts for line in xycut(part)]
    return sorted(lines, key=lambda line: (round(line.top / (height / 2)), line.x0))


def _vertical_cut(lines: list[Line], height: float) -> tuple[float, list[list[Line]]] | None:
    """(width, parts): split at the widest x stripe that no line crosses."""
    spans = sorted((line.x0, line.x1) for line in lines)
    best, reach = None, spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None or best[1] - best[0] < height * 0.5:
        return None
    middle = (best[0] + best[1]) / 2
    left, right = [line for line in lines if line.x1 <= middle], [line for line in lines if line.x1 > middle]
    if not _side_by_side(left, right):  # one above the other: a row order, not columns
        return None
    return best[1] - best[0], [left, right]


def _columns_go_on(vertical: tuple[float, list[list[Line]]], horizontal: tuple[float, list[list[Line]]]) -> bool:
    """The horizontal gap runs across columns that go on below it: above and below the gap, lines
    stand side by side on both sides of the vertical stripe. Two columns on a shared baseline grid
    line up such gaps by chance (a document ends in both at once, a title follows); the gutter is
    the narrower cut when punctuation hangs into it, yet the columns are read one after the other."""
    left, right = vertical[1]
    middle = (max(line.x1 for line in left) + min(line.x0 for line in right)) / 2
    for part in horizontal[1]:
        part_left = [line for line in part if line.x1 <= middle]
        part_right = [line for line in part if line.x1 > middle]
        if not part_left or not part_right or not _side_by_side(part_left, part_right):
            return False
    return True


def _side_by_side(left: list[Line], right: list[Line]) -> bool:
    """The two groups share at least half of the shorter one's height."""
    top = max(min(line.top for line in left), min(line.top for line in right))
    bottom = min(max(line.bottom for line in left), max(line.bottom for line in right))
    shorter = min(max(line.bottom for line in group) - min(line.top for line in group) for group in (left, right))
    return bottom - top >= 0.5 * shorter


def _spanning_cut(lines: list[Line], height: float) -> list[list[Line]] | None:
    """Columns under a title that spans them: find the stripe the narrower lines leave, and
    cut the page into bands at the lines that cross it (each band is then cut into columns)."""
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    narrow = [line for line in lines if line.width < 0.6 * (right - left)]
    if len(narrow) < 2 or len(narrow) == len(lines):
        return None
    cut = _vertical_cut(narrow, height)
    if cut is None:
        return None
    columns = cut[1]
    if any(
        max(line.x1 for line in column) - min(line.x0 for line in column) < MIN_COLUMN * (right - left)
        for column in columns
    ):
        return None  # a lone wrapped character beside indented lines leaves a stripe too
    stripe = (max(line.x1 for line in columns[0]), min(line.x0 for line in columns[1]))
    spanning = sorted(
        (line for line in lines if line.x0 < stripe[1] and line.x1 > stripe[0]), key=lambda line: line.top
    )
    parts: list[list[Line]] = []
    rest = sorted(
        (line for line in lines if not (line.x0 < stripe[1] and line.x1 > stripe[0])), key=lambda line: line.top
    )
    for span in spanning:
        band = [line for line in rest if line.middle < span.middle]
        rest = [line for line in rest if line.middle >= span.middle]
        parts += [band, [span]] if band else [[span]]
    if rest:
        parts.append(rest)
    return parts if len(parts) > 1 else None


def _horizontal_cut(lines: list[Line], height: float) -> tuple[float, list[list[Line]]] | None:
    """(height, parts): split at the tallest y gap, when it is over `ROW_GAP` line heights."""
    ordered = sorted(lines, key=lambda line: line.top)
    best, reach = None, ordered[0].bottom
    for index, line in enumerate(ordered[1:], 1):
        gap = line.top - reach
        if gap > ROW_GAP * height and (best is None or gap > best[0]):
            best = (gap, index)
        reach = max(reach, line.bottom)
    if best is None:
        return None
    return best[0], [ordered[: best[1]], ordered[best[1] :]]
