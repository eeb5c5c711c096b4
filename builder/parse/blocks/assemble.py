"""Step 3, assemble: roles become `Block`s: recipients, headings by outline number, attachment
titles, tables (or, when a table cannot be placed, its printed lines), and the signature-and-date
closing block."""

from __future__ import annotations

from builder.model import Block, BlockKind, Table
from builder.parse.blocks.join import concat
from builder.parse.blocks.units import Role, TitleAfter, Unit, display_width, run_end
from builder.parse.cleaning.spacing import (
    continues_merged_cells,
    flattened_cells,
    squash_title,
)
from builder.parse.tables import read_aligned, read_flattened, read_html_table, read_separated
from builder.patterns.kinds import ATTACHMENT_TITLE_END
from builder.patterns.layout import ATTACHMENT_LIST, COLON_AT_END, NOT_RECIPIENTS, ends_sentence
from builder.patterns.outline import BEFORE_LIST_NUMBER, LIST_NUMBER, outline_level, starts_with_outline
from builder.patterns.spacing import WHITESPACE_RUN
from builder.patterns.tables import CATEGORY_CELL, GAP_BETWEEN_TEXTS, HTML_TABLE_LINE, TABLE_TITLE


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


def _printed(units: list[Unit]) -> Block:
    """Lines the builder could not read as a table, kept as printed under a note."""
    return Block(
        BlockKind.PRINTED_TABLE,
        lines=[u.text.replace("\t", "  ").strip() for u in units],
        start_line=units[0].first,
        end_line=units[-1].last,
    )


def _row_block(units: list[Unit]) -> Block:
    """A table from space-separated rows (see `_grid`); a single row stays a line."""
    if len(units) < 2:
        return Block(BlockKind.LINES, lines=[u.text for u in units], start_line=units[0].first, end_line=units[-1].last)
    return _grid([u.text.split() for u in units], units)


