"""Patterns: what the gazette's text looks like, and the parsers built on them.

Every regular expression that describes the gazette's text lives in this package, one module per
thing described; parsers return None when the text does not match, they never guess:

    characters   the Han range, digits, Chinese numerals, Mongolian script
    docnumber    文号: cited, alone on a line, typed into the search box
    dates        dates in digits or Chinese numerals, the 印发 date, month and day, ISO dates
    outline      outline numbering (一、 （一） 1. （1）), 第一章 / 第一节 / 第一条, list numbers
    kinds        document kinds (文种), special items (大事记, 会议 ...), titles and title keys
    departments  issuers, governments and departments: names, abbreviations, roles
    terms        short forms a text defines: …共同体(以下简称“医共体”)
    validity     施行日期 and 有效期
    cover        issue facts: 2023年第7期, 总第N期, the footer's 公报 2023·7, the back cover
    toc          目录 lines: the heading, entries and their page numbers, sections
    layout       line shapes: page numbers and running footers, sentence ends, notes, labels,
                 rosters, attachment labels, the red 版头
    markup       marks a converter left: Markdown, HTML tags, LaTeX, pipe table rows
    spacing      the spaces a converter put inside Chinese text, and the real ones
    tables       tables in text: cell separators, a pipe delimiter row, an HTML table line,
                 column gaps, category cells, a table's printed title

Import a pattern from the module that defines it (`from builder.patterns.dates import DATE`): the
module says what kind of text it describes. Only the 文号 vocabulary every layer shares (parse,
site, search, the benchmarks) is re-exported here. The package sits at the bottom of the builder
and imports nothing but `builder.model`.

The gazette's text patterns live here; output formats and search keep their own patterns for the
text they write or compare: `builder.render` escapes Markdown, `builder.search.index` normalizes
text and queries for search, `builder.site.permalinks` makes URL slugs, and
`builder.site.departments` builds each department's name pattern from this package's words.
"""

from builder.patterns.characters import HAN
from builder.patterns.docnumber import (
    find_doc_number_spans,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
    parse_doc_number_query,
)

__all__ = [
    "HAN",
    "find_doc_number_spans",
    "find_doc_numbers",
    "normalize_doc_number",
    "parse_doc_number",
    "parse_doc_number_query",
]
