"""Progress bars for long builds (rich), on a terminal only: parsing issues, rendering pages.

A build of a few issues finishes before a bar would be useful, so bars appear only for work
large enough to take seconds; in CI logs (no terminal) nothing is drawn.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

#: below these counts a step is quick: no bar
MIN_ISSUES = 8
MIN_PAGES = 400


class BuildProgress:
    def __init__(self, enabled: bool | None = None):
        console = Console(file=sys.stderr)
        self.enabled = console.is_terminal if enabled is None else enabled
        self._progress = Progress(
            TextColumn("gongbao: {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._tasks: dict[str, TaskID] = {}
        self._started = False

    def step(self, name: str, total: int, minimum: int) -> None:
        """Start a bar for `total` units of `name`, if there are enough of them."""
        if not self.enabled or total < minimum:
            return
        if not self._started:
            self._progress.start()
            self._started = True
        self._tasks[name] = self._progress.add_task(name, total=total)

    def advance(self, name: str, completed: int | None = None) -> None:
        task = self._tasks.get(name)
        if task is None:
            return
        if completed is None:
            self._progress.advance(task)
        else:
            self._progress.update(task, completed=completed)

    def stop(self) -> None:
        if self._started:
            self._progress.stop()
            self._started = False
        self._tasks.clear()
