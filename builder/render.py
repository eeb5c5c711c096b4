"""Stage 5, render: a `Document` as Markdown with YAML front matter.

Text from the raw issue is content, never markup: every character Markdown or HTML would read
as syntax is escaped, so `<script>`, `[x](javascript:…)`, `{{ }}` or a `---` line show as
written. The only markup is what this module writes: headings by outline level, tables, hard
line breaks, the converter's bold labels, and `{: .gb-closing }` on the signature block.

Heading levels: the title is `#`; an attached plan or 附件 title is `#` too (each is a document
of its own on the printed page); 一、 -> `##`, （一） -> `###`, 1. -> `####`, （1） -> `#####`.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from typing import Protocol

import yaml

from builder.model import Block, BlockKind, Document, Issue, Table
from builder.patterns.markup import ESCAPED_BRACKETS, OWN_ATTRIBUTE_LINE


class Linker(Protocol):
    """What the site passes to add links to body text (the downloads never carry any).

    Called with a run of source text, it returns that text cut into pieces, each with the URL it
    links to or None; the pieces joined must give the text back unchanged. `new_section` is
    called at every heading, for links that are made once per section."""

    def __call__(self, text: str) -> list[tuple[str, str | None]]: ...

    def new_section(self) -> None: ...


_ESCAPE = re.compile(r"([\\`*_\[\]{}|])")
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START_MARK = re.compile(r"^(\s*)([#+-])")
_LINE_START_NUMBER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def _escape_chars(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY_START.sub("&amp;", text)  # R&D stays as written; only &lt; or &#60; would be read
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _escape_line_start(text: str) -> str:
    text = _LINE_START_MARK.sub(r"\1\\\2", text)
    text = _LINE_START_NUMBER.sub(r"\1\\\2", text)
    return re.sub(r"^(\s*)=", r"\1&#61;", text)


def escape(text: str) -> str:
    """Escape text so Markdown and HTML show it literally."""
    return _escape_line_start(_escape_chars(text))


def _linked(text: str, linker: Linker | None) -> str:
    """`text` escaped, with the links `linker` asks for as Markdown links."""
    if linker is None:
        return _escape_chars(text)
    return "".join(f"[{_escape_chars(piece)}](<{url}>)" if url else _escape_chars(piece) for piece, url in linker(text))


def inline(text: str, linker: Linker | None = None) -> str:
    """Escape `text`, keeping balanced `**bold**` spans the converter gave (bold labels)."""
    pieces = text.split("**")
    if len(pieces) % 2 == 0:  # unbalanced: no bold at all
        return _escape_line_start(_linked(text, linker))
    out = "".join(
        "**" + _escape_chars(piece.strip()) + "**" if position % 2 and piece.strip() else _linked(piece, linker)
        for position, piece in enumerate(pieces)
    )
    return _escape_line_start(out)


PRINTED_TABLE_NOTE = "（此处表格未能可靠还原，以下按原文逐行列出）"


def _printed_table(lines: list[str], page_url: str | None = None) -> str:
    """A table the builder could not recover, as its lines in a monospace block under a note:
    better than a grid with cells in the wrong columns. The fence is longer than any run of
    backticks in the text, so nothing in it is read as Markdown. `page_url`: the page of the
    issue's PDF the table is printed on (relative to the page showing it), linked from the note."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    # raw HTML: the PDF is a static file beside the page, no Markdown source MkDocs could resolve
    link = f' <a href="{html.escape(page_url)}">查看原件此页</a>' if page_url else ""
    note = "*" + _escape_chars(PRINTED_TABLE_NOTE) + "*" + link + "\n{: .gb-table-note }"
    return note + "\n\n" + fence + "text\n" + "\n".join(lines) + "\n" + fence


def _pipe_table(table: Table) -> str:
    """A regular grid as a GFM pipe table (what a Markdown reader shows best)."""

    def cells(row: list[str]) -> str:
        return "| " + " | ".join(_escape_line_start(_escape_chars(cell)).replace("\n", " ") for cell in row) + " |"

    header = table.rows[0] if table.header_rows else [""] * table.width
    body = table.rows[1:] if table.header_rows else table.rows
    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in body]
    return "\n".join(lines)


