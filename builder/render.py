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

import yaml

from builder.model import Block, BlockKind, Document, Issue

_ESCAPE = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START_MARK = re.compile(r"^(\s*)([#+-])")
_LINE_START_NUMBER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def _escape_chars(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_line_start(text: str) -> str:
    text = _LINE_START_MARK.sub(r"\1\\\2", text)
    text = _LINE_START_NUMBER.sub(r"\1\\\2", text)
    return re.sub(r"^(\s*)=", r"\1&#61;", text)


def escape(text: str) -> str:
    """Escape text so Markdown and HTML show it literally."""
    return _escape_line_start(_escape_chars(text))


def inline(text: str) -> str:
    """Escape `text`, keeping balanced `**bold**` spans the converter gave (bold labels)."""
    pieces = text.split("**")
    if len(pieces) % 2 == 0:  # unbalanced: no bold at all
        return escape(text)
    out = "".join(
        "**" + _escape_chars(piece.strip()) + "**" if position % 2 and piece.strip() else _escape_chars(piece)
        for position, piece in enumerate(pieces)
    )
    return _escape_line_start(out)


def _table(rows: list[list[str]]) -> str:
    def cells(row: list[str]) -> str:
        return "| " + " | ".join(escape(cell).replace("\n", " ") for cell in row) + " |"

    header, *body = rows
    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in body]
    return "\n".join(lines)


def render_block(block: Block, shift: int = 0) -> str:
    kind = block.kind
    if kind == BlockKind.HEADING:
        return "#" * min(max(2, block.level) + shift, 6) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_TITLE:
        return "#" * (1 + shift) + " " + escape(block.text)
    if kind == BlockKind.ATTACHMENT_LABEL:
        return "**" + escape(block.text) + "**"
    if kind == BlockKind.TABLE:
        return _table(block.rows)
    if kind == BlockKind.LINES:
        return "  \n".join(inline(line) for line in block.lines)
    if kind == BlockKind.CLOSING:
        return "  \n".join(escape(line) for line in block.lines) + "\n{: .gb-closing }"
    if kind == BlockKind.DOC_NUMBER:
        return escape(block.text) + "\n{: .gb-doc-number }"
    return inline(block.text)


def render_blocks(document: Document, shift: int = 0) -> str:
    """The document's blocks as Markdown, without its title (the site's page template prints it)."""
    return "\n\n".join(render_block(block, shift) for block in document.blocks) + "\n"


def render_body(document: Document, shift: int = 0) -> str:
    """The document's Markdown without front matter: title, then every block.

    `shift` lowers every heading by that many levels (for a document inside a whole issue)."""
    title = "#" * (1 + shift) + " " + escape(document.title)
    if not document.blocks:
        return title + "\n"
    return title + "\n\n" + render_blocks(document, shift)


def front_matter(document: Document, issue: Issue) -> dict:
    data = document.metadata()
    data["gazette"] = issue.gazette_title
    data["publisher"] = issue.publisher
    data["issue"] = issue.issue_label
    data["year"] = issue.year
    return data


def render_document(document: Document, issue: Issue) -> str:
    """The downloadable `.md`: YAML front matter, then the body."""
    header = yaml.safe_dump(front_matter(document, issue), allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + header + "---\n\n" + render_body(document)


def render_issue(issue: Issue) -> str:
    """The whole issue as one Markdown file: issue front matter, then each document in order."""
    header = yaml.safe_dump(issue.metadata(), allow_unicode=True, sort_keys=False, width=1000)
    bodies = [render_body(document, shift=1) for document in issue.documents]
    title = escape(f"{issue.gazette_title or ''} {issue.issue_label or ''}".strip())
    return "---\n" + header + "---\n\n# " + title + "\n\n" + "\n".join(bodies)
