"""Stage 4, extract: the issue's own facts from its cover, masthead and running footers.

Gazette title, publisher, year, 期 numbers (合刊 第7-9期 -> [7, 8, 9]), 总第N期 and the
publication date. When the cover and the masthead disagree on 总第N期, the masthead (the line
that also carries the date, or the 期 line nearest the 目录) wins and a warning says so.
"""

from __future__ import annotations

import re

from builder.model import Issue
from builder.parse.cleaning.lines import SourceLine
from builder.patterns import DATE, DATE_LINE, HAN, cn_number, parse_date

_YEAR_ISSUE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d{1,2}(?:\s*[-—~～至、]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?")
_ISSUE_ONLY = re.compile(r"(?<!总)(?<!总\s)第\s*(?P<n>\d{1,2}(?:\s*[-—~～至]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?")
_TOTAL = re.compile(r"总\s*第\s*(?P<t>\d{1,4})\s*期")
_FOOTER = re.compile(r"公报\s*(?P<y>(?:19|20)\d{2})\s*[·.．]\s*(?P<n>\d{1,2}(?:[-—~～]\d{1,2})?)\s*[-—]")
_YEAR_ALONE = re.compile(r"^\**\s*(?P<y>(?:19|20)\d{2})\s*年?\s*\**$")
#: the 期 under a year printed alone: 2023 / 某旗2期 (the line names the place or gazette, then the number)
_NUMBER_UNDER_YEAR = re.compile(rf"^[{HAN}]{{0,16}}?\s*(?P<n>\d{{1,2}}(?:\s*[-—~～]\s*\d{{1,2}})?)\s*期(?P<joint>\s*合刊)?(?:\s*[（(]?\s*总\s*第\s*\d{{1,4}}\s*期\s*[)）]?)?$")
_DATE_LABEL = re.compile(r"日\s*期\s*[:：]")
_DATE_WORDS = re.compile(r"期|编印|出版|印发|发行")


def issue_numbers(text: str) -> list[int]:
    """`7-9` -> [7, 8, 9]; `2` -> [2]."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if len(numbers) == 2 and re.search(r"[-—~～至]", text) and numbers[0] < numbers[1] <= numbers[0] + 12:
        return list(range(numbers[0], numbers[1] + 1))
    return numbers


def issue_label(year: int, numbers: list[int], joint: bool = False) -> str:
    """2023, [7, 8, 9], joint -> 2023年第7-9期合刊; 2025, [1] -> 2025年第1期."""
    span = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    return f"{year}年第{span}期" + ("合刊" if joint else "")


def read_issue_facts(issue: Issue, front: list[SourceLine], all_lines: list[SourceLine], gazette_title: str | None) -> None:
    """Fill the issue's own fields from the front matter (cover, masthead, 目录) and footers."""
    issue.gazette_title = gazette_title
    if gazette_title:
        issue.publisher = re.sub(r"公报$", "", gazette_title)
    texts = _unwrapped([(line.no, _arabic_numbers(line.raw.strip())) for line in front if line.raw.strip()])
    joint = False
    for _, text in texts:
        match = _YEAR_ISSUE.search(text)
        if match:
            issue.year = int(match["y"])
            issue.issue_numbers = issue_numbers(match["n"])
            joint = bool(match["joint"])
            break
    if not issue.issue_numbers:
        for _, text in texts:
            match = _ISSUE_ONLY.search(text)
            if match:
                issue.issue_numbers = issue_numbers(match["n"])
                joint = bool(match["joint"])
                break
    if issue.year is None:
        for position, (_, text) in enumerate(texts):
            alone = _YEAR_ALONE.match(text)
            if not alone:
                continue
            issue.year = int(alone["y"])
            under = next((t for _, t in texts[position + 1:] if t), "")
            number = _NUMBER_UNDER_YEAR.match(re.sub(r"[*#]", "", under).strip())
            if number and not issue.issue_numbers:
                issue.issue_numbers = issue_numbers(number["n"])
                joint = bool(number["joint"])
            break
    if issue.year is None or not issue.issue_numbers:
        for line in all_lines:
            footer = _FOOTER.search(line.raw)
            if footer:
                issue.year = issue.year or int(footer["y"])
                issue.issue_numbers = issue.issue_numbers or issue_numbers(footer["n"])
                break
    if issue.year and issue.issue_numbers:
        issue.issue_label = issue_label(issue.year, issue.issue_numbers, joint)
    _total_number(issue, texts)
    _publication_date(issue, texts)


#: where a hard wrap can cut an issue number: …2025 / 年第1期, …(总 / 第45期), …(总第 / 45期)
_CUTS = [
    (re.compile(r"\d{4}\s*$"), re.compile(r"^年")),
    (re.compile(r"\d{4}\s*年\s*$"), re.compile(r"^第\s*\d")),
    (re.compile(r"总\s*$"), re.compile(r"^第")),
    (re.compile(r"第\s*$"), re.compile(r"^\d{1,4}\s*(?:[-—~～]\s*\d{1,2}\s*)?期")),
]


def _unwrapped(texts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Cover and masthead lines with a hard wrap inside an issue number put back together."""
    out: list[tuple[int, str]] = []
    for no, text in texts:
        if out and any(before.search(out[-1][1]) and after.match(text) for before, after in _CUTS):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((no, text))
    return out


_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CN_ISSUE = re.compile(r"(?<=第)(\s*)([一二三四五六七八九十]{1,3})(?=\s*(?:[-—~～至]|期))|(?<=[-—~～至])(\s*)([一二三四五六七八九十]{1,3})(?=\s*期)")


def _arabic_numbers(text: str) -> str:
    """二〇二三年第二期 -> 2023年第2期, so one set of patterns reads both."""
    text = _CN_YEAR.sub(lambda m: str(cn_number(m.group(0))), text)
    return _CN_ISSUE.sub(lambda m: str(cn_number(m.group(2) or m.group(4))), text)


def _total_number(issue: Issue, texts: list[tuple[int, str]]) -> None:
    found = [(no, text, int(m["t"])) for no, text in texts for m in [_TOTAL.search(text)] if m]
    if not found:
        return
    values = {value for _, _, value in found}
    if len(values) == 1:
        issue.total_number = found[0][2]
        return
    masthead = [item for item in found if DATE.search(item[1])] or found[-1:]
    no, _, value = masthead[0]
    issue.total_number = value
    others = sorted(values - {value})
    issue.warn(
        f"the issue gives 总第{'/'.join(map(str, others))}期 and 总第{value}期; using the masthead's 总第{value}期",
        no,
    )


def _publication_date(issue: Issue, texts: list[tuple[int, str]]) -> None:
    for _, text in texts:
        if _DATE_LABEL.search(text) and DATE.search(text):
            issue.date = parse_date(text)
            return
    for _, text in texts:
        if (_DATE_WORDS.search(text) or DATE_LINE.match(text)) and DATE.search(text):
            issue.date = parse_date(text)
            return
