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


@dataclass(slots=True)
class Unit:
    """A line (later a re-joined paragraph) with its role."""

    role: str
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


def _role(line: SourceLine, text: str) -> str:
    if "\t" in line.text or _PIPE_ROW.match(text):
        return "table"
    if DOC_NUMBER_LINE.match(text):
        return "docno"
    if DATE_LINE.match(text):
        return "date"
    if PRINTED_LINE.match(text):
        return "printed"
    if ATTACHMENT_LABEL.match(text):
        return "att_label"
    if ATTACHMENT_LIST.match(text):
        return "att_list"
    if _is_heading(line, text):
        return "heading"
    if looks_like_table_row(line.text) and not line.heading:
        return "row"
    if _is_org_line(text):
        return "org"
    if MASTHEAD_LINE.match(text):
        return "masthead"
    if (ROSTER_LINE.match(text) and not CHAPTER.match(text)) or (LABEL.match(text) and len(text) <= 40 and not ends_sentence(text)):
        return "roster"
    return "text"


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
        if unit.role == "org" and unit.full:
            unit.role = "text"
        elif unit.role == "roster" and unit.indented_full and not _NAMED.match(unit.text):
            unit.role = "text"  # 整改措施：一是…, a paragraph led by a label, not a name and post
        elif unit.role == "heading" and (unit.indented_full or open_brackets(unit.text) > 0):
            unit.role = "text"
    return units


def _mark_full_lines(units: list[Unit]) -> None:
    """`full`: the line reaches the right margin of a hard-wrapped column. The margin is the
    usual width of the longest lines around it (a line a closing mark was pushed onto is one
    wider than the margin, and does not set it)."""
    widths = [u.width if u.role in {"text", "heading", "roster", "org"} else 0.0 for u in units]
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
        wrapped = MIN_COLUMN <= margin and longest <= 60 and len(near) >= 3
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

_BREAKS_BEFORE = {"table", "docno", "date", "printed", "att_label", "att_list", "heading", "row", "roster", "org", "masthead"}
_STANDALONE = {"table", "docno", "date", "printed", "att_label", "row", "roster", "org", "masthead", "cells"}


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


_HARD_BREAKS = {"table", "docno", "date", "printed", "att_label", "att_list", "masthead", "cells"}


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
    if a.role == "roster" or (a.role == "org" and _NAMED.match(a.text)):  # a name and post whose post wrapped
        named = _NAMED.match(b.text) or ROSTER_LINE.match(b.text)  # the next person
        return b.role in {"text", "org"} and not named and not ends_sentence(a.text) and not _starts_block(b.text) and (
            (reaches and b.role == "text")
            # an organisation's name after a whole post is the signature, not the post's tail
            or (len(b.text) <= 12 and not ends_sentence(b.text) and (b.role == "text" or not _POST_END.search(a.text)))
        )
    if a.role in _STANDALONE:
        return False
    closed_item = re.search(r"[)）]$", a.text) and open_brackets(a.text) <= 0 and _starts_block(b.text)  # …(责任单位:…) / 5.…
    if reaches and not ends_sentence(a.text) and not closed_item and (
        b.role != "row" or display_width(b.text) >= display_width(a.parts[-1]) - 2
    ):
        return True  # (a wrapped line with a spaced number in it can look like a table row)
    if b.role in _BREAKS_BEFORE or _starts_block(b.text):
        return False
    if open_brackets(a.text) > 0 and not ends_sentence(a.text):
        return True  # "…（5922个工作" + "日）…": an open bracket always runs on
    tail = len(b.text) <= 15 and ends_sentence(b.text)
    if a.role == "heading":
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
    if len(joined) < 2 or joined[-2].role not in {"att_label", "date"}:
        return False
    title = joined[-1]
    if joined[-2].role == "date":
        return len(title.parts) == 1 and len(title.text) <= 40 and bool(ATTACHMENT_TITLE_END.search(title.text.rstrip("*")))
    return len(title.parts) == 1 and not title.full and len(title.text) <= 40 and not ends_sentence(title.text)


