"""The removed-text report: every line the builder dropped as noise, with its line and reason.

Written by `gongbao inspect --removed` (one issue) and by the site build (`gongbao build
--removed-report FILE`, or the plugin's `removed_report` option) for the whole content folder.
"""

from __future__ import annotations

from pathlib import Path

from builder.model import Issue
from builder.render import escape


def format_removed(issue: Issue) -> list[str]:
    """Every line the builder removed as noise, with its line number and reason, as a Markdown table."""
    out = [
        f"## {issue.source}",
        "",
        f"{issue.gazette_title or ''} {issue.issue_label or ''}: {len(issue.removed)} line(s) removed".strip(),
        "",
    ]
    if issue.removed and issue.pdf_pages:  # an issue read from a PDF: its lines are on pages
        out += ["| page | line | reason | text |", "|---:|---:|---|---|"]
        out += [
            f"| {issue.page_of(line) or ''} | {line} | {reason} | {_table_cell(text)} |"
            for line, reason, text in issue.removed
        ]
        out.append("")
    elif issue.removed:
        out += ["| line | reason | text |", "|---:|---|---|"]
        out += [f"| {line} | {reason} | {_table_cell(text)} |" for line, reason, text in issue.removed]
        out.append("")
    return out


def removed_report(issues: list[Issue]) -> str:
    total = sum(len(issue.removed) for issue in issues)
    out = [
        "# Text the builder removed",
        "",
        f"{len(issues)} issue(s), {total} line(s) removed as noise (running headers, page numbers, "
        "cover and 目录 lines, converter markup…). Every Han character of a raw issue is either in "
        "one of its documents or listed here; review this list for text that should have stayed.",
        "",
    ]
    for issue in issues:
        out += format_removed(issue)
    return "\n".join(out)


#: environment variable by which `gongbao build --removed-report` passes the path to the plugin
REMOVED_REPORT_VARIABLE = "GONGBAO_REMOVED_REPORT"


def write_removed_report(path: Path, issues: list[Issue]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(removed_report(issues), encoding="utf-8")


def _table_cell(text: str) -> str:
    """Raw text inside a Markdown table cell, shown literally."""
    return escape(text.strip()) if text.strip() else "(blank)"
