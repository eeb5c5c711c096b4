"""Outline numbering: 一、 / （一） / 1. / （1） and 第一章 / 第一节 / 第一条, and the heading level each implies."""

from __future__ import annotations

import re

from builder.patterns.characters import DIGITS

#: heading level by Chinese outline numbering: 一、 -> 2, （一） -> 3, 1. -> 4, （1） -> 5
OUTLINE = [
    (
        2,
        re.compile(
            r"^(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)\s*[、.．]"
        ),
    ),
    (3, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]")),
    (4, re.compile(rf"^[{DIGITS}]{{1,2}}\s*[.．、](?:(?![{DIGITS}])|(?=[{DIGITS}]{{1,2}}\s*月))")),  # 1. / 3.3月份…
    (5, re.compile(rf"^[（(]\s*[{DIGITS}]{{1,2}}\s*[)）]")),
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


#: a numbered list item or attachment: 1. / 2、
LIST_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]")

#: a numbered item at a line start, not a decimal wrapped there (2. 完善… / 3、…, but not 2.28亿元)
NUMBERED_ITEM = re.compile(r"^\d{1,2}\s*(?:[.．](?!\d)|、)")

#: where a list number starts inside a line: 1.…2.…
BEFORE_LIST_NUMBER = re.compile(r"(?<=\S)\s*(?=\d{1,2}\s*[.．、])")
#: a list number with the spaces after it
LIST_NUMBER_AND_SPACE = re.compile(r"^\d{1,2}\s*[.．、]\s*")
