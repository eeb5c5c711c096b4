"""Step 2, join: runs of text lines are re-joined into paragraphs, a roster line with its wrapped
post (see `_joins`); list items and sentences that end stay apart."""

from __future__ import annotations

from builder.parse.blocks.units import Role, Unit, display_width
from builder.patterns.dates import MONTH_DAY
from builder.patterns.kinds import ATTACHMENT_TITLE_END
from builder.patterns.layout import (
    ASCII_END,
    ASCII_START,
    CLOSING_BRACKET_AT_END,
    COLON_END,
    DIGIT,
    DIGIT_AT_END,
    LABEL,
    NAMED_LINE,
    NOTE_START,
    POST_END,
    ROSTER_LINE,
    ends_sentence,
    open_brackets,
)
from builder.patterns.outline import CHAPTER, NUMBERED_ITEM, starts_with_outline

#: roles that never continue the line before them
_HARD_BREAKS = frozenset(
    {Role.TABLE, Role.CELLS, Role.DOC_NUMBER, Role.DATE, Role.PRINTED, Role.MASTHEAD}
    | {Role.ATTACHMENT_LABEL, Role.ATTACHMENT_LIST}
)
#: roles that stand alone: nothing joins onto them
_STANDALONE = (_HARD_BREAKS - {Role.ATTACHMENT_LIST}) | {Role.ROW, Role.ROSTER, Role.ORG}
#: roles that start a new unit unless the line before runs on into them
_BREAKS_BEFORE = (_HARD_BREAKS - {Role.CELLS}) | {Role.HEADING, Role.ROW, Role.ROSTER, Role.ORG}


def _starts_block(text: str) -> bool:
    return bool(
        starts_with_outline(text)
        or CHAPTER.match(text)
        or MONTH_DAY.match(text)
        or NOTE_START.match(text)
        or (LABEL.match(text) and len(text.split("：")[0].split(":")[0]) <= 8)
    )


def _title_like(unit: Unit) -> bool:
    return unit.heading > 0 or (
        len(unit.text) <= 40
        and bool(ATTACHMENT_TITLE_END.search(unit.text.rstrip("*")))
        and not ends_sentence(unit.text)
    )


def _reaches_margin(unit: Unit) -> bool:
    """Whether the last line of `unit` runs to the right margin (its first line, two characters
    short of it, as a paragraph's first line is indented)."""
    return unit.indented_full if len(unit.parts) == 1 else unit.full


def _opens_paragraph(b: Unit) -> bool:
    """Whether line `b` is the indented first line of a paragraph that runs on: it stops mid-sentence
    two characters or so short of its column's measure, where a line that continues one reaches it."""
    return bool(b.margin) and b.margin - 3 <= b.width <= b.margin - 1.5 and not ends_sentence(b.text)


def _heading_stops_short(a: Unit) -> bool:
    """Whether `a` is an outline heading (（一）…) wrapped in a column whose measure is known, its
    last line stopping short of even an indented first line's reach: the heading ends there. (A
    short line inside prose may be an orphan the converter cut from its sentence: not that.)"""
    return bool(a.margin) and starts_with_outline(a.text) and display_width(a.layout[-1].strip()) < a.margin - 3


