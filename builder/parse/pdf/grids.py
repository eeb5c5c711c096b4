"""Tables recovered from a PDF page, stitched across page and column ends, written as HTML.

A `Grid` is one table's piece on one page: its cells with their spans. The readers
(builder.parse.pdf.tables for ruled grids, builder.parse.pdf.aligned for tables set apart by
white space) put each grid on the page as one `Line`. Once the document's reading order is known,
`stitch_tables` joins a grid to the one right before it in reading order when both have the same
column widths (a table continued on the next page or column), dropping the header rows printed
again at the continuation's top and joining a row that the page end cut in two. Each table then
becomes one line of HTML (`<table>` with `<thead>`, `rowspan`/`colspan`, and a `<caption>` when
the line right above it is its printed title), which the text pipeline reads as a table.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from builder.parse.pdf.layout import Line, Page

#: column widths within this many points are the same column
SAME_WIDTH = 3.0
#: a printed title above a table is at most this long
CAPTION_MAX = 40
#: a title ends with none of these
SENTENCE_END = "。；;：:，,"


@dataclass(slots=True)
class Cell:
    row: int
    column: int
    rows: int
    columns: int
    text: str
    bold: bool = False


@dataclass
class Grid:
    """One table (or a page's piece of it): `xs` the column boundaries, `cells` with their spans."""

    page: int
    xs: list[float]
    top: float
    bottom: float
    n_rows: int
    cells: list[Cell]
    header_rows: int = 0
    caption: str | None = None
    open_top: bool = False  # no rule along its top: a row cut by the previous page's end goes on
    open_bottom: bool = False  # no rule along its bottom: its last row goes on after the page end
    widths: list[float] = field(default_factory=list)
    last_page: int = 0  # the page its last piece is on (0: this piece's own)

    def compact(self) -> None:
        """Drop rows where no cell starts (a sliver between two rules' ends), then guess the
        header rows: the first row and what its cells span, when it is set in bold or when the
        first column numbers the rows below it but not it."""
        starts = sorted({cell.row for cell in self.cells if cell.text} | {0})
        index = {row: i for i, row in enumerate(starts)}
        kept = []
        for cell in self.cells:
            if cell.row not in index:
                continue
            end = cell.row + cell.rows
            cell.rows = max(1, sum(1 for row in starts if cell.row <= row < end))
            cell.row = index[cell.row]
            kept.append(cell)
        self.cells = kept
        self.n_rows = len(starts)
        self.widths = [b - a for a, b in zip(self.xs, self.xs[1:], strict=False)]
        self.header_rows = self._header_rows()

    def _header_rows(self) -> int:
        first = [cell for cell in self.cells if cell.row == 0 and cell.text]
        if not first or self.n_rows < 2:
            return 0
        numbered = [cell.text for cell in self.cells if cell.column == 0 and cell.row > 0 and cell.text]
        by_number = _mostly_numbers(numbered) and not _is_number(first[0].text)
        if not (all(cell.bold for cell in first) or by_number):
            return 0
        return min(self.n_rows - 1, max(cell.rows for cell in self.cells if cell.row == 0))

    def row_texts(self, row: int) -> list[str]:
        return [cell.text for cell in sorted(self.cells, key=lambda c: c.column) if cell.row == row]

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    def same_columns(self, other: Grid) -> bool:
        return len(self.widths) == len(other.widths) and all(
            abs(a - b) <= SAME_WIDTH for a, b in zip(self.widths, other.widths, strict=True)
        )

    def extend(self, other: Grid) -> None:
        """`other` (the next piece of this table) appended: its repeated header rows dropped and
        its first row joined to this one's last when the page end cut that row."""
        repeated = self._repeated_header(other)
        skip = repeated
        last = self.n_rows - 1
        ending = [cell for cell in self.cells if cell.row + cell.rows - 1 == last]
        rest = [cell for cell in other.cells if cell.row == repeated and cell.text]
        targets = [next((mine for mine in ending if _covers(mine, cell)), None) for cell in rest]
        cut = self.open_bottom or other.open_top or self._continues(other, repeated)
        if cut and other.n_rows > repeated and all(target is not None for target in targets):
            for cell, target in zip(rest, targets, strict=True):
                if target is not None:
                    target.text = join_text(target.text, cell.text)
            skip = repeated + 1
        for cell in other.cells:
            if cell.row >= skip:
                cell.row += self.n_rows - skip
                self.cells.append(cell)
        self.n_rows += max(0, other.n_rows - skip)
        self.last_page = max(other.page, other.last_page)
        self.header_rows = max(self.header_rows, repeated)

    def _repeated_header(self, other: Grid) -> int:
        """How many rows at the top of `other` repeat this table's first rows (Word's header rows)."""
        for count in range(min(3, self.n_rows - 1, other.n_rows), 0, -1):
            if all(self.row_texts(row) == other.row_texts(row) for row in range(count)) and any(
                text for row in range(count) for text in self.row_texts(row)
            ):
                if self.header_rows and count < self.header_rows:
                    continue
                return count
        return 0

    def _continues(self, other: Grid, start: int) -> bool:
        """`other`'s first body row has an empty first cell where every row here has a number:
        the rest of this table's last row."""
        first = [cell for cell in other.cells if cell.row == start]
        lead = next((cell for cell in first if cell.column == 0), None)
        if lead is None or lead.text or not any(cell.text for cell in first):
            return False
        numbered = [cell.text for cell in self.cells if cell.column == 0 and cell.row >= self.header_rows and cell.text]
        return _mostly_numbers(numbered)

    def to_html(self) -> str:
        parts = ["<table>"]
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        for row in range(self.n_rows):
            if row == 0 and self.header_rows:
                parts.append("<thead>")
            if row == self.header_rows:
                parts.append("<tbody>")
            tag = "th" if row < self.header_rows else "td"
            cells = sorted((cell for cell in self.cells if cell.row == row), key=lambda c: c.column)
            parts.append("<tr>")
            for cell in cells:
                rows = min(cell.rows, self.n_rows - row)
                if row < self.header_rows:
                    rows = min(rows, self.header_rows - row)
                spans = (f' rowspan="{rows}"' if rows > 1 else "") + (
                    f' colspan="{cell.columns}"' if cell.columns > 1 else ""
                )
                parts.append(f"<{tag}{spans}>{html.escape(cell.text, quote=False)}</{tag}>")
            parts.append("</tr>")
            if row == self.header_rows - 1:
                parts.append("</thead>")
        parts.append("</tbody></table>")
        return "".join(parts)


def _covers(cell: Cell, other: Cell) -> bool:
    return cell.column <= other.column < cell.column + cell.columns


def _is_number(text: str) -> bool:
    return text.strip("()（）.、").isdigit()


def _mostly_numbers(texts: list[str]) -> bool:
    """A column that numbers its rows (序号): most of its non-empty cells are numbers."""
    return bool(texts) and sum(1 for text in texts if _is_number(text)) >= 0.6 * len(texts)


def join_text(before: str, after: str) -> str:
    """Lines of Chinese join without a space; two Latin words or numbers keep one."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return before + " " + after
    return before + after


def cell_text(lines: list[Line]) -> str:
    """A cell's lines in reading order (top down, then left to right on one row), joined."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.middle):
        if rows and abs(line.middle - rows[-1][0].middle) < 0.5 * min(line.height, rows[-1][0].height):
            rows[-1].append(line)
        else:
            rows.append([line])
    text = ""
    for row in rows:
        for line in sorted(row, key=lambda line: line.x0):
            text = join_text(text, line.text.strip())
    return text


def grid_line(grid: Grid, size: float) -> Line:
    """The line that stands for `grid` on its page."""
    return Line("", grid.xs[0], grid.top, grid.xs[-1], grid.bottom, size, False, True, grid)


def stitch_tables(pages: list[Page]) -> None:
    """Expects each page's lines in reading order, furniture dropped. Joins each grid line to the
    grid line right before it in reading order (on the same or the previous page) when their
    columns agree, copies the short line right above a table into its caption (the line itself
    stays, as the cleaning stages may read it as an attachment's title), and writes every
    table as one line of HTML. Guarantees no grid line is left without its HTML text."""
    previous: tuple[Page, Line] | None = None
    for page in pages:
        kept: list[Line] = []
        for line in page.lines:
            grid = line.grid
            if grid is not None and previous is not None and previous[1].grid is not None:
                earlier = previous[1].grid
                if earlier.same_columns(grid):
                    earlier.extend(grid)
                    continue
            if grid is not None and kept and grid.caption is None and _is_caption(kept[-1], line):
                grid.caption = kept[-1].text.strip()  # the line stays: it may be an attachment's title
            kept.append(line)
            previous = (page, line)
        page.lines = kept
    for page in pages:
        for line in page.lines:
            if line.grid is not None:
                line.text = line.grid.to_html()


def _is_caption(line: Line, table: Line) -> bool:
    text = line.text.strip()
    return (
        line.grid is None
        and not line.table_row
        and 2 <= len(text) <= CAPTION_MAX
        and text[-1] not in SENTENCE_END
        and 0 <= table.top - line.bottom < 3 * max(line.size, 1.0)
        and line.x0 > table.x0 + 2 * line.size  # set centered (or indented) over the table
        and line.x1 < table.x1 - 2 * line.size
    )
