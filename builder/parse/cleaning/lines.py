"""The unit every cleaning stage works on: one source line that keeps its line number.

Stages never delete lines. They rewrite `text`, or mark a line as noise with the reason, so that
line numbers stay true for the editor, and the text that was dropped can be listed and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.model import Noise


@dataclass(slots=True)
class SourceLine:
    no: int  # 1-based line number in the raw file
    raw: str  # the line exactly as read
    text: str  # the line as cleaned so far
    noise: Noise | None = None  # why the line was dropped; None while it is content
    heading: int = 0  # Markdown heading level the converter gave the line (0: none)
    bold: bool = False  # the converter made the whole line bold
    page_start: bool = False  # first line of a PDF page (hard-wrapped layout)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def live(self) -> bool:
        """Content: not noise and not blank."""
        return self.noise is None and not self.blank

    def drop(self, reason: Noise) -> None:
        if self.noise is None:
            self.noise = reason


@dataclass(slots=True)
class PrintedPage:
    """A page of a converted PDF: the line it starts at and the number printed on it (None: none)."""

    first_line: int
    printed: int | None


@dataclass(slots=True)
class CleaningContext:
    """What stages share: facts about the issue found while cleaning."""

    gazette_title: str | None = None
    hard_wrapped: bool = False
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message) for the editor
    removed: list[tuple[int, Noise, str]] = field(default_factory=list)  # (line, reason, text) cut from inside a line
    printed_pages: list[PrintedPage] = field(default_factory=list)  # each page, when the text has form feeds


def live_lines(lines: list[SourceLine]) -> list[SourceLine]:
    return [line for line in lines if line.live]
