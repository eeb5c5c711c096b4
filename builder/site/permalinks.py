"""Stable URLs for documents, and the 文号 spellings the lookup route accepts.

A document's URL depends only on the document itself (its 文号) or on its own issue (issue
folder and title), never on what else is in the corpus, so adding an issue changes no URL.
"""

from __future__ import annotations

import re
import unicodedata

from builder.model import DocNumber, Document
from builder.patterns.characters import HAN

#: at most this many characters of a title go into a URL (a path segment must stay < 255 bytes)
TITLE_SLUG_LENGTH = 40

_UNSAFE = re.compile(rf"[^\w{HAN}\-]+")  # no brackets: URLs go into Markdown links
_DASHES = re.compile(r"-{2,}")


def number_slug(number: DocNumber) -> str:
    """The one path segment of a 文号, for a document's page and a cited number's page alike:
    东政办发〔2023〕33号 -> 东政办发-2023-33; 〔2023〕33号 (no issuing code) -> 2023-33."""
    return "-".join(part for part in (_clean(number.prefix), str(number.year), str(number.serial)) if part)


def doc_number_slug(document: Document) -> str | None:
    """The slug of a document's 文号 page; None when there is no 文号 or it has no issuing code
    (〔2023〕33号 alone does not say whose document it is, so the document keeps a title URL)."""
    number = document.doc_number
    if number is None or not _clean(number.prefix):
        return None
    return number_slug(number)


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
