"""Stage 3b, reconcile: the issue's own 目录 with the documents found in the text.

`add_toc_anchors` finds in the text the 目录 items that no 文号 line or item heading accounts for
(before the text is cut into documents); `reconcile_toc` then gives each document its 目录
section and printed pages, and reports the items not found and the documents not listed.
`pages_from_footers` (once the noise is known) gives the documents the 目录 leaves without pages
what the surviving running footers tell, and the others a reason (`PagesUnknown`).
"""

from __future__ import annotations

import itertools
import re

from builder.model import Document, Issue, Kind, Noise, PagesUnknown, TocEntry
from builder.parse.cleaning.lines import SourceLine
from builder.parse.segment import Anchor, locate_toc_entry, title_similarity
from builder.parse.toc import TocBlock, title_without_number
from builder.patterns import normalize_doc_number, special_item_kind
from builder.patterns.layout import FOOTER_PAGE

MATCH_THRESHOLD = 0.6  # the least title similarity that counts as the same item


def add_toc_anchors(lines: list[SourceLine], anchors: list[Anchor], toc: TocBlock, start: int) -> list[Anchor]:
    """Find in the text the 目录 entries that no 文号 or item heading accounts for."""
    taken = {i for anchor in anchors for i in anchor.title + ([anchor.number] if anchor.number is not None else [])}
    accounted = {id(entry) for anchor in anchors if (entry := _best_entry(lines, toc.entries, anchor)) is not None}
    for entry in toc.entries:
        if id(entry) in accounted:
            continue
        found = locate_toc_entry(lines, entry, start, taken)
        if found is not None:
            anchors.append(found)
            taken.update(found.title)
    return sorted(anchors, key=lambda anchor: anchor.first)


def _best_entry(lines: list[SourceLine], entries: list[TocEntry], anchor: Anchor) -> TocEntry | None:
    """The 目录 entry that names an anchor best, if any names it well enough (an entry that only
    resembles it, a 政策解读 of the plan a notice issues, stays to be found on its own)."""
    title = " ".join(lines[i].text for i in anchor.title)
    number = normalize_doc_number(lines[anchor.number].text) if anchor.number is not None else None
    scored = [(_entry_score(entry, title, number, anchor.special), position) for position, entry in enumerate(entries)]
    score, position = max(scored, default=(0.0, -1))
    return entries[position] if score >= MATCH_THRESHOLD else None


def reconcile_toc(issue: Issue) -> None:
    """Give each document its 目录 section; report entries not found and documents not listed."""
    if not issue.toc:
        return
    taken: set[int] = set()
    for entry in issue.toc:
        best, best_score = None, MATCH_THRESHOLD
        for position, document in enumerate(issue.documents):
            if position in taken:
                continue
            number = document.doc_number.normalized if document.doc_number else None
            score = _entry_score(entry, document.title, number, document.kind)
            if score > best_score or (score == best_score == 1.0 and best is None):
                best, best_score = position, score
        if best is None:
            issue.warn(f"目录 item not found in the text: {entry.title}", entry.line)
            continue
        taken.add(best)
        entry.document = best + 1
        issue.documents[best].section = entry.section
        issue.documents[best].in_toc = True
        issue.documents[best].pages = _printed_pages(issue.toc, entry)
    previous: Document | None = None
    for document in issue.documents:
        if not document.in_toc:
            if previous is not None and _is_companion(document, previous):
                document.section = previous.section
            issue.note(f"document not listed in the 目录: {document.title}", document.start_line)
        previous = document


def _printed_pages(toc: list[TocEntry], entry: TocEntry) -> tuple[int, int] | None:
    """The pages a 目录 item spans: from its page to the page before the next item's, or its own
    page alone when the next item's page does not follow it."""
    if entry.page is None:
        return None
    position = next(i for i, e in enumerate(toc) if e is entry)
    following = next((e.page for e in toc[position + 1 :] if e.page is not None), None)
    last = following - 1 if following is not None and following > entry.page else entry.page
    return (entry.page, last)


