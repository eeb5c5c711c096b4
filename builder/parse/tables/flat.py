"""A flattened table as a `Table`: rows whose cells a converter set off by single spaces, one
printed line per text line, wrapped cells on lines of their own.

Expects the cells of each line in order (the caller splits a line at its cell gaps; a line it
re-joined from wrapped pieces is one cell). Reads, top to bottom:

- the header: the lines before the first row that starts with serial number 1 (or the first
  line alone when no row does; none when the table starts with row 1); a run of one-cell lines inside it is one wrapped header cell
  (安全生产标准 / 化等级);
- the body width: the number of cells most rows that start with a serial number have;
- the rows, filling a row left to right: a serial number starts a row; while a row is
  incomplete, a line with as many cells as it still lacks completes it, a one-cell line after
  a one-cell line is the wrapped rest of that cell (鄂尔多斯市北源热电有限责任公 / 司), other
  lines fill the next cells; once complete, a full line is a new row, a one-cell line the text of
  the header's last column when no numbered row reaches it (每队 / 10-20 人 under 1 罕台镇 1),
  and any other line a row continuing merged cells on its left (成品油 A 一般检查 under
  4 中石油…: aligned right).

A numbered row with more cells than most (up to the header's width) fills the columns most rows
leave empty; a one-cell line 一、自然灾害类 between rows is a category row across the table.
Returns None when a line has more cells than the table, or fewer than two rows come out.
"""

from __future__ import annotations

from collections import Counter

from builder.model import Table
from builder.parse.tables.grid import merged_cells
from builder.patterns.tables import CATEGORY_CELL, SERIAL_CELL


def _header(lines: list[list[str]]) -> list[str]:
    header: list[str] = []
    single = False
    for cells in lines:
        if len(cells) == 1 and single:
            header[-1] += cells[0]
            continue
        header += cells
        single = len(cells) == 1
    return header


def _full_row(row: list[str], full: int, beyond: str) -> list[str]:
    padded = row + [""] * (full - len(row))
    if beyond and not padded[-1]:
        padded[-1] = beyond
    return padded


def read_flattened(lines: list[list[str]]) -> Table | None:
    lines = [cells for cells in lines if cells]
    first = next((i for i, cells in enumerate(lines) if cells[0] == "1" and len(cells) > 1), None)
    if first is None:
        first = 1
    category = next((i for i, cells in enumerate(lines[:first]) if i and CATEGORY_CELL.match(cells[0])), None)
    first = category if category is not None else first  # 一、自然灾害类 over row 1 is not header
    header, body = _header(lines[:first]), lines[first:]
    numbered = [len(cells) for cells in body if SERIAL_CELL.match(cells[0]) and len(cells) > 1]
    if not numbered or not body:
        return None
    width = Counter(numbered).most_common(1)[0][0]
    rows: list[list[str]] = []
    beyond: dict[int, str] = {}  # a row's text in a header column no numbered row fills (备注)
    cursor, one_cell_before = width, False
    for cells in body:
        count = len(cells)
        serial = bool(SERIAL_CELL.match(cells[0]))
        if count > width:
            if not (serial and count <= len(header)):
                return None
            rows.append(list(cells))  # a row that fills a column most rows leave empty (备注)
            cursor, one_cell_before = width, False
            continue
        if count == 1 and cursor >= width and CATEGORY_CELL.match(cells[0]):
            rows.append([cells[0]])  # 一、自然灾害类: a category row across the table
            continue
        if cursor < width and not (serial and count > 1 and count != width - cursor):
            row, lacking = rows[-1], width - cursor
            if count == lacking:
                row[cursor:] = cells
                cursor = width
            elif count == 1 and one_cell_before and cursor > 1:
                row[cursor - 1] += cells[0]
            elif count < lacking:
                row[cursor : cursor + count] = cells
                cursor += count
            else:
                return None
            one_cell_before = count == 1
        elif count == 1 and rows and len(header) > width and not serial:
            beyond[len(rows) - 1] = beyond.get(len(rows) - 1, "") + cells[0]
        elif serial:
            rows.append(cells + [""] * (width - count))
            cursor, one_cell_before = count, False
        else:
            rows.append([""] * (width - count) + cells)
            cursor, one_cell_before = width, False
    full = max(width, len(header))
    head = [header + [""] * (full - len(header))] if header else []
    grid = head + [_full_row(row, full, beyond.get(r, "")) for r, row in enumerate(rows)]
    if len(rows) < 2:
        return None
    return Table(rows=grid, header_rows=len(head), spans=merged_cells(grid, len(head)))
