"""Patterns: 文号, dates, outline numbering, document kinds — and the parsers built on them.

All regular expressions of the builder live here, so that one place says what a 文号 or a date
looks like. Parsers return None when the text does not match; they never guess.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from builder.model import DocNumber

HAN = r"\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{HAN}]")
MONGOLIAN = re.compile(r"[\u1800-\u18af]")

# --- 文号 -------------------------------------------------------------------------------------

OPEN_BRACKETS = "〔［[（(﹝【"
CLOSE_BRACKETS = "〕］]）)﹞】"
_OPEN = "[" + re.escape(OPEN_BRACKETS) + "]"
_CLOSE = "[" + re.escape(CLOSE_BRACKETS) + "]"
_DIGITS = "0-9０-９"

#: the year-in-brackets core of a 文号: 〔2023〕33号, [2023] 33 号, ﹝2023﹞19号 ...
DOC_NUMBER_CORE = re.compile(
    rf"{_OPEN}\s*(?P<year>(?:19|20|１９|２０)[{_DIGITS}]{{2}})\s*(?:年\s*)?{_CLOSE}\s*第?\s*(?P<serial>[{_DIGITS}]{{1,5}})\s*号"
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


def match_text(match: re.Match[str] | None) -> str:
    """The text a pattern that can match the empty string found, "" for none (for the type checker)."""
    return match.group(0) if match else ""


def _ascii_digits(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in text)


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse the first 文号 in `text`, or None. `raw` keeps the text's own spelling."""
    match = DOC_NUMBER.search(text)
    if not match:
        return None
    return _doc_number_from_match(match)


def _doc_number_from_match(match: re.Match) -> DocNumber:
    prefix = re.sub(r"\s+", "", match.group("prefix"))
    return DocNumber(
        prefix=prefix,
        year=int(_ascii_digits(match.group("year"))),
        serial=int(_ascii_digits(match.group("serial"))),
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
        head = text[max(0, match.start() - 24):match.start()]
        # the issuing code: the run of Han characters (and wrap spaces) right before the bracket
        code_run = match_text(_CODE_RUN.search(head))
        code = re.sub(r"\s+", "", code_run)
        if len(code) > 2:
            code = _PREFIX_NOISE.sub("", code)
        if len(code) > 12:  # a sentence, not a code: keep no prefix rather than guess
            code = ""
        start = _code_start(text, match.start(), len(code))
        number = DocNumber(
            prefix=code,
            year=int(_ascii_digits(match.group("year"))),
            serial=int(_ascii_digits(match.group("serial"))),
            raw=text[start:match.end()].strip(),
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
_QUERY_CODE = re.compile(rf"^([{HAN}A-Za-z]{{2,16}}?)([0-9\s{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}年第号\-_/.、—]*)$")
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


# --- dates ------------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇○零OＯ一二三四五六七八九十"

DATE = re.compile(
    rf"(?P<y>[{_DIGITS}]{{4}}|[{_CN_NUM}]{{4}})\s*年\s*(?P<m>[{_DIGITS}]{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月\s*"
    rf"(?P<d>[{_DIGITS}]{{1,2}}|[{_CN_NUM}]{{1,3}})\s*[日号]"
)
#: a line that is only a date (the 成文日期 under a signature)
DATE_LINE = re.compile(rf"^\s*{DATE.pattern}\s*$")
#: the 版记 colophon date: 2023年4月3日印发
PRINTED_LINE = re.compile(rf"^\s*{DATE.pattern}\s*印发\s*$")
#: month and day without a year: 7月1日, 2月10日
MONTH_DAY = re.compile(rf"^\s*(?P<m>[{_DIGITS}]{{1,2}})\s*月\s*(?P<d>[{_DIGITS}]{{1,2}})\s*日")


def cn_number(text: str) -> int | None:
    """A number written in digits or Chinese numerals (二〇二三, 十二), or None."""
    text = _ascii_digits(text)
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _CN_DIGITS for ch in text):  # 二〇二三
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    if "十" in text:  # 十, 十二, 二十, 二十一
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10
        return value + (_CN_DIGITS.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """`YYYY-MM-DD`, or None when the parts do not make a real date."""
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def parse_date(text: str) -> str | None:
    """The first full date in `text` as ISO (2023年8月8号, 二〇二三年八月八日, 2023 年 6 月 19 日)."""
    match = DATE.search(text)
    if not match:
        return None
    return iso_date(cn_number(match["y"]), cn_number(match["m"]), cn_number(match["d"]))


# --- outline numbering ------------------------------------------------------------------------

#: heading level by Chinese outline numbering: 一、 -> 2, （一） -> 3, 1. -> 4, （1） -> 5
OUTLINE = [
    (2, re.compile(r"^(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)\s*[、.．]")),
    (3, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]")),
    (4, re.compile(rf"^[{_DIGITS}]{{1,2}}\s*[.．、](?:(?![{_DIGITS}])|(?=[{_DIGITS}]{{1,2}}\s*月))")),  # 1. / 3.3月份…
    (5, re.compile(rf"^[（(]\s*[{_DIGITS}]{{1,2}}\s*[)）]")),
]
#: 第一章 / 第一节 / 第一条 — chapter and article numbering of regulations
CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]{1,4}\s*(?P<unit>章|节|条|部分)")


def outline_level(text: str) -> int | None:
    """Heading level implied by the outline number that starts `text`, or None."""
    text = text.lstrip()
    chapter = CHAPTER.match(text)
    if chapter:
        return {"章": 2, "部分": 2, "节": 3}.get(chapter["unit"])
    for level, pattern in OUTLINE:
        if pattern.match(text):
            return level
    return None


def starts_with_outline(text: str) -> bool:
    text = text.lstrip()
    return bool(CHAPTER.match(text)) or any(p.match(text) for _, p in OUTLINE)


# --- document kinds and titles ----------------------------------------------------------------

#: 文种 named at the end of a title, longest first
KIND_SUFFIXES = [
    ("实施意见", "意见"), ("指导意见", "意见"), ("通知", "通知"), ("通报", "通报"), ("批复", "批复"),
    ("决定", "决定"), ("意见", "意见"), ("公告", "公告"), ("通告", "通告"), ("命令", "命令"),
    ("决议", "决议"), ("报告", "报告"), ("请示", "请示"), ("函", "函"), ("纪要", "纪要"),
    ("议案", "议案"), ("公报", "公报"), ("令", "令"),
]

#: headings of the non-文件 items a gazette carries, with their kind
SPECIAL_ITEMS = [
    (re.compile(rf"^[{HAN}\d\s年月至\-—~～]{{0,24}}大事记[\d\s（）()\-—~～年月日至季度上下半第一二三四]{{0,14}}$"), "大事记"),
    (re.compile(rf"^[{HAN}]{{2,20}}(?:人民政府|政府)[{HAN}\d\s]{{0,30}}(?:常务会议|全体会议|常务会|专题会议)$"), "会议"),
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


#: the issuer part of a title: everything before 关于
ISSUER_BEFORE_GUANYU = re.compile(r"^(?P<issuer>.{2,80}?)关于")
ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|委|厅|院|部|办|署|会|中心|公司|集团|分局|支队|大队|所|站|处|镇|街道办事处|苏木|乡)$"
)

