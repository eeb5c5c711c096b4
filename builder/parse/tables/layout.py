"""Rows of a space-aligned table (`pdftotext -layout`) as a `Table`, by column positions.

Expects the table's lines as printed, leading spaces kept. The columns are the runs of
character positions where some line has text, separated by positions blank on every line (a
line with one stretch of text from the left margin, a category row, does not take part: it
spans the table). A line with text in the first column starts a row; a line without is the
wrapped rest of the cells above, joined to them. Returns None when the lines do not share at
least two columns, when a line's text crosses a column gap (its cells cannot be placed), or when
the header does not name every column (`pdftotext -layout` does not keep Chinese text at fixed
positions: `flat.read_flattened` reads such lines).
"""

from __future__ import annotations

from builder.model import CellSpan, Table
from builder.patterns.tables import COLUMN_GAP

MIN_ROWS = 2


def _segments(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each stretch of text between column gaps."""
    out, position = [], 0
    for piece in COLUMN_GAP.split(line):
        start = line.find(piece, position) if piece else position
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip()), piece.strip()))
        position = start + len(piece)
    return out


def _columns(rows: list[list[tuple[int, int, str]]]) -> list[tuple[int, int]]:
    width = max((end for row in rows for _, end, _ in row), default=0)
    used = [False] * (width + 1)
    for row in rows:
        for left, right, _ in row:
            for x in range(left, right):
                used[x] = True
    columns: list[tuple[int, int]] = []
    start: int | None = None
    for x, taken in enumerate(used):
        if taken and start is None:
            start = x
        elif not taken and start is not None:
            columns.append((start, x))
            start = None
    return columns


def read_aligned(lines: list[str]) -> Table | None:
    segmented = [_segments(line.rstrip()) for line in lines]
    columns = _columns([row for row in segmented if len(row) > 1])
    # one stretch of text starting in the first column: a category row across the table (a
    # stretch further right is the wrapped rest of cells above)
    spanning = [len(row) == 1 and bool(columns) and row[0][0] < columns[0][1] for row in segmented]
    grid_rows = [row for row, wide in zip(segmented, spanning, strict=True) if not wide]
    columns = _columns(grid_rows)
    if len(columns) < 2 or len(grid_rows) < MIN_ROWS:
        return None
    rows: list[list[str]] = []
    spans: list[CellSpan] = []
    for row, wide in zip(segmented, spanning, strict=True):
        if wide:
            rows.append([row[0][2]] + [""] * (len(columns) - 1))
            spans.append(CellSpan(len(rows) - 1, 0, 1, len(columns)))
            continue
        cells = [""] * len(columns)
        for start, end, text in row:
            hit = [i for i, (left, right) in enumerate(columns) if start < right and end > left]
            if len(hit) != 1:
                return None
            cells[hit[0]] = text
        if rows and not cells[0] and len(rows) > 1 and not _is_span_row(spans, len(rows) - 1):
            rows[-1] = [_join(a, b) for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    if len(rows) < MIN_ROWS or sum(1 for cell in rows[0] if cell) < len(columns):
        return None  # a header that does not name every column: the positions are not columns
    width = len(columns)
    spans = [CellSpan(span.row, 0, 1, width) for span in spans]
    return Table(rows=[row + [""] * (width - len(row)) for row in rows], header_rows=1, spans=spans)


def _is_span_row(spans: list[CellSpan], row: int) -> bool:
    return any(span.row == row for span in spans)


def _join(above: str, below: str) -> str:
    if not above or not below:
        return above or below
    wide = ord(above[-1]) > 0x2E80 and ord(below[0]) > 0x2E80
    return above + ("" if wide else " ") + below
