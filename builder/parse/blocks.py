"""Stage 3c, segment a document body into blocks: paragraphs re-joined, headings, tables, closing.

Runs per document on its live lines (noise already dropped), in three steps:

1. `classify`: each line gets a role (heading, table row, date, label, roster line, text …) from
   its own text and, for hard-wrapped pages, from how full it is compared with the margin of its
   column; runs of narrow table-cell fragments are marked as such;
2. `join`: runs of text lines are re-joined into paragraphs, a roster line with its wrapped
   post (see `_joins`);
3. `assemble`: roles become `Block`s: recipients, headings by outline number, attachment
   titles, tables (or, when a table cannot be placed, its printed lines), and the
   signature-and-date closing block.

Nothing is dropped here except table header rows repeated at page breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from builder.model import Block, BlockKind
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.spacing import (
    continues_merged_cells,
    looks_like_table_row,
    remove_conversion_spaces,
    squash_title,
)
from builder.patterns import (
    ATTACHMENT_LABEL,
    ATTACHMENT_LIST,
    ATTACHMENT_TITLE_END,
    CHAPTER,
    DATE_LINE,
    DOC_NUMBER_LINE,
    HAN,
    LABEL,
    MASTHEAD_LINE,
    MONTH_DAY,
    NOT_RECIPIENTS,
    ORG_SUFFIX,
    PRINTED_LINE,
    ROSTER_LINE,
    ends_sentence,
    open_brackets,
    outline_level,
    starts_with_outline,
)

_PIPE_ROW = re.compile(r"^\|.*\|$")
_WHITE = re.compile(r"\s+")
_NOTE_START = re.compile(r"^[*]{0,2}(?:附\s*件|注[:：]|备注|抄送|主题词|[①-⑳])")
_COLON_END = re.compile(r"[:：]\**$")
_ASCII_END = re.compile(r"[A-Za-z0-9,.;:%]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9(]")

#: how a post ends (局长, 副主任, 书记 …): an organisation's name after it is not the post's tail
_POST_END = re.compile(r"(?:长|主任|书记|主席|委员|政委|经理|主管|专员|干事|秘书|助理|调研员|成员|代表|负责人)$")
#: a roster line: a name (after its label) and a space before the post: 副组长：吕耀峰 鄂尔多斯…
_NAMED = re.compile(rf"^(?:[*]*[{HAN}\s]{{1,10}}[*]*[:：]\s*)?[{HAN}]{{1,2}}\s?[{HAN}]{{1,3}}\s+\S")

HEADING_MAX = 30  # longest plain line read as an outline heading
WRAP_WINDOW = 6  # neighbours compared to decide whether a hard-wrapped line is full
MIN_COLUMN = 14  # narrowest text column read as hard-wrapped (a roster's lines are shorter, and whole)


class Role(str, Enum):
    """What a line (later a re-joined paragraph) is, as `classify` reads it."""

    TABLE = "table"  # tab- or pipe-separated row
    ROW = "row"  # space-separated table row
    CELLS = "cells"  # one of a run of narrow table-cell fragments
    DOC_NUMBER = "docno"  # the document's own 文号 line
    DATE = "date"  # a date line (the closing's)
    PRINTED = "printed"  # 印发 line of the 版记
    ATTACHMENT_LABEL = "att_label"  # 附件1
    ATTACHMENT_LIST = "att_list"  # an item of the 附件 list under the text
    HEADING = "heading"  # outline heading
    ORG = "org"  # an organisation's name alone (a signature, or a roster's post)
    MASTHEAD = "masthead"  # the gazette's own name
    ROSTER = "roster"  # a name and post, or a label: value line
    TEXT = "text"


class TitleAfter(Enum):
    """What an attachment title may follow."""

    CLOSING = "closing"  # the closing block of the notice that issues it
    LABEL = "label"  # an 附件 label


@dataclass(slots=True)
class Unit:
    """A line (later a re-joined paragraph) with its role."""

    role: Role
    text: str
    first: int
    last: int
    heading: int = 0  # converter's Markdown heading level
    bold: bool = False
    full: bool = False  # reaches the right margin of a hard-wrapped column
    indented_full: bool = False  # reaches it after a two-character paragraph indent
    width: float = 0.0  # display width of the line as printed (spaces included)
    parts: list[str] = field(default_factory=list)


def display_width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in text)


# --- 1. classify ------------------------------------------------------------------------------


def _role(line: SourceLine, text: str) -> Role:
    if "\t" in line.text or _PIPE_ROW.match(text):
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
    if (ROSTER_LINE.match(text) and not CHAPTER.match(text)) or (LABEL.match(text) and len(text) <= 40 and not ends_sentence(text)):
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
    squashed = _WHITE.sub("", text)
    return (
        len(squashed) <= 40
        and bool(re.fullmatch(rf"[{HAN}（）()]+", squashed))
        and bool(ORG_SUFFIX.search(squashed))
    )


def classify(lines: list[SourceLine]) -> list[Unit]:
    units = []
    for line in lines:
        text = line.text if "\t" in line.text else remove_conversion_spaces(line.text)
        text = text.strip()
        # the width as printed: a converter's spaces took room on the line
        units.append(Unit(_role(line, text), text, line.no, line.no, line.heading, line.bold, parts=[text], width=display_width(line.text.strip())))
    _mark_full_lines(units)
    for unit in units:  # a full hard-wrapped line runs on: it is not a heading or a signature
        if unit.heading or unit.bold:
            continue
        if unit.role == Role.ORG and unit.full:
            unit.role = Role.TEXT
        elif unit.role == Role.ROSTER and unit.indented_full and not _NAMED.match(unit.text):
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
            window = [w for w in widths[max(0, index - reach):index + reach + 1] if w]
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


def _usual_margin(widths: list[float]) -> float | None:
    """The width most text lines of a hard-wrapped document share, or None when no width is
    shared by a third of its lines of ten characters or more (not hard-wrapped)."""
    lines = [round(w) for w in widths if w >= 10]
    if len(lines) < 6:
        return None
    width, _ = Counter(lines).most_common(1)[0]
    near = sum(1 for w in lines if abs(w - width) <= 1)
    return float(width) if MIN_COLUMN <= width <= 60 and near >= len(lines) / 3 else None


# --- 2. join ----------------------------------------------------------------------------------

_BREAKS_BEFORE = {Role.TABLE, Role.DOC_NUMBER, Role.DATE, Role.PRINTED, Role.ATTACHMENT_LABEL, Role.ATTACHMENT_LIST, Role.HEADING, Role.ROW, Role.ROSTER, Role.ORG, Role.MASTHEAD}
_STANDALONE = {Role.TABLE, Role.DOC_NUMBER, Role.DATE, Role.PRINTED, Role.ATTACHMENT_LABEL, Role.ROW, Role.ROSTER, Role.ORG, Role.MASTHEAD, Role.CELLS}


def _starts_block(text: str) -> bool:
    return bool(
        starts_with_outline(text)
        or CHAPTER.match(text)
        or MONTH_DAY.match(text)
        or _NOTE_START.match(text)
        or (LABEL.match(text) and len(text.split("：")[0].split(":")[0]) <= 8)
    )


def _title_like(unit: Unit) -> bool:
    return (
        unit.heading > 0
        or (len(unit.text) <= 40 and bool(ATTACHMENT_TITLE_END.search(unit.text.rstrip("*"))) and not ends_sentence(unit.text))
    )


_HARD_BREAKS = {Role.TABLE, Role.DOC_NUMBER, Role.DATE, Role.PRINTED, Role.ATTACHMENT_LABEL, Role.ATTACHMENT_LIST, Role.MASTHEAD, Role.CELLS}


def _reaches_margin(unit: Unit) -> bool:
    """Whether the last line of `unit` runs to the right margin (its first line, two characters
    short of it, as a paragraph's first line is indented)."""
    return unit.indented_full if len(unit.parts) == 1 else unit.full


def _joins(a: Unit, b: Unit) -> bool:
    """Whether line `b` continues the paragraph that line `a` ends.

    In a hard-wrapped column, a line that reaches the margin and stops mid-sentence runs on,
    whatever the next line looks like (an outline number, a name, a label: `（一）…商` /
    `贸物流园：负责…`). Otherwise never across a structural line (heading, table, date,
    label …); after sentence-final punctuation only when `a` reaches the margin; else yes when
    either side is clearly body text, or when `b` is a short tail ending a sentence.
    """
    if b.role in _HARD_BREAKS:
        return False
    reaches = _reaches_margin(a)
    if a.role == Role.ROSTER or (a.role == Role.ORG and _NAMED.match(a.text)):  # a name and post whose post wrapped
        named = _NAMED.match(b.text) or ROSTER_LINE.match(b.text)  # the next person
        return b.role in {Role.TEXT, Role.ORG} and not named and not ends_sentence(a.text) and not _starts_block(b.text) and (
            (reaches and b.role == Role.TEXT)
            # an organisation's name after a whole post is the signature, not the post's tail
            or (len(b.text) <= 12 and not ends_sentence(b.text) and (b.role == Role.TEXT or not _POST_END.search(a.text)))
        )
    if a.role in _STANDALONE:
        return False
    closed_item = re.search(r"[)）]$", a.text) and open_brackets(a.text) <= 0 and _starts_block(b.text)  # …(责任单位:…) / 5.…
    if reaches and not ends_sentence(a.text) and not closed_item and (
        b.role != Role.ROW or display_width(b.text) >= display_width(a.parts[-1]) - 2
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
        return reaches and not _COLON_END.search(a.text) and not headline
    if _title_like(a) and not tail:
        return False
    return len(a.text) >= 15 or len(b.text) >= 15 or tail


def _title_after_label(joined: list[Unit]) -> bool:
    """The last unit is a single short unpunctuated line right under a 附件 label, or a line
    naming a plan right under the date that closes the notice issuing it: a title."""
    if len(joined) < 2 or joined[-2].role not in {Role.ATTACHMENT_LABEL, Role.DATE}:
        return False
    title = joined[-1]
    if joined[-2].role == Role.DATE:
        return len(title.parts) == 1 and len(title.text) <= 40 and bool(ATTACHMENT_TITLE_END.search(title.text.rstrip("*")))
    return len(title.parts) == 1 and not title.full and len(title.text) <= 40 and not ends_sentence(title.text)


def join(units: list[Unit]) -> list[Unit]:
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if previous is not None and _title_after_label(joined) and len(unit.text) > 15:
            joined.append(unit)  # "附件1" / title / body: the body never runs into the title
            continue
        if previous is not None and previous.role in {Role.TEXT, Role.HEADING, Role.ATTACHMENT_LIST, Role.ROSTER, Role.ORG} and _joins(previous, unit):
            if previous.role == Role.ORG:
                previous.role = Role.ROSTER  # 武强 区人民政府办公室 / 副主任: a person, not a signature
            previous.text = _concat(previous.text, unit.text)
            previous.parts.append(unit.text)
            previous.last = unit.last
            previous.full = unit.full
            if previous.role == Role.HEADING and (len(previous.text.replace("*", "")) > 60 or unit.role != Role.TEXT):
                previous.role = Role.TEXT
            continue
        joined.append(unit)
    return joined


def _concat(left: str, right: str) -> str:
    """Two wrapped pieces of a paragraph: a space between two Latin words, none inside a number
    wrapped at the line end (〔2 / 022〕30号)."""
    if re.search(r"\d$", left) and re.match(r"\d", right):
        return left + right
    if _ASCII_END.search(left) and _ASCII_START.match(right):
        return left + " " + right
    return left + right


# --- 3. assemble ------------------------------------------------------------------------------


def _recipients(units: list[Unit]) -> tuple[Block | None, int]:
    """The 主送机关 (a line, or up to three wrapped lines, ending with a colon), if it comes first."""
    text, used = "", 0
    for unit in units[:3]:
        if unit.role not in {Role.TEXT, Role.ROSTER, Role.ORG} or "。" in unit.text:
            break
        text = _concat(text, unit.text)
        used += 1  # noqa: SIM113 (the lines taken, not a loop index)
        if re.search(r"[:：]$", unit.text.strip("*")):
            if len(text) <= 160 and not starts_with_outline(text) and not NOT_RECIPIENTS.search(text):
                block = Block(BlockKind.RECIPIENTS, text=text.strip("*"), start_line=units[0].first, end_line=unit.last)
                return block, used
            break
    return None, 0


def _table_block(units: list[Unit]) -> Block:
    """A table from tab- or pipe-separated rows (see `_grid`)."""
    return _grid([[cell.strip() for cell in re.split(r"\t|(?<!^)\|(?!$)", u.text.strip().strip("|"))] for u in units], units)


def _row_block(units: list[Unit]) -> Block:
    """A table from space-separated rows (see `_grid`); a single row stays a line."""
    if len(units) < 2:
        return Block(BlockKind.LINES, lines=[u.text for u in units], start_line=units[0].first, end_line=units[-1].last)
    return _grid([u.text.split() for u in units], units)


def _grid(rows: list[list[str]], units: list[Unit]) -> Block:
    """A row with fewer cells than the header continues merged cells on its left
    (`\t\t第二居民小组\t114`, whose leading tabs the converter may drop): it is aligned right,
    with empty cells. (A header row repeated at a page break was dropped in cleaning.) A row
    longer than the header cannot be placed with confidence: then the lines are kept as printed,
    under a note."""
    header, *body = rows
    width = len(header)
    if any(len(row) > width for row in body):
        return Block(BlockKind.PRINTED_TABLE, lines=[re.sub(r"\t", "  ", u.text) for u in units],
                     start_line=units[0].first, end_line=units[-1].last)
    grid = [header] + [[""] * (width - len(row)) + row for row in body]
    return Block(BlockKind.TABLE, rows=grid, start_line=units[0].first, end_line=units[-1].last)


def _take_title(units: list[Unit], index: int, need_suffix: bool) -> tuple[Block | None, int]:
    """An attachment/plan title starting at units[index]: up to three short unpunctuated lines."""
    parts: list[Unit] = []
    for unit in units[index:index + 3]:
        if unit.role not in {Role.TEXT, Role.ORG, Role.HEADING, Role.ROSTER} or len(unit.text) > 60 or ends_sentence(unit.text):
            break
        if starts_with_outline(unit.text) or (parts and unit.role == Role.ORG):
            break
        parts.append(unit)
        if ATTACHMENT_TITLE_END.search(squash_title(" ".join(p.text for p in parts)).rstrip("*")):
            break
    if not parts:
        return None, 0
    text = squash_title(" ".join(p.text for p in parts)).strip("*")
    if need_suffix and not ATTACHMENT_TITLE_END.search(text):
        return None, 0
    return Block(BlockKind.ATTACHMENT_TITLE, text=text, start_line=parts[0].first, end_line=parts[-1].last), len(parts)


def assemble(units: list[Unit], *, expect_recipients: bool) -> list[Block]:
    """The blocks of a document body from its joined units (see `_Assembler`)."""
    return _Assembler(units).run(expect_recipients)


class _Assembler:
    """Turns units into blocks, left to right. Each `_take_<role>` method consumes the unit at
    `index` (and the run that belongs with it), appends what it makes and returns the index of
    the next unit; `_take_paragraph` is the fallback for every other role."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.blocks: list[Block] = []
        self.maybe_signed: set[int] = set()  # ids of paragraphs the closing block may claim as signatures
        self.expect_title: TitleAfter | None = None  # an attachment title may follow a closing block or an 附件 label
        self.takers = {
            Role.CELLS: self._take_cells,
            Role.TABLE: self._take_table,
            Role.ROW: self._take_table,
            Role.DATE: self._take_closing,
            Role.PRINTED: self._take_closing,
            Role.ATTACHMENT_LIST: self._take_attachment_list,
            Role.ATTACHMENT_LABEL: self._take_attachment_label,
            Role.HEADING: self._take_heading,
            Role.ROSTER: self._take_roster,
        }

    def run(self, expect_recipients: bool) -> list[Block]:
        index = self._take_recipients() if expect_recipients else 0
        while index < len(self.units):
            unit = self.units[index]
            if self.expect_title or (unit.heading and not starts_with_outline(unit.text)):
                title, used = _take_title(self.units, index, need_suffix=self.expect_title is not TitleAfter.LABEL)
                self.expect_title = None
                if title:
                    self.blocks.append(title)
                    index += used
                    continue
            index = self.takers.get(unit.role, self._take_paragraph)(index)
        return self.blocks

    def _take_recipients(self) -> int:
        units, lead = self.units, 0
        while lead < len(units) and units[lead].role == Role.MASTHEAD:
            lead += 1  # the red 版头 (…文件) printed over the 文号 comes before the 主送
        recipients, used = _recipients(units[lead:])
        if not recipients:
            return 0
        self.blocks += [_paragraph(unit) for unit in units[:lead]]
        self.blocks.append(recipients)
        return lead + used

    def _take_cells(self, index: int) -> int:
        end = _run_end(self.units, index, lambda u: u.role == Role.CELLS)
        group = self.units[index:end + 1]
        self.blocks.append(Block(BlockKind.PRINTED_TABLE, lines=[u.text for u in group],
                                 start_line=group[0].first, end_line=group[-1].last))
        return end + 1

    def _take_table(self, index: int) -> int:
        role = self.units[index].role
        end = _run_end(self.units, index, lambda u: u.role == role or (role == Role.ROW and _row_tail(u)))
        while self.units[end].role != role:
            end -= 1  # a run never ends on a short line: that is text after the table
        make = _table_block if role == Role.TABLE else _row_block
        self.blocks.append(make(self.units[index:end + 1]))
        return end + 1

    def _take_closing(self, index: int) -> int:
        unit, signers = self.units[index], list[Block]()
        while self.blocks and id(self.blocks[-1]) in self.maybe_signed and len(signers) < 3:
            signers.insert(0, self.blocks.pop())
        lines = [s.text for s in signers] + [unit.text]
        first = signers[0].start_line if signers else unit.first
        self.blocks.append(Block(BlockKind.CLOSING, lines=lines, start_line=first, end_line=unit.last))
        self.expect_title = TitleAfter.CLOSING if unit.role == Role.DATE else None
        return index + 1

    def _take_attachment_list(self, index: int) -> int:
        units = self.units
        end = _run_end(units, index, _continues_list)
        while end > index and units[end].role == Role.ORG and end + 1 < len(units) and units[end + 1].role in {Role.DATE, Role.ORG}:
            end -= 1  # the issuer's signature over the date, not the list's last line
        items = _list_items(units[index:end + 1])
        self.blocks.append(Block(BlockKind.LINES, lines=items, start_line=units[index].first, end_line=units[end].last))
        return end + 1

    def _take_attachment_label(self, index: int) -> int:
        unit = self.units[index]
        if index + 1 < len(self.units) and _LIST_NUMBER.match(self.units[index + 1].text):
            unit.role = Role.ATTACHMENT_LIST  # "附件：" over a numbered list of attachments
            return index
        self.blocks.append(Block(BlockKind.ATTACHMENT_LABEL, text=re.sub(r"\s+", "", unit.text),
                                 start_line=unit.first, end_line=unit.last))
        self.expect_title = TitleAfter.LABEL
        return index + 1

    def _take_heading(self, index: int) -> int:
        unit = self.units[index]
        level = outline_level(unit.text.replace("*", "")) or 4
        self.blocks.append(Block(BlockKind.HEADING, text=unit.text.replace("*", ""), level=level,
                                 start_line=unit.first, end_line=unit.last))
        return index + 1

    def _take_roster(self, index: int) -> int:
        end = _run_end(self.units, index, lambda u: u.role == Role.ROSTER)
        group = self.units[index:end + 1]
        if len(group) > 1:
            self.blocks.append(Block(BlockKind.LINES, lines=[u.text for u in group],
                                     start_line=group[0].first, end_line=group[-1].last))
        else:
            self.blocks.append(_paragraph(group[0]))
        return end + 1

    def _take_paragraph(self, index: int) -> int:
        unit = self.units[index]
        block = _paragraph(unit)
        if unit.role == Role.ORG:
            self.maybe_signed.add(id(block))  # a possible signature: the closing block claims it if a date follows
        self.blocks.append(block)
        return index + 1


_LIST_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]")


def _row_tail(unit: Unit) -> bool:
    """A row of a space-separated table continuing merged cells."""
    return unit.role in {Role.TEXT, Role.ROSTER, Role.ORG} and continues_merged_cells(unit.text)


NARROW = 11  # widest line of a narrow table column
NARROW_RUN = 6  # that many narrow lines in a row are a table's cells, not paragraphs


def _mark_narrow_cells(units: list[Unit]) -> None:
    """A table laid out in narrow columns comes one cell fragment a line (摸排鄂 / 尔多斯 /
    片区高): a run of `NARROW_RUN` or more such lines is its cells, kept as printed, never
    re-joined into paragraphs. Only in a hard-wrapped text (its lines share a margin): elsewhere
    short lines in a row are a list, whole."""
    margin = _usual_margin([u.width for u in units if u.role in {Role.TEXT, Role.HEADING, Role.ROSTER, Role.ORG}])
    if margin is None:
        return

    def narrow(unit: Unit) -> bool:
        return unit.role in {Role.TEXT, Role.ROW} and not unit.heading and display_width(unit.text) <= min(NARROW, 0.6 * margin)

    index = 0
    while index < len(units):
        end = _run_end(units, index, narrow) if narrow(units[index]) else index - 1
        if end - index + 1 >= NARROW_RUN:
            for unit in units[index:end + 1]:
                unit.role = Role.CELLS
        index = max(end, index) + 1
    # a wider cell or two between two runs (a long name, a row number's row) belongs to the table
    cells = [i for i, unit in enumerate(units) if unit.role == Role.CELLS]
    for left, right in pairwise(cells):
        between = units[left + 1:right]
        if 0 < len(between) <= 3 and all(u.role in {Role.TEXT, Role.ROW, Role.ORG} and display_width(u.text) <= 2 * NARROW for u in between):
            for unit in between:
                unit.role = Role.CELLS


def _continues_list(unit: Unit) -> bool:
    """A line of an 附件 list: the next numbered item, or the wrapped rest of the current one."""
    if unit.role in {Role.TABLE, Role.DOC_NUMBER, Role.DATE, Role.PRINTED, Role.ATTACHMENT_LABEL, Role.ATTACHMENT_LIST, Role.ROW}:
        return False
    return len(unit.text) <= 60 and not ends_sentence(unit.text) and (
        bool(_LIST_NUMBER.match(unit.text)) or unit.role in {Role.TEXT, Role.ORG, Role.HEADING}
    )


def _list_items(units: list[Unit]) -> list[str]:
    """`附件：1.甲 2.乙` over one or several lines -> ["附件：1.甲", "2.乙"]."""
    items: list[str] = []
    for unit in units:
        pieces = re.split(r"(?<=\S)\s*(?=\d{1,2}\s*[.．、])", unit.text) if items or _LIST_NUMBER.search(unit.text) else [unit.text]
        for piece in pieces:
            if items and not _LIST_NUMBER.match(piece) and not ATTACHMENT_LIST.match(piece):
                items[-1] = _concat(items[-1], piece)
            else:
                items.append(piece)
    return items


def _run_end(units: list[Unit], index: int, belongs) -> int:
    """Index of the last unit of the run that starts at `index` and continues while `belongs`."""
    end = index
    while end + 1 < len(units) and belongs(units[end + 1]):
        end += 1
    return end


def _paragraph(unit: Unit) -> Block:
    text = unit.text
    if unit.bold:
        text = f"**{text}**"
    return Block(BlockKind.PARAGRAPH, text=text, start_line=unit.first, end_line=unit.last)


def _merge_vertical_cells(lines: list[SourceLine]) -> list[SourceLine]:
    """A table cell printed one character per line (团/队/名/称) becomes one line (团队名称);
    a column of bare row numbers (2/3/4/5) becomes one line of numbers."""
    merged: list[SourceLine] = []
    in_run = False  # whether merged[-1] is a run of one-character lines
    for line in lines:
        single = len(line.text) == 1
        if single and merged and in_run:
            previous = merged[-1]
            joiner = "" if _HAN_CHAR.match(line.text) and _HAN_CHAR.match(previous.text[-1]) else " "
            merged[-1] = SourceLine(no=previous.no, raw=previous.raw, text=previous.text + joiner + line.text)
            continue
        merged.append(line)
        in_run = single
    return merged


_HAN_CHAR = re.compile(f"[{HAN}]")


def build_blocks(lines: list[SourceLine], *, expect_recipients: bool) -> list[Block]:
    """Blocks of a document body from its live lines (title and 文号 lines excluded)."""
    units = classify(_merge_vertical_cells([line for line in lines if line.live]))
    _mark_narrow_cells(units)
    units = join(units)
    return assemble(units, expect_recipients=expect_recipients)
