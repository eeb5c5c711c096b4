"""Issue facts printed on the cover, masthead and running footers: the year and 期 (2023年第7期,
第7-9期合刊, a year printed alone above 某旗2期), 总第N期, the footer's 公报 2023·7, the issue's date
label, the places a hard wrap cuts an issue number, and the back cover's web and WeChat lines."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN

#: the year and issue number: 2023年第7期, 2023 年第 7-9 期合刊
YEAR_ISSUE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d{1,2}(?:\s*[-—~～至、]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?"
)
#: an issue number without its year (never 总第N期): 第7期
ISSUE_ONLY = re.compile(r"(?<!总)(?<!总\s)第\s*(?P<n>\d{1,2}(?:\s*[-—~～至]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?")
#: the running count of issues: 总第45期
TOTAL_ISSUE = re.compile(r"总\s*第\s*(?P<t>\d{1,4})\s*期")
#: a running footer naming the issue: …公报 2023·7 -
ISSUE_FOOTER = re.compile(r"公报\s*(?P<y>(?:19|20)\d{2})\s*[·.．]\s*(?P<n>\d{1,2}(?:[-—~～]\d{1,2})?)\s*[-—]")
#: a year printed alone on the cover: 2023, **2023年**
YEAR_ALONE = re.compile(r"^\**\s*(?P<y>(?:19|20)\d{2})\s*年?\s*\**$")
#: the 期 under a year printed alone: 2023 / 某旗2期 (the line names the place or gazette, then the number)
NUMBER_UNDER_YEAR = re.compile(
    rf"^[{HAN}]{{0,16}}?\s*(?P<n>\d{{1,2}}(?:\s*[-—~～]\s*\d{{1,2}})?)\s*期(?P<joint>\s*合刊)?(?:\s*[（(]?\s*总\s*第\s*\d{{1,4}}\s*期\s*[)）]?)?$"
)
#: the issue date's label (日期：) and the words that date the issue (编印, 出版 ...)
DATE_LABEL = re.compile(r"日\s*期\s*[:：]")
ISSUE_DATE_WORDS = re.compile(r"期|编印|出版|印发|发行")
#: where a hard wrap can cut an issue number: …2025 / 年第1期, …(总 / 第45期), …(总第 / 45期)
ISSUE_NUMBER_CUTS = [
    (re.compile(r"\d{4}\s*$"), re.compile(r"^年")),
    (re.compile(r"\d{4}\s*年\s*$"), re.compile(r"^第\s*\d")),
    (re.compile(r"总\s*$"), re.compile(r"^第")),
    (re.compile(r"第\s*$"), re.compile(r"^\d{1,4}\s*(?:[-—~～]\s*\d{1,2}\s*)?期")),
]
#: a year and an issue number in Chinese numerals: 二〇二三年, 第二期, 第七-九期
CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
CN_ISSUE_NUMBER = re.compile(
    r"(?<=第)(\s*)([一二三四五六七八九十]{1,3})(?=\s*(?:[-—~～至]|期))|(?<=[-—~～至])(\s*)([一二三四五六七八九十]{1,3})(?=\s*期)"
)
#: a back-cover line: web site, URL, WeChat or public account, QR code
BACK_COVER_LINE = re.compile(r"(网站|公众号|微信|微博|http|www\.|客户端|二维码|官方网站|扫一扫|APP)", re.IGNORECASE)

#: a masthead fact (主管单位：…, 主办：…, 编印单位：…, 地址：…, 电话：…): its label, then its value up
#: to the next label on the same line (邮编:017000 电话:0477-8381659) or the line's end
MASTHEAD_FACT = re.compile(
    r"(?P<label>主管单位|主管|主办单位|主办|承办单位|承办|编印单位|编辑单位|编辑出版|编印|编辑|地址|邮编|电话|印刷单位|印刷)"
    r"\s*[:：]\s*(?P<value>.+?)\s*(?=(?:主管|主办|承办|编印|编辑|地址|邮编|电话|印刷)[单位出版]*\s*[:：]|$)"
)
