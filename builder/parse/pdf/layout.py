"""What every reader of a page produces, whatever the backend (text layer or OCR)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from builder.model import PageSource
from builder.patterns.characters import CJK_CHAR


@dataclass(slots=True)
class Line:
    """One visual line (or a fragment of one, cut at a wide gap), in PDF points, y downwards."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size (OCR: box height)
    bold: bool = False  # Hei / bold face: headings and titles
    table_row: bool = False  # a row of a table, its cells separated by tabs, or a whole table (`grid`)
    # the table this line stands for, a builder.parse.pdf.grids.Grid (its text is the table's HTML once
    # stitched); not typed as one, as grids builds on this module
    grid: Any = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Page:
    """One PDF page: its size, its lines in reading order, and how they were read."""

    number: int  # 1-based PDF page index
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    source: PageSource = PageSource.TEXT
    confidence: float | None = None  # OCR: mean recognition score of the page's lines
    label: str | None = None  # the PDF's own page label, when it has one


def han_count(text: str) -> int:
    return len(CJK_CHAR.findall(text))


def han_share(text: str) -> float:
    """Share of Han characters among the non-space characters (0 for no text)."""
    visible = [ch for ch in text if not ch.isspace()]
    return han_count(text) / len(visible) if visible else 0.0