#: the place an issuer's name starts with (某旗, 鄂尔多斯市东胜区), for cutting joint issuers apart
#: (never a name's wrapped tail: 市东岭区… is the rest of 河源 / 市东岭区)
JOINT_PLACE = re.compile(rf"^(?![省市区县旗盟州])[{HAN}]{{1,8}}?(?:自治区|自治州|自治县|自治旗|省|市|区|县|旗|盟|州)")

#: a label at the start of a line: 组长：, 牵头单位:, 附件 1：
LABEL = re.compile(rf"^[*]*[{HAN}\s]{{1,10}}[*]*[:：]")
ROSTER_LINE = re.compile(rf"^[{HAN}]{{1,2}}\s?[{HAN}]{{1,3}}\s+[{HAN}（）()、A-Za-z0-9]{{2,40}}$")
ATTACHMENT_LABEL = re.compile(rf"^\s*附\s*件\s*(?P<n>[{_DIGITS}]{{0,2}})\s*[:：]?\s*$")
ATTACHMENT_LIST = re.compile(rf"^\s*附\s*件\s*[{_DIGITS}]{{0,2}}\s*[:：]\s*(?P<rest>.*)$")


#: the red 版头 over a document: 某某县人民政府办公室文件
MASTHEAD_LINE = re.compile(rf"^\s*[{HAN}（）()]{{2,40}}文\s*件\s*$")


#: a sentence that ends with a colon but addresses nobody: 为改善…，现公告如下： / 根据…，通知如下：
NOT_RECIPIENTS = re.compile(r"《|如下\s*[:：]?\s*$|^\s*(?:为|根据|按照|依据|经)")


# --- citations by title -----------------------------------------------------------------------

#: a document title quoted in running text: 《东胜区“十四五”时期节能规划》
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》\n]{4,120})》")
#: a quoted title right before a cited 文号: …《…的通知》（
TITLE_BEFORE_NUMBER = re.compile(r"《(?P<title>[^《》\n]{4,120})》\s*[（(]?\s*$")
_TITLE_NOISE = re.compile(r"[\s*#《》“”\"'‘’「」·•]")


def title_key(title: str) -> str:
    """The one form titles are compared in (目录 items with headings, citations with titles):
    no spaces, quotes, book-title marks, bullets or Markdown marks; ASCII brackets and digits."""
    return _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))


# --- departments ------------------------------------------------------------------------------

