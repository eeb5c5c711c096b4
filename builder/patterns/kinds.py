"""Document kinds and titles: the 文种 a title ends with, the non-文件 items a gazette carries
(大事记, 会议, 解读 ...), attachment titles, how titles and subtitles start, titles quoted in running
text and the one key titles are compared by."""

from __future__ import annotations

import re
import unicodedata

from builder.model import Kind
from builder.patterns.characters import HAN

#: 文种 named at the end of a title, longest first
KIND_SUFFIXES = [
    ("实施意见", Kind.OPINION),
    ("指导意见", Kind.OPINION),
    ("通知", Kind.NOTICE),
    ("通报", Kind.BULLETIN),
    ("批复", Kind.REPLY),
    ("决定", Kind.DECISION),
    ("意见", Kind.OPINION),
    ("公告", Kind.ANNOUNCEMENT),
    ("通告", Kind.PUBLIC_NOTICE),
    ("命令", Kind.COMMAND),
    ("决议", Kind.RESOLUTION),
    ("报告", Kind.REPORT),
    ("请示", Kind.REQUEST),
    ("函", Kind.LETTER),
    ("纪要", Kind.MINUTES),
    ("议案", Kind.MOTION),
    ("公报", Kind.COMMUNIQUE),
    ("令", Kind.DECREE),
]

#: headings of the non-文件 items a gazette carries, with their kind
SPECIAL_ITEMS = [
    (
        re.compile(rf"^[{HAN}\d\s年月至\-—~～]{{0,24}}大事记[\d\s（）()\-—~～年月日至季度上下半第一二三四]{{0,14}}$"),
        Kind.CHRONICLE,
    ),
    (
        re.compile(rf"^[{HAN}]{{2,20}}(?:人民政府|政府)[{HAN}\d\s]{{0,30}}(?:常务会议|全体会议|常务会|专题会议)$"),
        Kind.MEETING,
    ),
    (re.compile(rf"^[{HAN}\d\s]{{0,30}}会议纪要$"), Kind.MINUTES),
    (re.compile(rf"^(?:[{HAN}\d\s]{{0,20}})政府工作报告$"), Kind.REPORT),
    (
        re.compile(rf"^[{HAN}\d\s“”《》、，,]{{2,40}}在[{HAN}\d\s“”《》、，,]{{2,40}}上的(?:讲话|致辞|发言)$"),
        Kind.SPEECH,
    ),
    (re.compile(r"^.{0,60}名词解释$"), Kind.GLOSSARY),
    (re.compile(r"^.{2,80}(?:政策解读|解读)$"), Kind.INTERPRETATION),
    (re.compile(rf"^《?[{HAN}]{{2,30}}公报》?简介$"), Kind.INTRODUCTION),
    (re.compile(rf"^[{HAN}\d]{{0,20}}人事任免(?:事项|信息|名单)?$"), Kind.APPOINTMENTS),
]

#: words a standalone title of an issued plan or attachment typically ends with
ATTACHMENT_TITLE_END = re.compile(
    r"(?:方案|办法|规划|预案|计划|名单|清单|目录|框架|细则|规定|规则|意见|职责|制度|措施|要点|标准|"
    r"指南|纲要|表|单|图|通讯录|方式|解释|章程|条例|守则|流程|协议|说明|报告|须知|任务)"
    r"(?:[（(][^（）()]{1,12}[)）])?$"
)


def kind_from_title(title: str) -> Kind | None:
    """文种 of a titled 文件 from its last words (…的通知 -> 通知), or None."""
    core = re.sub(r"[（(][^（）()]*[)）]$", "", title.strip())
    for suffix, kind in KIND_SUFFIXES:
        if core.endswith(suffix):
            return kind
    return None


def special_item_kind(text: str) -> Kind | None:
    """Kind of a non-文件 item when `text` is its heading (大事记, …常务会议, 政策解读 …), or None."""
    squashed = re.sub(r"\s+", "", text)
    for pattern, kind in SPECIAL_ITEMS:
        if pattern.match(squashed):
            return kind
    return None


#: a document title quoted in running text: 《东胜区“十四五”时期节能规划》
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》\n]{4,120})》")
#: a quoted title right before a cited 文号: …《…的通知》（
TITLE_BEFORE_NUMBER = re.compile(r"《(?P<title>[^《》\n]{4,120})》\s*[（(]?\s*$")
_TITLE_NOISE = re.compile(r"[\s*#《》“”\"'‘’「」·•]")


def title_key(title: str) -> str:
    """The one form titles are compared in (目录 items with headings, citations with titles):
    no spaces, quotes, book-title marks, bullets or Markdown marks; ASCII brackets and digits."""
    return _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))


#: how a title starts: …关于, 关于, 《
TITLE_START = re.compile(rf"^(?:[{HAN}（）()、\s]{{2,60}}?关于|关于|《)")
#: how a speech's subtitle or date line starts: ——在…上的讲话, （2023年…）
SUBTITLE_LEAD = re.compile(r"^(?:——|—|一一|--|[（(])")
