"""Page furniture in text a PDF converter wrote page by page (pdftotext: a form feed starts each page).

Running headers and footers are learned from repetition, whatever they say: a line at the top or the
bottom of a page whose shape (digits as `#`, spacing dropped) recurs at the top or bottom of at least
`MIN_PAGES` pages, and nowhere else (a 目录 aside), is furniture. That covers mirrored headers
(`政府办文件 … 乌审旗人民政府公报` on odd pages, `乌审旗人民政府公报 … 2023 年第 2 期` on even ones),
a header printed as two lines (the issue label split off), a section's name alone, and footers with
the page number (`— 12 —`). The numbers printed in those lines give each page its printed number.
"""

from __future__ import annotations

from collections import Counter

from builder.model import Noise
from builder.parse.cleaning.lines import CleaningContext, PrintedPage, SourceLine
from builder.patterns.characters import DIGIT_RUN
from builder.patterns.kinds import TITLE_START
from builder.patterns.layout import BARE_PAGE_NUMBER, PAGE_NUMBER_DASHES, TRAILING_PAGE_NUMBER
from builder.patterns.spacing import WHITESPACE_RUN
from builder.patterns.toc import TOC_HEAD, TOC_HEAD_FIRST, TOC_HEAD_SECOND

FORM_FEED = "\f"
#: lines at each end of a page that can be furniture
BAND = 2
#: a furniture shape recurs on at least this many pages
MIN_PAGES = 3
#: ... and on at least this fraction of all pages (a section's name heads the odd pages of its documents)
SHARE_OF_PAGES = 20
#: furniture is short
MAX_CHARACTERS = 60


def split_pages(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """The lines of each page, pages cut where a line starts with a form feed (pdftotext's page break);
    one page when the text has none."""
    pages: list[list[SourceLine]] = [[]]
    for line in lines:
        if line.raw.startswith(FORM_FEED) and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return pages


def _shape(text: str) -> str:
    return DIGIT_RUN.sub("#", WHITESPACE_RUN.sub("", text))


def _lists_contents(page: list[SourceLine]) -> bool:
    live = [line.text.strip() for line in page if line.text.strip()]
    following = [*live[1:], ""][: len(live)]
    return any(
        TOC_HEAD.match(text) or (TOC_HEAD_FIRST.match(text) and TOC_HEAD_SECOND.match(after))
        for text, after in zip(live, following, strict=True)
    )


def _listed_titles(pages: list[list[SourceLine]]) -> list[str]:
    """The shapes of the 目录 lines that name a document (…关于…, 《…》)."""
    return [
        _shape(line.text)
        for page in pages
        if _lists_contents(page)
        for line in page
        if TITLE_START.match(WHITESPACE_RUN.sub("", line.text))
    ]


def _opens_a_title(shape: str, titles: list[str]) -> bool:
    """Whether a band line is the first line of a title the 目录 lists, wrapped: a title set in a
    narrow column wraps after the same characters in every document (乌达区人民政府办公室关 / 于印发…),
    and each document opening a page puts that line at the top of pages like a running header."""
    return any(title.startswith(shape) and len(title) > len(shape) for title in titles)


def _bands(page: list[SourceLine]) -> list[SourceLine]:
    live = [line for line in page if line.text.strip()]
    return live[:BAND] + live[-BAND:] if len(live) > 2 * BAND else live


class PageFurniture:
    """Drop running headers and footers learned from repetition across pages, and number the pages.

    Expects: trimmed lines of a text with form feeds between pages (other texts are left alone).
    Guarantees: a line in a page's top or bottom band whose shape recurs in the bands of at least
    `MIN_PAGES` pages (and a twentieth of all pages), and nowhere else but on a 目录 page, is noise; a band line that is
    `context.printed_pages` lists every page with the
    number printed in its furniture (None when it has none).
    """

    name = "page_furniture"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        pages = split_pages(lines)
        if len(pages) < MIN_PAGES:
            return
        in_band: Counter[str] = Counter()
        banded: set[int] = set()
        for page in pages:
            band = _bands(page)
            banded.update(id(line) for line in band)
            in_band.update({_shape(line.text) for line in band if len(line.text) <= MAX_CHARACTERS})
        elsewhere = Counter(
            _shape(line.text)
            for page in pages
            if not _lists_contents(page)  # a 目录 names the sections the headers name
            for line in page
            if line.text.strip() and id(line) not in banded
        )
        needed = max(MIN_PAGES, len(pages) // SHARE_OF_PAGES)
        titles = _listed_titles(pages)
        furniture = {
            shape
            for shape, count in in_band.items()
            if count >= needed and not elsewhere[shape] and not _opens_a_title(shape, titles)
        }
        for page in pages:
            printed = None
            for line in _bands(page):
                number = BARE_PAGE_NUMBER.match(line.text) or PAGE_NUMBER_DASHES.match(line.text)
                if _shape(line.text) in furniture:
                    trailing = TRAILING_PAGE_NUMBER.search(line.text)
                    if printed is None and (number or trailing):
                        printed = int(DIGIT_RUN.findall(line.text)[-1])
                    line.drop(Noise.PAGE_NUMBER if number or trailing else Noise.RUNNING_HEADER)
            context.printed_pages.append(PrintedPage(page[0].no, printed))
