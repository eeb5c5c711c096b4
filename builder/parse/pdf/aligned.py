"""Tables set apart by white space only (no rules), found by the alignment of their cells.

The text layer cuts a line into fragments at gaps wider than `FRAGMENT_GAP` em. A run of visual
rows, one under the other, whose fragments start at the same few x positions (at least
`MIN_ROWS` rows of two fragments or more sharing at least two of them) is a table: those x
positions are its columns, each such row a table row, and a lone fragment right under a row is the
rest of that row's cell (text wrapped inside its column). A line whose words are merely spaced out
is one fragment and never a table; columns of running text (long fragments filling each column, no
column of short cells) are not a table either. Expects the page's furniture dropped (a vertical
banner beside two columns would look like a column of short cells). Found tables replace their lines as one `Line` holding the `Grid`,
like ruled ones (builder.parse.pdf.tables).
"""

from __future__ import annotations

from statistics import median

from builder.parse.pdf.grids import Cell, Grid, cell_text, grid_line
from builder.parse.pdf.layout import Line

#: fragments starting within this many em of each other are in one column
ALIGN = 1.0
#: a table has at least this many rows of two fragments or more
MIN_ROWS = 3
#: a row more than this many line heights below the previous one ends the table
ROW_GAP = 2.2
#: a table has a column whose cells are mostly at most this many characters (序号, a name, a date)
SHORT_CELL = 10
#: in a table of two columns, this share of the first column's cells at least is short (labels, names)
LABELS = 0.8


def find_aligned(lines: list[Line], page: int = 0) -> list[Line]:
    """`lines` with each table set apart by white space replaced by one line holding its grid."""
    grids_here = [line for line in lines if line.grid is not None]
    free = [line for line in lines if line.grid is None and not any(_spills(line, grid) for grid in grids_here)]
    if len(free) < 2 * MIN_ROWS:
        return lines
    rows = _visual_rows(free)
    taken: set[int] = set()
    grids: list[tuple[Grid, list[Line]]] = []
    start = 0
    while start < len(rows):
        end, anchors = _run(rows, start)
        grid = _grid(rows[start:end], anchors, page) if anchors else None
        if grid is not None and grid.header_rows:  # without a header row to tell it, alignment alone is no proof
            members = [line for row in rows[start:end] for line in row]
            grids.append((grid, members))
            taken.update(id(line) for line in members)
            start = end
        else:
            start += 1
    if not grids:
        return lines
    out: list[Line] = []
    placed: set[int] = set()
    for line in lines:
        if id(line) not in taken:
            out.append(line)
            continue
        for index, (grid, members) in enumerate(grids):
            if index not in placed and any(member is line for member in members):
                placed.add(index)
                out.append(grid_line(grid, median(member.size for member in members)))
    return out


def _spills(line: Line, grid: Line) -> bool:
    """`line` sits right under or over a ruled grid, within its columns: a cell's text that ran
    out of its rules (a row cut at the page end), not a table of its own."""
    near = grid.top - ROW_GAP * line.size < line.middle < grid.bottom + ROW_GAP * line.size
    return near and grid.x0 <= (line.x0 + line.x1) / 2 <= grid.x1


def _visual_rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.middle, line.x0)):
        if rows and abs(line.middle - rows[-1][0].middle) < 0.5 * min(line.height, rows[-1][0].height):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _run(rows: list[list[Line]], start: int) -> tuple[int, list[float]]:
    """The end of the table starting at row `start` and its column anchors, or (start, [])."""
    if len(rows[start]) < 2:
        return start, []
    size = median(line.size for line in rows[start])
    anchors = [line.x0 for line in rows[start]]
    multi = 1
    end = start + 1
    while end < len(rows):
        row, above = rows[end], rows[end - 1]
        if row[0].top - max(line.bottom for line in above) > ROW_GAP * size:
            break
        starts = [_anchor(line.x0, anchors, size) for line in row]
        if any(index is None for index in starts):
            break
        if len(row) >= 2:
            multi += 1
        elif starts[0] == 0 and row[0].x1 > anchors[1]:
            break  # a line across the columns: running text after the table
        end += 1
    if multi < MIN_ROWS:
        return start, []
    by_column: dict[int, list[Line]] = {}
    for row in rows[start:end]:
        for line in row:
            by_column.setdefault(_anchor(line.x0, anchors, size) or 0, []).append(line)
    if min(median(len(line.text) for line in column) for column in by_column.values()) > SHORT_CELL:
        return start, []  # columns of running text: no column of short cells
    if len(anchors) == 2 and sum(1 for line in by_column[0] if len(line.text) <= SHORT_CELL) < LABELS * len(
        by_column[0]
    ):
        return start, []  # two columns of a page, a few of their lines short
    return end, anchors


def _anchor(x: float, anchors: list[float], size: float) -> int | None:
    for index, anchor in enumerate(anchors):
        if abs(x - anchor) <= ALIGN * size:
            return index
    return None


def _grid(rows: list[list[Line]], anchors: list[float], page: int) -> Grid:
    size = median(line.size for row in rows for line in row)
    right = max(line.x1 for row in rows for line in row)
    parts: list[dict[int, list[Line]]] = []
    for row in rows:
        columns = [_anchor(line.x0, anchors, size) for line in row]
        if len(row) >= 2 or not parts:
            parts.append({})
        for line, column in zip(row, columns, strict=True):
            parts[-1].setdefault(column or 0, []).append(line)
    cells = [
        Cell(r, c, 1, 1, cell_text(part.get(c, [])), all(line.bold for line in part.get(c, [])) and c in part)
        for r, part in enumerate(parts)
        for c in range(len(anchors))
    ]
    xs = [*anchors, right]
    grid = Grid(page, xs, rows[0][0].top, max(line.bottom for line in rows[-1]), len(parts), cells)
    grid.compact()
    return grid
