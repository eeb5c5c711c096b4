"""Stage 3b, segment: where each document of the issue starts and ends.

A document starts at an *anchor*, found in this order:

1. a line that is only a 文号 (东政办发〔2023〕33号): the title is the run of title-like lines
   just above it (or, failing that, just below it);
2. the heading of a non-文件 item: 大事记, …常务会议, 政府工作报告, …名词解释, …政策解读, …公报》简介;
3. a 目录 entry not yet accounted for, found as a heading in the text.

A document runs to the line before the next anchor's title, so a notice and the plan it issues
(which has no 文号 of its own) are one document. Lines before the first anchor are the cover,
masthead and editorial board, and are dropped as noise.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from builder.model import Kind, TocEntry
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.pages import FORM_FEED
from builder.parse.cleaning.spacing import squash_title
from builder.parse.toc import TocBlock, title_without_number
from builder.patterns.dates import DATE_LINE, PRINTED_LINE
from builder.patterns.departments import ISSUER_BEFORE_GUANYU, JOINT_PLACE, ORG_ONLY, ORG_SUFFIX
from builder.patterns.docnumber import DOC_NUMBER_LINE
from builder.patterns.kinds import NAMES_BEFORE_GUANYU, TITLE_START, kind_from_title, special_item_kind, title_key
from builder.patterns.layout import (
    ATTACHMENT_LABEL,
    CLAUSE_PUNCT,
    NUMBER_WORD_FIRST,
    RED_HEADER,
    SENTENCE_OR_COLON,
    ends_sentence,
    open_brackets,
)
from builder.patterns.outline import starts_with_outline
from builder.patterns.spacing import WHITESPACE_RUN

MAX_TITLE_LINES = 5
#: the most characters of a heading a narrow column wraps onto the next line (…2023 年 / 第 5 次常务会议)
MAX_TAIL = 8


@dataclass(slots=True)
class Anchor:
    """Where a document starts: its title lines, its 文号 line if any, what kind of item it is."""

    title: list[int]  # indices of the title lines
    number: int | None = None  # index of the 文号 line
    special: Kind | None = None  # kind of a non-文件 item
    toc_entry: TocEntry | None = None
    prelude: list[int] = field(default_factory=list)  # red-header lines above the 文号 (XX人民政府文件)

    @property
    def first(self) -> int:
        return min(self.prelude + self.title + ([self.number] if self.number is not None else []))

    @property
    def last(self) -> int:
        return max(self.title + ([self.number] if self.number is not None else []))


@dataclass(slots=True)
class Segment:
    anchor: Anchor
    indices: list[int] = field(default_factory=list)  # every line index from title to end


def title_text(lines: list[SourceLine], indices: list[int]) -> str:
    return squash_title(" ".join(lines[i].text for i in indices))


def _is_title_fragment(line: SourceLine) -> bool:
    text = line.text.strip()
    return (
        line.live
        and len(text) <= 90
        and "\t" not in text
        and not ends_sentence(text)
        and not DATE_LINE.match(text)
        and not PRINTED_LINE.match(text)
        and not DOC_NUMBER_LINE.match(text)
        and not NUMBER_WORD_FIRST.match(text)
        and not starts_with_outline(text)
    )


def _title_above(lines: list[SourceLine], number_index: int, floor: int) -> list[int]:
    """Title lines above a 文号 line: the shortest run that reads as a whole title (…关于…), else
    the run from the last page start (a hard-wrapped title opens its page), else the last three."""
    candidates: list[int] = []
    index = number_index - 1
    while index >= floor and len(candidates) < MAX_TITLE_LINES:
        line = lines[index]
        if not line.live:
            index -= 1
            continue
        if not _is_title_fragment(line):
            break
        candidates.insert(0, index)
        index -= 1
    if not candidates:
        return []
    for start in range(len(candidates) - 1, -1, -1):
        text = title_text(lines, candidates[start:])
        if TITLE_START.match(text):
            while (
                start > 0
                and not _page_break_between(lines, candidates[start - 1], candidates[start])
                and _issuer_continues_above(
                    text, title_text(lines, candidates[start - 1 :]), lines[candidates[start - 1]].text
                )
            ):
                start -= 1
                text = title_text(lines, candidates[start:])
            return candidates[start:]
    page_starts = [i for i in candidates if lines[i].page_start]
    if page_starts:
        return candidates[candidates.index(page_starts[-1]) :]
    return candidates[-3:]


def _page_break_between(lines: list[SourceLine], above: int, below: int) -> bool:
    """Whether a converter's page break (a form feed) comes between two lines: a title starts on
    its page, and what ends the page before is no issuer of it (a table's last cell there)."""
    return any(line.raw.startswith(FORM_FEED) for line in lines[above + 1 : below + 1])


def _issuer_continues_above(text: str, longer: str, above: str) -> bool:
    """Whether the line above a title's first line holds the start of its issuers: an issuer alone
    on its line (乌达区人民政府办公室 / 关于印发…), or names wrapped mid-word (某旗人民政府 某旗人民
    / 检察院关于…) that only read as issuers with the line above."""
    if text.startswith(("关于", "《")):
        return _is_org_only(above) or _starts_with_org(longer)
    own = ISSUER_BEFORE_GUANYU.match(text)
    issuer = ISSUER_BEFORE_GUANYU.match(longer)
    if not own or not issuer:
        return False
    if all(_is_issuer_name(name) for name in own["issuer"].split()):
        # whole-looking, unless the line above ends with the first characters of its place:
        # 示例旗人民法院 示 / 例旗人民检察院关于… (例旗 is no place, 示例旗 is)
        first, whole = own["issuer"].split()[0], issuer["issuer"].split()
        completed = next((name for name in whole if name.endswith(first)), "")
        return all(_is_issuer_name(name) for name in whole) and 0 < len(completed) - len(first) <= 3
    names = issuer["issuer"].replace(" ", "")
    return bool(JOINT_PLACE.match(names)) and len(names) <= 60 and not CLAUSE_PUNCT.search(names)


def _is_issuer_name(name: str) -> bool:
    """An issuer's full name: from its place to an organisation's name (示例旗人民检察院)."""
    return bool(JOINT_PLACE.match(name) and ORG_SUFFIX.search(name))


def _reads_as_title(text: str) -> bool:
    return bool(TITLE_START.match(text) or kind_from_title(text))


def _is_org_only(text: str) -> bool:
    text = text.strip()
    return bool(ORG_ONLY.match(text) and ORG_SUFFIX.search(WHITESPACE_RUN.sub("", text)))


def _starts_with_org(text: str) -> bool:
    return bool(NAMES_BEFORE_GUANYU.match(text)) and not text.startswith("关于")


def _title_below(lines: list[SourceLine], number_index: int, ceiling: int) -> list[int]:
    """Title lines below a 文号 line (red-header layout: number first, then title)."""
    found: list[int] = []
    for index in range(number_index + 1, min(ceiling, number_index + 12)):
        line = lines[index]
        if not line.live:
            continue
        if not _is_title_fragment(line) or len(found) >= MAX_TITLE_LINES:
            break
        found.append(index)
        if kind_from_title(title_text(lines, found)):
            return found
    return []


def _special_heading(lines: list[SourceLine], index: int, live: list[int], position: int) -> Kind | None:
    line = lines[index]
    text = line.text.strip()
    if len(text) > 60 or ends_sentence(text) or starts_with_outline(text) or SENTENCE_OR_COLON.search(text):
        return None  # (a sentence stop inside: the end of a sentence wrapped, …建设局。解读)
    kind = special_item_kind(text) or special_item_kind(text + _wrapped_tail(lines, live, position))
    if not kind:
        return None  # (…名词解 / 释: a narrow column wraps a heading before its last characters)
    previous = lines[live[position - 1]] if position > 0 else None
    if previous is not None and ATTACHMENT_LABEL.match(previous.text):
        return None  # an attachment of the document above, not an item of its own
    if previous is not None and not line.heading and not line.page_start and _runs_on(previous.text):
        return None  # the middle of a wrapped sentence that happens to end like a heading
    return kind


def _wrapped_tail(lines: list[SourceLine], live: list[int], position: int) -> str:
    """The next live line when it can be a heading's last characters wrapped (short, no sentence), else ""."""
    if position + 1 >= len(live):
        return ""
    tail = lines[live[position + 1]].text.strip()
    return tail if len(WHITESPACE_RUN.sub("", tail)) <= MAX_TAIL and not ends_sentence(tail) else ""


def _opening_lines(lines: list[SourceLine], live: list[int], position: int, floor: int, taken: set[int]) -> list[int]:
    """The lines just above a heading that open a quoted title the heading closes: one title wrapped
    (or broken by a page) over them; none when no such run of short lines is there."""
    heading = lines[live[position]].text.strip()
    above: list[int] = []
    for index in reversed(live[max(0, position - MAX_TITLE_LINES + 1) : position]):
        text = lines[index].text.strip()
        if index < floor or index in taken or len(text) > 40 or ends_sentence(text):
            return []
        above.insert(0, index)
        opening = "".join(lines[i].text.strip() for i in above)
        if open_brackets(opening) > 0 and open_brackets(opening + heading) == 0:  # (not a bracket opened higher up)
            return above
    return []


def _runs_on(text: str) -> bool:
    """A line that stops mid-sentence: long, no closing punctuation, not a date or a heading."""
    text = text.strip()
    return len(text) >= 12 and not ends_sentence(text) and not DATE_LINE.match(text) and not starts_with_outline(text)


def find_anchors(lines: list[SourceLine], start: int) -> list[Anchor]:
    """Anchors from 文号 lines and non-文件 item headings, in text order."""
    live = [i for i in range(start, len(lines)) if lines[i].live]
    anchors: list[Anchor] = []
    floor = start
    taken: set[int] = set()
    for position, index in enumerate(live):
        text = lines[index].text.strip()
        if DOC_NUMBER_LINE.match(text):
            above = [i for i in _title_above(lines, index, floor) if i not in taken]
            below = (
                [] if above and _reads_as_title(title_text(lines, above)) else _title_below(lines, index, len(lines))
            )
            if below:  # red-header layout: 某某县人民政府文件 / 文号 / title
                prelude = [i for i in above[-2:] if RED_HEADER.search(lines[i].text)]
                anchor = Anchor(title=below, number=index, prelude=prelude)
            else:
                anchor = Anchor(title=above, number=index)
            if anchor.title:
                anchors.append(anchor)
                taken.update(anchor.title + anchor.prelude + [index])
                floor = max([*anchor.title, index]) + 1
            continue
        if index in taken:
            continue
        kind = _special_heading(lines, index, live, position)
        if kind:
            # 《…医疗卫 / (page break) 生共同体…》政策解读, or a quoted title wrapped by a narrow column
            title = [*_opening_lines(lines, live, position, floor, taken), index]
            tail = _wrapped_tail(lines, live, position)
            if tail and special_item_kind(text + tail) == kind:
                title.append(live[position + 1])  # …政府常务会 / 议: the heading's last characters wrapped
            anchors.append(Anchor(title=title, special=kind))
            taken.update(title)
            floor = index + 1
    return sorted(anchors, key=lambda anchor: anchor.first)


def locate_toc_entry(lines: list[SourceLine], entry: TocEntry, start: int, taken: set[int]) -> Anchor | None:
    """Find a 目录 entry's heading in the text: one to `MAX_TITLE_LINES` consecutive lines that read as it."""
    target = title_key(title_without_number(entry))
    if len(target) < 2:
        return None
    live = [i for i in range(start, len(lines)) if lines[i].live and i not in taken]
    best: tuple[float, list[int]] | None = None
    for position, _index in enumerate(live):
        window: list[int] = []
        for following in live[position : position + MAX_TITLE_LINES]:  # (a narrow column wraps a title often)
            window.append(following)
            candidate = title_key(" ".join(lines[i].text for i in window))
            if len(candidate) > len(target) + 4:
                break
            score = difflib.SequenceMatcher(None, candidate, target).ratio()
            if score >= 0.9 and (best is None or score > best[0]):
                best = (score, list(window))
    if best is None:
        return None
    return Anchor(title=best[1], special=special_item_kind(target), toc_entry=entry)


def title_similarity(a: str, b: str) -> float:
    a, b = title_key(a), title_key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.92 if min(len(a), len(b)) >= 6 else 0.7
    return difflib.SequenceMatcher(None, a, b).ratio()


def build_segments(lines: list[SourceLine], anchors: list[Anchor]) -> list[Segment]:
    """Cut the text at the anchors: each document runs to the line before the next title."""
    segments = []
    for position, anchor in enumerate(anchors):
        end = anchors[position + 1].first if position + 1 < len(anchors) else len(lines)
        segments.append(Segment(anchor=anchor, indices=list(range(anchor.first, end))))
    return segments


def front_matter_end(toc: TocBlock | None) -> int:
    """Index of the first line after the 目录 (0 when the issue prints none)."""
    return toc.last + 1 if toc else 0