def _grid(rows: list[list[str]], units: list[Unit]) -> Block:
    """A row with fewer cells than the header continues merged cells on its left: it is aligned
    right, with empty cells. A row longer than the header cannot be placed with confidence
    (spaces also fall inside cells): then the lines are kept as printed, under a note."""
    header, *body = rows
    width = len(header)
    if any(len(row) > width for row in body):
        return _printed(units)
    grid = [header] + [[""] * (width - len(row)) + row for row in body]
    return Block(BlockKind.TABLE, table=Table(rows=grid), start_line=units[0].first, end_line=units[-1].last)


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
        if role == Role.TABLE and HTML_TABLE_LINE.match(self.units[index].text):
            table = read_html_table(self.units[index].text)
            unit = self.units[index]
            self._add_table(
                Block(BlockKind.TABLE, table=table, start_line=unit.first, end_line=unit.last)
                if table
                else _printed([unit])
            )
            return index + 1
        if role == Role.TABLE:
            return self._take_separated(index)
        flat_end = self._flattened_end(index)
        group = self.units[index : flat_end + 1]
        layout = [line for u in group for line in u.layout]
        table = read_aligned(layout) if _aligned(layout) else None  # columns at fixed positions
        if table is None:
            table = read_flattened([flattened_cells(u.printed) if len(u.parts) == 1 else [u.text] for u in group])
        if table is not None:
            self._add_table(Block(BlockKind.TABLE, table=table, start_line=group[0].first, end_line=group[-1].last))
            return flat_end + 1
        end = run_end(self.units, index, lambda u: u.role == role or (role == Role.ROW and _row_tail(u)))
        while self.units[end].role != role:
            end -= 1  # a run never ends on a short line: that is text after the table
        self._add_table(_row_block(self.units[index : end + 1]))
        return end + 1

    def _flattened_end(self, index: int) -> int:
        """The last unit of a flattened table starting at `index`: rows, and short lines of
        wrapped cells with a row again within `WRAPPED_CELL_LINES` lines."""
        units, end = self.units, index
        while end + 1 < len(units):
            ahead = units[end + 1 : end + 2 + WRAPPED_CELL_LINES]
            if units[end + 1].role == Role.ROW or (
                _short_cell(units[end + 1]) and any(u.role == Role.ROW for u in ahead[1:])
            ):
                end += 1
            else:
                break
        while units[end].role != Role.ROW:
            end -= 1
        return end

    def _take_separated(self, index: int) -> int:
        """Tab- or pipe-separated rows; a line between two rows is a category row that lost its
        tabs (一、自然灾害类) or the wrapped rest of the row above."""
        units, rows, end = self.units, [self.units[index].text], index
        while end + 1 < len(units):
            following = units[end + 1]
            if following.role == Role.TABLE and not HTML_TABLE_LINE.match(following.text):
                rows.append(following.text)
                end += 1
            elif _between_rows(units, end + 1):
                rows.append(
                    following.text + "\t"
                    if CATEGORY_CELL.match(following.text)
                    else _continued(rows.pop(), following.text)
                )
                end += 1
            else:
                break
        table = read_separated(rows)
        group = units[index : end + 1]
        if table is None:
            for unit in group:
                unit.text = unit.text.replace("\t", " ").strip()
                self.blocks.append(paragraph(unit))
        else:
            self._add_table(Block(BlockKind.TABLE, table=table, start_line=group[0].first, end_line=group[-1].last))
        return end + 1

    def _add_table(self, block: Block) -> None:
        """Append a table block; a short title line printed right over it becomes its caption.
        A table that already has its caption (the PDF reader's, from that same printed line) takes
        the line's place as a paragraph, or leaves it to be the heading it was read as."""
        table = block.table
        previous = self.blocks[-1] if self.blocks else None
        if table is not None and previous is not None and table.caption == previous.text.strip("*"):
            if previous.kind == BlockKind.PARAGRAPH:
                block.start_line = previous.start_line
                self.blocks.pop()
            else:
                table.caption = None  # an attachment's title or a heading above its table
        if (
            table is not None
            and table.caption is None
            and previous is not None
            and previous.kind == BlockKind.PARAGRAPH
            and TABLE_TITLE.match(previous.text.strip("*"))
        ):
            table.caption = previous.text.strip("*")
            block.start_line = previous.start_line
            self.blocks.pop()
        self.blocks.append(block)

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


#: how many short lines of wrapped cells a flattened table's row may be printed over (serial
#: number, a name on three lines, then the rest of the row)
WRAPPED_CELL_LINES = 4


def _aligned(lines: list[str]) -> bool:
    """Whether most lines set their columns off by runs of spaces (`pdftotext -layout`)."""
    return sum(1 for line in lines if GAP_BETWEEN_TEXTS.search(line.strip())) > len(lines) / 2


def _short_cell(unit: Unit) -> bool:
    """A line that may be a wrapped cell of a flattened table: short, not a sentence."""
    return (
        (unit.role in {Role.TEXT, Role.ROSTER, Role.ORG} or (unit.role == Role.HEADING and not unit.heading))
        and display_width(unit.text) <= 40
        and not ends_sentence(unit.text)
        and "。" not in unit.text
    )


def _between_rows(units: list[Unit], index: int) -> bool:
    """A short line of text with a tab- or pipe-separated row on either side."""
    unit = units[index]
    return (
        index + 1 < len(units)
        and units[index + 1].role == Role.TABLE
        and not HTML_TABLE_LINE.match(units[index + 1].text)
        and unit.role in {Role.TEXT, Role.HEADING, Role.ROSTER, Role.ORG, Role.ROW}
        and len(unit.text) <= 60
    )


def _continued(row: str, rest: str) -> str:
    """`row` with `rest` (its last cell's wrapped text) joined to its last cell of text."""
    cut = len(row.rstrip("\t| "))
    return concat(row[:cut], rest) + row[cut:]


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
