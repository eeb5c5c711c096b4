"""Rows of tab- or pipe-separated cells as a `Table`.

Expects the rows of one table as the converter wrote them, tabs kept (a leading tab is an empty
first cell, a trailing one an empty last cell), repeated page-top headers already dropped in
cleaning. Guarantees a grid as wide as the table:

- the width is the header's (its trailing empty cells are the converter's), or the most texts
  a row has when that is more;
- a row wider than that loses empty cells, never text: first those past its last text, then
  those between texts (the longest run first), then leading ones;
- a row narrower is padded on the right when the converter wrote its edge cells, aligned right
  when it wrote no tab at either end (`第二居民小组\t114`: it dropped the leading empty cells of
  a row that continues merged cells);
- a row with text in its first cell only (一、自然灾害类) is a category row spanning the table;
- leading empty cells of a body row continue the merged cell above them (rowspan), up to the
  next category row.
"""

from __future__ import annotations

from builder.model import CellSpan, Table
from builder.patterns.tables import CATEGORY_CELL, NUMBER_CELL, PIPE_DELIMITER_ROW, PIPE_SEPARATOR


def split_cells(text: str) -> list[str]:
    """A row's cells: tab-separated, or pipe-separated (the outer bars are not cells)."""
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in PIPE_SEPARATOR.split(inner)]


def _trimmed(cells: list[str]) -> int:
    """How many cells a row has up to its last text."""
    return max((i + 1 for i, cell in enumerate(cells) if cell), default=0)


def _table_width(rows: list[list[str]], header: list[str]) -> int:
    """The header's width up to its last text, or the most texts any row has when that is more."""
    return max([_trimmed(header)] + [sum(1 for cell in row if cell) for row in rows])


def _fit(cells: list[str], width: int, explicit_edges: bool) -> list[str]:
    """`cells` made exactly `width` wide, dropping empty cells only (see the module docstring)."""
    cells = list(cells)
    while len(cells) > width and not cells[-1]:
        cells.pop()
    while len(cells) > width:
        runs = _empty_runs(cells)
        inner = [run for run in runs if run[0] > 0]
        start, _ = max(inner or runs, key=lambda run: (run[1], -run[0]))
        del cells[start]
    if len(cells) < width:
        pad = [""] * (width - len(cells))
        cells = cells + pad if explicit_edges else pad + cells
    return cells


def _empty_runs(cells: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of empty cells before the last text."""
    runs: list[tuple[int, int]] = []
    last = _trimmed(cells)
    for index, cell in enumerate(cells[:last]):
        if cell:
            continue
        if runs and runs[-1][0] + runs[-1][1] == index:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((index, 1))
    return runs


def is_category(row: list[str]) -> bool:
    """A row with text in its first cell only, and that text names a group (not a number)."""
    return len(row) >= 2 and bool(row[0]) and not any(row[1:]) and not NUMBER_CELL.match(row[0])


def merged_cells(rows: list[list[str]], header_rows: int) -> list[CellSpan]:
    """Category rows span the table; a body row's leading empty cells continue the cell above."""
    spans: list[CellSpan] = []
    width = max((len(row) for row in rows), default=0)
    owner: dict[int, tuple[int, int]] = {}  # column -> (row, rowspan) of the merged cell running down it
    starts: dict[tuple[int, int], int] = {}
    for index, row in enumerate(rows):
        if index < header_rows:
            continue
        if is_category(row) and (CATEGORY_CELL.match(row[0]) or width >= 3):
            spans.append(CellSpan(index, 0, 1, width))
            owner.clear()
            continue
        lead = next((i for i, cell in enumerate(row) if cell), len(row))
        for col in range(len(row)):
            if col < lead and col in owner and lead < len(row):
                top, _ = owner[col]
                starts[(top, col)] = starts.get((top, col), 1) + 1
                continue
            if row[col]:
                owner[col] = (index, 1)
            else:
                owner.pop(col, None)
    spans += [CellSpan(top, col, count, 1) for (top, col), count in sorted(starts.items()) if count > 1]
    return sorted(spans, key=lambda span: (span.row, span.col))


def read_separated(texts: list[str]) -> Table | None:
    """A table from its rows as written (tab- or pipe-separated), or None when no row has two
    cells of text (a line that merely holds a tab is not a table)."""
    rows: list[list[str]] = []
    header_rows = 1
    edges = []
    for text in texts:
        if PIPE_DELIMITER_ROW.match(text):
            header_rows = max(1, len(rows))
            continue
        rows.append(split_cells(text))
        stripped = text.strip(" \u3000")
        edges.append(stripped.startswith(("\t", "|")) or stripped.endswith(("\t", "|")))
    if not rows or not any(sum(1 for cell in row if cell) >= 2 for row in rows):
        return None
    width = _table_width(rows, rows[0])
    grid = [
        _fit(row, width, explicit or index < header_rows)
        for index, (row, explicit) in enumerate(zip(rows, edges, strict=True))
    ]
    return Table(rows=grid, header_rows=min(header_rows, len(grid)), spans=merged_cells(grid, header_rows))
