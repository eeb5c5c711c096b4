"""Checks that the builder lost no text: every Chinese character of the raw issue is either in
some document's Markdown or in text the cleaner removed on purpose (`Issue.removed`)."""

from __future__ import annotations

from collections import Counter

from builder.model import Issue
from builder.patterns.characters import CJK_CHAR
from builder.render import render_body


def han_counts(text: str) -> Counter[str]:
    every = Counter(text)  # counted in C; only the distinct characters are then tested
    return Counter({char: count for char, count in every.items() if CJK_CHAR.fullmatch(char)})


def lost_characters(raw_text: str, issue: Issue, via_markdown: bool = True) -> Counter[str]:
    """Han characters of `raw_text` found neither in the documents nor in the removed text.

    `via_markdown=False` counts the model (titles and block texts) instead of the rendered
    Markdown: what every parse checks, at a quarter of the cost; that rendering keeps every
    block text is the renderer's own property, tested (tests/test_properties.py)."""
    kept: Counter[str] = Counter()
    for document in issue.documents:
        if via_markdown:
            kept += han_counts(render_body(document))
        else:
            kept += han_counts(
                "\n".join([document.title, *(text for block in document.blocks for text in block.texts())])
            )
    for _, _, text in issue.removed:
        kept += han_counts(text)
    return han_counts(raw_text) - kept
