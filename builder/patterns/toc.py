"""目录 lines: the 目录 heading, a page number alone, an entry with its page (dot leaders, brackets,
a leading or trailing page number), a marked section, a trailing 文号, a leading item number, and
dot leaders with their page number (in a PDF's text layer)."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN
from builder.patterns.docnumber import DOC_NUMBER_CORE

#: dot leaders, solid (……, .....) or spaced out by the converter (. . . . .)
_SPACED_DOTS = r"(?:[.·。] ){2,}[.·。]"
TOC_HEAD = re.compile(r"^(?:本\s*期\s*)?(?:[目日]\s*录|目\s*次)$")  # 日录: OCR misreading 目
#: the two halves of a spaced 目录 heading a converter printed on two lines (目 / 录)
TOC_HEAD_FIRST = re.compile(r"^(?:本\s*期\s*)?[目日]$")
TOC_HEAD_SECOND = re.compile(r"^[录次]$")
#: a page number alone (after dot leaders, or in brackets): …… 13, (7)
TOC_PAGE_ONLY = re.compile(r"^(?:[.…·。]{2,}\s*)?[（(]?\s*(?P<page>\d{1,3})\s*[)）]?$")
#: a page number before the title: 01 关于…
TOC_LEADING_PAGE = re.compile(r"^(?P<page>\d{1,3})\s+(?P<title>\S.{3,})$")
#: an entry and its page, in the spellings 目录 use (the list is tried in order)
TOC_ENTRIES = [
    re.compile(
        rf"^(?P<title>.{{2,}}?)\s*(?:[.·。]{{3,}}|{_SPACED_DOTS}|[.…·。]*…[.…·。]*)\s*(?P<page>\d{{1,3}})$"
    ),  # title ..... 13, title……13
    re.compile(r"^(?P<title>.{2,}?)\s*[（(]\s*(?P<page>\d{1,3})\s*[)）]$"),  # title (7)
    TOC_LEADING_PAGE,  # 01 title
    re.compile(r"^(?P<title>.{4,}?)\s+(?P<page>\d{1,3})$"),  # title 13
]
#: a section heading marked as one: 【政府文件】, ● 部门文件
TOC_SECTION_MARKED = re.compile(r"^(?:【(?P<a>[^】]{1,20})】|[●■◆▲◇○•]\s*(?P<b>.{1,20}))$")
#: a 文号 in brackets at the end of an entry's title
TOC_TRAILING_NUMBER = re.compile(rf"[（(]\s*(?P<number>[{HAN}A-Za-z]{{0,16}}{DOC_NUMBER_CORE.pattern})\s*[)）]$")
#: the item number some 目录 print before a title: 1. / 2、 / （3）
TOC_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])\s*")

#: a 目录 entry fills its line with dot leaders up to its page number; the next entry is not indented
TOC_LEADERS_AND_PAGE = re.compile(rf"(?:[.…·]{{3,}}|{_SPACED_DOTS})\s*\d{{1,4}}$")
#: dot leaders and a page number alone: the wrapped tail of an entry
TOC_LEADERS_ONLY = re.compile(rf"^(?:[.…·]{{2,}}|{_SPACED_DOTS})\s*\d{{1,4}}$")


#: dot leaders at the end of a 目录 line
DOT_LEADER_END = re.compile(r"\s*[.…·]+$")
#: Han characters and spaces only (a section heading of the 目录)
HAN_AND_SPACES = re.compile(rf"[{HAN}\s]+")
