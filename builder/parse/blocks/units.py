"""What the three steps pass along: a `Unit` (a line, later a re-joined paragraph) and its `Role`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a line (later a re-joined paragraph) is, as `classify` reads it."""

    TABLE = "table"  # tab- or pipe-separated row
    ROW = "row"  # space-separated table row
    CELLS = "cells"  # one of a run of narrow table-cell fragments
    DOC_NUMBER = "docno"  # the document's own 文号 line
    DATE = "date"  # a date line (the closing's)
    PRINTED = "printed"  # 印发 line of the 版记
    ATTACHMENT_LABEL = "att_label"  # 附件1
    ATTACHMENT_LIST = "att_list"  # an item of the 附件 list under the text
    HEADING = "heading"  # outline heading
    ORG = "org"  # an organisation's name alone (a signature, or a roster's post)
    MASTHEAD = "masthead"  # the gazette's own name
    ROSTER = "roster"  # a name and post, or a label: value line
    TEXT = "text"


class TitleAfter(Enum):
    """What an attachment title may follow."""

    CLOSING = "closing"  # the closing block of the notice that issues it
    LABEL = "label"  # an 附件 label


@dataclass(slots=True)
class Unit:
    """A line (later a re-joined paragraph) with its role."""

    role: Role
    text: str
    first: int
    last: int
    heading: int = 0  # converter's Markdown heading level
    bold: bool = False
    full: bool = False  # reaches the right margin of a hard-wrapped column
    indented_full: bool = False  # reaches it after a two-character paragraph indent
    width: float = 0.0  # display width of the line as printed (spaces included)
    margin: float = 0.0  # the measure of its hard-wrapped column, where the document's lines agree on one
    parts: list[str] = field(default_factory=list)
    printed: str = ""  # the line as printed, its spaces kept (a flattened table row's cell gaps)
    layout: list[str] = field(default_factory=list)  # its raw lines, leading spaces kept (column positions)


def display_width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in text)


def run_end(units: list[Unit], index: int, belongs) -> int:
    """Index of the last unit of the run that starts at `index` and continues while `belongs`."""
    end = index
    while end + 1 < len(units) and belongs(units[end + 1]):
        end += 1
    return end
