"""Stage 4, extract: a document's metadata from its anchor and body blocks.

Each field is found by an ordered list of fallbacks that end in None (or []) rather than a
guess: e.g. the 成文日期 is the date under the signature, else the 版记 印发 date, else (for
meetings and speeches) the date their first lines give.
"""

from __future__ import annotations

from builder.model import Block, BlockKind, DocNumber, Document, Kind
from builder.parse.blocks import build_blocks
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.spacing import squash_title
from builder.parse.segment import Segment, title_text
from builder.patterns.dates import DATE, DATE_LINE, MONTH_DAY, PRINTED_LINE, YEAR_FIRST, iso_date, parse_date
from builder.patterns.departments import (
    GOVERNMENT,
    ISSUER_BEFORE_GUANYU,
    JOINT_PLACE,
    NAME_SEPARATORS,
    OFFICE_SUFFIX,
    ORG_SUFFIX,
    split_before_place,
)
from builder.patterns.docnumber import find_doc_numbers, parse_doc_number
from builder.patterns.kinds import (
    SPACES_AND_BOOK_MARKS,
    SPACES_BOOK_MARKS_AND_STARS,
    SPEECH_SUBTITLE_END,
    SUBTITLE_LEAD,
    kind_from_title,
)
from builder.patterns.layout import ATTACHMENT_LIST, COLON_AT_END, ends_sentence
from builder.patterns.markup import LEADING_HEADING_MARKS
from builder.patterns.outline import LIST_NUMBER_AND_SPACE, starts_with_outline


def extract_document(lines: list[SourceLine], segment: Segment, issue_year: int | None) -> Document:
    anchor = segment.anchor
    title = _clean_title(title_text(lines, anchor.title))
    skip = set(anchor.title) | ({anchor.number} if anchor.number is not None else set())
    body = [lines[i] for i in segment.indices if i not in skip]
    live_body = [line for line in body if line.live]
    subtitles: list[Block] = []
    if anchor.number is None:
        subtitles, live_body = _peel_subtitles(live_body)
    blocks = build_blocks(live_body, expect_recipients=True)
    number = parse_doc_number(lines[anchor.number].text) if anchor.number is not None else None
    if number is not None and anchor.number is not None:
        line_no = lines[anchor.number].no
        blocks.insert(0, Block(BlockKind.DOC_NUMBER, text=number.raw, start_line=line_no, end_line=line_no))
    blocks = subtitles + blocks

    live_lines = [lines[i] for i in segment.indices if lines[i].live]
    document = Document(
        title=title,
        start_line=lines[anchor.first].no,
        end_line=live_lines[-1].no if live_lines else lines[anchor.first].no,
        doc_number=number,
        blocks=blocks,
    )
    document.kind = anchor.special or kind_from_title(title)
    # a report's or speech's 各位代表 is kept too (the answer keys count it); the site shows it
    # as the audience, not as a 主送机关
    document.recipients = next((b.text.rstrip(":：") for b in blocks if b.kind == BlockKind.RECIPIENTS), None)
    document.issuers = _issuers(title, blocks, anchor.special)
    document.date = _date(blocks, anchor.special, issue_year)
    _mark_listed_titles(blocks)
    document.attachments = _attachments(blocks)
    document.references = _references(blocks, number)
    return document


def _clean_title(title: str) -> str:
    title = title.replace("**", "").strip()
    return LEADING_HEADING_MARKS.sub("", title)


def _peel_subtitles(units: list[SourceLine]) -> tuple[list[Block], list[SourceLine]]:
    """Lines under a non-文件 item's title: ——date at meeting (wrapped over lines or not),
    speaker, period, (草案)."""
    blocks: list[Block] = []
    rest = list(units)
    while rest and len(blocks) < 2:
        text = squash_title(rest[0].text)
        short = len(text) <= 50 and not ends_sentence(text) and not starts_with_outline(text)
        dated = bool(SUBTITLE_LEAD.match(text) or YEAR_FIRST.match(text))
        speaker = bool(GOVERNMENT.match(text)) and len(text) <= 30
        if not (short and (dated or speaker)):
            break
        first = last = rest.pop(0)
        while dated and rest and _continues_subtitle(text, squash_title(rest[0].text)):
            last = rest.pop(0)
            text = squash_title(text + " " + last.text)
        blocks.append(Block(BlockKind.SUBTITLE, text=text, start_line=first.no, end_line=last.no))
    return blocks, rest


def _continues_subtitle(text: str, following: str) -> bool:
    """A dated subtitle (——2025年1月15日在…人) wrapped onto the next line (民代表大会…会议上)."""
    if not text.startswith(("——", "—", "一一", "--")) or SPEECH_SUBTITLE_END.search(text):
        return False
    return (
        len(following) <= 30
        and not ends_sentence(following)
        and not starts_with_outline(following)
        and not COLON_AT_END.search(following)
        and not GOVERNMENT.match(following)  # the speaker's line
    )


