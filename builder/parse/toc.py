"""Stage 3a, segment: the issue's own 目录.

A 目录 starts at a line reading 目录 or 本期目录 (any spacing or heading marks) and runs as long
as lines read as its parts: section names (【政府文件】, ● 区政府办公室文件, a heading, or a bare
short line: 政府办文件); items ending in a page number (dot or ellipsis leaders `.....13`,
`……13`, a trailing `(7)` or ` 13`) or starting with one (`01 title`, wrapped after it), whose
title may wrap over several lines and whose page number may sit alone on the next line; an item
number (`1.`) or bullet before a title is not part of it. The 目录 ends after its last complete
item: the masthead or the first document's title after it are not read as items.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import TocEntry
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.spacing import squash_title
from builder.patterns.docnumber import DOC_NUMBER_LINE, normalize_doc_number
from builder.patterns.kinds import kind_from_title, special_item_kind
from builder.patterns.layout import DIGIT, ends_sentence, open_brackets
from builder.patterns.spacing import WHITESPACE, WHITESPACE_RUN
from builder.patterns.toc import (
    DOT_LEADER_END,
    HAN_AND_SPACES,
    TOC_ENTRIES,
    TOC_HEAD,
    TOC_HEAD_FIRST,
    TOC_HEAD_SECOND,
    TOC_ITEM_NUMBER,
    TOC_LEADING_PAGE,
    TOC_PAGE_ONLY,
    TOC_SECTION_MARKED,
    TOC_TRAILING_NUMBER,
)

MAX_TITLE_LINES = 6  # an item's title wrapped over at most this many lines before its page number
SECTION_MAX = 14


@dataclass(slots=True)
class TocBlock:
    entries: list[TocEntry]
    first: int  # index of the 目录 heading line
    last: int  # index of the last line of the 目录


def _entry(text: str) -> tuple[str, int] | None:
    for pattern in TOC_ENTRIES:
        match = pattern.match(text)
        if match and not TOC_PAGE_ONLY.match(match["title"].strip(" .…·")):
            title = match["title"].strip(" .…·")
            if pattern is TOC_ENTRIES[3] and len(WHITESPACE.sub("", title)) < 4:
                return None
            return title, int(match["page"])
    return None


def _section(text: str) -> str | None:
    """A section heading of the 目录 (【政府文件】, ● 区政府办公室文件, or a short line: 政府办文件)."""
    marked = TOC_SECTION_MARKED.match(text)
    if marked:
        return (marked["a"] or marked["b"]).strip()
    if len(text) <= SECTION_MAX and "关于" not in text and not DIGIT.search(text) and not kind_from_title(text):
        return WHITESPACE_RUN.sub("", text) if HAN_AND_SPACES.fullmatch(text) else text
    return None


def find_toc(lines: list[SourceLine], search_limit: float = 0.4) -> TocBlock | None:
    """The issue's 目录, if one is printed in the first part of the text.

    Items end at their page number (on the title's last line or alone on the next one); a title
    may wrap over up to `MAX_TITLE_LINES` lines. A short line between items is a section name.
    The 目录 ends after the last item whose page number was found: the lines after it (the
    masthead, the first document's title) are not part of it."""
    live = [i for i, line in enumerate(lines) if line.live]
    limit = max(60, int(len(lines) * search_limit))
    head = next((i for n, i in enumerate(live) if i < limit and _toc_head_at(lines, live, n)), None)
    if head is None:
        return None
    following = [i for i in live if i > head]
    if not TOC_HEAD.match(WHITESPACE_RUN.sub(" ", lines[head].text).strip()):
        following = following[1:]  # the heading's second half (目 / 录)
    entries: list[TocEntry] = []
    section: str | None = None
    pending: list[int] = []  # lines of a title whose page number comes later
    growing: list[int] = []  # lines of the last item, when its page number came first (01 title…)
    last = head
    for position, index in enumerate(following):
        text = lines[index].text.strip()
        upcoming = lines[following[position + 1]].text.strip() if position + 1 < len(following) else ""
        page_only = TOC_PAGE_ONLY.match(text)
        entry = _entry(text)
        if (
            growing
            and entry
            and TOC_LEADING_PAGE.match(text)
            and entries[-1].page is not None
            and entry[1] < entries[-1].page
        ):
            entry = None  # "1 次政府常务会议": a number in the title wrapped to the line start, not a page
        if growing and not entry and not (_section(text) and _entry(upcoming)):
            if _complete(entries[-1].title) or len(growing) >= MAX_TITLE_LINES or page_only:
                break
            growing.append(index)  # the title of "01 title" wrapped onto this line
            entries[-1] = _make_entry(
                lines, growing, section, entries[-1].page, first_title=_leading_page_title(lines[growing[0]].text)
            )
            last = index
            continue
        growing = []
        if page_only and pending:
            entries.append(_make_entry(lines, pending, section, int(page_only["page"])))
            pending = []
            last = index
        elif entry:
            if not pending and TOC_LEADING_PAGE.match(text):
                growing = [index]
            entries.append(
                _make_entry(
                    lines,
                    [*pending, index],
                    section,
                    entry[1],
                    last_title=entry[0] if not growing else None,
                    first_title=entry[0] if growing else None,
                )
            )
            pending = []
            last = index
        elif not pending and _section(text) and not TOC_PAGE_ONLY.match(upcoming):
            section = _section(text)
        elif len(pending) < MAX_TITLE_LINES and _continues_title(lines, pending, text):
            pending.append(index)
        else:
            break
    if not entries:
        return None
    return TocBlock(entries=entries, first=head, last=last)


def _toc_head_at(lines: list[SourceLine], live: list[int], position: int) -> bool:
    """Whether the 目录 heading is at the `position`th live line: 目录 (any spacing: 目　　录), or
    its two characters on two lines, as pdftotext prints a heading spaced wider than a word gap."""
    text = WHITESPACE_RUN.sub(" ", lines[live[position]].text).strip()
    if TOC_HEAD.match(text):
        return True
    following = lines[live[position + 1]].text.strip() if position + 1 < len(live) else ""
    return bool(TOC_HEAD_FIRST.match(text) and TOC_HEAD_SECOND.match(following))


def _continues_title(lines: list[SourceLine], pending: list[int], text: str) -> bool:
    """Whether `text` can be (a further) line of an item's title: not a sentence, and not a 文号
    line unless it closes a bracket the title opened (…的通知（ / 乌区政办发〔2023〕7号）)."""
    if ends_sentence(DOT_LEADER_END.sub("", text)):  # (dot leaders at the end are not a full stop)
        return False
    opened = open_brackets(" ".join(lines[i].text for i in pending)) > 0
    return opened or not DOC_NUMBER_LINE.match(text)


def _complete(title: str) -> bool:
    """Whether an item's title reads as whole: it ends with a 文种 or names a non-文件 item."""
    return bool(kind_from_title(title) or special_item_kind(title) or TOC_TRAILING_NUMBER.search(title))


def _make_entry(
    lines, indices, section, page, last_title: str | None = None, first_title: str | None = None
) -> TocEntry:
    parts = [lines[i].text.strip() for i in indices]
    if last_title is not None:
        parts[-1] = last_title
    if first_title is not None:
        parts[0] = first_title
    title = TOC_ITEM_NUMBER.sub("", squash_title(" ".join(parts)))
    number = TOC_TRAILING_NUMBER.search(title)
    return TocEntry(
        section=section,
        title=title,
        page=page,
        line=lines[indices[0]].no,
        doc_number=normalize_doc_number(number["number"]) if number else None,
    )


def title_without_number(entry: TocEntry) -> str:
    """The entry's title with a trailing （文号） removed, for matching against the text."""
    return TOC_TRAILING_NUMBER.sub("", entry.title).strip()


def _leading_page_title(text: str) -> str:
    """The title of a "01 title" line (the page first), or the line itself."""
    match = TOC_LEADING_PAGE.match(text.strip())
    return match["title"] if match else text.strip()
