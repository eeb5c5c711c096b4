"""A table the PDF reader wrote as one line of HTML (builder.parse.pdf.grids) -> a table block.

Until the table model carries merged cells, the grid is expanded: a merged cell's text in the
first row and column it spans, "" in the cells it covers; the header rows are the `<thead>` rows
(the first row when there are none, as for every table block).
"""

from __future__ import annotations

from html.parser import HTMLParser

from builder.model import Block, BlockKind
from builder.parse.blocks.units import Unit


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            values = dict(attrs)
            self.cell = []
            self.spans = (int(values.get("rowspan") or 1), int(values.get("colspan") or 1))
        elif tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(("".join(self.cell), *self.spans))
            self.cell = None
        elif tag == "caption":
            self.in_caption = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.in_caption:
            self.cell.append(data)


def expand(html: str) -> list[list[str]]:
    """The table's grid with every merged cell expanded (text in its first slot)."""
    reader = _Reader()
    reader.feed(html)
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(reader.rows):
        c = 0
        for text, rows, columns in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rows):
                for dc in range(columns):
                    grid[r + dr, c + dc] = text if dr == dc == 0 else ""
            c += columns
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def html_table_block(unit: Unit) -> Block:
    return Block(BlockKind.TABLE, rows=expand(unit.text), start_line=unit.first, end_line=unit.last)
