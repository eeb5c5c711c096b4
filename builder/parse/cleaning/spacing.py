"""Removing the spaces a PDF converter put inside Chinese text.

Chinese is written without spaces, so a space between two Han characters, or between a Han
character and a digit, is almost always a line-wrap artefact (`办公室 关于印发`, `2023 年`,
`张 启`). A few spaces are real and are kept:

- between a name and a post in rosters (`韩涛 区委副书记`), in short lines that are not prose;
- between the names of joint issuers (`…监察局内蒙古局 内蒙古自治区能源局`);
- after a leading date or article number (`7月1日 东胜区…`, `第一条 为…`);
- inside flattened table rows, where spaces separate cells.

Every function here is idempotent: applying it twice changes nothing more.
"""

from __future__ import annotations

from builder.patterns.characters import match_text
from builder.patterns.departments import ORG_SUFFIX
from builder.patterns.layout import CLAUSE_PUNCT, COLON_AT_END
from builder.patterns.spacing import (
    AROUND_DASH,
    AROUND_PUNCT,
    ASCII_PUNCT_BETWEEN_HAN,
    CELL_GAP,
    DECIMAL_GAP,
    DIGIT_HAN,
    GAPS,
    HAN_RUN,
    HAN_RUN_AT_END,
    HAN_SPACE_HAN_SPLIT,
    LEADING_PREFIX,
    LEADING_SPACE,
    NUMBER_IN_PHRASE,
    NUMBER_WITH_UNIT,
    SENTENCE_PUNCT,
    WHITESPACE_RUN,
    WORD_IN_PHRASE,
)
from builder.patterns.tables import UNIT_AFTER_NUMBER


def looks_like_table_row(text: str) -> bool:
    """A flattened table row: three or more space-separated cells and no sentence punctuation.

    Spaces around a number with its unit (`关于公布 2023 年煤矿…`) or inside a phrase (`等 20 余项`,
    `文旅 IP 节庆`) are wrap artefacts, not cell boundaries, and neither are the spaces inside a
    spaced two-character name (`王 鹏 铜川镇镇长`). A leading serial number stays a cell."""
    if "\t" in text:
        return False
    squeezed = NUMBER_WITH_UNIT.sub("", text.strip())
    squeezed = WORD_IN_PHRASE.sub(r"\1", NUMBER_IN_PHRASE.sub(r"\1", squeezed))
    squeezed = _join_han_runs(squeezed, prose=False)  # 王 鹏 -> 王鹏
    cells = [cell for cell in CELL_GAP.split(squeezed) if cell]
    labelled = any(COLON_AT_END.search(cell) for cell in cells[:-1])  # 某某企业: 甲、乙 is a label and its list
    return len(cells) >= 3 and not SENTENCE_PUNCT.search(text) and max(len(c) for c in cells) <= 30 and not labelled


def flattened_cells(text: str) -> list[str]:
    """The cells of a flattened table row: split at its spaces, except those inside a spaced
    two-character name (高 慧 -> 高慧) or between a number and its unit (10-20 人)."""
    squeezed = UNIT_AFTER_NUMBER.sub("", text.strip())
    return [cell for cell in CELL_GAP.split(_join_han_runs(squeezed, prose=False)) if cell]


def continues_merged_cells(text: str) -> bool:
    """A short flattened row of a table that continues merged cells (毡绣技艺 第二苏木): two
    short cells, no sentence punctuation."""
    cells = text.split()
    return len(cells) == 2 and max(len(c) for c in cells) <= 12 and not CLAUSE_PUNCT.search(text)


def is_prose(text: str) -> bool:
    return len(text) >= 28 and bool(SENTENCE_PUNCT.search(text))


def remove_conversion_spaces(text: str) -> str:
    """Remove wrap spaces inside Chinese text, keeping the meaningful ones (see module docstring)."""
    if "\t" in text or not text.strip() or looks_like_table_row(text):
        return text
    leading = match_text(LEADING_SPACE.match(text))
    body = text[len(leading) :]
    prefix_match = LEADING_PREFIX.match(body)
    prefix, rest = "", body
    if prefix_match:
        prefix = GAPS.sub("", prefix_match.group(0).rstrip()) + " "
        rest = body[prefix_match.end() :]
    rest = DIGIT_HAN.sub("", rest)
    rest = AROUND_PUNCT.sub("", rest)
    rest = ASCII_PUNCT_BETWEEN_HAN.sub("", rest)
    rest = DECIMAL_GAP.sub("", rest)
    rest = _join_han_runs(rest, prose=is_prose(body))
    return leading + prefix + rest


def _join_han_runs(text: str, prose: bool) -> str:
    """Drop Han–space–Han gaps: all of them in prose, only around one-character tokens elsewhere;
    never between two organisation names (joint issuers)."""

    def keep(left: str, right: str, chained: bool) -> bool:
        # a joint issuer's name may run into the title (…检察院关于印发); after a space kept
        # between two names, the next one is kept too, so a second pass decides the same way
        name = right.split("关于")[0]
        if not name or not ORG_SUFFIX.search(left):
            return False
        return chained or bool(ORG_SUFFIX.search(name))

    parts = HAN_SPACE_HAN_SPLIT.split(text)
    if len(parts) == 1:
        return text
    tokens = parts[0::2]
    out = [tokens[0]]
    chained = False
    for index in range(1, len(tokens)):
        left_word = HAN_RUN_AT_END.search(out[-1])
        right_word = HAN_RUN.match(tokens[index])
        left = left_word.group(0) if left_word else ""
        right = right_word.group(0) if right_word else ""
        single = len(left) == 1 or len(right) == 1
        chained = keep(left, right, chained)
        if chained or not (prose or single):
            out.append(" " + tokens[index])
        else:
            out[-1] = out[-1] + tokens[index]
    return "".join(out)


def squash_title(text: str) -> str:
    """A title on one line: all wrap spaces inside Chinese removed, joint-issuer spaces kept."""
    text = WHITESPACE_RUN.sub(" ", text).strip()
    text = DIGIT_HAN.sub("", text)
    text = AROUND_PUNCT.sub("", text)
    text = AROUND_DASH.sub("", text)
    text = ASCII_PUNCT_BETWEEN_HAN.sub("", text)
    return _join_han_runs(text, prose=True)
