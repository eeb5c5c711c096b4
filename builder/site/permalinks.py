"""Stable URLs for documents, and the 文号 spellings the lookup route accepts.

A document's URL depends only on the document itself (its 文号) or on its own issue (issue
folder and title), never on what else is in the corpus, so adding an issue changes no URL.
"""

from __future__ import annotations

import re
import unicodedata

from builder.model import Document

#: at most this many characters of a title go into a URL (a path segment must stay < 255 bytes)
TITLE_SLUG_LENGTH = 40

_UNSAFE = re.compile(r"[^\w\u3400-\u9fff\-]+")  # no brackets: URLs go into Markdown links
_DASHES = re.compile(r"-{2,}")


def doc_number_slug(document: Document) -> str | None:
    """东政办发〔2023〕33号 -> 东政办发-2023-33; None when there is no 文号 or it has no issuing code."""
    number = document.doc_number
    if number is None or not number.prefix:
        return None
    prefix = _clean(number.prefix)
    return f"{prefix}-{number.year}-{number.serial}" if prefix else None


def title_slug(title: str) -> str:
    """A readable path segment from a title: Han characters, letters and digits, '-' between."""
    slug = _clean(title)[:TITLE_SLUG_LENGTH].strip("-")
    return slug or "untitled"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _DASHES.sub("-", _UNSAFE.sub("-", text)).strip("-")


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… if it is already in `taken` (which it is then added to)."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
