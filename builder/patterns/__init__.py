"""Patterns: what the gazette's text looks like, and the parsers built on them.

Every regular expression that describes the gazette's text lives in this package, one module per
thing described; parsers return None when the text does not match, they never guess:

    characters   the Han range, digits, Chinese numerals, Mongolian script
    docnumber    文号: cited, alone on a line, typed into the search box
    dates        dates in digits or Chinese numerals, the 印发 date, month and day
    outline      outline numbering (一、 （一） 1. （1）) and 第一章 / 第一节 / 第一条
    kinds        document kinds (文种), special items (大事记, 会议 ...), titles and title keys
    layout       line shapes: sentence ends, labels, rosters, attachment labels, the red 版头
    departments  issuers and departments: names, abbreviations, roles
    validity     施行日期 and 有效期

Every public name is re-exported here: `from builder.patterns import DATE` works for all of them.
The package sits at the bottom of the builder and imports nothing but `builder.model`.
"""

from builder.patterns.characters import (
    CJK_CHAR,
    CN_NUMERALS,
    DIGITS,
    HAN,
    MONGOLIAN,
    ascii_digits,
    match_text,
)
from builder.patterns.dates import (
    DATE,
    DATE_LINE,
    MONTH_DAY,
    PRINTED_LINE,
    cn_number,
    iso_date,
    parse_date,
)
from builder.patterns.departments import (
    DEPARTMENT_ABBREVIATIONS,
    DEPARTMENT_DUTY_AFTER,
    DEPARTMENT_DUTY_BEFORE,
    DEPARTMENT_JOINER,
    DEPARTMENT_NOT_AFTER,
    DEPARTMENT_NOT_IN_NAME,
    DEPARTMENT_OFFICE_BEFORE,
    DEPARTMENT_ROLE,
    DEPARTMENT_ROLE_AFTER,
    DEPARTMENT_SUFFIX,
    DEPARTMENT_WORDS,
    ISSUER_BEFORE_GUANYU,
    JOINT_PLACE,
    ORG_SUFFIX,
    PLACE_WORD_AFTER,
    PLACE_WORD_BEFORE,
)
from builder.patterns.docnumber import (
    CLOSE_BRACKETS,
    DOC_NUMBER,
    DOC_NUMBER_CORE,
    DOC_NUMBER_LINE,
    OPEN_BRACKETS,
    DocNumberQuery,
    find_doc_number_spans,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
    parse_doc_number_query,
)
from builder.patterns.kinds import (
    ATTACHMENT_TITLE_END,
    KIND_SUFFIXES,
    QUOTED_TITLE,
    SPECIAL_ITEMS,
    TITLE_BEFORE_NUMBER,
    kind_from_title,
    special_item_kind,
    title_key,
)
from builder.patterns.layout import (
    ATTACHMENT_LABEL,
    ATTACHMENT_LIST,
    CLOSING_QUOTES,
    LABEL,
    MASTHEAD_LINE,
    NOT_RECIPIENTS,
    ROSTER_LINE,
    TERMINAL_PUNCT,
    ends_sentence,
    open_brackets,
)
from builder.patterns.outline import (
    CHAPTER,
    OUTLINE,
    outline_level,
    starts_with_outline,
)
from builder.patterns.validity import (
    EFFECTIVE_FROM,
    VALID_FOR,
    VALID_UNTIL,
    cn_count,
)

__all__ = [
    "ATTACHMENT_LABEL",
    "ATTACHMENT_LIST",
    "ATTACHMENT_TITLE_END",
    "CHAPTER",
    "CJK_CHAR",
    "CLOSE_BRACKETS",
    "CLOSING_QUOTES",
    "CN_NUMERALS",
    "DATE",
    "DATE_LINE",
    "DEPARTMENT_ABBREVIATIONS",
    "DEPARTMENT_DUTY_AFTER",
    "DEPARTMENT_DUTY_BEFORE",
    "DEPARTMENT_JOINER",
    "DEPARTMENT_NOT_AFTER",
    "DEPARTMENT_NOT_IN_NAME",
    "DEPARTMENT_OFFICE_BEFORE",
    "DEPARTMENT_ROLE",
    "DEPARTMENT_ROLE_AFTER",
    "DEPARTMENT_SUFFIX",
    "DEPARTMENT_WORDS",
    "DIGITS",
    "DOC_NUMBER",
    "DOC_NUMBER_CORE",
    "DOC_NUMBER_LINE",
    "EFFECTIVE_FROM",
    "HAN",
    "ISSUER_BEFORE_GUANYU",
    "JOINT_PLACE",
    "KIND_SUFFIXES",
    "LABEL",
    "MASTHEAD_LINE",
    "MONGOLIAN",
    "MONTH_DAY",
    "NOT_RECIPIENTS",
    "OPEN_BRACKETS",
    "ORG_SUFFIX",
    "OUTLINE",
    "PLACE_WORD_AFTER",
    "PLACE_WORD_BEFORE",
    "PRINTED_LINE",
    "QUOTED_TITLE",
    "ROSTER_LINE",
    "SPECIAL_ITEMS",
    "TERMINAL_PUNCT",
    "TITLE_BEFORE_NUMBER",
    "VALID_FOR",
    "VALID_UNTIL",
    "DocNumberQuery",
    "ascii_digits",
    "cn_count",
    "cn_number",
    "ends_sentence",
    "find_doc_number_spans",
    "find_doc_numbers",
    "iso_date",
    "kind_from_title",
    "match_text",
    "normalize_doc_number",
    "open_brackets",
    "outline_level",
    "parse_date",
    "parse_doc_number",
    "parse_doc_number_query",
    "special_item_kind",
    "starts_with_outline",
    "title_key",
]
