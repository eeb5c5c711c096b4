"""Tables in text: the cell separators a converter writes (tabs, pipes, an HTML <table> on one line),
a pipe table's delimiter row, the wide gaps between the columns of a space-aligned table
(`pdftotext -layout`), a category row's outline number and a table's printed title."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN

#: white space around a line that is not a cell separator (a tab is one)
NON_TAB_SPACE = " \u3000\xa0\r\n"
#: an unescaped bar between two cells of a pipe row
PIPE_SEPARATOR = re.compile(r"(?<!\\)\|")
#: a pipe table's delimiter row: | --- | :---: |
PIPE_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
#: a whole HTML table on one line (what OCR-Markdown converters and the PDF reader emit)
HTML_TABLE_LINE = re.compile(r"^\s*<table\b.*</table>\s*$", re.IGNORECASE | re.DOTALL)
#: tags inside an HTML cell that only format its text; <br> and </p> end a line of it
HTML_LINE_BREAK_TAG = re.compile(r"<br\s*/?>|</p\s*>", re.IGNORECASE)
HTML_ANY_TAG = re.compile(r"<[^<>]{1,200}>")
#: the gap between two columns of a space-aligned table: two spaces or more, or an ideographic space
COLUMN_GAP = re.compile(r"(?: {2,}|\u3000+|\t)")
#: a category row's first cell: 一、自然灾害类, （二）…, 第一部分
CATEGORY_CELL = re.compile(
    rf"^(?:[一二三四五六七八九十]{{1,3}}[、.．]|[（(][一二三四五六七八九十]{{1,3}}[）)]|第[一二三四五六七八九十]{{1,3}}[部类篇章])[{HAN}“”]"
)
#: a number alone in a cell (a serial number, a count): never a category
NUMBER_CELL = re.compile(r"^[\d.,，%％()（）\s]+$")
#: the title printed over a table: a short line ending with what tables are called
TABLE_TITLE = re.compile(
    r"^[^。；;，,]{2,60}(?:表|目录|清单|名单|名录|名册|通讯录|联系方式|一览|汇总|明细|指标|计划|分工)"
    r"(?:[（(][^）)]{1,20}[）)])?[:：]?$"
)
#: 续表 / (续) printed over a table's continuation on the next page
CONTINUED_TABLE = re.compile(r"^[（(]?续(?:表)?[）)]?[0-9一二三四五六七八九十]*$")
#: a serial number cell: 1, 12, 3)
SERIAL_CELL = re.compile(r"^\d{1,3}[.．)）]?$")
#: a run of spaces between two texts on a line: `pdftotext -layout` sets columns off this way
GAP_BETWEEN_TEXTS = re.compile(r"\S(?: {2,}|\u3000{2,})\S")
#: the space between a number and a unit standing alone after it (10-20 人): one cell, not two
UNIT_AFTER_NUMBER = re.compile(r"(?<=\d)[ \t\u3000]+(?=[年月日号个家项人万亿元次届期条%](?:\s|$))")
