"""施行日期 and 有效期: when a document takes effect and how long it stays in force.

Runs after extraction (builder.parse), on each document's body text. Expects the document's
blocks and its 成文日期 (`Document.date`) filled in; guarantees `Document.validity` is a
`Validity` when the text states a start or a term, None otherwise. Reads only what the text
says (the first statement of each); never guesses a term the text does not give. Only words
that set an end give `valid_until` (有效期X年, 有效期至…); a term whose sentence goes on to
revise the text (有效期原则上为三年，但…要求修订时予以及时修订) is a review cycle, kept as
`review_text` with no end.
"""

from __future__ import annotations

import calendar
import datetime

from builder.model import Document, Validity
from builder.patterns.dates import parse_date
from builder.patterns.validity import (
    EFFECTIVE_FROM,
    REVIEW_CYCLE_TAIL,
    VALID_FOR,
    VALID_UNTIL,
    WRAP_SPACE,
    cn_count,
)


def document_validity(document: Document) -> Validity | None:
    """The `Validity` the document's own text states, or None."""
    text = _body_text(document)
    effective = effective_text = valid_until = term_text = review_text = None
    if (start := EFFECTIVE_FROM.search(text)) is not None:
        effective_text = start.group(0)
        effective = parse_date(start["date"]) if start["date"] else document.date
    if (until := VALID_UNTIL.search(text)) is not None:
        term_text, valid_until = until.group(0), parse_date(until["date"])
    elif (term := VALID_FOR.search(text)) is not None and (cycle := REVIEW_CYCLE_TAIL.match(text, term.end())):
        review_text = term.group(0) + cycle.group(0)  # revised on a cycle: it sets no end
    elif term is not None:
        term_text = term.group(0)
        years = cn_count(term["years"])
        begin = effective or document.date
        if years and begin:
            valid_until = last_day_in_force(begin, years)
    if effective_text is None and term_text is None and review_text is None:
        return None
    return Validity(effective, effective_text, valid_until, term_text, review_text)


def last_day_in_force(start: str, years: int) -> str:
    """The day before the `years`-th anniversary of `start` (2023-09-30, 5 -> 2028-09-29); a
    term begun on 29 February ends on the last day of February (the month's end, 民法典 §202)."""
    begin = datetime.date.fromisoformat(start)
    year = begin.year + years
    if begin.month == 2 and begin.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28).isoformat()
    return (datetime.date(year, begin.month, begin.day) - datetime.timedelta(days=1)).isoformat()


def add_validity(documents: list[Document]) -> None:
    """Pipeline stage: fill in each document's `validity`."""
    for document in documents:
        document.validity = document_validity(document)


def _body_text(document: Document) -> str:
    """The body's text, one block a line, without the spaces a wrapped line leaves."""
    return "\n".join(WRAP_SPACE.sub("", text) for block in document.blocks for text in block.texts())
