"""An HTML <table> on one line as a `Table`: rowspan/colspan kept as spans, <thead> rows (or
leading rows of <th> cells) as the header, <caption> as the caption.

Expects the whole table on one line, as OCR-Markdown converters and the PDF reader write it.
Guarantees a full-width grid (a merged cell's text in its first row and column, "" in the cells
it covers), cell text without markup (<br> and </p> become a space), and header rows printed
again inside the body (Word repeats them on every page) dropped. Returns None for markup it
cannot read as one table (no rows, a table nested in a cell).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from builder.model import CellSpan, Table
from builder.patterns.tables import HTML_ANY_TAG, HTML_LINE_BREAK_TAG


class _Cell:
    __slots__ = ("colspan", "header", "rowspan", "text")

    def __init__(self, header: bool, rowspan: int, colspan: int) -> None:
        self.header, self.rowspan, self.colspan, self.text = header, rowspan, colspan, ""


class _TableParser(HTMLParser):
    """Rows of `_Cell`s, which of them sat in <thead>, and the caption."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_Cell]] = []
        self.head_rows: set[int] = set()
        self.caption: str | None = None
        self.depth = 0
        self.nested = False
        self.in_head = False
        self.in_caption = False
        self.cell: _Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            self.nested |= self.depth > 1
        elif tag == "thead":
            self.in_head = True
        elif tag == "caption":
            self.in_caption, self.caption = True, ""
        elif tag == "tr":
            self.rows.append([])
            if self.in_head:
                self.head_rows.add(len(self.rows) - 1)
        elif tag in ("td", "th"):
            values = dict(attrs)
            if not self.rows:
                self.rows.append([])
            self.cell = _Cell(tag == "th", _span(values.get("rowspan")), _span(values.get("colspan")))
            self.rows[-1].append(self.cell)
        elif tag in ("br", "p"):
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        elif tag == "thead":
            self.in_head = False
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "p":
            self._text(" ")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, text: str) -> None:
        if self.in_caption:
            self.caption = (self.caption or "") + text
        elif self.cell is not None:
            self.cell.text += text


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _clean(text: str) -> str:
    text = html.unescape(HTML_ANY_TAG.sub("", HTML_LINE_BREAK_TAG.sub(" ", text)))
    return " ".join(text.split())


def read_html_table(line: str) -> Table | None:
    parser = _TableParser()
    parser.feed(line)
    parser.close()
    rows = [row for row in parser.rows if row]
    if parser.nested or not rows:
        return None
    grid: list[list[str]] = []
    spans: list[CellSpan] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append(CellSpan(r, col, min(cell.rowspan, len(rows) - r), cell.colspan))
            _put(grid, r, col, _clean(cell.text))
            col += cell.colspan
    width = max(col + 1 for _, col in taken)
    grid = [row + [""] * (width - len(row)) for row in grid[: len(rows)]]
    head = _header_rows(rows, parser.head_rows)
    grid, spans = _drop_repeated_headers(grid, spans, head)
    caption = _clean(parser.caption) if parser.caption else None
    return Table(rows=grid, header_rows=head, spans=spans, caption=caption or None)


def _put(grid: list[list[str]], r: int, col: int, text: str) -> None:
    row = grid[r]
    while len(row) <= col:
        row.append("")
    row[col] = text


def _header_rows(rows: list[list[_Cell]], head_rows: set[int]) -> int:
    """<thead> rows, else the leading rows made of <th> cells only; 1 when neither says (a
    converter's table starts with its header)."""
    if head_rows:
        return max(head_rows) + 1
    count = 0
    while count < len(rows) and all(cell.header for cell in rows[count]):
        count += 1
    return count or (1 if len(rows) > 1 else 0)


def _drop_repeated_headers(
    grid: list[list[str]], spans: list[CellSpan], head: int
) -> tuple[list[list[str]], list[CellSpan]]:
    """Body rows equal to a header row (its texts in order): the header printed again on a new page."""
    headers = [[cell for cell in row if cell] for row in grid[:head]]
    headers = [h for h in headers if len(h) >= 2]
    keep = [i for i, row in enumerate(grid) if i < head or [c for c in row if c] not in headers]
    if len(keep) == len(grid):
        return grid, spans
    new_index = {old: new for new, old in enumerate(keep)}
    kept_spans = []
    for span in spans:
        covered = [new_index[r] for r in range(span.row, span.row + span.rowspan) if r in new_index]
        if span.row in new_index and covered:
            kept_spans.append(CellSpan(new_index[span.row], span.col, len(covered), span.colspan))
    return [grid[i] for i in keep], kept_spans