def _entry_score(entry: TocEntry, title: str, number: str | None, kind: Kind | None) -> float:
    """How well a 目录 entry names a document: 1.0 for the same 文号, else title similarity,
    with a floor for a non-文件 item of the same kind (目录 大事记7-9月 / heading 大事记)."""
    if entry.doc_number and number and entry.doc_number == number:
        return 1.0
    entry_title = title_without_number(entry)
    score = title_similarity(entry_title, title)
    if kind and (kind == special_item_kind(entry_title) or (kind == Kind.CHRONICLE and Kind.CHRONICLE in entry_title)):
        score = max(score, 0.85)
    return score


def _is_companion(document: Document, previous: Document) -> bool:
    """A glossary or interpretation of the item just before it (《政府工作报告》名词解释)."""
    quoted = re.findall(r"《([^》]+)》", document.title)
    return any(title_similarity(q, previous.title) >= 0.9 for q in quoted)


#: removed lines that can carry the printed page number
PAGE_FURNITURE = (Noise.PAGE_NUMBER, Noise.RUNNING_HEADER)


def running_footers(issue: Issue) -> list[tuple[int, int]]:
    """(line, printed page) of each removed footer or header that prints a page number, in line
    order; none at all when the numbers do not rise with the lines (misread, or two numberings)."""
    footers = []
    for line, reason, text in issue.removed:
        match = FOOTER_PAGE.search(text) if reason in PAGE_FURNITURE else None
        if match:
            footers.append((line, int(match.group(1) or match.group(2))))
    pages = [page for _, page in footers]
    return footers if all(a < b for a, b in itertools.pairwise(pages)) else []


def pages_from_footers(issue: Issue) -> None:
    """Pages for the documents without any, as far as the running footers tell.

    A footer closes its page: text after footer N is on page N+1 or later, text before it on N or
    earlier. A document starts on N+1 for certain when footer N stands between it and the
    document before, or when the next footer is N+1; it ends on M when footer M stands between
    it and the next document, or when the footer before its end is M-1. Both certain: its pages;
    else the pages its text is seen on (`footer_pages`) and `PARTLY_PRINTED`; no footer in reach:
    `NOT_PRINTED` (`COMPANION` for an item printed after the one it serves)."""
    footers = running_footers(issue)
    documents = issue.documents
    for position, document in enumerate(documents):
        if document.pages is not None:
            continue
        start, end = document.start_line, document.end_line
        before_start = [(line, page) for line, page in footers if line < start]
        after_start = [(line, page) for line, page in footers if line >= start]
        before_end = [(line, page) for line, page in footers if line <= end]
        after_end = [(line, page) for line, page in footers if line > end]
        previous_end = documents[position - 1].end_line if position else 0
        next_start = documents[position + 1].start_line if position + 1 < len(documents) else None
        first = last = None
        if before_start and (
            before_start[-1][0] > previous_end or (after_start and after_start[0][1] == before_start[-1][1] + 1)
        ):
            first = before_start[-1][1] + 1
        if after_end and (
            next_start is None
            or after_end[0][0] < next_start
            or (before_end and before_end[-1][1] == after_end[0][1] - 1)
        ):
            last = after_end[0][1]
        if first is not None and last is not None and first <= last:
            document.pages = (first, last)
            continue
        seen = [page for line, page in footers if start <= line <= end] + [p for p in (first, last) if p is not None]
        if seen:
            document.footer_pages = (min(seen), max(seen))
            document.pages_unknown = PagesUnknown.PARTLY_PRINTED
        elif not document.in_toc and position and _is_companion(document, documents[position - 1]):
            document.pages_unknown = PagesUnknown.COMPANION
        else:
            document.pages_unknown = PagesUnknown.NOT_PRINTED
