"""Stage 3b, reconcile: the issue's own 目录 with the documents found in the text.

`add_toc_anchors` finds in the text the 目录 items that no 文号 line or item heading accounts for
(before the text is cut into documents); `reconcile_toc` then gives each document its 目录
section and printed pages, and reports the items not found and the documents not listed.
"""

from __future__ import annotations

import re

from builder.model import Document, Issue, Kind, TocEntry
from builder.parse.cleaning.lines import SourceLine
from builder.parse.segment import Anchor, locate_toc_entry, title_similarity
from builder.parse.toc import TocBlock, title_without_number
from builder.patterns import normalize_doc_number, special_item_kind

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
