"""Checks that the builder lost no text: every Chinese character of the raw issue is either in
some document's Markdown or in text the cleaner removed on purpose (`Issue.removed`)."""

from __future__ import annotations

from collections import Counter

from builder.model import Issue
from builder.patterns import CJK_CHAR
from builder.render import render_body


def han_counts(text: str) -> Counter[str]:
    return Counter(CJK_CHAR.findall(text))


def lost_characters(raw_text: str, issue: Issue) -> Counter[str]:
    """Han characters of `raw_text` found neither in the documents nor in the removed text."""
    kept = Counter()
    for document in issue.documents:
        kept += han_counts(render_body(document))
    for _, _, text in issue.removed:
        kept += han_counts(text)
    return han_counts(raw_text) - kept
