"""The content folder is a boundary: nothing outside it is read into the site.

The rule: **no symbolic link under the content folder is followed**, wherever it points (a link
inside the folder today can be re-pointed outside tomorrow, and in CI the publish job checks out
with credentials: `content/x -> ../.git` would publish `.git/config`). A link, dangling or not,
is refused with one line naming it and left out; so is a hidden file or folder (name starting
with `.`) holding what looks like a raw issue, which would otherwise be skipped without a word.
The content folder itself may be a link (it is the root the editor chose). Readers of editor
files (builder.yamlfile) refuse a link with the same line (`builder.errors.LinkRefused`).

`walk_content` is the one listing of the folder: the raw issue finder, `gongbao check` and the
site plugin (which also drops MkDocs' own copies of linked files from docs_dir) all use it.
"""

from __future__ import annotations

import os
from pathlib import Path

from builder.errors import InputError, LinkRefused

#: what a raw issue looks like (builder.content.corpus lists the same suffixes)
ISSUE_SUFFIXES = (".txt", ".pdf")


def walk_content(root: Path) -> tuple[list[Path], list[InputError]]:
    """Every regular file under `root` reached without following a link and outside hidden
    entries, sorted; and the refusals: each link, and each hidden entry holding raw issues."""
    files: list[Path] = []
    refusals: list[InputError] = []
    if not root.is_dir():
        return files, refusals
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(dirnames):
            path = here / name
            if path.is_symlink():
                refusals.append(LinkRefused(path))
                dirnames.remove(name)
            elif name.startswith("."):
                dirnames.remove(name)
                held = _raw_issues_in(path)
                if held:
                    refusals.append(
                        InputError(
                            f"hidden folder (its name starts with '.') holding {len(held)} raw issue(s), "
                            f"e.g. {held[0].relative_to(path)}: it is not published; rename it",
                            path,
                        )
                    )
        for name in sorted(filenames):
            path = here / name
            if path.is_symlink():
                refusals.append(LinkRefused(path))
            elif name.startswith("."):
                if path.suffix.lower() in ISSUE_SUFFIXES:
                    refusals.append(
                        InputError("hidden file (its name starts with '.'): it is not published; rename it", path)
                    )
            elif path.is_file():
                files.append(path)
    refusals.sort(key=lambda error: error.path or "")
    return sorted(files), refusals


def passes_through_link(path: Path, root: Path) -> bool:
    """Whether `path`, below `root`, is a link or lies in a linked folder (`root` itself excepted)."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    current = Path(os.path.abspath(root))
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _raw_issues_in(folder: Path) -> list[Path]:
    found = []
    for here, _, filenames in os.walk(folder, followlinks=False):
        found += [Path(here) / name for name in filenames if Path(name).suffix.lower() in ISSUE_SUFFIXES]
    return sorted(found)
