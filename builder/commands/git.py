"""Every call to git, in one place.

`run` is the one that starts git; the rest say what the commands ask: whether a command
succeeds, its output (a failure is a `GongbaoError` carrying git's own last line of stderr), the
time of the last commit, and which files changed since a revision.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from builder.errors import GongbaoError


def run(folder: Path, *arguments: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`git <arguments>` in `folder`, with `data` on its stdin; the outcome whatever the exit status."""
    return subprocess.run(["git", *arguments], cwd=folder, input=data, capture_output=True, check=False)


def succeeds(folder: Path, *arguments: str) -> bool:
    return run(folder, *arguments).returncode == 0


def output(folder: Path, *arguments: str) -> str:
    """What `git <arguments>` prints; `GongbaoError` with git's own reason when it fails."""
    result = run(folder, *arguments)
    if result.returncode != 0:
        last = (result.stderr.decode("utf-8", errors="replace").strip().splitlines() or ["git failed"])[-1]
        raise GongbaoError(f"git {arguments[0]}: {last}", folder)
    return result.stdout.decode("utf-8", errors="replace")


def last_commit_time(folder: Path) -> str | None:
    """Seconds since the epoch of the last commit (for SOURCE_DATE_EPOCH); None outside git."""
    result = run(folder, "log", "-1", "--format=%ct")
    if result.returncode != 0:
        return None
    return result.stdout.decode().strip() or None


def changed_files_since(folder: Path, since: str) -> list[Path]:
    """Files under `folder` that differ from revision `since`, or that git does not track yet
    (new files), as absolute paths."""
    names = output(folder, "diff", "--name-only", "-z", "--no-renames", since, "--", ".").split("\0")
    names += output(folder, "ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", ".").split("\0")
    top = Path(output(folder, "rev-parse", "--show-toplevel").strip())
    return [top / name for name in names if name]


def has_file(folder: Path, revision: str, path: str) -> bool:
    """Whether `path` exists in `revision` (a branch, a commit) of the repository at `folder`."""
    return succeeds(folder, "cat-file", "-e", f"{revision}:{path}")
