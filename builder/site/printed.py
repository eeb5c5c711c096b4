"""Where a document stands in print and whether its title says whose it is: what the library
needs to fill its entries (builder.site.library), below it so that neither imports the other.

    printed pages    `Document.pages` when the parser has them (目录, running footers or PDF);
                     else the 目录's own page numbers: from the item's page to the page before
                     the next item's. A document the 目录 does not list gets none from it (a
                     名词解释 printed after its report is not the report's 第12–22页): its page
                     says why instead (`DocumentEntry.pages_reason`)
    generic title    a title with no 文号, and no place, or no year in a periodic item (政府工作报告,
                     大事记7-9月, 名词解释): a list shows it with its issue (`DocumentEntry.display_title`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.model import Document, Issue, Kind
from builder.patterns import YEAR_MENTION

#: kinds of item every issue or year has one of, so that the title alone does not say which
PERIODIC_KINDS = {Kind.CHRONICLE, Kind.REPORT, Kind.SPEECH, Kind.MEETING, Kind.MINUTES}


@dataclass(frozen=True)
class PrintedPages:
    """Pages of the printed gazette: `last` is None when the 目录 does not say where it ends."""

    first: int
    last: int | None

    def __str__(self) -> str:
        if self.last is None:
            return f"第{self.first}页起"
        return f"第{self.first}页" if self.last == self.first else f"第{self.first}–{self.last}页"

    def as_list(self) -> list[int | None]:
        return [self.first, self.last]


def printed_pages(issue: Issue) -> list[PrintedPages | None]:
    """Each document's printed pages, in document order (see the module docstring)."""
    starts = sorted((entry.document, entry.page) for entry in issue.toc if entry.document and entry.page)
    pages: list[PrintedPages | None] = []
    for position, document in enumerate(issue.documents, start=1):
        if document.pages is not None:
            pages.append(PrintedPages(*document.pages))
            continue
        own = [page for at, page in starts if at == position]
        after = [page for at, page in starts if at > position]
        if not own:
            pages.append(None)
            continue
        first = own[-1]
        last = max(first, after[0] - 1) if after and after[0] >= first else None
        pages.append(PrintedPages(first, last))
    return pages


def place_name(publisher_name: str) -> str:
    """东胜区人民政府 -> 东胜区: the place a publisher governs, as its documents write it."""
    return re.sub(r"人民政府$", "", publisher_name) or publisher_name


def is_generic_title(title: str, document: Document, publisher_name: str) -> bool:
    """A title that does not say whose it is or when: no 文号, and no place in it, or no year in
    the title of an item every period has (大事记7-9月, 政府工作报告, a meeting)."""
    if document.doc_number is not None:
        return False
    if place_name(publisher_name) not in title:
        return True
    return document.kind in PERIODIC_KINDS and not YEAR_MENTION.search(title)
