"""Dates: a full date in digits or Chinese numerals, a line that is only a date, the 印发 colophon
date, a month and day, the numerals themselves, and the ISO date a sidecar gives; parsers return
None for what is not a real date."""

from __future__ import annotations

import re

from builder.patterns.characters import CN_NUMERALS, DIGITS, ascii_digits

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

DATE = re.compile(
    rf"(?P<y>[{DIGITS}]{{4}}|[{CN_NUMERALS}]{{4}})\s*年\s*(?P<m>[{DIGITS}]{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*月\s*"
    rf"(?P<d>[{DIGITS}]{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*[日号]"
)
#: a line that is only a date (the 成文日期 under a signature)
DATE_LINE = re.compile(rf"^\s*{DATE.pattern}\s*$")
#: the 版记 colophon date: 2023年4月3日印发
PRINTED_LINE = re.compile(rf"^\s*{DATE.pattern}\s*印发\s*$")
#: month and day without a year: 7月1日, 2月10日
MONTH_DAY = re.compile(rf"^\s*(?P<m>[{DIGITS}]{{1,2}})\s*月\s*(?P<d>[{DIGITS}]{{1,2}})\s*日")


def cn_number(text: str) -> int | None:
    """A number written in digits or Chinese numerals (二〇二三, 十二), or None."""
    text = ascii_digits(text)
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


#: an ISO date as a sidecar spells it: 2023-10-16
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a year named anywhere, in digits or Chinese numerals: 2023年, 2023 年, 二〇二三年
YEAR_MENTION = re.compile(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年")


#: a line that starts with a year: 2023年…
YEAR_FIRST = re.compile(r"^\d{4}\s*年")
