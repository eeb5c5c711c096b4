"""Parsed issues cached by content hash.

An issue is re-parsed only when its raw text, its sidecar, the builder's own source code or the
parse options change: the cache key is a SHA-256 of all of them. Entries are pickled `Issue`
objects under `<cache_dir>/<key>.pickle`, written atomically; entries not used by a build are
removed at its end (`prune`). An unreadable entry is reported and re-parsed, never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path

from builder.errors import GongbaoError
from builder.model import Issue
from builder.parse import parse_raw
from builder.parse.options import ParseOptions
from builder.parse.pdf import is_pdf
from builder.parse.pdf.ocr import engine_name
from builder.parse.reading import read_issue_bytes
from builder.parse.sidecar import find_sidecar
from builder.parse.sources import source_digest
from builder.work import Progress, run_in_pool, write_atomically

log = logging.getLogger("mkdocs.plugins.gongbao")

#: where a project keeps what it parsed and read (relative to mkdocs.yml; the plugin's `cache_dir`)
DEFAULT_CACHE_DIR = ".cache/plugin/gongbao"

#: the package whose code makes an `Issue` out of raw bytes (with everything it imports)
PARSE_PACKAGE = "parse"


def builder_fingerprint() -> bytes:
    """A digest of the Python version and the parser's source: changing the parser re-parses
    every issue."""
    return source_digest(PARSE_PACKAGE)


#: below this many issues to parse, starting worker processes costs more than it saves
PARALLEL_FROM = 4


def _parse_one(job: tuple[bytes, Path, ParseOptions]) -> Issue | GongbaoError:
    data, raw, options = job
    try:
        return parse_raw(data, raw, options=options)
    except GongbaoError as error:
        return error


def _parse_all(
    jobs: list[tuple[bytes, Path, ParseOptions]], workers: int, progress: Progress | None
) -> list[Issue | GongbaoError]:
    """Parse raw issues, in parallel when there are enough of them; results in order."""
    workers = workers if len(jobs) >= PARALLEL_FROM else 1
    return list(run_in_pool(_parse_one, jobs, workers, progress, chunksize=max(1, len(jobs) // (workers * 8))))


class IssueCache:
    """Parse raw issues, reusing earlier results when nothing they depend on has changed.

    `directory=None` disables the disk cache (every issue is parsed); otherwise what is read from
    PDFs and by OCR is kept below it too (`ParseOptions.cache_dir`)."""

    def __init__(self, directory: Path | None, max_bytes: int):
        self.directory = directory
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._fingerprint = builder_fingerprint()
        self.options = ParseOptions(cache_dir=directory)

    def key(self, raw: Path, data: bytes) -> str:
        digest = hashlib.sha256(self._fingerprint)
        digest.update(str(self.max_bytes).encode())
        if is_pdf(data):  # the OCR engine at hand shapes what a scanned page reads as
            digest.update(str(engine_name()).encode())
        digest.update(data)
        sidecar = find_sidecar(raw)
        if sidecar is not None:
            digest.update(sidecar.name.encode() + b"\0" + sidecar.read_bytes())
        return digest.hexdigest()

    def issue(self, raw: Path) -> Issue:
        """The parsed issue for `raw`, from the cache when its key is known."""
        result = self.issues([raw])[0]
        if isinstance(result, GongbaoError):
            raise result
        return result

    def issues(
        self, raws: list[Path], workers: int = 1, progress: Progress | None = None
    ) -> list[Issue | GongbaoError]:
        """Each raw file's parsed issue, or the error that stopped it, in order. Cache misses are
        parsed by `workers` processes (1: in this one); `progress(done, total)` follows them."""
        results: list[Issue | GongbaoError | None] = [None] * len(raws)
        misses: list[tuple[int, bytes, Path | None]] = []  # (index, raw bytes, cache entry to write)
        for index, raw in enumerate(raws):
            try:
                data = read_issue_bytes(raw, self.max_bytes)
                entry = self._entry(raw, data)
            except GongbaoError as error:
                results[index] = error
                continue
            cached = self._read(entry) if entry is not None else None
            if cached is not None:
                self.hits += 1
                cached.source = str(raw)
                results[index] = cached
            else:
                misses.append((index, data, entry))
        self.misses += len(misses)
        for (index, _, entry), outcome in zip(
            misses, _parse_all([(d, raws[i], self.options) for i, d, _ in misses], workers, progress), strict=True
        ):
            results[index] = outcome
            if entry is not None and isinstance(outcome, Issue):
                self._write(entry, outcome)
        return results  # type: ignore[return-value]

    def _entry(self, raw: Path, data: bytes) -> Path | None:
        if self.directory is None:
            return None
        key = self.key(raw, data)
        self._used.add(key)
        return self.directory / f"{key}.pickle"

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
        write_atomically(entry, pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Remove entries this build did not use (old versions of edited issues)."""
        if self.directory is None or not self.directory.is_dir():
            return
        for entry in self.directory.glob("*.pickle"):
            if entry.stem not in self._used:
                entry.unlink(missing_ok=True)


def open_content(
    root: Path, content_dir: str | None, docs_dir: str, cache_dir: str | None, max_bytes: int
) -> tuple[Path, IssueCache]:
    """The content folder and its parse cache as a site configuration names them: paths relative
    to the folder of mkdocs.yml (`root`), the content folder defaulting to `docs_dir`, no disk
    cache when `cache_dir` is None. The plugin and the command line both open content this way."""
    folder = (root / content_dir) if content_dir else Path(docs_dir)
    if not folder.is_dir():
        raise GongbaoError(f"content_dir '{folder}' is not a folder")
    return folder, IssueCache((root / cache_dir) if cache_dir else None, max_bytes)
