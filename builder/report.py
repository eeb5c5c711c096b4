"""What `gongbao inspect` and `gongbao report` print: the builder's findings for an editor.

`inspect_data` is also the JSON contract read by the extraction scorer: issue, toc, documents
(metadata, `markdown` body, `body_first`), warnings.
"""

from __future__ import annotations

from builder.model import BlockKind, Issue, Level
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


def format_report(issue: Issue) -> str:
    out = []
    label = " ".join(x for x in [issue.gazette_title, issue.issue_label] if x) or issue.source
    out.append(f"{label}  ({issue.source})")
    facts = [
        f"publisher {issue.publisher or '?'}",
        f"总第{issue.total_number}期" if issue.total_number else "总第?期",
        f"date {issue.date or '?'}",
        f"目录 {len(issue.toc)} items" if issue.toc else "no 目录",
    ]
    out.append("  " + ", ".join(facts))
    for position, document in enumerate(issue.documents, 1):
        number = document.doc_number.normalized if document.doc_number else "—"
        out.append(
            f"  {position:2d}. [{document.start_line}-{document.end_line}] {number}  {document.date or '—'}  "
            f"{document.kind or '—'}  §{document.section or '—'}"
        )
        out.append(f"      {document.title}")
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
