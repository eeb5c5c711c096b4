"""Stage 5, render: a `Document` as Markdown with YAML front matter.

Text from the raw issue is content, never markup: every character Markdown or HTML would read
as syntax is escaped, so `<script>`, `[x](javascript:…)`, `{{ }}` or a `---` line show as
written. The only markup is what this module writes: headings by outline level, tables, hard
line breaks, the converter's bold labels, and `{: .gb-closing }` on the signature block.

Heading levels: the title is `#`; an attached plan or 附件 title is `#` too (each is a document
of its own on the printed page); 一、 -> `##`, （一） -> `###`, 1. -> `####`, （1） -> `#####`.
"""

from __future__ import annotations

import re
from typing import Protocol

import yaml

from builder.model import Block, BlockKind, Document, Issue
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


def _printed_table(lines: list[str]) -> str:
    """A table the builder could not recover, as its lines in a monospace block under a note:
    better than a grid with cells in the wrong columns. The fence is longer than any run of
    backticks in the text, so nothing in it is read as Markdown."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    note = "*" + _escape_chars(PRINTED_TABLE_NOTE) + "*\n{: .gb-table-note }"
    return note + "\n\n" + fence + "text\n" + "\n".join(lines) + "\n" + fence


def _table(rows: list[list[str]], linker: Linker | None = None) -> str:
    def cells(row: list[str]) -> str:
        return "| " + " | ".join(_escape_line_start(_linked(cell, linker)).replace("\n", " ") for cell in row) + " |"

    header, *body = rows
    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in body]
    return "\n".join(lines)


def render_block(block: Block, shift: int = 0, linker: Linker | None = None) -> str:
    kind = block.kind
    if kind == BlockKind.HEADING:
        return "#" * min(max(2, block.level) + shift, 6) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_TITLE:
        return "#" * (1 + shift) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_LABEL:
        return "**" + escape(block.text) + "**"
    if kind == BlockKind.TABLE:
        return _table(block.rows, linker)
    if kind == BlockKind.PRINTED_TABLE:
        return _printed_table(block.lines)
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


def render_blocks(document: Document, shift: int = 0, linker: Linker | None = None) -> str:
    """The document's blocks as Markdown, without its title (the site's page template prints it).
    An 附件 label with nothing under it is marked as a lost figure, not left as an empty heading."""
    parts = []
    for index, block in enumerate(document.blocks):
        if linker is not None and block.kind in (BlockKind.HEADING, BlockKind.ATTACHMENT_TITLE):
            linker.new_section()
        parts.append(render_block(block, shift, linker))
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
