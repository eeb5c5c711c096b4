"""How the builder keeps derived data and spreads work over the cores, said once for every layer:
atomic cache writes, process pools, progress callbacks.

One failure policy for what is kept: a cache entry that cannot be written (a read-only checkout,
a full disk) is logged as a warning and the build goes on (it only reads or parses again next
time); it never fails silently and never leaves half a file behind.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("mkdocs.plugins.gongbao")

#: told (done, total) as work advances
Progress = Callable[[int, int], None]

Job = TypeVar("Job")
Result = TypeVar("Result")


def write_atomically(entry: Path, data: str | bytes) -> bool:
    """Write `data` (text as UTF-8) to `entry` through a temporary file renamed into place, so
    that a reader sees the old entry or the new one, never half of one. False, with a warning
    logged, when it could not be written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, prefix=".tmp-", delete=False) as handle:
            temporary = handle.name
            handle.write(payload)
        os.replace(temporary, entry)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        log.warning(f"gongbao: could not write the cache entry {entry} ({error}); it is computed again next time")
        return False
    return True


def run_in_pool(
    function: Callable[[Job], Result],
    jobs: list[Job],
    workers: int,
    progress: Progress | None = None,
    initializer: Callable[[], None] | None = None,
    chunksize: int = 1,
) -> Iterator[Result]:
    """`function` of each job, in order: in this process when `workers` <= 1 or there is one job,
    else in `workers` spawned processes (spawn, not fork: the build may run inside `mkdocs serve`,
    whose threads a fork would copy; `initializer` runs once in each). `progress(done, total)`
    follows the results."""
    results: Iterable[Result]
    if workers <= 1 or len(jobs) <= 1:
        results = map(function, jobs)
        yield from _counted(results, len(jobs), progress)
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer
    ) as pool:
        yield from _counted(pool.map(function, jobs, chunksize=chunksize), len(jobs), progress)


def _counted(results: Iterable[Result], total: int, progress: Progress | None) -> Iterator[Result]:
    for done, result in enumerate(results, 1):
        yield result
        if progress:
            progress(done, total)
