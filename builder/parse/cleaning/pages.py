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
from builder.patterns.layout import BARE_PAGE_NUMBER, CLAUSE_PUNCT, PAGE_INFO, PAGE_NUMBER_DASHES, TRAILING_PAGE_NUMBER
from builder.patterns.spacing import WHITESPACE_RUN, WIDE_GAP
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
#: the longest section name a running header prints (政府办公室文件, 领导讲话)
SECTION_NAME = 12


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


def _top_pair(page: list[SourceLine]) -> list[SourceLine]:
    live = [line for line in page if line.text.strip()]
    return live[:2] if len(live) > 2 * BAND else []


def _beside_headers(
    pages: list[list[SourceLine]], furniture: set[str], headers: set[str], elsewhere: Counter[str], needed: int
) -> set[str]:
    """The other half of a running header (the section a run of pages is in, `政府文件` beside the
    gazette's name, printed on its own line): on too few pages to be learned alone, but on two or
    more, always one of a page's first two lines with a line recurring on most pages beside it,
    and elsewhere less often (a 大事记 section's own title; a 目录 page aside). Where most pages
    head with two such lines, a section of one page too: a short name, first, above the gazette's
    line, and nowhere else."""
    beside: Counter[str] = Counter()
    first: Counter[str] = Counter()  # ... as the first of the two, a short name above a recurring line
    in_band: Counter[str] = Counter()
    apart: set[str] = set()
    two_line_headers = 0
    for page in pages:
        if _lists_contents(page):
            continue
        in_band.update({_shape(line.text) for line in _bands(page)})
        pair = _top_pair(page)
        shapes = [_shape(line.text) for line in pair]
        two_line_headers += len(shapes) == 2 and all(shape in headers for shape in shapes)
        for index, shape in enumerate(shapes):
            if shape in furniture:
                continue
            if shapes[1 - index] in headers:
                beside[shape] += 1
                short = len(shape) <= SECTION_NAME and not CLAUSE_PUNCT.search(shape)
                first[shape] += index == 0 and short
            else:
                apart.add(shape)
    return {
        shape
        for shape, count in beside.items()
        if count == in_band[shape]
        and shape not in apart
        and (
            (count >= 2 and elsewhere[shape] < count)
            or (two_line_headers >= needed and first[shape] == count and not elsewhere[shape])
        )
    }


def _displaced(pages: list[list[SourceLine]], recurring: set[str]) -> set[str]:
    """Issue labels and page numbers (`2023 年第 7-9 期合刊`, `— 36 —`: no body line is just that)
    that recur in the bands and, on a page where one stands elsewhere, are missing from its bands:
    pdftotext wrote the page's header or footer among the cells of a table on it."""
    shapes = {shape for shape in recurring if shape and PAGE_INFO.match(shape.replace("#", "0"))}
    duplicated: set[str] = set()
    for page in pages:
        if _lists_contents(page):
            continue
        band = _bands(page)
        banded = {_shape(line.text) for line in band}
        inside = {id(line) for line in band}
        duplicated |= {
            shape for line in page if id(line) not in inside and (shape := _shape(line.text)) in shapes & banded
        }
    return shapes - duplicated


def _halves(line: SourceLine) -> list[str]:
    return [_shape(part) for part in WIDE_GAP.split(line.text.strip())]


def _headers_in_one_line(pages: list[list[SourceLine]], needed: int, elsewhere: Counter[str]) -> set[str]:
    """A running header laid out on one line, its halves apart (`pdftotext -layout`: `组织机构 …
    东胜区人民政府公报`): a page's first line of two halves, one of which heads most pages (the
    gazette's name) while the other changes with the section, is furniture when it is nowhere else
    and the whole line recurs there on two pages or more, or its other half is a short name first
    (a section of one page)."""
    tops = [live[0] for page in pages if not _lists_contents(page) and (live := _bands(page))]
    halves = Counter(half for line in tops for half in set(_halves(line)))
    common = {half for half, count in halves.items() if count >= needed}
    whole: Counter[str] = Counter()
    named: set[str] = set()
    for line in tops:
        split = _halves(line)
        if len(split) == 2 and common.intersection(split):
            whole[_shape(line.text)] += 1
            if split[1] in common and len(split[0]) <= SECTION_NAME and not CLAUSE_PUNCT.search(split[0]):
                named.add(_shape(line.text))
    return {shape for shape, count in whole.items() if (count >= 2 or shape in named) and not elsewhere[shape]}


class PageFurniture:
    """Drop running headers and footers learned from repetition across pages, and number the pages.

    Expects: trimmed lines of a text with form feeds between pages (other texts are left alone).
    Guarantees: a line in a page's top or bottom band whose shape recurs in the bands of at least
    `MIN_PAGES` pages (and a twentieth of all pages), and nowhere else but on a 目录 page, is noise,
    and so is the other half of such a header (`_beside_headers`, `_headers_in_one_line`), and an
    issue label or page number displaced from the bands among a table's cells (`_displaced`). `context.printed_pages` lists every
    page with the number printed in its furniture (None when it has none).
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
        strays = _displaced(pages, {shape for shape, count in in_band.items() if count >= needed})
        recurring = {shape for shape, count in in_band.items() if count >= needed}
        # a section's name learned beside the headers is also the 目录's heading of that section: kept there
        sections = _beside_headers(pages, furniture, furniture | recurring, elsewhere, needed)
        sections |= _headers_in_one_line(pages, needed, elsewhere)
        sections = {shape for shape in sections if not _opens_a_title(shape, titles)}
        for page in pages:
            learned = furniture if _lists_contents(page) else furniture | sections | strays
            printed = None
            if not _lists_contents(page):
                for line in page:
                    if _shape(line.text) in strays:
                        line.drop(Noise.RUNNING_HEADER)
            for line in _bands(page):
                number = BARE_PAGE_NUMBER.match(line.text) or PAGE_NUMBER_DASHES.match(line.text)
                if _shape(line.text) in learned:
                    trailing = TRAILING_PAGE_NUMBER.search(line.text)
                    if printed is None and (number or trailing):
                        printed = int(DIGIT_RUN.findall(line.text)[-1])
                    line.drop(Noise.PAGE_NUMBER if number or trailing else Noise.RUNNING_HEADER)
            context.printed_pages.append(PrintedPage(page[0].no, printed))
