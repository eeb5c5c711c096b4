"""`gongbao publish`: deploy the site as one version of a versioned site, with mike.

Every version is a complete build kept under its own folder of the `gh-pages` branch
(`/2025-03/`, `/2024-12/` …), so a link to what the archive said then keeps working;
`versions.json` at the branch root lists them for Material's version selector, and the
`latest` alias (and the site root) point at the newest.

Versions are named after the archive's newest issue (`default_version`): the month of the
newest publication date, `YYYY-MM`; when the newest year's issues print no date, that year and
the newest 期, `YYYY-NN`, the form of the issue folders. A new issue from a later month cuts a
new version; corrections and other issues of the same month redeploy the current version in
place.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from builder.commands import git
from builder.errors import GongbaoError
from builder.model import Issue

LATEST = "latest"


def default_version(issues: Iterable[Issue]) -> str | None:
    """The version name for a site built from `issues` (see the module docstring); None if no
    issue has a year."""
    dated = [issue for issue in issues if issue.year]
    if not dated:
        return None
    newest_year = max(issue.year or 0 for issue in dated)
    dates = [issue.date for issue in dated if issue.date and issue.date[:4] == str(newest_year)]
    if dates:
        return max(dates)[:7]
    numbers = [n for issue in dated if issue.year == newest_year for n in issue.issue_numbers]
    return f"{newest_year}-{max(numbers):02d}" if numbers else str(newest_year)


def mike_command(config_file: Path, *arguments: str) -> list[str]:
    return [str(Path(sys.executable).parent / "mike"), *arguments, "--config-file", str(config_file)]


def run_mike(config_file: Path, *arguments: str) -> None:
    """Run mike with this Python; mike runs `mkdocs build` itself, so this Python's scripts must
    come first on PATH (the plugin and theme are the ones installed here)."""
    scripts = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=scripts + os.pathsep + os.environ.get("PATH", ""), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(mike_command(config_file, *arguments), env=env, cwd=config_file.parent)
    if result.returncode != 0:
        raise GongbaoError(f"mike {arguments[0]} failed (exit status {result.returncode}); see its output above", config_file)


def publish(
    config_file: Path,
    version: str,
    aliases: list[str],
    *,
    title: str | None = None,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
) -> None:
    """Build and commit `version` to `branch` and move the aliases to it. On the first publish
    with `latest`, the site root is made to redirect there (a default chosen later is kept)."""
    git = ["--branch", branch, "--remote", remote] + (["--push"] if push else [])
    deploy = ["deploy", *git, "--update-aliases", "--title", title or version, version, *aliases]
    run_mike(config_file, *deploy)
    if LATEST in aliases and not _has_root_page(config_file.parent, branch):
        run_mike(config_file, "set-default", *git, LATEST)


def _has_root_page(folder: Path, branch: str) -> bool:
    """Whether `branch` already has a root index.html (a default version was set)."""
    return git.has_file(folder, branch, "index.html")