def _joins(a: Unit, b: Unit) -> bool:
    """Whether line `b` continues the paragraph that line `a` ends.

    In a hard-wrapped column, a line that reaches the margin and stops mid-sentence runs on,
    whatever the next line looks like (a name, a label: `（一）…商` / `贸物流园：负责…`), but for a
    numbered item (`2. 完善…`), which never continues the line before it. Otherwise never across a structural line (heading, table, date,
    label …); after sentence-final punctuation only when `a` reaches the margin; else yes when
    either side is clearly body text, or when `b` is a short tail ending a sentence.
    """
    if b.role in _HARD_BREAKS:
        return False
    if NUMBERED_ITEM.match(b.text) and open_brackets(a.text) <= 0 and (len(b.text) >= 10 or ends_sentence(b.text)):
        return False  # a numbered item (2. 完善…) starts its own paragraph, even after a full line (not a cell: 1.煤炭)
    reaches = _reaches_margin(a)
    if a.role == Role.ROSTER or (a.role == Role.ORG and NAMED_LINE.match(a.text)):  # a name and post whose post wrapped
        named = NAMED_LINE.match(b.text) or ROSTER_LINE.match(b.text)  # the next person
        return (
            b.role in {Role.TEXT, Role.ORG}
            and not named
            and not ends_sentence(a.text)
            and not _starts_block(b.text)
            and (
                (reaches and b.role == Role.TEXT)
                # an organisation's name after a whole post is the signature, not the post's tail
                or (
                    len(b.text) <= 12
                    and not ends_sentence(b.text)
                    and (b.role == Role.TEXT or not POST_END.search(a.text))
                )
            )
        )
    if a.role in _STANDALONE:
        return False
    closed_item = (
        CLOSING_BRACKET_AT_END.search(a.text) and open_brackets(a.text) <= 0 and _starts_block(b.text)
    )  # …(责任单位:…) / 5.…
    if (
        reaches
        and not ends_sentence(a.text)
        and not closed_item
        and (b.role != Role.ROW or display_width(b.text) >= display_width(a.parts[-1]) - 2)
    ):
        return True  # (a wrapped line with a spaced number in it can look like a table row)
    if b.role in _BREAKS_BEFORE or _starts_block(b.text):
        return False
    if open_brackets(a.text) > 0 and not ends_sentence(a.text):
        return True  # "…（5922个工作" + "日）…": an open bracket always runs on
    tail = len(b.text) <= 15 and ends_sentence(b.text)
    if a.role == Role.HEADING:
        return tail and not ends_sentence(a.text)
    if ends_sentence(a.text):
        headline = len(a.parts) == 1 and MONTH_DAY.match(a.text)  # a 大事记 entry's one-line headline
        return reaches and not COLON_END.search(a.text) and not headline and not _opens_paragraph(b)
    if _title_like(a) and not tail:
        return False
    if _heading_stops_short(a) and not tail:
        return False
    return len(a.text) >= 15 or len(b.text) >= 15 or tail


def _title_after_label(joined: list[Unit]) -> bool:
    """The last unit is a single short unpunctuated line right under a 附件 label, or a line
    naming a plan right under the date that closes the notice issuing it: a title."""
    if len(joined) < 2 or joined[-2].role not in {Role.ATTACHMENT_LABEL, Role.DATE}:
        return False
    title = joined[-1]
    if joined[-2].role == Role.DATE:
        return (
            len(title.parts) == 1
            and len(title.text) <= 40
            and bool(ATTACHMENT_TITLE_END.search(title.text.rstrip("*")))
        )
    return len(title.parts) == 1 and not title.full and len(title.text) <= 40 and not ends_sentence(title.text)


def join(units: list[Unit]) -> list[Unit]:
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if previous is not None and _title_after_label(joined) and len(unit.text) > 15:
            joined.append(unit)  # "附件1" / title / body: the body never runs into the title
            continue
        if (
            previous is not None
            and previous.role in {Role.TEXT, Role.HEADING, Role.ATTACHMENT_LIST, Role.ROSTER, Role.ORG}
            and _joins(previous, unit)
        ):
            if previous.role == Role.ORG:
                previous.role = Role.ROSTER  # 武强 区人民政府办公室 / 副主任: a person, not a signature
            previous.text = concat(previous.text, unit.text)
            previous.parts.append(unit.text)
            previous.layout += unit.layout
            previous.last = unit.last
            previous.full = unit.full
            if previous.role == Role.HEADING and (len(previous.text.replace("*", "")) > 60 or unit.role != Role.TEXT):
                previous.role = Role.TEXT
            continue
        joined.append(unit)
    return joined


def concat(left: str, right: str) -> str:
    """Two wrapped pieces of a paragraph: a space between two Latin words, none inside a number
    wrapped at the line end (〔2 / 022〕30号)."""
    if DIGIT_AT_END.search(left) and DIGIT.match(right):
        return left + right
    if ASCII_END.search(left) and ASCII_START.match(right):
        return left + " " + right
    return left + right
