"""Validity: when a document takes effect (施行日期) and how long it stays in force (有效期)."""

from __future__ import annotations

import re

from builder.patterns.characters import CN_NUMERALS, DIGITS
from builder.patterns.dates import DATE, cn_number

#: when a text takes effect: 自2023年9月30日起施行, 本预案自印发之日起实施, 从发布之日起执行
EFFECTIVE_FROM = re.compile(
    rf"(?:自|从)\s*(?:(?P<date>{DATE.pattern})|(?P<event>印发|发布|公布|下发|签发)之日)\s*起\s*(?:施行|实施|执行|生效|试行)"
)
#: how long it stays in force: 有效期原则上为三年, 有效期5年, 试行期为2年
VALID_FOR = re.compile(
    rf"(?:有效期|试行期)(?:原则上|暂定)?(?:为|是)?\s*(?P<years>[{DIGITS}]{{1,2}}|[{CN_NUMERALS}两]{{1,3}})\s*年"
)
#: until when: 有效期至2026年12月31日, 有效期到2025年底
VALID_UNTIL = re.compile(rf"有效期(?:至|到|截至)\s*(?P<date>{DATE.pattern})")


def cn_count(text: str) -> int | None:
    """A small count in digits or Chinese numerals: 5, ５, 三, 两, 十 -> int (None if unreadable)."""
    return cn_number(text.replace("两", "二"))


#: the rest of a term's sentence that makes it a review cycle, not an end: 有效期原则上为三年，
#: 但在上级…要求修订时予以及时修订 (the plan is revised, it does not lapse)
REVIEW_CYCLE_TAIL = re.compile(r"[^。；;\n]*?(?:修订|修改|评估|复审|调整)[^。；;\n]*")
#: the spaces a wrapped line leaves inside Chinese text
WRAP_SPACE = re.compile(r"\s+")
