"""An ordered, named registry of cleaning stages (in the manner of Python-Markdown's `Registry`).

Order is explicit: each stage is registered with a priority, highest first. Tests and callers can
look a stage up by name or `deregister` it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from builder.parse.cleaning.lines import CleaningContext, SourceLine


class Stage(Protocol):
    """A cleaning stage. Its docstring states what it expects and what it guarantees."""

    name: str

    def run(self, lines: list[SourceLine], context: CleaningContext) -> None: ...


class Registry:
    def __init__(self) -> None:
        self._stages: dict[str, tuple[float, Stage]] = {}

    def register(self, stage: Stage, priority: float) -> None:
        self._stages[stage.name] = (priority, stage)

    def deregister(self, name: str) -> None:
        del self._stages[name]

    def __getitem__(self, name: str) -> Stage:
        return self._stages[name][1]

    def __contains__(self, name: str) -> bool:
        return name in self._stages

    def __iter__(self) -> Iterator[Stage]:
        ordered = sorted(self._stages.values(), key=lambda item: -item[0])
        return iter(stage for _, stage in ordered)

    def names(self) -> list[str]:
        return [stage.name for stage in self]

    def run(self, lines: list[SourceLine], context: CleaningContext) -> list[SourceLine]:
        for stage in self:
            stage.run(lines, context)
        return lines
