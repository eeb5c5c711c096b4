"""Findings for the editor once an issue is parsed: a 文件 without 文号, a 文号 without date,
converter markup left in a text."""

from __future__ import annotations

from builder.model import Issue
from builder.patterns.kinds import KIND_SUFFIXES
from builder.patterns.markup import LEFTOVER_MARKUP

_FILED_KINDS = {kind for _, kind in KIND_SUFFIXES}


def check_documents(issue: Issue) -> None:
    """Warnings for what an editor should look at: missing 文号 or dates, leftovers."""
    for document in issue.documents:
        label = document.doc_number.normalized if document.doc_number else document.title[:30]
        if document.doc_number is None and document.kind in _FILED_KINDS and "关于" in document.title:
            issue.warn(f"no 文号 found for {document.title[:40]}", document.start_line)
        if document.doc_number is not None and document.date is None:
            issue.warn(f"no 成文日期 found for {label}", document.start_line)
        for block in document.blocks:
            for text in block.texts():
                leftover = LEFTOVER_MARKUP.search(text)
                if leftover:
                    issue.warn(f"suspicious leftover {leftover.group(0)!r} in {label}", block.start_line)
