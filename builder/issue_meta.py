"""Stage 4, extract: the issue's own facts from its cover, masthead and running footers.

Gazette title, publisher, year, 期 numbers (合刊 第7-9期 -> [7, 8, 9]), 总第N期 and the
publication date. When the cover and the masthead disagree on 总第N期, the masthead (the line
that also carries the date, or the 期 line nearest the 目录) wins and a warning says so.
"""

from __future__ import annotations

import re

from builder.cleaning.lines import SourceLine
from builder.model import Issue
from builder.patterns import DATE, parse_date

_YEAR_ISSUE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*第\s*(?P<n>\d{1,2}(?:\s*[-—~～至、]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?")
_ISSUE_ONLY = re.compile(r"第\s*(?P<n>\d{1,2}(?:\s*[-—~～至]\s*\d{1,2})?)\s*期(?P<joint>\s*合刊)?")
_TOTAL = re.compile(r"总\s*第\s*(?P<t>\d{1,4})\s*期")
_FOOTER = re.compile(r"公报\s*(?P<y>(?:19|20)\d{2})\s*[·.．]\s*(?P<n>\d{1,2}(?:\s*[-—~～]\s*\d{1,2})?)\s*[-—]")
_YEAR_ALONE = re.compile(r"^\**\s*(?P<y>(?:19|20)\d{2})\s*\**$")
_DATE_LABEL = re.compile(r"日\s*期\s*[:：]")


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
    texts = [(line.no, line.raw.strip()) for line in front]
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
        year = next((int(m["y"]) for _, t in texts if (m := _YEAR_ALONE.match(t))), None)
        issue.year = year
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
        if ("期" in text) and DATE.search(text):
            issue.date = parse_date(text)
            return
