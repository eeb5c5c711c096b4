"""文号 (document numbers): the year-in-brackets core, a 文号 cited in running text, a line that is
only a 文号, and a 文号 as a reader types it into the search box; parsers return None, never guess."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from builder.model import DocNumber
from builder.patterns.characters import DIGITS, HAN, ascii_digits, match_text
from builder.patterns.spacing import WHITESPACE_RUN

OPEN_BRACKETS = "〔［[（(﹝【"
CLOSE_BRACKETS = "〕］]）)﹞】"
_OPEN = "[" + re.escape(OPEN_BRACKETS) + "]"
_CLOSE = "[" + re.escape(CLOSE_BRACKETS) + "]"

#: the year-in-brackets core of a 文号: 〔2023〕33号, [2023] 33 号, ﹝2023﹞19号 ...
DOC_NUMBER_CORE = re.compile(
    rf"{_OPEN}\s*(?P<year>(?:19|20|１９|２０)[{DIGITS}]{{2}})\s*(?:年\s*)?{_CLOSE}\s*第?\s*(?P<serial>[{DIGITS}]{{1,5}})\s*号"
)

#: a 文号 with its issuing code right before the bracket (the code may be empty)
#: (a wrap space may sit inside the code: 东政 办发〔2023〕33号)
DOC_NUMBER = re.compile(rf"(?P<prefix>(?:[{HAN}A-Za-z][ \u3000]?){{0,16}}?)\s*{DOC_NUMBER_CORE.pattern}")

#: words that precede a 文号 in running text but are not part of its code
_PREFIX_NOISE = re.compile(
    r"^(?:.*?(?:根据|按照|依据|参照|落实|贯彻|结合|转发|印发|执行|详见|参见|见|依照|对照|引用|援引|废止|修订|修改|代替|替代|取代|以及|和|及|与|或|文件|精神|要求|通知|意见|办法|方案|规定|的))"
)

#: a line that is nothing but a document's own 文号 (optionally with 签发人)
DOC_NUMBER_LINE = re.compile(
    rf"^\s*[（(]?\s*(?P<number>[{HAN}A-Za-z]{{1,16}}\s*{DOC_NUMBER_CORE.pattern})\s*[)）]?\s*(?:签发人[:：].*)?$"
)


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse the first 文号 in `text`, or None. `raw` keeps the text's own spelling."""
    match = DOC_NUMBER.search(text)
    if not match:
        return None
    return _doc_number_from_match(match)


def _doc_number_from_match(match: re.Match) -> DocNumber:
    prefix = WHITESPACE_RUN.sub("", match.group("prefix"))
    return DocNumber(
        prefix=prefix,
        year=int(ascii_digits(match.group("year"))),
        serial=int(ascii_digits(match.group("serial"))),
        raw=match.group(0).strip(),
    )


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 cited in running text, in order, with the code words before it trimmed.

    Spaces (left by line wrapping) are ignored, so `（国` + `办发〔2015〕58 号）` joined with a
    space still yields 国办发〔2015〕58号.
    """
    return [number for _, _, number in find_doc_number_spans(text)]


def find_doc_number_spans(text: str) -> list[tuple[int, int, DocNumber]]:
    """`find_doc_numbers` with where each 文号 stands in `text`: (start, end, number).

    The span covers the issuing code as kept (lead words like 根据 or 印发 are left outside)."""
    found = []
    for match in DOC_NUMBER_CORE.finditer(text):
        head = text[max(0, match.start() - 24) : match.start()]
        # the issuing code: the run of Han characters (and wrap spaces) right before the bracket
        code_run = match_text(_CODE_RUN.search(head))
        code = WHITESPACE_RUN.sub("", code_run)
        if len(code) > 2:
            code = _PREFIX_NOISE.sub("", code)
        if len(code) > 12:  # a sentence, not a code: keep no prefix rather than guess
            code = ""
        start = _code_start(text, match.start(), len(code))
        number = DocNumber(
            prefix=code,
            year=int(ascii_digits(match.group("year"))),
            serial=int(ascii_digits(match.group("serial"))),
            raw=text[start : match.end()].strip(),
        )
        found.append((start, match.end(), number))
    return found


def _code_start(text: str, bracket: int, code_length: int) -> int:
    """Where the last `code_length` non-space characters before `bracket` begin."""
    start, kept = bracket, 0
    while kept < code_length and start > 0:
        start -= 1
        if not text[start].isspace():
            kept += 1
    return start


_CODE_RUN = re.compile(rf"[{HAN}A-Za-z\s]*$")


def normalize_doc_number(text: str) -> str | None:
    """Any spelling of a 文号 -> its normalized form (〔〕, ASCII digits, no spaces), or None."""
    number = parse_doc_number(text)
    return number.normalized if number else None


class DocNumberQuery(NamedTuple):
    """A 文号 as a reader types it into a search box: any part but the code may be missing."""

    prefix: str
    year: int | None
    serial: int | None

    @property
    def normalized(self) -> str | None:
        """The one spelling (东政办发〔2023〕46号) when both year and serial are known."""
        if self.year is None or self.serial is None:
            return None
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


#: a typed 文号: an issuing code, then only numbers and the marks around them, in any order
_QUERY_CODE = re.compile(
    rf"^([{HAN}A-Za-z]{{2,16}}?)([0-9\s{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}年第号\-_/.、—]*)$"
)
_QUERY_NUMBER = re.compile(r"(第)?\s*([0-9]{1,5})\s*(年)?\s*([〕］\])）)﹞】]?)\s*(号)?")
_YEARLIKE = re.compile(r"^(?:19|20)[0-9]{2}$")


def parse_doc_number_query(text: str) -> DocNumberQuery | None:
    """A 文号 typed any way: 东政办发2023 46, 东政办发46号 2023, 乌区政办发2023-7号, 东政办发2023第46号,
    克政办字（2025）4号, or without its year (东政发31号) or serial (东政办发2023). A number
    marked 年 or in brackets is the year, one marked 第 or 号 the serial; an unmarked 19xx/20xx
    is the year, any other number the serial. None unless the text is an issuing code of two or
    more letters followed by one or two numbers and nothing but their marks. The same rules as
    parseDocNumberQuery in overrides/assets/javascripts/wenhao.js (tests/doc_number_cases.yml)."""
    match = _QUERY_CODE.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    numbers = list(_QUERY_NUMBER.finditer(match.group(2)))
    if not 1 <= len(numbers) <= 2:
        return None
    year = serial = None
    unmarked = []
    for number in numbers:
        value = number.group(2)
        if number.group(3) or number.group(4):
            year = year if year is not None else int(value)
        elif number.group(1) or number.group(5):
            serial = serial if serial is not None else int(value)
        else:
            unmarked.append(value)
    for value in unmarked:
        if year is None and _YEARLIKE.match(value):
            year = int(value)
        elif serial is None:
            serial = int(value)
        elif year is None:
            year = int(value)
    if year is not None and not _YEARLIKE.match(str(year)):
        return None
    return DocNumberQuery(match.group(1), year, serial)


#: a line with a serial number alone: 第3号 (a 令's number)
SERIAL_ONLY_LINE = re.compile(r"^第\s*\d+\s*号$")
