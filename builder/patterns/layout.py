"""Line shapes: sentence ends and open brackets, labels (组长：, 附件 1：), roster lines, the red 版头
over a document, and a colon that addresses nobody."""

from __future__ import annotations

import re

from builder.patterns.characters import DIGITS, HAN

TERMINAL_PUNCT = "。！？；：:;!?…"
CLOSING_QUOTES = "”’」』）)》\""


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
