"""Parsed issues cached by content hash.

An issue is re-parsed only when its raw text, its sidecar, the builder's own source code or the
parse options change: the cache key is a SHA-256 of all of them. Entries are pickled `Issue`
objects under `<cache_dir>/<key>.pickle`, written atomically; entries not used by a build are
removed at its end (`prune`). An unreadable entry is reported and re-parsed, never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

import builder
from builder.model import Issue
from builder.pipeline import parse_raw
from builder.reading import read_issue_bytes
from builder.sidecar import find_sidecar

log = logging.getLogger("mkdocs.plugins.gongbao")

_SOURCE_ROOT = Path(builder.__file__).parent
#: modules that do not shape the parsed `Issue` (rendering is redone on every build anyway)
_NOT_PARSING = {"site", "cli.py", "report.py", "render.py", "audit.py", "corpus.py", "adding.py", "publishing.py"}


def builder_fingerprint() -> bytes:
    """A digest of the parser's source files: changing the parser re-parses every issue."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(_SOURCE_ROOT.rglob("*.py")):
        if _NOT_PARSING & set(path.relative_to(_SOURCE_ROOT).parts):
            continue
        digest.update(path.relative_to(_SOURCE_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


class IssueCache:
    """Parse raw issues, reusing earlier results when nothing they depend on has changed.

    `directory=None` disables the disk cache (every issue is parsed)."""

    def __init__(self, directory: Path | None, max_bytes: int):
        self.directory = directory
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._fingerprint = builder_fingerprint()

    def key(self, raw: Path, data: bytes) -> str:
        digest = hashlib.sha256(self._fingerprint)
        digest.update(str(self.max_bytes).encode())
        digest.update(data)
        sidecar = find_sidecar(raw)
        if sidecar is not None:
            digest.update(sidecar.name.encode() + b"\0" + sidecar.read_bytes())
        return digest.hexdigest()

    def issue(self, raw: Path) -> Issue:
        """The parsed issue for `raw`, from the cache when its key is known."""
        data = read_issue_bytes(raw, self.max_bytes)
        if self.directory is None:
            self.misses += 1
            return parse_raw(data, raw)
        key = self.key(raw, data)
        self._used.add(key)
        entry = self.directory / f"{key}.pickle"
        cached = self._read(entry)
        if cached is not None:
            self.hits += 1
            cached.source = str(raw)
            return cached
        self.misses += 1
        issue = parse_raw(data, raw)
        self._write(entry, issue)
        return issue

    def _read(self, entry: Path) -> Issue | None:
        try:
            with entry.open("rb") as handle:
                issue = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as error:  # a truncated or foreign file: say so, then parse afresh
            log.warning(f"gongbao: ignoring unreadable cache entry {entry} ({error}); re-parsing")
            return None
        return issue if isinstance(issue, Issue) else None

    def _write(self, entry: Path, issue: Issue) -> None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=entry.parent, prefix=".tmp-", delete=False)
        try:
            with handle:
                pickle.dump(issue, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, entry)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Remove entries this build did not use (old versions of edited issues)."""
        if self.directory is None or not self.directory.is_dir():
            return
        for entry in self.directory.glob("*.pickle"):
            if entry.stem not in self._used:
                entry.unlink(missing_ok=True)
