"""Spacing: the gaps a PDF converter leaves inside Chinese text (between Han characters, between a
Han character and a digit or a unit, around punctuation, inside decimals) and the gaps that are real
(table cells, after a leading date or article number); the spaces OCR puts beside Han characters."""

from __future__ import annotations

import re

from builder.patterns.characters import HAN, ONE_HAN

#: the gaps between a flattened table row's cells; a line's leading white space; gaps; any white space
CELL_GAP = re.compile(r"[ \u3000]+")
LEADING_SPACE = re.compile(r"^\s*")
GAPS = re.compile(r"[ \t\u3000]+")
WHITESPACE_RUN = re.compile(r"\s+")
#: a gap wider than a word space: between the two ends of a running header, or two columns (pdftotext -layout)
WIDE_GAP = re.compile(r"[ \t\u3000]{2,}")
#: what a line of running prose nearly always holds: a comma, an enumeration comma or a full stop
PROSE_MARK = re.compile(r"[，、。；]")
#: one space before a line's text (not an indent of two or more)
ONE_LEADING_SPACE = re.compile(r"^ (?=\S)", re.M)
#: a line's last character alone, set apart by white space (not a number's unit: 4 号): a vertical
#: banner's character that pdftotext -layout glued to a line
LONE_LAST_CHARACTER = re.compile(r"(?:^|[^\d\s])\s+([^\s\d])$")
#: the gap between the two ends of a running header laid out across the page
HEADER_GAP = re.compile(r"\S {10,}\S")
#: full-width punctuation: no space belongs before or after it
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）【】〔〕﹝﹞…"
#: wrap spaces: between a digit and a Han character, around punctuation, beside ASCII punctuation
#: between Han characters, inside a decimal number, between two Han characters
DIGIT_HAN = re.compile(rf"(?<=\d)[ \t\u3000]+(?={ONE_HAN})|(?<={ONE_HAN})[ \t\u3000]+(?=\d)")
AROUND_PUNCT = re.compile(rf"[ \t\u3000]+(?=[{re.escape(CJK_PUNCT)}])|(?<=[{re.escape(CJK_PUNCT)}])[ \t\u3000]+")
ASCII_PUNCT_BETWEEN_HAN = re.compile(
    rf"(?<={ONE_HAN}[,;:!?])[ \t]+(?={ONE_HAN})|(?<={ONE_HAN})[ \t]+(?=[,;:!?]{ONE_HAN})"
)
#: a wrap space beside a dash of a range (2023— 2025 年): a title's lines joined
AROUND_DASH = re.compile(r"(?<=[—–])[ \t\u3000]+|[ \t\u3000]+(?=[—–])")
DECIMAL_GAP = re.compile(r"(?<=\S\d[.．])[ \t]+(?=\d)")
HAN_SPACE_HAN = re.compile(rf"(?<={ONE_HAN})[ \t\u3000]+(?={ONE_HAN})")
#: a real space after a leading date or article number or bold label: 7月1日 东胜区…, 第一条 为…
LEADING_PREFIX = re.compile(
    r"^(?:\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[至到\-—~～]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}\s*[条章节]"
    r"|[*]{2}[^*]{1,20}[*]{2})[ \t\u3000]+"
)
#: punctuation that makes a line a sentence (not a table row)
SENTENCE_PUNCT = re.compile(r"[，。；,;！？]")
#: the space between a number and its unit: 20 个, 2023 年
NUMBER_WITH_UNIT = re.compile(
    rf"(?<={ONE_HAN})[ \t\u3000]+(?=\d+[ \t]*[年月日号个家项人万亿元次届期条%])|(?<=\d)[ \t\u3000]+(?=[年月日号个家项人万亿元次届期条])"
)
#: a number or a Latin word set off by spaces inside a phrase (…等 20 余项, 文旅 IP 节庆): not a cell
NUMBER_IN_PHRASE = re.compile(rf"(?<=[{HAN}①-⑳])[ \t\u3000]*(\d+(?:[.．]\d+)?%?)[ \t\u3000]+(?={ONE_HAN})")
WORD_IN_PHRASE = re.compile(rf"(?<={ONE_HAN})[ \t\u3000]+([A-Za-z]{{2,}})[ \t\u3000]+(?={ONE_HAN})")

#: tesseract puts a space between Han characters (and around full-width punctuation)
SPACE_BY_HAN = re.compile(rf"(?<=[{HAN}\uff00-\uffef\u3000-\u303f]) +| +(?=[{HAN}\uff00-\uffef\u3000-\u303f])")


#: one whitespace character (counting or dropping every one)
WHITESPACE = re.compile(r"\s")
#: HAN_SPACE_HAN kept as a separator when a text is split at it
HAN_SPACE_HAN_SPLIT = re.compile(f"({HAN_SPACE_HAN.pattern})")
#: a run of Han characters
HAN_RUN = re.compile(rf"{ONE_HAN}+")
#: the run of Han characters a text ends with
HAN_RUN_AT_END = re.compile(rf"{ONE_HAN}+$")
