"""What `gongbao inspect`, `report`, `add` and `check` print: the builder's findings for an editor.

`inspect_data` is also the JSON contract read by the extraction scorer: issue, toc, documents
(metadata, `markdown` body, `body_first`), warnings.
"""

from __future__ import annotations

import re

from builder.content.corpus import CorpusIssue, Problem
from builder.model import BlockKind, Issue, Level, PageSource
from builder.render import render_body


def body_first(document) -> str | None:
    """The first body paragraph after the recipients line (or the title), as a reader sees it."""
    for block in document.blocks:
        if block.kind == BlockKind.PARAGRAPH:
            return block.text.replace("**", "")[:40]
    return None


def inspect_data(issue: Issue) -> dict:
    documents = []
    for document in issue.documents:
        data = document.metadata()
        data["pages"] = list(document.pages) if document.pages else None
        if issue.pdf_pages:
            data["pdf_page"] = document.pdf_page
        data["body_first"] = body_first(document)
        data["markdown"] = render_body(document)
        documents.append(data)
    return {
        "source": issue.source,
        "issue": issue.metadata(),
        "toc": issue.toc_data(),
        "documents": documents,
        "warnings": [str(finding) for finding in issue.findings if finding.level == Level.WARNING],
        "notes": [str(finding) for finding in issue.findings if finding.level == Level.INFO],
    }


def verdict(issue: Issue) -> str:
    warnings = sum(1 for f in issue.findings if f.level == Level.WARNING)
    if not issue.documents:
        return "FAILED: no documents"
    if warnings:
        return f"CHECK: {len(issue.documents)} documents, {warnings} warning(s) to review"
    return f"OK: {len(issue.documents)} documents, no warnings"


def toc_reconciliation(issue: Issue) -> list[str]:
    """How the issue's own 目录 and the documents found agree, item by item where they don't."""
    if not issue.toc:
        return []
    missing = issue.missing_toc_entries
    unlisted = [d for d in issue.documents if not d.in_toc]
    out = [
        f"  目录: {len(issue.toc)} items, {len(issue.toc) - len(missing)} found in the text"
        + (f", {len(missing)} MISSING" if missing else "")
        + (f"; {len(unlisted)} document(s) not listed in it" if unlisted else "")
    ]
    out += [f"    missing (line {entry.line}): {entry.title}" for entry in missing]
    return out


def pdf_summary(issue: Issue) -> list[str]:
    """For an issue read from a PDF: how its pages were read, OCR confidence page by page."""
    if not issue.pdf_pages:
        return []
    read = [page for page in issue.pdf_pages if page.source == PageSource.OCR]
    printed = [page.printed for page in issue.pdf_pages if page.printed is not None]
    line = f"  PDF: {len(issue.pdf_pages)} pages, {len(issue.pdf_pages) - len(read)} with a text layer"
    if printed:
        line += f", printed pages {printed[0]}-{printed[-1]}"
    out = [line]
    if read:
        out.append("  OCR confidence: " + ", ".join(f"p.{page.number} {page.confidence:.2f}" for page in read))
    return out


def format_report(issue: Issue) -> str:
    out = []
    label = " ".join(x for x in [issue.gazette_title, issue.issue_label] if x) or issue.source
    out.append(f"{label}  ({issue.source})")
    facts = [
        f"publisher {issue.publisher or '?'}",
        f"总第{issue.total_number}期" if issue.total_number else "总第?期",
        f"date {issue.date or '?'}",
    ] + ([] if issue.toc else ["no 目录"])
    out.append("  " + ", ".join(facts))
    out += pdf_summary(issue)
    out += toc_reconciliation(issue)
    for position, document in enumerate(issue.documents, 1):
        number = document.doc_number.normalized if document.doc_number else "—"
        out.append(
            f"  {position:2d}. [{document.start_line}-{document.end_line}] {number}  {document.date or '—'}  "
            f"{document.kind or '—'}  §{document.section or '—'}"
        )
        out.append(
            f"      {document.title}"
            + (
                f"  (p. {document.pages[0]}-{document.pages[1]}, PDF page {document.pdf_page})"
                if document.pages and document.pdf_page
                else ""
            )
        )
        if document.issuers:
            out.append(f"      发文机关: {'、'.join(document.issuers)}")
        if document.attachments:
            out.append(f"      附件: {'；'.join(document.attachments)}")
        if document.references:
            out.append(f"      引用: {'、'.join(r.normalized for r in document.references)}")
    for finding in issue.findings:
        out.append(f"  {finding}")
    out.append(f"  removed as noise: {len(issue.removed)} lines")
    out.append("  " + verdict(issue))
    return "\n".join(out)


# --- the content folder as a whole (gongbao check) --------------------------------------------


def check_verdict(issues: list[CorpusIssue], problems: list[Problem]) -> str:
    documents = sum(len(entry.issue.documents) for entry in issues)
    counts = f"{len(issues)} issue(s), {documents} documents"
    if problems:
        return f"check FAILED: {len(problems)} problem(s) to fix ({counts})"
    return f"check OK: {counts}, no problems"


def format_check(issues: list[CorpusIssue], problems: list[Problem]) -> str:
    """`gongbao check` as text: one line per issue, then every problem, then the verdict."""
    out = [f"{entry.raw}: {_issue_summary(entry.issue)}" for entry in issues]
    if problems:
        out.append("")
    for problem in problems:
        out.append(f"  {problem}")
        if problem.hint:
            out.append(f"    ({problem.hint})")
    out.append(check_verdict(issues, problems))
    return "\n".join(out)


def format_check_markdown(issues: list[CorpusIssue], problems: list[Problem], changed: list[CorpusIssue]) -> str:
    """`gongbao check --markdown`: a GitHub job summary, with the full report of each changed issue."""
    mark = "❌" if problems else "✅"
    out = [f"## {mark} gongbao {check_verdict(issues, problems)}", ""]
    if problems:
        out += ["### Problems", ""]
        out += [f"- `{problem}`" + (f"<br>{problem.hint}" if problem.hint else "") for problem in problems]
        out.append("")
    for entry in changed:
        report = format_report(entry.issue)
        fence = "`" * max(3, _longest_backtick_run(report) + 1)
        out += [f"### {entry.key}", "", f"{fence}text", report, fence, ""]
    out += ["| issue | 期 | 目录 | builder's verdict |", "|---|---|---|---|"]
    out += [
        f"| {entry.key} | {entry.issue.issue_label or '?'} | {_toc_summary(entry.issue)} | {verdict(entry.issue)} |"
        for entry in issues
    ]
    return "\n".join(out) + "\n"


def _issue_summary(issue: Issue) -> str:
    return f"{issue.issue_label or '期?'}, {_toc_summary(issue)}, {verdict(issue)}"


def _toc_summary(issue: Issue) -> str:
    if not issue.toc:
        return "no 目录"
    return f"目录 {len(issue.toc) - len(issue.missing_toc_entries)}/{len(issue.toc)} found"


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
