"""The content folder as editors keep it: where raw issues live, and what makes the whole valid.

Layout (any other `*.txt` or `*.pdf` below the folder is an issue of its own, keyed by its path):

    <content>/<publisher>/<year>-<期>/issue.txt     the raw issue, never edited
    <content>/<publisher>/<year>-<期>/issue.pdf     ... or the issue as a PDF, byte for byte
    <content>/<publisher>/<year>-<期>/issue.yml     its sidecar, when corrections are needed
    <content>/<publisher>/departments.yml           department aliases (builder.site.departments)

`check_corpus` is what `gongbao check` runs and CI runs before every build: every issue parses,
every sidecar and alias file is valid, no 文号 belongs to two documents, every 目录 item is in
the text. A duplicate or a missing 目录 item an editor has reviewed is listed under `accepted:`
in that issue's sidecar and no longer fails the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from builder.content.aliases import ALIAS_FILE, read_alias_file
from builder.content.boundary import ISSUE_SUFFIXES, walk_content
from builder.errors import GongbaoError, InputError
from builder.model import Document, Issue
from builder.parse import parse_issue
from builder.parse.sidecar import Accepted, find_sidecar, load_sidecar

RAW_SUFFIXES = ISSUE_SUFFIXES
RAW_NAME = "issue.txt"


def raw_name(raw: Path) -> str:
    """The name a raw issue is kept under in its folder: `issue.txt`, or `issue.pdf` for a PDF."""
    return "issue.pdf" if raw.suffix.lower() == ".pdf" else RAW_NAME


def raw_issue_files(content_dir: Path) -> list[Path]:
    """Every raw issue under the content folder, in a stable order; links, and hidden files and
    folders, are not followed (`boundary_problems` names them)."""
    return [path for path in walk_content(content_dir)[0] if path.suffix.lower() in RAW_SUFFIXES]


def boundary_problems(content_dir: Path) -> list[Problem]:
    """Links and hidden issues under the content folder (builder.content.boundary), one each."""
    return [Problem(error.path or str(content_dir), None, error.message) for error in walk_content(content_dir)[1]]


def issue_key(raw: Path, content_dir: Path) -> str:
    """`<publisher>/<issue folder>` for `…/issue.txt` or `…/issue.pdf`, else the path without its suffix."""
    relative = raw.relative_to(content_dir)
    key = relative.parent if relative.name == raw_name(relative) else relative.with_suffix("")
    return key.as_posix()


def issue_folder_name(issue: Issue) -> str | None:
    """The folder an issue is kept in: `2023-07-09` for 2023年第7-9期, `2025-01` for 第1期;
    None when the year or the 期 is unknown."""
    if not issue.year or not issue.issue_numbers:
        return None
    numbers = issue.issue_numbers
    span = [numbers[0], numbers[-1]] if numbers[-1] != numbers[0] else [numbers[0]]
    return "-".join([str(issue.year)] + [f"{n:02d}" for n in span])


@dataclass(frozen=True)
class Problem:
    """Something that makes the content invalid, with the file (and line) an editor should open."""

    path: str
    line: int | None
    message: str
    acceptable: tuple[str, str] | None = None  # (key, value) to list under the sidecar's `accepted:`
    page: int | None = None  # the PDF page, for an issue kept as a PDF (its line numbers are of the text read from it)

    def __str__(self) -> str:
        if self.page:
            return f"{self.path}: page {self.page}: {self.message}"
        return f"{self.path}{f':{self.line}' if self.line else ''}: {self.message}"

    @property
    def hint(self) -> str | None:
        """How to accept the problem once reviewed, for those that can be."""
        if self.acceptable is None:
            return None
        sidecar = find_sidecar(Path(self.path)) or Path(self.path).parent / "issue.yml"
        key, value = self.acceptable
        return f"if this is right, list {value} under 'accepted: {key}' in {sidecar}"


@dataclass
class CorpusIssue:
    raw: Path
    key: str
    issue: Issue
    accepted: Accepted = field(default_factory=Accepted)


Parser = Callable[[Path], Issue]


def accepted_for(raw: Path) -> Accepted:
    """The problems the sidecar of `raw` accepts (none without a sidecar)."""
    sidecar = find_sidecar(raw)
    return load_sidecar(sidecar)["accepted"] if sidecar else Accepted()


def load_corpus(content_dir: Path, parse: Parser = parse_issue) -> tuple[list[CorpusIssue], list[Problem]]:
    """Parse every raw issue under `content_dir`; an issue that cannot be read or published is a
    problem, not an end. Links and hidden issues come first."""
    issues: list[CorpusIssue] = []
    problems = boundary_problems(content_dir)
    for raw in raw_issue_files(content_dir):
        try:
            issue = parse(raw)
            accepted = accepted_for(raw)
            refuse_unpublishable(issue, raw)
        except GongbaoError as error:
            problem = Problem(error.path or str(raw), error.line, error.message)
            if problem not in problems:  # a linked sidecar is named by the walk already
                problems.append(problem)
            continue
        issues.append(CorpusIssue(raw, issue_key(raw, content_dir), issue, accepted))
    return issues, problems


def refuse_unpublishable(issue: Issue, raw: Path) -> None:
    """An issue the site cannot place: its year is unknown (a hand-copied text without masthead,
    a PDF whose cover cannot be read). `InputError` naming the file and how to fix it."""
    if not issue.year:
        raise InputError(
            "the year of the issue cannot be read from its text; give it in issue.yml "
            "(issue: year: 2024), or add the issue with `gongbao add --year`",
            raw,
        )


def check_corpus(content_dir: Path, parse: Parser = parse_issue) -> tuple[list[CorpusIssue], list[Problem]]:
    """Everything `gongbao check` reports: unreadable issues and sidecars, bad alias files,
    duplicate 文号, 目录 items missing from the text."""
    issues, problems = load_corpus(content_dir, parse)
    problems += [p for p in department_file_problems(content_dir, issues) if p not in problems]
    problems += duplicate_number_problems(issues)
    for entry in issues:
        problems += missing_toc_problems(entry)
    return issues, problems


def number_key(entry: CorpusIssue, document: Document) -> str | None:
    """Documents with the same key share a 文号; a number without an issuing code
    (〔2023〕5号, 第3号) is only unique within one publisher."""
    number = document.doc_number
    if number is None:
        return None
    if number.prefix:
        return number.normalized
    return f"{entry.key.split('/', 1)[0]}\0{number.normalized}"


def duplicate_number_problems(issues: Iterable[CorpusIssue], new: CorpusIssue | None = None) -> list[Problem]:
    """One problem per document whose 文号 an earlier document already has, unless its issue's
    sidecar accepts it. With `new`, only the new issue's documents are compared with the rest."""
    seen: dict[str, tuple[CorpusIssue, Document]] = {}
    problems = []
    for entry in [*issues, *([new] if new else [])]:
        for document in entry.issue.documents:
            key = number_key(entry, document)
            if key is None:
                continue
            first = seen.setdefault(key, (entry, document))
            if first[1] is document or (new is not None and entry is not new):
                continue
            number = str(document.doc_number)  # a key means a 文号
            if number in entry.accepted.duplicate_doc_numbers:
                continue
            other, earlier = first
            problems.append(
                Problem(
                    str(entry.raw),
                    document.start_line,
                    f"文号 {number} is already used by {other.raw}:{earlier.start_line} ({_shorten(earlier.title)})",
                    ("duplicate_doc_numbers", number),
                    entry.issue.page_of(document.start_line),
                )
            )
    return problems


def missing_toc_problems(entry: CorpusIssue) -> list[Problem]:
    """目录 items not found in the text, unless the sidecar accepts them."""
    return [
        Problem(
            str(entry.raw),
            toc.line,
            f"目录 item not found in the text: {toc.title}",
            ("missing_toc_items", toc.title),
            entry.issue.page_of(toc.line),
        )
        for toc in entry.issue.missing_toc_entries
        if toc.title not in entry.accepted.missing_toc_items
    ]


def department_file_problems(content_dir: Path, issues: Iterable[CorpusIssue]) -> list[Problem]:
    """Every publisher's departments.yml must be valid (the site build would stop on it)."""
    folders = {entry.key.split("/", 1)[0] for entry in issues}
    problems = []
    for folder in sorted(folders):
        path = content_dir / folder / ALIAS_FILE
        if not path.is_file():
            continue
        try:
            read_alias_file(path)
        except GongbaoError as error:
            problems.append(Problem(error.path or str(path), error.line, error.message))
    return problems


def _shorten(title: str, width: int = 30) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"
