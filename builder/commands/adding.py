"""`gongbao add`: put a new raw issue into the content folder, where the site will find it.

The issue goes to `<content>/<publisher>/<year>-<期>/issue.txt` (`issue.pdf` for a PDF), byte for byte, with the
publisher, year and 期 read from its own text; options override them, and an override is
written to a sidecar beside it (the raw text is never edited). Nothing is written when:

* the publisher or the year and 期 are unknown and no option gives them, the folder is taken,
  or the same file is already in the content folder (blockers: `--force` does not help);
* a document's 文号 is already in the content folder, or a 目录 item is not in the text
  (problems: `--force` adds the issue anyway and records them in the sidecar's `accepted:`,
  so `gongbao check` stays green and the decision stays visible in review).

The issue is written into a hidden folder and renamed into place, so a refusal or a crash
never leaves half an issue behind.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.content.corpus import (
    CorpusIssue,
    Parser,
    duplicate_number_problems,
    issue_folder_name,
    load_corpus,
    missing_toc_problems,
    raw_issue_files,
    raw_name,
)
from builder.errors import GongbaoError
from builder.model import Issue
from builder.parse import parse_issue
from builder.parse.issue_meta import issue_label, issue_numbers
from builder.parse.sidecar import (
    SIDECAR_NAMES,
    apply_sidecar,
    find_sidecar,
    load_sidecar,
)
from builder.yamlfile import read_yaml

SIDECAR_NAME = SIDECAR_NAMES[0]


@dataclass
class Overrides:
    """What the editor says on the command line, over what the text says."""

    publisher: str | None = None
    year: int | None = None
    issue: str | None = None  # 期 as printed: "7-9", "2"
    date: str | None = None
    folder: str | None = None

    def issue_fields(self, detected: Issue) -> dict[str, Any]:
        """The sidecar `issue:` fields that differ from what the text says."""
        fields: dict[str, Any] = {}
        if self.publisher and self.publisher != detected.publisher:
            fields["publisher"] = self.publisher
        if self.year and self.year != detected.year:
            fields["year"] = self.year
        if self.issue and issue_numbers(self.issue) != detected.issue_numbers:
            fields["issue_numbers"] = issue_numbers(self.issue)
        if self.date and self.date != detected.date:
            fields["date"] = self.date
        year = fields.get("year", detected.year)
        numbers = fields.get("issue_numbers", detected.issue_numbers)
        if ("year" in fields or "issue_numbers" in fields) and year and numbers:
            fields["issue_label"] = issue_label(year, numbers)
        return fields


@dataclass
class Addition:
    """What adding one raw issue would do, and what stands in its way."""

    raw: Path
    issue: Issue
    target: Path | None  # <content>/<publisher>/<folder>/issue.txt (or issue.pdf)
    sidecar: dict[str, Any] = field(default_factory=dict)  # the new sidecar; empty: none needed
    blockers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    accept: dict[str, list[str]] = field(default_factory=dict)  # what --force records in the sidecar

    def can_write(self, force: bool) -> bool:
        return not self.blockers and (force or not self.problems)


def plan_addition(raw: Path, content_dir: Path, overrides: Overrides, parse: Parser = parse_issue) -> Addition:
    """Parse `raw`, decide where it goes, and compare it with the content folder. Writes nothing."""
    issue = parse(raw)
    source_sidecar = find_sidecar(raw)
    fields = overrides.issue_fields(issue)
    if fields:
        apply_sidecar(issue, {"issue": fields})
    publisher = issue.publisher
    folder = overrides.folder or issue_folder_name(issue)
    target = None
    if publisher and folder:
        _refuse_leaving(
            content_dir, publisher, "--publisher" if overrides.publisher else "the publisher read from the text"
        )
        _refuse_leaving(content_dir / publisher, folder, "--folder" if overrides.folder else "the folder name")
        target = content_dir / publisher / folder / raw_name(raw)
    addition = Addition(raw, issue, target)
    addition.sidecar = _sidecar_data(source_sidecar, fields)

    if not publisher:
        addition.blockers.append("the publisher is not printed in a form gongbao knows; give it with --publisher")
    if not folder:
        addition.blockers.append(
            "the year or the 期 is not printed in a form gongbao knows; give them with --year and --issue"
        )
    if target is not None and target.parent.exists():
        addition.blockers.append(f"{target.parent} already exists; remove it first to replace that issue")
    corpus, unreadable = load_corpus(content_dir, parse) if content_dir.is_dir() else ([], [])
    same_file = _same_file(raw, content_dir)
    if same_file is not None:
        addition.blockers.append(f"the same file is already in the content folder: {same_file}")
    if unreadable:
        addition.blockers += [f"the content folder itself has a problem: {problem}" for problem in unreadable]
    if addition.blockers:
        return addition

    new = CorpusIssue(raw, f"{publisher}/{folder}", issue)
    for problem in [*duplicate_number_problems(corpus, new=new), *missing_toc_problems(new)]:
        addition.problems.append(f"line {problem.line}: {problem.message}")
        assert problem.acceptable is not None  # both kinds of problem can be accepted
        key, value = problem.acceptable
        addition.accept.setdefault(key, []).append(value)
    return addition


def write_addition(addition: Addition, force: bool = False) -> Path:
    """Write the issue (and its sidecar) into place in one rename; returns the raw file's new path."""
    if not addition.can_write(force):
        raise ValueError("write_addition called on an addition that must be refused")
    assert addition.target is not None
    sidecar = dict(addition.sidecar)
    if force and addition.problems:
        sidecar["accepted"] = {**sidecar.get("accepted", {}), **addition.accept}
    folder = addition.target.parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".adding-", dir=folder.parent))
    try:
        shutil.copyfile(addition.raw, staging / addition.target.name)
        if sidecar:
            (staging / SIDECAR_NAME).write_text(_dump_sidecar(sidecar), encoding="utf-8")
        elif (source := find_sidecar(addition.raw)) is not None:
            shutil.copyfile(source, staging / SIDECAR_NAME)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return addition.target


