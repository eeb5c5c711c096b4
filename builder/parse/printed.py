"""Printed page ranges from the page numbers a converted PDF's text carries in its footers.

Text that pdftotext wrote keeps each page's footer (`— 12 —`) and a form feed between pages; the
cleaning stage `PageFurniture` lists the pages with the number printed on each. A document then
runs from the printed number of the page its title is on to that of the page its last line is on,
for every document, the last one included (the 目录 alone cannot tell where the last one ends).
A page without a number of its own is numbered from its neighbours' offset; pages before the first
numbered one (cover, 目录) have none.
"""

from __future__ import annotations

import bisect
from collections import Counter

from builder.model import Issue
from builder.parse.cleaning.lines import PrintedPage, SourceLine


def printed_numbers(pages: list[PrintedPage]) -> list[int | None]:
    """Each page's printed number: its own, or its index plus the offset most pages agree on."""
    offsets = Counter(page.printed - index for index, page in enumerate(pages) if page.printed is not None)
    if not offsets:
        return [None] * len(pages)
    offset = offsets.most_common(1)[0][0]
    first = next(index for index, page in enumerate(pages) if page.printed is not None)
    return [
        page.printed if page.printed is not None else (index + offset if index >= first else None)
        for index, page in enumerate(pages)
    ]


def add_printed_pages(issue: Issue, pages: list[PrintedPage], lines: list[SourceLine]) -> None:
    """Give each document the printed pages its lines are on (its last line of text, not the furniture
    after it), when the text's footers number them."""
    numbers = printed_numbers(pages)
    if not any(number is not None for number in numbers):
        return
    starts = [page.first_line for page in pages]

    def number_at(line: int) -> int | None:
        return numbers[max(0, bisect.bisect_right(starts, line) - 1)]

    live = [line.no for line in lines if line.live]
    for document in issue.documents:
        end = live[max(0, bisect.bisect_right(live, document.end_line) - 1)] if live else document.end_line
        first, last = number_at(document.start_line), number_at(max(end, document.start_line))
        if first is not None:
            document.pages = (first, last if last is not None and last >= first else first)
