"""The line-level cleaning stages, each one job, in the order `build_cleaner` registers them.

A stage receives every `SourceLine` of the issue and the shared `CleaningContext`. It may
rewrite `line.text` or mark lines as noise; it never removes or reorders lines. Block-level work
(re-joining paragraphs, tables) happens later, per document, in builder.parse.blocks.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from builder.model import Noise
from builder.parse.cleaning.lines import CleaningContext, SourceLine
from builder.parse.cleaning.spacing import continues_merged_cells, looks_like_table_row
from builder.patterns.characters import CJK_CHAR, MONGOLIAN
from builder.patterns.cover import BACK_COVER_LINE, GAZETTE_NAME_START
from builder.patterns.docnumber import SERIAL_ONLY_LINE
from builder.patterns.layout import ONE_SPACE_INDENT, PAGE_INFO, PAGE_NUMBER_DASHES, SECTION_FOOTER
from builder.patterns.markup import (
    BULLETS_AND_SPACES,
    FORMAT_TAGS,
    LATEX_COMMAND,
    LATEX_SPAN,
    LATEX_SUBSCRIPT,
    LATEX_SUPERSCRIPT,
    LIST_MARKER,
    MD_HEADING,
    STRAY_BACKTICK,
    STRAY_LEADING_MARK,
    WHOLE_BOLD,
)
from builder.patterns.spacing import WHITESPACE, WHITESPACE_RUN, WIDE_GAP
from builder.patterns.tables import HTML_TABLE_LINE, NON_TAB_SPACE

_LATEX_SYMBOLS = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\times": "×",
    r"\pm": "±",
    r"\sim": "～",
    r"\cdot": "·",
    r"\%": "%",
    r"\div": "÷",
    r"\neq": "≠",
    r"\approx": "≈",
    r"\circ": "°",
    r"\degree": "°",
    r"\rightarrow": "→",
    r"\to": "→",
}


class ConverterMarkup:
    """Strip the Markdown and HTML the PDF converter added, remembering what it meant.

    Expects: raw lines. Guarantees: no `#` heading markers (their level is kept in
    `line.heading`), no list markers, whole-line bold recorded in `line.bold` with the `**`
    removed, formatting tags (<b>, <p> …) and LaTeX math ($\\geq 80%$ -> ≥80%) turned into text.
    A whole HTML <table> on one line (an OCR-Markdown converter's, or the one the PDF reader writes
    for each table it recovers) is left as it is: its tags are the table. A table row's trailing
    tabs stay (they are its empty last cells). Other markup-like text (<script>, [links]) is left
    alone: it is content, escaped at render.
    """

    name = "converter_markup"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        for line in lines:
            text = line.text.rstrip(NON_TAB_SPACE) if "\t" in line.text else line.text.rstrip()
            if HTML_TABLE_LINE.match(text):
                line.text = text.strip()  # a table: its markup is its structure (builder.parse.tables)
                continue
            text = FORMAT_TAGS.sub("", text)
            text = LATEX_SPAN.sub(_latex_to_text, text)
            heading = MD_HEADING.match(text)
            if heading:
                line.heading = len(heading.group(1))
                text = heading.group(2)
            if not PAGE_NUMBER_DASHES.match(text):
                while LIST_MARKER.match(text):
                    text = LIST_MARKER.sub("", text, count=1)
            bold = WHOLE_BOLD.match(text.strip())
            if bold:
                line.bold = True
                text = bold.group("inner").strip()
            line.text = text


def _latex_to_text(match: re.Match) -> str:
    body = match.group("body")
    if "\\" not in body and "^" not in body and "_" not in body:
        return match.group(0)  # a plain dollar amount, not math
    for command in sorted(_LATEX_SYMBOLS, key=len, reverse=True):
        body = body.replace(command, _LATEX_SYMBOLS[command])
    body = LATEX_SUPERSCRIPT.sub(r"^\1", body)  # 10^{2} stays 10^2, not the number 102
    body = LATEX_SUBSCRIPT.sub(r"\1", body)
    body = LATEX_COMMAND.sub("", body).replace("{", "").replace("}", "")
    return WHITESPACE_RUN.sub("", body)


class StrayMarks:
    """Remove single stray symbols OCR left inside Chinese text.

    Expects: markup stripped. Guarantees: no backtick between two Han characters, no lone
    `=`/`~`/`^` (or `|`, unless the line is a pipe table row) before the first word of a line.
    """

    name = "stray_marks"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        for line in lines:
            line.text = STRAY_LEADING_MARK.sub("", STRAY_BACKTICK.sub("", line.text))


class PageStarts:
    """Find the first line of each PDF page in hard-wrapped text, then trim every line.

    Some converters start each page with one space and no blank line before it. Expects: lines
    as read. Guarantees: `line.page_start` set on such lines; leading and trailing white space
    removed from all lines, except a table row's edge tabs (its empty first and last cells).
    """

    name = "page_starts"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        previous_blank = True
        starts = 0
        for line in lines:
            if ONE_SPACE_INDENT.match(line.raw) and (not previous_blank or line.no == 1):
                line.page_start = True
                starts += 1
            previous_blank = not line.raw.strip()
            # a tab is a cell separator: a table row keeps its empty first and last cells
            line.text = line.text.strip(NON_TAB_SPACE) if "\t" in line.text else line.text.strip()
        live = [line for line in lines if line.text]
        followed_by_blank = sum(1 for a, b in itertools.pairwise(lines) if a.text and not b.text)
        short = sum(1 for line in live if len(line.text) <= 30)
        context.hard_wrapped = bool(live) and followed_by_blank > 0.6 * len(live) and short > 0.6 * len(live)


class MongolianScript:
    """Drop lines of Mongolian script: the converter's garbled reading of the bilingual cover.

    Guarantees: no Mongolian character is left; a line that was mostly Mongolian is noise, a
    stray Mongolian character inside Chinese text is removed.
    """

    name = "mongolian_script"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        for line in lines:
            count = len(MONGOLIAN.findall(line.text))
            if not count:
                continue
            visible = len(WHITESPACE.sub("", line.text))
            if count * 2 >= visible:
                line.drop(Noise.MONGOLIAN_SCRIPT)
            else:
                line.text = MONGOLIAN.sub("", line.text)


def detect_gazette_title(lines: list[SourceLine]) -> str | None:
    """The gazette's name (乌达区人民政府公报): the `…公报` line printed most often, or None."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for line in lines:
        for piece in WIDE_GAP.split(line.text.strip()):  # 政府办文件      乌审旗人民政府公报: two ends of a header
            squashed = BULLETS_AND_SPACES.sub("", piece)
            match = GAZETTE_NAME_START.match(squashed)
            if match and not squashed.startswith("《"):
                counts[match.group(1)] += 1
                first_seen.setdefault(match.group(1), line.no)
    if not counts:
        return None
    return max(counts, key=lambda title: (counts[title], -first_seen[title]))