def _html_text(text: str, linker: Linker | None) -> str:
    """A cell's text as HTML: escaped, links the linker asks for as <a> (raw HTML is not
    Markdown, so nothing in it is read as Markdown either)."""
    pieces = linker(text) if linker is not None else [(text, None)]
    return "".join(
        f'<a href="{html.escape(url)}">{html.escape(piece)}</a>' if url else html.escape(piece) for piece, url in pieces
    ).replace("\n", "<br>")


def _html_table(table: Table, linker: Linker | None = None, csv_url: str | None = None) -> str:
    """A table as one HTML block: merged cells as rowspan/colspan, header rows in <thead>, the
    printed title as <caption>; in a box of its own that scrolls (gongbao.css keeps the header
    row and first column in view), with a link to the table as CSV under it."""
    span_at = {(span.row, span.col): span for span in table.spans}
    covered = {
        (span.row + dr, span.col + dc)
        for span in table.spans
        for dr in range(span.rowspan)
        for dc in range(span.colspan)
        if dr or dc
    }

    def row_html(r: int, row: list[str], tag: str) -> str:
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            span = span_at.get((r, c))
            attrs = ""
            if span and span.rowspan > 1:
                attrs += f' rowspan="{span.rowspan}"'
            if span and span.colspan > 1:
                attrs += f' colspan="{span.colspan}"'
            if tag == "td" and span and span.colspan == table.width and table.width > 1:
                attrs += ' class="gb-table-group"'  # a category row across the table
            elif c == 0:
                attrs += ' class="gb-table-first"'  # the column kept in view while the box scrolls
            cells.append(f"<{tag}{attrs}>{_html_text(text, linker)}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    parts = ['<div class="gb-table-box" tabindex="0">', '<table class="gb-table">']
    if table.caption:
        parts.append(f"<caption>{_html_text(table.caption, linker)}</caption>")
    if table.header_rows:
        parts.append("<thead>" + "".join(row_html(r, row, "th") for r, row in enumerate(table.header)) + "</thead>")
    body = "".join(row_html(r, row, "td") for r, row in enumerate(table.rows) if r >= table.header_rows)
    parts += ["<tbody>" + body + "</tbody>", "</table>", "</div>"]
    if csv_url:
        parts.append(f'<p class="gb-table-csv"><a href="{html.escape(csv_url)}" download>下载此表（CSV）</a></p>')
    return "\n".join(parts)


def table_csv(table: Table) -> str:
    """A table as CSV: its caption (if any) is not a row; merged cells as in the grid (text in the
    first cell, empty in the cells it covers). A byte-order mark lets spreadsheet programs read
    it as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table.rows)
    return "\ufeff" + buffer.getvalue()


def _table(table: Table, linker: Linker | None = None, csv_url: str | None = None) -> str:
    """A download shows a regular grid as a pipe table; merged cells, several header rows or a
    caption need HTML. The site always writes HTML: its box scrolls on a phone with the header
    kept in view, and it carries the CSV link."""
    if linker is None and csv_url is None and table.regular and not table.caption and table.header_rows:
        return _pipe_table(table)
    return _html_table(table, linker, csv_url)


def render_block(
    block: Block, shift: int = 0, linker: Linker | None = None, csv_url: str | None = None, page_url: str | None = None
) -> str:
    kind = block.kind
    if kind == BlockKind.HEADING:
        return "#" * min(max(2, block.level) + shift, 6) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_TITLE:
        return "#" * (1 + shift) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_LABEL:
        return "**" + escape(block.text) + "**"
    if kind == BlockKind.TABLE and block.table is not None:
        return _table(block.table, linker, csv_url)
    if kind == BlockKind.PRINTED_TABLE:
        return _printed_table(block.lines, page_url)
    if kind == BlockKind.LINES:
        return "  \n".join(inline(line, linker) for line in block.lines)
    if kind == BlockKind.CLOSING:
        return "  \n".join(escape(line) for line in block.lines) + "\n{: .gb-closing }"
    if kind == BlockKind.DOC_NUMBER:
        return escape(block.text) + "\n{: .gb-doc-number }"
    return inline(block.text, linker)


#: said under an 附件 label the text has nothing for: the conversion dropped a figure or diagram
LOST_FIGURE = "*（原件此处为图，文本未能保留）*\n{: .gb-lost-figure }"


def _labels_nothing(blocks: list[Block], index: int) -> bool:
    """Whether the 附件 label at `index` is followed by nothing but the next label (or the end)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return blocks[index].kind == BlockKind.ATTACHMENT_LABEL and (
        following is None or following.kind == BlockKind.ATTACHMENT_LABEL
    )


def document_tables(document: Document) -> list[Table]:
    """The document's tables in order: table n (1-based) is the one `csv_urls(n)` links to."""
    return [block.table for block in document.blocks if block.kind == BlockKind.TABLE and block.table is not None]


def render_blocks(
    document: Document,
    shift: int = 0,
    linker: Linker | None = None,
    csv_urls: Callable[[int], str] | None = None,
    page_urls: Callable[[int], str | None] | None = None,
) -> str:
    """The document's blocks as Markdown, without its title (the site's page template prints it).
    An 附件 label with nothing under it is marked as a lost figure, not left as an empty heading.
    `csv_urls(n)` gives the URL of the document's n-th table as CSV, linked under it;
    `page_urls(line)` the URL of the PDF page a source line is printed on (None: no PDF), linked
    from a table that could not be recovered."""
    parts = []
    tables = 0
    for index, block in enumerate(document.blocks):
        if linker is not None and block.kind in (BlockKind.HEADING, BlockKind.ATTACHMENT_TITLE):
            linker.new_section()
        csv_url = None
        if block.kind == BlockKind.TABLE and block.table is not None:
            tables += 1
            csv_url = csv_urls(tables) if csv_urls else None
        page_url = page_urls(block.start_line) if page_urls and block.kind == BlockKind.PRINTED_TABLE else None
        parts.append(render_block(block, shift, linker, csv_url, page_url))
        if _labels_nothing(document.blocks, index):
            parts.append(LOST_FIGURE)
    return "\n\n".join(parts) + "\n"


class _Recorder:
    """A linker that links nothing and keeps every text it is asked about."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> list[tuple[str, str | None]]:
        self.texts.append(text)
        return [(text, None)]

    def new_section(self) -> None:
        pass


def linked_texts(document: Document) -> list[str]:
    """Every run of text `render_blocks` hands its linker, in order: what a site resolves before
    it renders pages (paragraph and line pieces outside bold labels, table cells)."""
    recorder = _Recorder()
    render_blocks(document, linker=recorder)
    return recorder.texts


def render_body(document: Document, shift: int = 0) -> str:
    """The document's Markdown without front matter: title, then every block.

    `shift` lowers every heading by that many levels (for a document inside a whole issue)."""
    title = "#" * (1 + shift) + " " + escape(document.title)
    if not document.blocks:
        return title + "\n"
    return title + "\n\n" + render_blocks(document, shift)


def for_readers(markdown: str) -> str:
    """A body as a reader's download carries it: without the site's attribute lists (they style
    the page, and show as `{: .gb-doc-number }` anywhere else), with brackets unescaped where no
    link syntax follows them (东政办发[2023]43号, not 东政办发\\[2023\\]43号)."""
    return ESCAPED_BRACKETS.sub(r"[\1]", OWN_ATTRIBUTE_LINE.sub("", markdown))


def front_matter(document: Document, issue: Issue) -> dict:
    data = document.metadata()
    data["gazette"] = issue.gazette_title
    data["publisher"] = issue.publisher
    data["issue"] = issue.issue_label
    data["year"] = issue.year
    data["published"] = issue.date  # 发布日期: the issue's date (the document's own is `date`, 成文日期)
    return data


class _FrontMatterDumper(yaml.SafeDumper):
    """YAML that reads back as written: a text holding a character YAML takes for a line break
    (NEL, LS, PS) is double-quoted, where it is escaped; `allow_unicode` would write it raw."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(ch in text for ch in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FrontMatterDumper.add_representer(str, _represent_text)


def yaml_text(data: dict) -> str:
    """Front matter that reads back as written (see `_FrontMatterDumper`)."""
    return _yaml(data)


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=1000)


def render_document(document: Document, issue: Issue) -> str:
    """The downloadable `.md`: YAML front matter, then the body."""
    header = _yaml(front_matter(document, issue))
    return "---\n" + header + "---\n\n" + render_body(document)


def render_issue(issue: Issue) -> str:
    """The whole issue as one Markdown file: issue front matter, then each document in order."""
    header = _yaml(issue.metadata())
    bodies = [for_readers(render_body(document, shift=1)) for document in issue.documents]
    title = escape(f"{issue.gazette_title or ''} {issue.issue_label or ''}".strip())
    return "---\n" + header + "---\n\n# " + title + "\n\n" + "\n".join(bodies)
