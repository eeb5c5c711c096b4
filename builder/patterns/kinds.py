"""Document kinds and titles: the 文种 a title ends with, the non-文件 items a gazette carries
(大事记, 会议, 解读 ...), attachment titles, how titles and subtitles start, titles quoted in running
text and the one key titles are compared by."""

from __future__ import annotations

import re
import unicodedata

from builder.patterns.characters import HAN

#: 文种 named at the end of a title, longest first
KIND_SUFFIXES = [
    ("实施意见", "意见"),
    ("指导意见", "意见"),
    ("通知", "通知"),
    ("通报", "通报"),
    ("批复", "批复"),
    ("决定", "决定"),
    ("意见", "意见"),
    ("公告", "公告"),
    ("通告", "通告"),
    ("命令", "命令"),
    ("决议", "决议"),
    ("报告", "报告"),
    ("请示", "请示"),
    ("函", "函"),
    ("纪要", "纪要"),
    ("议案", "议案"),
    ("公报", "公报"),
    ("令", "令"),
]

#: headings of the non-文件 items a gazette carries, with their kind
SPECIAL_ITEMS = [
    (
        re.compile(rf"^[{HAN}\d\s年月至\-—~～]{{0,24}}大事记[\d\s（）()\-—~～年月日至季度上下半第一二三四]{{0,14}}$"),
        "大事记",
    ),
    (
        re.compile(rf"^[{HAN}]{{2,20}}(?:人民政府|政府)[{HAN}\d\s]{{0,30}}(?:常务会议|全体会议|常务会|专题会议)$"),
        "会议",
    ),
    (re.compile(rf"^[{HAN}\d\s]{{0,30}}会议纪要$"), "纪要"),
    (re.compile(rf"^(?:[{HAN}\d\s]{{0,20}})政府工作报告$"), "报告"),
    (re.compile(rf"^[{HAN}\d\s“”《》、，,]{{2,40}}在[{HAN}\d\s“”《》、，,]{{2,40}}上的(?:讲话|致辞|发言)$"), "讲话"),
    (re.compile(r"^.{0,60}名词解释$"), "名词解释"),
    (re.compile(r"^.{2,80}(?:政策解读|解读)$"), "解读"),
    (re.compile(rf"^《?[{HAN}]{{2,30}}公报》?简介$"), "简介"),
    (re.compile(rf"^[{HAN}\d]{{0,20}}人事任免(?:事项|信息|名单)?$"), "任免"),
]

#: words a standalone title of an issued plan or attachment typically ends with
ATTACHMENT_TITLE_END = re.compile(
    r"(?:方案|办法|规划|预案|计划|名单|清单|目录|框架|细则|规定|规则|意见|职责|制度|措施|要点|标准|"
    r"指南|纲要|表|单|图|通讯录|方式|解释|章程|条例|守则|流程|协议|说明|报告|须知|任务)"
    r"(?:[（(][^（）()]{1,12}[)）])?$"
)


def kind_from_title(title: str) -> str | None:
    """文种 of a titled 文件 from its last words (…的通知 -> 通知), or None."""
    core = re.sub(r"[（(][^（）()]*[)）]$", "", title.strip())
    for suffix, kind in KIND_SUFFIXES:
        if core.endswith(suffix):
            return kind
    return None


def special_item_kind(text: str) -> str | None:
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