#: what a department's name ends with, longest first
DEPARTMENT_SUFFIX = "人民政府办公室|人民政府|委员会|办公室|分局|局|委|办|中心|部"
#: words a department name is built on; a candidate naming none of them is not a department
DEPARTMENT_WORDS = (
    "人民政府", "政府", "财政", "卫生健康", "卫健", "发展和改革", "发改", "工业和信息化", "工信", "科技", "科学技术",
    "应急管理", "应急", "市场监督管理", "市场监管", "市监", "文化和旅游", "文旅", "生态环境", "自然资源", "公安",
    "商务", "能源", "教育", "体育", "教体", "医疗保障", "医保", "人力资源和社会保障", "人社", "住房和城乡建设",
    "住建", "林业和草原", "林草", "交通运输", "交通", "农牧", "农业农村", "水利", "水务", "民政", "司法", "审计",
    "统计", "税务", "城市管理", "城管", "退役军人", "政务服务", "大数据", "宣传", "组织", "统战", "政法", "纪委",
    "信访", "消防", "气象", "住房保障", "国资", "金融", "乡村振兴", "疾病预防控制", "疾控", "融媒体", "档案",
    "机构编制", "编办", "妇联", "团委", "总工会", "残联", "红十字", "粮食", "供销", "国防动员", "人武",
)
#: abbreviations and their full forms, for merging aliases (区住建局 = 区住房和城乡建设局)
DEPARTMENT_ABBREVIATIONS = {
    "住建": "住房和城乡建设", "林草": "林业和草原", "卫健": "卫生健康", "发改": "发展和改革",
    "工信": "工业和信息化", "人社": "人力资源和社会保障", "医保": "医疗保障", "市监": "市场监督管理",
    "市场监管": "市场监督管理", "文旅": "文化和旅游", "教体": "教育体育", "疾控": "疾病预防控制",
    "编办": "机构编制委员会办公室", "城管": "城市管理", "国资委": "国有资产监督管理委员会",
    "纪委": "纪律检查委员会",
}
#: what makes a candidate a phrase or a generic word, not a name (区直各有关部门, 区委常委, 区委书记,
#: 区应急管理部门, 交通街道办: a 街道办事处 is a place, not a department); 委员会 stays a name
DEPARTMENT_NOT_IN_NAME = re.compile(r"[各有相关书记常副长直等的及或主持干]|召开|会议|部门|街道")
#: what may not follow a department's name: 部门 (区应急管理部门 is a generic word), 办事处, the
#: gazette's own title (《东胜区人民政府公报》 names a publication, not the government)
DEPARTMENT_NOT_AFTER = r"(?!门|事处|公报)"
#: words that end in 区/旗/县 without being the place (全区, 园区, 社区 …; 自治区 a higher level;
#: 高新区, 开发区, 保税区, 试验区 areas of their own), or start with it (区域)
PLACE_WORD_BEFORE = set("全城地园社辖片范发景本我该市牧林矿学小街县各治新税验")
PLACE_WORD_AFTER = set("域县")
#: a role a document gives to departments: 牵头单位：区发改委、区财政局
DEPARTMENT_ROLE = re.compile(
    r"(?P<role>牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|成员单位)\s*[:：]\s*(?P<names>[^；;。\n）)]+)"
)
#: what right after a run of department names gives them a role: 由区卫健委牵头, 区财政局负责…
DEPARTMENT_ROLE_AFTER = re.compile(r"^(?:(?P<lead>牵头)(?!单位|部门|医院)|(?P<responsible>负责)(?!人|同志))")
#: what right before a department's name makes it a group's office: 办公室设在区卫健委
DEPARTMENT_OFFICE_BEFORE = re.compile(r"办公室(?:设在|设于)$")
#: a duty list item: "3.区卫健委。指导…", "（四）旗卫健委。承担…", "区生态环境分局：承担…"
DEPARTMENT_DUTY_BEFORE = re.compile(r"^[\s*-]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?$")
DEPARTMENT_DUTY_AFTER = re.compile(r"^[*\s]*[。：:]")
#: what may stand between the names of one run: 区财政局、区发改委和区住建局
DEPARTMENT_JOINER = re.compile(r"^[、和及与\s]*$")

# --- validity: 施行日期 and 有效期 (builder.parse.validity) ------------------------------------------

#: when a text takes effect: 自2023年9月30日起施行, 本预案自印发之日起实施, 从发布之日起执行
EFFECTIVE_FROM = re.compile(
    rf"(?:自|从)\s*(?:(?P<date>{DATE.pattern})|(?P<event>印发|发布|公布|下发|签发)之日)\s*起\s*(?:施行|实施|执行|生效|试行)"
)
#: how long it stays in force: 有效期原则上为三年, 有效期5年, 试行期为2年
VALID_FOR = re.compile(rf"(?:有效期|试行期)(?:原则上|暂定)?(?:为|是)?\s*(?P<years>[{_DIGITS}]{{1,2}}|[{_CN_NUM}两]{{1,3}})\s*年")
#: until when: 有效期至2026年12月31日, 有效期到2025年底
VALID_UNTIL = re.compile(rf"有效期(?:至|到|截至)\s*(?P<date>{DATE.pattern})")


def cn_count(text: str) -> int | None:
    """A small count in digits or Chinese numerals: 5, ５, 三, 两, 十 -> int (None if unreadable)."""
    return cn_number(text.replace("两", "二"))
