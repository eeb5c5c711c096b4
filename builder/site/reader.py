"""What a reader needs around a document's text: where it stands in print, how to cite it, a
title that says whose it is, and whether it is still in force.

    printed pages    `Document.pages` when the parser has them (目录 or PDF); else the 目录's own
                     page numbers: from the item's page to the page before the next item's (a
                     document the 目录 does not list shares the item before it)
    citation         《东胜区人民政府公报》2023年第7-9期合刊 第28–52页, and a line ready to copy
    display title    a generic title (政府工作报告, 大事记7-9月, 名词解释: no 文号, and no place,
                     or no year in a periodic item) gets its issue: 政府工作报告（克什克腾旗人民政府公报 2025年第1期）;
                     the model's title stays as printed
    build date       the day the site is built (SOURCE_DATE_EPOCH), which a printed status states
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from builder.model import Issue
from builder.patterns import YEAR_MENTION

if TYPE_CHECKING:  # the library imports this module to fill its entries
    from builder.site.library import DocumentEntry, IssueEntry

#: kinds of item every issue or year has one of, so that the title alone does not say which
PERIODIC_KINDS = {"大事记", "报告", "讲话", "会议", "纪要"}


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
        before = [page for at, page in starts if at <= position]
        after = [page for at, page in starts if at > position]
        if not before:
            pages.append(None)
            continue
        first = before[-1]
        last = max(first, after[0] - 1) if after and after[0] >= first else None
        pages.append(PrintedPages(first, last))
    return pages


def place_name(publisher_name: str) -> str:
    """东胜区人民政府 -> 东胜区: the place a publisher governs, as its documents write it."""
    return re.sub(r"人民政府$", "", publisher_name) or publisher_name


def gazette_name(issue: IssueEntry) -> str:
    return issue.issue.gazette_title or f"{issue.publisher.name}公报"


def where_printed(entry: DocumentEntry) -> str:
    """刊登于《东胜区人民政府公报》2023年第7-9期合刊 第28–52页 (without pages when unknown)."""
    issue = entry.issue
    label = issue.issue.issue_label or issue.short_title
    pages = f" {entry.pages}" if entry.pages else ""
    return f"《{gazette_name(issue)}》{label}{pages}"


def citation_line(entry: DocumentEntry, url: str | None = None) -> str:
    """A line to paste into a footnote: issuer, title, 文号, date, where printed, address."""
    document = entry.document
    parts = []
    if document.issuers and not document.title.startswith(document.issuers[0]):
        parts.append("、".join(document.issuers) + "：")
    parts.append("《" + entry.toc_title.replace("《", "〈").replace("》", "〉") + "》")  # 〈〉 inside 《》
    if document.doc_number:
        parts.append(f"（{document.doc_number}）")
    if document.date:
        parts.append(f"，{cn_date(document.date)}")
    parts.append(f"，载{where_printed(entry)}")
    if url:
        parts.append(f"，{unquote(url)}")  # the address as a reader reads it (东政办发-2023-33, not %E4…)
    return "".join(parts) + "。"


def is_generic_title(title: str, entry: DocumentEntry) -> bool:
    """A title that does not say whose it is or when: no 文号, and no place in it, or no year in
    the title of an item every period has (大事记7-9月, 政府工作报告, a meeting)."""
    document = entry.document
    if document.doc_number is not None:
        return False
    if place_name(entry.issue.publisher.name) not in title:
        return True
    return document.kind in PERIODIC_KINDS and not YEAR_MENTION.search(title)


def display_title(entry: DocumentEntry) -> str:
    """The title for page titles, lists, search results and feeds (see the module docstring)."""
    title = entry.toc_title
    return f"{title}（{entry.issue.title}）" if is_generic_title(title, entry) else title


def build_date() -> datetime.date:
    """The day the site is built: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def cn_date(value: str | None) -> str:
    """2023-07-17 -> 2023年7月17日 (anything else unchanged, None -> '')."""
    if not value:
        return ""
    try:
        year, month, day = (int(part) for part in value.split("-"))
    except ValueError:
        return value
    return f"{year}年{month}月{day}日"