def _issuers(title: str, blocks: list[Block], special: Kind | None) -> list[str]:
    """发文机关: the names before 关于 in the title, else the government a meeting or speech is of,
    else the signature above the first closing date."""
    match = ISSUER_BEFORE_GUANYU.match(title)
    if match and not special:
        names = [n for n in NAME_SEPARATORS.split(match["issuer"]) if n]
        if names and all(ORG_SUFFIX.search(n) for n in names):
            return [part for name in names for part in _split_joint(name, _signers(blocks))]
    if special in {Kind.MEETING, Kind.SPEECH, Kind.REPORT, Kind.MINUTES}:
        for text in [title] + [b.text for b in blocks if b.kind == BlockKind.SUBTITLE]:
            government = GOVERNMENT.match(text.replace(" ", ""))
            if government:
                return [OFFICE_SUFFIX.sub("", government.group(0)) if special != Kind.MINUTES else government.group(0)]
        return []
    if special:
        return []
    for block in blocks:
        if block.kind == BlockKind.CLOSING and len(block.lines) > 1:
            return [squash_title(name) for name in block.lines[:-1]]
    return []


def _signers(blocks: list[Block]) -> list[str]:
    """The names signed above the first closing date."""
    for block in blocks:
        if block.kind == BlockKind.CLOSING and len(block.lines) > 1:
            return [squash_title(name).replace(" ", "") for name in block.lines[:-1]]
    return []


def _split_joint(name: str, signers: list[str]) -> list[str]:
    """Joint issuers written without a space between them (某旗人民政府某旗人民法院): cut where the
    signature says, else before each repetition of the first issuer's place name."""
    for start in range(len(signers)):
        for end in range(start + 2, len(signers) + 1):
            if "".join(signers[start:end]) == name:
                return signers[start:end]
    place = JOINT_PLACE.match(name)
    if place:
        parts = split_before_place(name, place.group(0))
        if len(parts) > 1 and all(ORG_SUFFIX.search(part) for part in parts):
            return parts
    return [name]


def _date(blocks: list[Block], special: Kind | None, issue_year: int | None) -> str | None:
    """成文日期: under the signature, else the 印发 date, else a meeting's or speech's own date."""
    for wanted in (DATE_LINE, PRINTED_LINE):
        for block in blocks:
            if block.kind == BlockKind.CLOSING and wanted.match(block.lines[-1]):
                return parse_date(block.lines[-1])
    if special in {Kind.SPEECH, Kind.REPORT}:
        for block in blocks:
            if block.kind == BlockKind.SUBTITLE and DATE.search(block.text):
                return parse_date(block.text)
    if special in {Kind.MEETING, Kind.MINUTES} and issue_year:
        first = next((b for b in blocks if b.kind == BlockKind.PARAGRAPH), None)
        day = MONTH_DAY.match(first.text) if first else None
        if day:
            return iso_date(issue_year, int(day["m"]), int(day["d"]))
    return None


def _listed(block: Block) -> list[str]:
    """The items of a "附件：1.… 2.…" list block (empty for any other block)."""
    head = ATTACHMENT_LIST.match(block.lines[0]) if block.kind == BlockKind.LINES and block.lines else None
    if head is None:
        return []
    items = [head["rest"], *block.lines[1:]]
    return [LIST_NUMBER_AND_SPACE.sub("", item).strip("《》") for item in items if item.strip()]


def _mark_listed_titles(blocks: list[Block]) -> None:
    """A paragraph after the 附件 list that is exactly one of its items is that attachment's title
    (its "附件2" label was lost, e.g. to a page header). So is a table's caption: the title goes
    back over the table as the attachment's title."""
    listed: set[str] = set()
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == BlockKind.PARAGRAPH and listed and SPACES_BOOK_MARKS_AND_STARS.sub("", block.text) in listed:
            block.kind = BlockKind.ATTACHMENT_TITLE
            block.text = block.text.strip("*")
        caption = block.table.caption if block.table is not None else None
        if caption and listed and SPACES_BOOK_MARKS_AND_STARS.sub("", caption) in listed:
            title = Block(
                BlockKind.ATTACHMENT_TITLE, text=caption, start_line=block.start_line, end_line=block.start_line
            )
            blocks.insert(index, title)
            block.table.caption = None  # type: ignore[union-attr]
            index += 1
        listed |= {SPACES_AND_BOOK_MARKS.sub("", item) for item in _listed(block)}
        index += 1


def _attachments(blocks: list[Block]) -> list[str]:
    """Titles of what the document issues or encloses, as printed above each attachment."""
    titles: list[str] = []
    listed: list[str] = []
    for block in blocks:
        if block.kind == BlockKind.ATTACHMENT_TITLE and block.text not in titles:
            titles.append(block.text)
        else:
            listed += _listed(block)
    labels = [b for b in blocks if b.kind == BlockKind.ATTACHMENT_LABEL]
    if len(labels) > len(titles) - 1 and listed:  # attachments printed without a title line
        for item in listed:
            if not any(_same_title(item, title) for title in titles):
                titles.append(item)
    return titles


def _same_title(a: str, b: str) -> bool:
    a, b = SPACES_AND_BOOK_MARKS.sub("", a), SPACES_AND_BOOK_MARKS.sub("", b)
    return a == b or (len(a) >= 6 and (a in b or b in a))


def _references(blocks: list[Block], own: DocNumber | None) -> list[DocNumber]:
    """Every other 文号 cited in the body, in order of first appearance, once each."""
    seen: set[str] = {own.normalized} if own else set()
    found: list[DocNumber] = []
    for block in blocks:
        if block.kind == BlockKind.DOC_NUMBER:
            continue
        for text in block.texts():
            for number in find_doc_numbers(text):
                if number.normalized not in seen:
                    seen.add(number.normalized)
                    found.append(number)
    return found
