"""Step 3, assemble: roles become `Block`s: recipients, headings by outline number, attachment
titles, tables (or, when a table cannot be placed, its printed lines), and the signature-and-date
closing block."""

from __future__ import annotations

from builder.model import Block, BlockKind
from builder.parse.blocks.html_table import html_table_block
from builder.parse.blocks.join import concat
from builder.parse.blocks.units import Role, TitleAfter, Unit, run_end
from builder.parse.cleaning.spacing import (
    continues_merged_cells,
    squash_title,
)
from builder.patterns.kinds import ATTACHMENT_TITLE_END
from builder.patterns.layout import ATTACHMENT_LIST, COLON_AT_END, NOT_RECIPIENTS, ends_sentence
from builder.patterns.markup import CELL_SEPARATOR, HTML_TABLE_LINE
from builder.patterns.outline import BEFORE_LIST_NUMBER, LIST_NUMBER, outline_level, starts_with_outline
from builder.patterns.spacing import WHITESPACE_RUN


def _recipients(units: list[Unit]) -> tuple[Block | None, int]:
    """The 主送机关 (a line, or up to three wrapped lines, ending with a colon), if it comes first."""
    text, used = "", 0
    for unit in units[:3]:
        if unit.role not in {Role.TEXT, Role.ROSTER, Role.ORG} or "。" in unit.text:
            break
        text = concat(text, unit.text)
        used += 1  # noqa: SIM113 (the lines taken, not a loop index)
        if COLON_AT_END.search(unit.text.strip("*")):
            if len(text) <= 160 and not starts_with_outline(text) and not NOT_RECIPIENTS.search(text):
                block = Block(BlockKind.RECIPIENTS, text=text.strip("*"), start_line=units[0].first, end_line=unit.last)
                return block, used
            break
    return None, 0


def _table_block(units: list[Unit]) -> Block:
    """A table from tab- or pipe-separated rows (see `_grid`)."""
    return _grid([[cell.strip() for cell in CELL_SEPARATOR.split(u.text.strip().strip("|"))] for u in units], units)


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
        return Block(
            BlockKind.PRINTED_TABLE,
            lines=[u.text.replace("\t", "  ") for u in units],
            start_line=units[0].first,
            end_line=units[-1].last,
        )
    grid = [header] + [[""] * (width - len(row)) + row for row in body]
    return Block(BlockKind.TABLE, rows=grid, start_line=units[0].first, end_line=units[-1].last)


