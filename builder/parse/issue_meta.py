"""Stage 4, extract: the issue's own facts from its cover, masthead and running footers.

Gazette title, publisher, year, 期 numbers (合刊 第7-9期 -> [7, 8, 9]), 总第N期 and the
publication date. When the cover and the masthead disagree on 总第N期, the masthead (the line
that also carries the date, or the 期 line nearest the 目录) wins and a warning says so.
"""

from __future__ import annotations

import re

from builder.model import Issue, Masthead
from builder.parse.cleaning.lines import SourceLine
from builder.patterns import (
    CN_ISSUE_NUMBER,
    CN_YEAR,
    DATE,
    DATE_LABEL,
    DATE_LINE,
    ISSUE_DATE_WORDS,
    ISSUE_FOOTER,
    ISSUE_NUMBER_CUTS,
    ISSUE_ONLY,
    NUMBER_UNDER_YEAR,
    TOTAL_ISSUE,
    YEAR_ALONE,
    YEAR_ISSUE,
    cn_number,
    parse_date,
)
from builder.patterns.cover import MASTHEAD_FACT


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


def read_issue_facts(
    issue: Issue, front: list[SourceLine], all_lines: list[SourceLine], gazette_title: str | None
) -> None:
    """Fill the issue's own fields from the front matter (cover, masthead, 目录) and footers."""
    issue.gazette_title = gazette_title
    if gazette_title:
        issue.publisher = re.sub(r"公报$", "", gazette_title)
    texts = _unwrapped([(line.no, _arabic_numbers(line.raw.strip())) for line in front if line.raw.strip()])
    joint = False
    for _, text in texts:
        match = YEAR_ISSUE.search(text)
        if match:
            issue.year = int(match["y"])
            issue.issue_numbers = issue_numbers(match["n"])
            joint = bool(match["joint"])
            break
    if not issue.issue_numbers:
        for _, text in texts:
            match = ISSUE_ONLY.search(text)
            if match:
                issue.issue_numbers = issue_numbers(match["n"])
                joint = bool(match["joint"])
                break
    if issue.year is None:
        for position, (_, text) in enumerate(texts):
            alone = YEAR_ALONE.match(text)
            if not alone:
                continue
            issue.year = int(alone["y"])
            under = next((t for _, t in texts[position + 1 :] if t), "")
            number = NUMBER_UNDER_YEAR.match(re.sub(r"[*#]", "", under).strip())
            if number and not issue.issue_numbers:
                issue.issue_numbers = issue_numbers(number["n"])
                joint = bool(number["joint"])
            break
    if issue.year is None or not issue.issue_numbers:
        for line in all_lines:
            footer = ISSUE_FOOTER.search(line.raw)
            if footer:
                issue.year = issue.year or int(footer["y"])
                issue.issue_numbers = issue.issue_numbers or issue_numbers(footer["n"])
                break
    if issue.year and issue.issue_numbers:
        issue.issue_label = issue_label(issue.year, issue.issue_numbers, joint)
    _total_number(issue, texts)
    _publication_date(issue, texts)
    issue.masthead = read_masthead([text for _, text in texts])


#: masthead labels -> the `Masthead` field they fill (the first one printed wins)
MASTHEAD_FIELDS = {
    "主管单位": "supervisor",
    "主管": "supervisor",
    "主办单位": "sponsor",
    "主办": "sponsor",
    "承办单位": "organizer",
    "承办": "organizer",
    "编印单位": "editor",
    "编辑单位": "editor",
    "编辑出版": "editor",
    "编印": "editor",
    "编辑": "editor",
    "地址": "address",
    "邮编": "postcode",
    "电话": "phone",
}


def read_masthead(texts: list[str]) -> Masthead | None:
    """The gazette's masthead facts from the lines before the first document (None: none printed).
    Only a line that starts with a label counts: 主办 inside a sentence is not a masthead."""
    masthead = Masthead()
    found = False
    for text in texts:
        matches = list(MASTHEAD_FACT.finditer(text.strip()))
        if not matches or matches[0].start() != 0:
            continue
        for match in matches:
            name = MASTHEAD_FIELDS.get(match["label"])
            if name and getattr(masthead, name) is None:
                setattr(masthead, name, match["value"].strip())
                found = True
    return masthead if found else None


def _unwrapped(texts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Cover and masthead lines with a hard wrap inside an issue number put back together."""
    out: list[tuple[int, str]] = []
    for no, text in texts:
        if out and any(before.search(out[-1][1]) and after.match(text) for before, after in ISSUE_NUMBER_CUTS):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((no, text))
    return out


def _arabic_numbers(text: str) -> str:
    """二〇二三年第二期 -> 2023年第2期, so one set of patterns reads both."""
    text = CN_YEAR.sub(lambda m: str(cn_number(m.group(0))), text)
    return CN_ISSUE_NUMBER.sub(lambda m: str(cn_number(m.group(2) or m.group(4))), text)


def _total_number(issue: Issue, texts: list[tuple[int, str]]) -> None:
    found = [(no, text, int(m["t"])) for no, text in texts for m in [TOTAL_ISSUE.search(text)] if m]
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
        if DATE_LABEL.search(text) and DATE.search(text):
            issue.date = parse_date(text)
            return
    for _, text in texts:
        if (ISSUE_DATE_WORDS.search(text) or DATE_LINE.match(text)) and DATE.search(text):
            issue.date = parse_date(text)
            return
