"""Errors the builder raises on bad input.

Every error names the file (and the line, when one is to blame) so the CLI can print a single
line an editor can act on, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path


class GongbaoError(Exception):
    """Base class: a problem with the input that the user can fix."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):  # keep file and line when the error crosses a process boundary
        return (type(self), (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class InputError(GongbaoError):
    """A raw issue cannot be read: empty, binary, undecodable, too large."""


class SidecarError(GongbaoError):
    """A sidecar file is malformed: bad YAML, unknown keys, wrong types, impossible dates."""


class LinkRefused(InputError):
    """A symbolic link under the content folder: never followed, wherever it points
    (builder.content.boundary has the rule)."""

    def __init__(self, path: str | Path, message: str | None = None):
        if message is None:
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            state = "a symbolic link" if Path(path).exists() else "a dangling symbolic link"
            message = (
                f"is {state} (to {target}); links under the content folder are not followed: "
                "copy the file or folder in instead"
            )
        super().__init__(message, path)

    def __reduce__(self):
        return (type(self), (self.path, self.message))