def _take_title(units: list[Unit], index: int, need_suffix: bool) -> tuple[Block | None, int]:
    """An attachment/plan title starting at units[index]: up to three short unpunctuated lines."""
    parts: list[Unit] = []
    for unit in units[index : index + 3]:
        if (
            unit.role not in {Role.TEXT, Role.ORG, Role.HEADING, Role.ROSTER}
            or len(unit.text) > 60
            or ends_sentence(unit.text)
        ):
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
        self.blocks += [paragraph(unit) for unit in units[:lead]]
        self.blocks.append(recipients)
        return lead + used

    def _take_cells(self, index: int) -> int:
        end = run_end(self.units, index, lambda u: u.role == Role.CELLS)
        group = self.units[index : end + 1]
        self.blocks.append(
            Block(
                BlockKind.PRINTED_TABLE,
                lines=[u.text for u in group],
                start_line=group[0].first,
                end_line=group[-1].last,
            )
        )
        return end + 1

    def _take_table(self, index: int) -> int:
        role = self.units[index].role
        if HTML_TABLE_LINE.match(self.units[index].text):  # a table the PDF reader recovered whole
            self.blocks.append(html_table_block(self.units[index]))
            return index + 1
        end = run_end(self.units, index, lambda u: u.role == role or (role == Role.ROW and _row_tail(u)))
        while self.units[end].role != role:
            end -= 1  # a run never ends on a short line: that is text after the table
        make = _table_block if role == Role.TABLE else _row_block
        self.blocks.append(make(self.units[index : end + 1]))
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
        end = run_end(units, index, _continues_list)
        while (
            end > index
            and units[end].role == Role.ORG
            and end + 1 < len(units)
            and units[end + 1].role in {Role.DATE, Role.ORG}
        ):
            end -= 1  # the issuer's signature over the date, not the list's last line
        items = _list_items(units[index : end + 1])
        self.blocks.append(Block(BlockKind.LINES, lines=items, start_line=units[index].first, end_line=units[end].last))
        return end + 1

    def _take_attachment_label(self, index: int) -> int:
        unit = self.units[index]
        if index + 1 < len(self.units) and LIST_NUMBER.match(self.units[index + 1].text):
            unit.role = Role.ATTACHMENT_LIST  # "附件：" over a numbered list of attachments
            return index
        self.blocks.append(
            Block(
                BlockKind.ATTACHMENT_LABEL,
                text=WHITESPACE_RUN.sub("", unit.text),
                start_line=unit.first,
                end_line=unit.last,
            )
        )
        self.expect_title = TitleAfter.LABEL
        return index + 1

    def _take_heading(self, index: int) -> int:
        unit = self.units[index]
        level = outline_level(unit.text.replace("*", "")) or 4
        self.blocks.append(
            Block(
                BlockKind.HEADING,
                text=unit.text.replace("*", ""),
                level=level,
                start_line=unit.first,
                end_line=unit.last,
            )
        )
        return index + 1

    def _take_roster(self, index: int) -> int:
        end = run_end(self.units, index, lambda u: u.role == Role.ROSTER)
        group = self.units[index : end + 1]
        if len(group) > 1:
            self.blocks.append(
                Block(
                    BlockKind.LINES, lines=[u.text for u in group], start_line=group[0].first, end_line=group[-1].last
                )
            )
        else:
            self.blocks.append(paragraph(group[0]))
        return end + 1

    def _take_paragraph(self, index: int) -> int:
        unit = self.units[index]
        block = paragraph(unit)
        if unit.role == Role.ORG:
            self.maybe_signed.add(id(block))  # a possible signature: the closing block claims it if a date follows
        self.blocks.append(block)
        return index + 1


def _row_tail(unit: Unit) -> bool:
    """A row of a space-separated table continuing merged cells."""
    return unit.role in {Role.TEXT, Role.ROSTER, Role.ORG} and continues_merged_cells(unit.text)


def _continues_list(unit: Unit) -> bool:
    """A line of an 附件 list: the next numbered item, or the wrapped rest of the current one."""
    if unit.role in {
        Role.TABLE,
        Role.DOC_NUMBER,
        Role.DATE,
        Role.PRINTED,
        Role.ATTACHMENT_LABEL,
        Role.ATTACHMENT_LIST,
        Role.ROW,
    }:
        return False
    return (
        len(unit.text) <= 60
        and not ends_sentence(unit.text)
        and (bool(LIST_NUMBER.match(unit.text)) or unit.role in {Role.TEXT, Role.ORG, Role.HEADING})
    )


def _list_items(units: list[Unit]) -> list[str]:
    """`附件：1.甲 2.乙` over one or several lines -> ["附件：1.甲", "2.乙"]."""
    items: list[str] = []
    for unit in units:
        pieces = BEFORE_LIST_NUMBER.split(unit.text) if items or LIST_NUMBER.search(unit.text) else [unit.text]
        for piece in pieces:
            if items and not LIST_NUMBER.match(piece) and not ATTACHMENT_LIST.match(piece):
                items[-1] = concat(items[-1], piece)
            else:
                items.append(piece)
    return items


def paragraph(unit: Unit) -> Block:
    text = unit.text
    if unit.bold:
        text = f"**{text}**"
    return Block(BlockKind.PARAGRAPH, text=text, start_line=unit.first, end_line=unit.last)
