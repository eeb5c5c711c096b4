"""Step 1, classify: each line gets a `Role` from its own text and, on hard-wrapped pages, from how
full it is against the margin of its column; narrow table-cell fragments are marked as such."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from builder.parse.blocks.units import Role, Unit, display_width, run_end
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.spacing import (
    looks_like_table_row,
    remove_conversion_spaces,
)
from builder.patterns.characters import CJK_CHAR
from builder.patterns.dates import DATE_LINE, PRINTED_LINE
from builder.patterns.departments import ORG_SUFFIX
from builder.patterns.docnumber import DOC_NUMBER_LINE
from builder.patterns.layout import (
    ATTACHMENT_LABEL,
    ATTACHMENT_LIST,
    HAN_AND_BRACKETS,
    LABEL,
    MASTHEAD_LINE,
    NAMED_LINE,
    ROSTER_LINE,
    ends_sentence,
    open_brackets,
)
from builder.patterns.markup import PIPE_ROW
from builder.patterns.outline import CHAPTER, outline_level, starts_with_outline
from builder.patterns.spacing import WHITESPACE_RUN
from builder.patterns.tables import HTML_TABLE_LINE, NON_TAB_SPACE

NARROW = 11  # widest line of a narrow table column

NARROW_RUN = 6  # that many narrow lines in a row are a table's cells, not paragraphs

HEADING_MAX = 30  # longest plain line read as an outline heading


WRAP_WINDOW = 6  # neighbours compared to decide whether a hard-wrapped line is full


MIN_COLUMN = 14  # narrowest text column read as hard-wrapped (a roster's lines are shorter, and whole)


def _role(line: SourceLine, text: str) -> Role:
    if "\t" in line.text or PIPE_ROW.match(text) or HTML_TABLE_LINE.match(text):
        return Role.TABLE
    if DOC_NUMBER_LINE.match(text):
        return Role.DOC_NUMBER
    if DATE_LINE.match(text):
        return Role.DATE
    if PRINTED_LINE.match(text):
        return Role.PRINTED
    if ATTACHMENT_LABEL.match(text):
        return Role.ATTACHMENT_LABEL
    if ATTACHMENT_LIST.match(text):
        return Role.ATTACHMENT_LIST
    if _is_heading(line, text):
        return Role.HEADING
    if looks_like_table_row(line.text) and not line.heading:
        return Role.ROW
    if _is_org_line(text):
        return Role.ORG
    if MASTHEAD_LINE.match(text):
        return Role.MASTHEAD
    if (ROSTER_LINE.match(text) and not CHAPTER.match(text)) or (
        LABEL.match(text) and len(text) <= 40 and not ends_sentence(text)
    ):
        return Role.ROSTER
    return Role.TEXT


def _is_heading(line: SourceLine, text: str) -> bool:
    if not starts_with_outline(text):
        return False
    plain = text.replace("*", "")
    if CHAPTER.match(plain) and outline_level(plain) is None:
        return False  # 第十一条 …: an article starts a paragraph, it heads nothing
    if (line.heading or line.bold) and len(plain) <= 60:
        return True
    return len(plain) <= HEADING_MAX and not ends_sentence(plain) and "。" not in plain


def _is_org_line(text: str) -> bool:
    squashed = WHITESPACE_RUN.sub("", text)
    return len(squashed) <= 40 and bool(HAN_AND_BRACKETS.fullmatch(squashed)) and bool(ORG_SUFFIX.search(squashed))


def classify(lines: list[SourceLine]) -> list[Unit]:
    units = []
    for line in lines:
        tabbed = "\t" in line.text
        text = line.text if tabbed else remove_conversion_spaces(line.text)
        text = text.strip(NON_TAB_SPACE) if tabbed else text.strip()  # edge tabs are empty cells
        # the width as printed: a converter's spaces took room on the line
        units.append(
            Unit(
                _role(line, text),
                text,
                line.no,
                line.no,
                line.heading,
                line.bold,
                parts=[text],
                width=display_width(line.text.strip()),
                printed=line.text.strip(),
                layout=[line.raw.rstrip()],
            )
        )
    _mark_full_lines(units)
    for unit in units:  # a full hard-wrapped line runs on: it is not a heading or a signature
        if unit.heading or unit.bold:
            continue
        if unit.role == Role.ORG and unit.full:
            unit.role = Role.TEXT
        elif unit.role == Role.ROSTER and unit.indented_full and not NAMED_LINE.match(unit.text):
            unit.role = Role.TEXT  # 整改措施：一是…, a paragraph led by a label, not a name and post
        elif unit.role == Role.HEADING and (unit.indented_full or open_brackets(unit.text) > 0):
            unit.role = Role.TEXT
    return units


def _mark_full_lines(units: list[Unit]) -> None:
    """`full`: the line reaches the right margin of a hard-wrapped column. The margin is the
    usual width of the longest lines around it (a line a closing mark was pushed onto is one
    wider than the margin, and does not set it)."""
    widths = [u.width if u.role in {Role.TEXT, Role.HEADING, Role.ROSTER, Role.ORG} else 0.0 for u in units]
    overall = _usual_margin([w for w in widths if w])
    for index, unit in enumerate(units):
        if not widths[index]:
            continue
        for reach in (WRAP_WINDOW, 4 * WRAP_WINDOW):  # wider where tables leave few text lines around
            window = [w for w in widths[max(0, index - reach) : index + reach + 1] if w]
            longest = max(window)
            near = sorted(w for w in window if w >= longest - 2.5)
            if len(near) >= 3:
                break
        margin = near[len(near) // 2]
        wrapped = margin >= MIN_COLUMN and longest <= 60 and len(near) >= 3
        if not wrapped and overall:  # too few text lines around (tables): the document's own margin
            margin, wrapped = overall, True
        unit.full = wrapped and widths[index] >= margin - 1.5
        # a paragraph's first line is indented two characters: nearly full, it still runs on
        unit.indented_full = wrapped and widths[index] >= margin - 3
        if wrapped and overall and abs(margin - overall) <= 1:
            unit.margin = overall  # the column's measure, where the lines around agree with the document's


def _usual_margin(widths: list[float]) -> float | None:
    """The width most text lines of a hard-wrapped document share, or None when no width is
    shared by a third of its lines of ten characters or more (not hard-wrapped)."""
    lines = [round(w) for w in widths if w >= 10]
    if len(lines) < 6:
        return None
    width, _ = Counter(lines).most_common(1)[0]
    near = sum(1 for w in lines if abs(w - width) <= 1)
    return float(width) if MIN_COLUMN <= width <= 60 and near >= len(lines) / 3 else None


def mark_narrow_cells(units: list[Unit]) -> None:
    """A table laid out in narrow columns comes one cell fragment a line (摸排鄂 / 尔多斯 /
    片区高): a run of `NARROW_RUN` or more such lines is its cells, kept as printed, never
    re-joined into paragraphs. Only in a hard-wrapped text (its lines share a margin): elsewhere
    short lines in a row are a list, whole."""
    margin = _usual_margin([u.width for u in units if u.role in {Role.TEXT, Role.HEADING, Role.ROSTER, Role.ORG}])
    if margin is None:
        return

    def narrow(unit: Unit) -> bool:
        return unit.role == Role.TEXT and not unit.heading and display_width(unit.text) <= min(NARROW, 0.6 * margin)

    index = 0
    while index < len(units):
        end = run_end(units, index, narrow) if narrow(units[index]) else index - 1
        if end - index + 1 >= NARROW_RUN:
            for unit in units[index : end + 1]:
                unit.role = Role.CELLS
        index = max(end, index) + 1
    # a wider cell or two between two runs (a long name, a row number's row) belongs to the table
    cells = [i for i, unit in enumerate(units) if unit.role == Role.CELLS]
    for left, right in pairwise(cells):
        between = units[left + 1 : right]
        if 0 < len(between) <= 3 and all(
            u.role in {Role.TEXT, Role.ROW, Role.ORG} and display_width(u.text) <= 2 * NARROW for u in between
        ):
            for unit in between:
                unit.role = Role.CELLS


def merge_vertical_cells(lines: list[SourceLine]) -> list[SourceLine]:
    """A table cell printed one character per line (团/队/名/称) becomes one line (团队名称);
    a column of bare row numbers (2/3/4/5) becomes one line of numbers."""
    merged: list[SourceLine] = []
    in_run = False  # whether merged[-1] is a run of one-character lines
    for line in lines:
        single = len(line.text) == 1
        if single and merged and in_run:
            previous = merged[-1]
            joiner = "" if CJK_CHAR.match(line.text) and CJK_CHAR.match(previous.text[-1]) else " "
            merged[-1] = SourceLine(no=previous.no, raw=previous.raw, text=previous.text + joiner + line.text)
            continue
        merged.append(line)
        in_run = single
    return merged