class RunningHeaders:
    """Drop running headers, footers and page numbers.

    Expects: trimmed lines; sets `context.gazette_title` if not known. Drops lines that are the
    gazette title alone (`■ 乌达区人民政府公报`), the title with issue and page
    (`东胜区人民政府公报 2024·1-3- 12 -`), a section footer (`政府办公室文件 - 27 -`), a bare
    `- 12 -`, or an OCR misreading of the title one character off when it stands alone.
    """

    name = "running_headers"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        if context.gazette_title is None:
            context.gazette_title = detect_gazette_title(lines)
        title = context.gazette_title
        for index, line in enumerate(lines):
            if not line.live:
                continue
            text = line.text.strip()
            squashed = BULLETS_AND_SPACES.sub("", text)
            if PAGE_NUMBER_DASHES.match(text) or SECTION_FOOTER.match(text):
                line.drop(Noise.PAGE_NUMBER)
            elif title and squashed.startswith(title) and PAGE_INFO.match(squashed[len(title) :]):
                line.drop(Noise.RUNNING_HEADER)
            elif title and self._misread_title(squashed, title) and self._stands_alone(lines, index):
                line.drop(Noise.RUNNING_HEADER_MISREAD)

    @staticmethod
    def _misread_title(squashed: str, title: str) -> bool:
        return len(squashed) == len(title) and sum(a != b for a, b in zip(squashed, title, strict=False)) == 1

    @staticmethod
    def _stands_alone(lines: list[SourceLine], index: int) -> bool:
        from builder.patterns.docnumber import DOC_NUMBER_LINE

        following = next((line for line in lines[index + 1 :] if line.live), None)
        # a 公告 heading followed by its number is a document, not a header
        return not (following and (DOC_NUMBER_LINE.match(following.text) or SERIAL_ONLY_LINE.match(following.text)))