# --- helpers ----------------------------------------------------------------------------------


def _refuse_leaving(parent: Path, name: str, option: str) -> None:
    """`name` must be one plain folder name inside `parent`: no separator, no `..`, not absolute,
    not hidden (the site skips hidden folders). `GongbaoError` naming the option otherwise, before
    anything is written: `gongbao add` never writes outside the content folder."""
    resolved = (parent / name).resolve()
    linked = (parent / name).is_symlink()  # the site would not follow it
    if linked or resolved.parent != parent.resolve() or name != resolved.name or name.startswith("."):
        raise GongbaoError(
            f"{option} {name!r} is not one plain folder name inside the content folder "
            f"(it leads to {resolved}); nothing written",
            parent,
        )


def _sidecar_data(source_sidecar: Path | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The new sidecar: the one beside the raw file (if any) with the overrides merged in;
    empty when the source has none and nothing is overridden (the source's is then copied as is)."""
    if not fields:
        return {}
    data: dict[str, Any] = {}
    if source_sidecar is not None:
        load_sidecar(source_sidecar)  # validated first: its errors name the source file
        data = read_yaml(source_sidecar) or {}
    data["issue"] = {**(data.get("issue") or {}), **fields}
    return data


def _dump_sidecar(data: dict[str, Any]) -> str:
    header = "# Corrections to issue.txt (written by `gongbao add`; see README, 'Fixing a misread issue').\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _same_file(raw: Path, content_dir: Path) -> Path | None:
    if not content_dir.is_dir():
        return None
    size, data = raw.stat().st_size, None
    for existing in raw_issue_files(content_dir):
        if existing.stat().st_size == size:
            data = data if data is not None else raw.read_bytes()
            if existing.read_bytes() == data:
                return existing
    return None