def join(units: list[Unit]) -> list[Unit]:
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if previous is not None and _title_after_label(joined) and len(unit.text) > 15:
            joined.append(unit)  # "附件1" / title / body: the body never runs into the title
            continue
        if previous is not None and previous.role in {"text", "heading", "att_list", "roster", "org"} and _joins(previous, unit):
            if previous.role == "org":
                previous.role = "roster"  # 武强 区人民政府办公室 / 副主任: a person, not a signature
            previous.text = _concat(previous.text, unit.text)
            previous.parts.append(unit.text)
            previous.last = unit.last
            previous.full = unit.full
            if previous.role == "heading" and (len(previous.text.replace("*", "")) > 60 or unit.role != "text"):
                previous.role = "text"
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
        if unit.role not in {"text", "roster", "org"} or "。" in unit.text:
            break
        text = _concat(text, unit.text)
        used += 1
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
        if unit.role not in {"text", "org", "heading", "roster"} or len(unit.text) > 60 or ends_sentence(unit.text):
            break
        if starts_with_outline(unit.text) or (parts and unit.role == "org"):
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
    blocks: list[Block] = []
    index = 0
    if expect_recipients:
        lead = 0  # the red 版头 (…文件) printed over the 文号 comes before the 主送
        while lead < len(units) and units[lead].role == "masthead":
            lead += 1
        recipients, used = _recipients(units[lead:])
        if recipients:
            blocks += [_paragraph(unit) for unit in units[:lead]]
            blocks.append(recipients)
            index = lead + used
    expect_title: str | None = None  # "closing" or "label": an attachment title may follow
    while index < len(units):
        unit = units[index]
        if expect_title or (unit.heading and not starts_with_outline(unit.text)):
            title, used = _take_title(units, index, need_suffix=expect_title != "label")
            expect_title = None
            if title:
                blocks.append(title)
                index += used
                continue
        role = unit.role
        if role == "cells":
            end = _run_end(units, index, lambda u: u.role == "cells")
            group = units[index:end + 1]
            blocks.append(Block(BlockKind.PRINTED_TABLE, lines=[u.text for u in group], start_line=group[0].first, end_line=group[-1].last))
            index = end + 1
            continue
        if role in {"table", "row"}:
            end = _run_end(units, index, lambda u, role=role: u.role == role or (role == "row" and _row_tail(u)))
            while units[end].role != role:
                end -= 1  # a run never ends on a short line: that is text after the table
            make = _table_block if role == "table" else _row_block
            blocks.append(make(units[index:end + 1]))
            index = end + 1
            continue
        if role in {"date", "printed"}:
            signers = []
            while blocks and blocks[-1].kind == BlockKind.PARAGRAPH and blocks[-1].level == -1 and len(signers) < 3:
                signers.insert(0, blocks.pop())
            lines = [s.text for s in signers] + [unit.text]
            first = signers[0].start_line if signers else unit.first
            blocks.append(Block(BlockKind.CLOSING, lines=lines, start_line=first, end_line=unit.last))
            expect_title = "closing" if role == "date" else None
            index += 1
            continue
        if role == "att_list":
            end = _run_end(units, index, _continues_list)
            while end > index and units[end].role == "org" and end + 1 < len(units) and units[end + 1].role in {"date", "org"}:
                end -= 1  # the issuer's signature over the date, not the list's last line
            items = _list_items(units[index:end + 1])
            blocks.append(Block(BlockKind.LINES, lines=items, start_line=unit.first, end_line=units[end].last))
            index = end + 1
            continue
        if role == "att_label" and index + 1 < len(units) and _LIST_NUMBER.match(units[index + 1].text):
            unit.role = "att_list"  # "附件：" over a numbered list of attachments
            continue
        if role == "att_label":
            blocks.append(Block(BlockKind.ATTACHMENT_LABEL, text=re.sub(r"\s+", "", unit.text), start_line=unit.first, end_line=unit.last))
            expect_title = "label"
            index += 1
            continue
        if role == "heading":
            level = outline_level(unit.text.replace("*", "")) or 4
            blocks.append(Block(BlockKind.HEADING, text=unit.text.replace("*", ""), level=level, start_line=unit.first, end_line=unit.last))
            index += 1
            continue
        if role == "roster":
            end = _run_end(units, index, lambda u: u.role == "roster")
            group = units[index:end + 1]
            if len(group) > 1:
                blocks.append(Block(BlockKind.LINES, lines=[u.text for u in group], start_line=group[0].first, end_line=group[-1].last))
            else:
                blocks.append(_paragraph(unit))
            index = end + 1
            continue
        block = _paragraph(unit)
        if role == "org":
            block.level = -1  # a possible signature: the closing block claims it if a date follows
        blocks.append(block)
        index += 1
    for block in blocks:
        if block.kind == BlockKind.PARAGRAPH and block.level == -1:
            block.level = 0
    return blocks


_LIST_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]")


def _row_tail(unit: Unit) -> bool:
    """A row of a space-separated table continuing merged cells."""
    return unit.role in {"text", "roster", "org"} and continues_merged_cells(unit.text)


NARROW = 11  # widest line of a narrow table column
NARROW_RUN = 6  # that many narrow lines in a row are a table's cells, not paragraphs


def _mark_narrow_cells(units: list[Unit]) -> None:
    """A table laid out in narrow columns comes one cell fragment a line (摸排鄂 / 尔多斯 /
    片区高): a run of `NARROW_RUN` or more such lines is its cells, kept as printed, never
    re-joined into paragraphs. Only in a hard-wrapped text (its lines share a margin): elsewhere
    short lines in a row are a list, whole."""
    margin = _usual_margin([u.width for u in units if u.role in {"text", "heading", "roster", "org"}])
    if margin is None:
        return

    def narrow(unit: Unit) -> bool:
        return unit.role in {"text", "row"} and not unit.heading and display_width(unit.text) <= min(NARROW, 0.6 * margin)

    index = 0
    while index < len(units):
        end = _run_end(units, index, narrow) if narrow(units[index]) else index - 1
        if end - index + 1 >= NARROW_RUN:
            for unit in units[index:end + 1]:
                unit.role = "cells"
        index = max(end, index) + 1
    # a wider cell or two between two runs (a long name, a row number's row) belongs to the table
    cells = [i for i, unit in enumerate(units) if unit.role == "cells"]
    for left, right in pairwise(cells):
        between = units[left + 1:right]
        if 0 < len(between) <= 3 and all(u.role in {"text", "row", "org"} and display_width(u.text) <= 2 * NARROW for u in between):
            for unit in between:
                unit.role = "cells"


def _continues_list(unit: Unit) -> bool:
    """A line of an 附件 list: the next numbered item, or the wrapped rest of the current one."""
    if unit.role in {"table", "docno", "date", "printed", "att_label", "att_list", "row"}:
        return False
    return len(unit.text) <= 60 and not ends_sentence(unit.text) and (
        bool(_LIST_NUMBER.match(unit.text)) or unit.role in {"text", "org", "heading"}
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
