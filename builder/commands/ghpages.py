"""Reading the deployed site from its git branch (`gh-pages`), without checking it out.

mike keeps every version of the site as a folder of the branch and lists them in
`versions.json`; `gongbao publish` reads that list, the latest version's documents.json and the
earlier texts of revised documents from here, and measures the tree GitHub Pages will serve.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from builder.commands import git

VERSIONS_FILE = "versions.json"
SYMLINK_MODE = "120000"


def has_branch(folder: Path, branch: str) -> bool:
    return git.succeeds(folder, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")


def update_from_remote(folder: Path, remote: str, branch: str) -> None:
    """Bring the local branch up to its copy on `remote`, as mike does before it deploys: a fresh
    clone (the publishing workflow's) has only `origin/gh-pages`. A diverged branch is left for
    mike to refuse."""
    remote_ref = f"refs/remotes/{remote}/{branch}"
    if not git.succeeds(folder, "rev-parse", "--verify", "--quiet", remote_ref):
        return
    local = f"refs/heads/{branch}"
    if not has_branch(folder, branch) or git.succeeds(folder, "merge-base", "--is-ancestor", local, remote_ref):
        git.run(folder, "update-ref", local, remote_ref)


def read_files(folder: Path, branch: str, paths: list[str]) -> dict[str, str | None]:
    """The text of each path on `branch` (None where it is missing), with one `git cat-file`."""
    if not paths or not has_branch(folder, branch):
        return dict.fromkeys(paths)
    request = "".join(f"{branch}:{path}\n" for path in paths).encode("utf-8")
    output = git.run(folder, "cat-file", "--batch", data=request).stdout
    found: dict[str, str | None] = {}
    position = 0
    for path in paths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[path] = output[position : position + size].decode("utf-8", errors="replace")
            position += size + 1
        else:
            if len(header) == 3:  # a tree or a symlink: not a file to read
                position += int(header[2]) + 1
            found[path] = None
    return found


def read_file(folder: Path, branch: str, path: str) -> str | None:
    return read_files(folder, branch, [path])[path]


def read_versions(folder: Path, branch: str) -> list[dict]:
    """mike's versions.json on `branch`, newest first ([] before the first deploy)."""
    text = read_file(folder, branch, VERSIONS_FILE)
    return json.loads(text) if text else []


@dataclass(frozen=True)
class TreeSize:
    """Bytes of a deployed branch as GitHub Pages counts them: its Pages artifact is a tar that
    may hold no links, so a symlinked alias folder counts as a copy of its target."""

    total: int
    folders: dict[str, int]  # top-level folder (a version, an alias) -> bytes

    def of(self, name: str) -> int:
        return self.folders.get(name, 0)


def tree_size(folder: Path, branch: str) -> TreeSize:
    if not has_branch(folder, branch):
        return TreeSize(0, {})
    listing = git.run(folder, "ls-tree", "-r", "-l", "-z", branch).stdout.decode("utf-8", errors="replace")
    folders: dict[str, int] = {}
    links: dict[str, str] = {}
    total = 0
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, _, oid, size = meta.split()
        top = path.split("/", 1)[0]
        if mode == SYMLINK_MODE:
            links[path] = oid
            continue
        total += int(size)
        folders[top] = folders.get(top, 0) + int(size)
    for path, oid in links.items():
        target = git.run(folder, "cat-file", "blob", oid).stdout.decode("utf-8").strip("/")
        if "/" not in path and target in folders:  # mike's alias: a link to a version folder
            folders[path] = folders[target]
            total += folders[target]
    return TreeSize(total, folders)