class VerticalBanners:
    """Drop the gazette name printed vertically, one character per line, and a banner
    character glued to the end of the line before a page start.

    Expects: trimmed lines, running footers already noise, and a known gazette title (or none).
    Guarantees: no run of three or more one-character lines that spell part of the gazette name
    is left, whether blank lines or a footer stand between the characters or not; a
    one-character line next to the banner that is not part of the name (a wrapped line's last
    character) is kept.
    """

    name = "vertical_banners"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        title = context.gazette_title or ""
        run: list[SourceLine] = []
        for line in [*lines, SourceLine(0, "x", "x")]:
            if not line.live:
                continue  # blank lines and footers between the banner's characters
            if len(line.text) == 1 and CJK_CHAR.match(line.text):
                run.append(line)
                continue
            self._flush(run, title)
            run = []
        self._unglue(lines, context)

    @staticmethod
    def _flush(run: list[SourceLine], title: str) -> None:
        spelled = "".join(line.text for line in run)
        if len(run) < 3:
            return
        if not title:
            if spelled.endswith("公报"):
                for line in run:
                    line.drop(Noise.VERTICAL_BANNER)
            return
        best = (0, 0)
        for start in range(len(run)):
            for end in range(start + 3, len(run) + 1):
                if spelled[start:end] in title and end - start > best[1] - best[0]:
                    best = (start, end)
        for line in run[best[0] : best[1]]:
            line.drop(Noise.VERTICAL_BANNER)

    @staticmethod
    def _unglue(lines: list[SourceLine], context: CleaningContext) -> None:
        title = context.gazette_title
        if not title:
            return
        for line, following in itertools.pairwise(lines):
            text = line.text
            if (
                line.live
                and following.page_start
                and len(text) > 4
                and text.endswith(title[0])
                and text[-2] != title[0]
            ):
                line.text = text[:-1]
                context.notes.append((line.no, f"removed banner character '{title[0]}' glued to the line end"))
                context.removed.append((line.no, Noise.BANNER_CHARACTER, title[0]))


class BackCover:
    """Drop the back-cover lines after the last document: web site, WeChat account, QR code.

    Expects: trimmed lines. Guarantees: trailing lines naming a web site, URL or public account
    are noise; nothing before the last ordinary line is touched.
    """

    name = "back_cover"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        for line in reversed(lines):
            if not line.live:
                continue
            if BACK_COVER_LINE.search(line.text) and len(line.text) <= 60:
                line.drop(Noise.BACK_COVER)
            else:
                break


class RepeatedTableHeaders:
    """Drop a table's header row where the converter repeated it at each page break.

    Expects: trimmed lines (a tab row keeps its edge tabs); tables as tab-separated rows, or as
    space-separated cells (flattened tables). Guarantees: within a table (rows separated only by
    blank or noise lines, or by a short row of merged cells), a row with the same cell texts as
    the table's first row (empty cells aside) is noise.
    """

    name = "repeated_table_headers"

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None:
        header: list[str] | None = None
        for line in lines:
            if not line.live:
                continue
            if "\t" not in line.text and not looks_like_table_row(line.text):
                if not continues_merged_cells(line.text):
                    header = None
                continue
            row = [cell for cell in WHITESPACE_RUN.split(line.text) if cell]
            if header is None:
                header = row
            elif row == header:
                line.drop(Noise.REPEATED_TABLE_HEADER)
