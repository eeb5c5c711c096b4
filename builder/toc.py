"""Stage 3a, segment: the issue's own 目录.

A 目录 starts at a line reading 目录 (any spacing or heading marks) and runs as long as lines
read as its parts: section headings (【政府文件】, ● 区政府办公室文件, a short heading followed by
entries), entries with a page number (dot leaders `.....13`, a trailing `(7)`, a leading `01`),
an entry whose page number sits alone on the next line, or a title wrapped onto two lines. The
first line that is none of these ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.cleaning.lines import SourceLine
from builder.cleaning.spacing import squash_title
from builder.model import TocEntry
from builder.patterns import DOC_NUMBER_CORE, HAN, normalize_doc_number

_TOC_HEAD = re.compile(r"^目\s*录$")
_PAGE_ONLY = re.compile(r"^(?:[.…·。]{2,}\s*)?(?P<page>\d{1,3})$")
_ENTRY_PATTERNS = [
    re.compile(r"^(?P<title>.{4,}?)\s*[.…·。]{3,}\s*(?P<page>\d{1,3})$"),  # title ..... 13
    re.compile(r"^(?P<title>.{4,}?)\s*[（(]\s*(?P<page>\d{1,3})\s*[)）]$"),  # title (7)
    re.compile(r"^(?P<page>\d{1,3})\s+(?P<title>\S.{3,})$"),  # 01 title
    re.compile(r"^(?P<title>.{4,}?)\s+(?P<page>\d{1,3})$"),  # title 13
]
_SECTION_MARKED = re.compile(r"^(?:【(?P<a>[^】]{1,20})】|[●■◆▲◇○•]\s*(?P<b>.{1,20}))$")
_TRAILING_NUMBER = re.compile(rf"[（(]\s*(?P<number>[{HAN}A-Za-z]{{0,16}}{DOC_NUMBER_CORE.pattern})\s*[)）]$")


@dataclass(slots=True)
class TocBlock:
    entries: list[TocEntry]
    first: int  # index of the 目录 heading line
    last: int  # index of the last line of the 目录


def _entry(text: str) -> tuple[str, int] | None:
    for pattern in _ENTRY_PATTERNS:
        match = pattern.match(text)
        if match and not _PAGE_ONLY.match(match["title"].strip(" .…·")):
            return match["title"].strip(" .…·"), int(match["page"])
    return None


def _section(text: str) -> str | None:
    marked = _SECTION_MARKED.match(text)
    if marked:
        return (marked["a"] or marked["b"]).strip()
    if len(text) <= 14 and "关于" not in text and not re.search(r"\d", text):
        return text
    return None


def find_toc(lines: list[SourceLine], search_limit: float = 0.4) -> TocBlock | None:
    """The issue's 目录, if one is printed in the first part of the text."""
    live = [i for i, line in enumerate(lines) if line.live]
    limit = max(60, int(len(lines) * search_limit))
    head = next((i for i in live if i < limit and _TOC_HEAD.match(re.sub(r"\s+", " ", lines[i].text).strip())), None)
    if head is None:
        return None
    following = [i for i in live if i > head]
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[int] = []  # lines of a title whose page number comes later
    last = head
    for position, index in enumerate(following):
        text = lines[index].text.strip()
        upcoming = lines[following[position + 1]].text.strip() if position + 1 < len(following) else ""
        page_only = _PAGE_ONLY.match(text)
        entry = _entry(text)
        if page_only and pending:
            entries.append(_make_entry(lines, pending, section, int(page_only["page"])))
            pending = []
        elif entry:
            title_lines = pending + [index]
            entries.append(_make_entry(lines, title_lines, section, entry[1], last_title=entry[0]))
            pending = []
        elif not pending and _section(text) and (_entry(upcoming) or _SECTION_MARKED.match(text)):
            section = _section(text)
        elif len(pending) < 2 and (_PAGE_ONLY.match(upcoming) or _entry(upcoming)) and not _SECTION_MARKED.match(upcoming):
            pending.append(index)
        else:
            break
        last = index
    if not entries:
        return None
    return TocBlock(entries=entries, first=head, last=last)


def _make_entry(lines, indices, section, page, last_title: str | None = None) -> TocEntry:
    parts = [lines[i].text.strip() for i in indices]
    if last_title is not None:
        parts[-1] = last_title
    title = squash_title(" ".join(parts))
    number = _TRAILING_NUMBER.search(title)
    return TocEntry(
        section=section,
        title=title,
        page=page,
        line=lines[indices[0]].no,
        doc_number=normalize_doc_number(number["number"]) if number else None,
    )


def title_without_number(entry: TocEntry) -> str:
    """The entry's title with a trailing （文号） removed, for matching against the text."""
    return _TRAILING_NUMBER.sub("", entry.title).strip()
