"""Line shapes: page numbers (in running footers, or alone in a margin), sentence ends and open
brackets, notes, labels (组长：, 附件 1：), roster lines and where a post ends, the red 版头 over a
document, and a colon that addresses nobody."""

from __future__ import annotations

import re

from builder.patterns.characters import DIGITS, HAN

TERMINAL_PUNCT = "。！？；：:;!?…"
CLOSING_QUOTES = '”’」』）)》"'


_OPENERS, _CLOSERS = "（(《“〈「【[", "）)》”〉」】]"


def open_brackets(text: str) -> int:
    """How many brackets and quotes `text` opens without closing (negative: closes more)."""
    return sum(text.count(ch) for ch in _OPENERS) - sum(text.count(ch) for ch in _CLOSERS)


def ends_sentence(text: str) -> bool:
    """Whether `text` ends with sentence-final punctuation (possibly followed by closing quotes)."""
    stripped = text.rstrip().rstrip("*").rstrip(CLOSING_QUOTES + " ")
    return bool(stripped) and stripped[-1] in TERMINAL_PUNCT


#: a label at the start of a line: 组长：, 牵头单位:, 附件 1：
LABEL = re.compile(rf"^[*]*[{HAN}\s]{{1,10}}[*]*[:：]")
ROSTER_LINE = re.compile(rf"^[{HAN}]{{1,2}}\s?[{HAN}]{{1,3}}\s+[{HAN}（）()、A-Za-z0-9]{{2,40}}$")
ATTACHMENT_LABEL = re.compile(rf"^\s*附\s*件\s*(?P<n>[{DIGITS}]{{0,2}})\s*[:：]?\s*$")
ATTACHMENT_LIST = re.compile(rf"^\s*附\s*件\s*[{DIGITS}]{{0,2}}\s*[:：]\s*(?P<rest>.*)$")


#: the red 版头 over a document: 某某县人民政府办公室文件
MASTHEAD_LINE = re.compile(rf"^\s*[{HAN}（）()]{{2,40}}文\s*件\s*$")


#: a sentence that ends with a colon but addresses nobody: 为改善…，现公告如下： / 根据…，通知如下：
NOT_RECIPIENTS = re.compile(r"《|如下\s*[:：]?\s*$|^\s*(?:为|根据|按照|依据|经)")

#: page furniture: a page number between dashes (- 3 -), a section footer (政府文件 - 3 -), and
#: what follows the gazette's title in a running header (2023年第7期)
PAGE_NUMBER_DASHES = re.compile(r"^\s*[-—－·•]\s*\d{1,4}\s*[-—－·•]\s*$")
SECTION_FOOTER = re.compile(
    rf"^(?:[{HAN}]{{2,14}}\s*[-—－·•]\s*\d{{1,4}}\s*[-—－·•]|[-—－·•]\s*\d{{1,4}}\s*[-—－·•]\s*[{HAN}]{{2,14}})$"
)
#: the printed page number a running footer or header ends or starts with: 政府文件 - 27 -,
#: 东胜区人民政府公报 2024·1-3- 12 -, - 3 -
FOOTER_PAGE = re.compile(r"[-—－·•]\s*(\d{1,4})\s*[-—－·•]\s*$|^\s*[-—－·•]\s*(\d{1,4})\s*[-—－·•]")
PAGE_INFO = re.compile(r"^[\d·.．\-—－~～年第期合刊()（）/]*$")
#: what starts a note under a body: 附件, 注：, 备注, 抄送, 主题词, ①
NOTE_START = re.compile(r"^[*]{0,2}(?:附\s*件|注[:：]|备注|抄送|主题词|[①-⑳])")
#: a line ending with a colon; where ASCII text joins across a wrap
COLON_END = re.compile(r"[:：]\**$")
ASCII_END = re.compile(r"[A-Za-z0-9,.;:%]$")
ASCII_START = re.compile(r"^[A-Za-z0-9(]")
#: how a post ends (局长, 副主任, 书记 …): an organisation's name after it is not the post's tail
POST_END = re.compile(r"(?:长|主任|书记|主席|委员|政委|经理|主管|专员|干事|秘书|助理|调研员|成员|代表|负责人)$")
#: a roster line: a name (after its label) and a space before the post: 副组长：吕耀峰 鄂尔多斯…
NAMED_LINE = re.compile(rf"^(?:[*]*[{HAN}\s]{{1,10}}[*]*[:：]\s*)?[{HAN}]{{1,2}}\s?[{HAN}]{{1,3}}\s+\S")
#: a line that ends with the red 版头's 文件
RED_HEADER = re.compile(rf"[{HAN}]{{2,40}}文件$")

#: a page number alone in a page's margin: - 3 -, 第 3 页, ·12·
BARE_PAGE_NUMBER = re.compile(r"^[\s\-—–－~～·.]*(?:第\s*)?(\d{1,4})(?:\s*页)?[\s\-—–－~～·.]*$")

#: a page number closing a running footer: 东胜区人民政府公报 2024·1-3 - 12 -
TRAILING_PAGE_NUMBER = re.compile(r"[-—－·•]\s*(?P<page>\d{1,4})\s*[-—－·•]\s*$")

#: a line that ends with a colon (a label over what follows)
COLON_AT_END = re.compile(r"[:：]$")
#: punctuation inside running text: a name or a label has none
CLAUSE_PUNCT = re.compile(r"[，。；：,;:]")
#: punctuation that ends a sentence or introduces something
SENTENCE_OR_COLON = re.compile(r"[。；！？：:]")
#: a line that ends with a closing bracket
CLOSING_BRACKET_AT_END = re.compile(r"[)）]$")
#: a digit (matched at a line's start, or looked for anywhere)
DIGIT = re.compile(r"\d")
#: a line that ends with a digit
DIGIT_AT_END = re.compile(r"\d$")
#: a line indented by exactly one space (a converter's mark of a page start)
ONE_SPACE_INDENT = re.compile(r"^ \S")
#: a line that starts with a number standing alone (a page number, a table cell), not a year or a
#: count a converter spaced from its unit (2023 年异味综合整治…, a wrapped title's line)
NUMBER_WORD_FIRST = re.compile(r"^\d+(?:\s(?!\s*[年月日号个项])|$)")
#: Han characters and brackets only (an organisation's name)
HAN_AND_BRACKETS = re.compile(rf"[{HAN}（）()]+")
