"""Markup a converter left in the text: Markdown headings, list markers and bold, HTML format tags,
LaTeX spans, stray backticks and leading marks, pipe table rows, and a dash OCR read as 一."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN

MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_MARKER = re.compile(r"^\s*[-*+•]\s+(?=\S)")
WHOLE_BOLD = re.compile(r"^\*\*(?P<inner>(?:(?!\*\*).)+)\*\*$")
FORMAT_TAGS = re.compile(
    r"</?(?:b|i|u|p|br|strong|em|span|div|sup|sub|font|center|small|big|td|tr|th|table|tbody|thead)\b[^<>]{0,200}>",
    re.IGNORECASE,
)
#: inline LaTeX a converter wrote for a symbol: $\\geq$, $10^{2}$
LATEX_SPAN = re.compile(r"\$(?P<body>[^$\n]{1,80}?)\$")
#: marks left before or inside Chinese text: a backtick between Han characters, =, ~, ^ or | before the first word
STRAY_BACKTICK = re.compile(rf"(?<=[{HAN}，。、])`+(?=[{HAN}])")
STRAY_LEADING_MARK = re.compile(rf"^\s*(?:[=~^]+|\|+(?!.*\|\s*$))\s*(?=[{HAN}])")  # a pipe table row keeps its "|"
#: a Markdown pipe table row
PIPE_ROW = re.compile(r"^\|.*\|$")

#: OCR reads a dash between two numbers as 一 or －: 2023一2025年
DASH_READ_AS_ONE = re.compile(r"(?<=\d)[一－](?=\d)")

#: the builder's own markup in a site page's Markdown that a reader's download leaves out: an
#: attribute list on a line of its own ({: .gb-doc-number }), and an escaped pair of brackets
#: that no link syntax follows (\[2023\] -> [2023]; \[x\](…) stays escaped)
OWN_ATTRIBUTE_LINE = re.compile(r"\n\{: \.gb-[a-z-]+ \}$", re.MULTILINE)
ESCAPED_BRACKETS = re.compile(r"\\\[([^\[\]\n]*?)\\\](?![(\[:])")
