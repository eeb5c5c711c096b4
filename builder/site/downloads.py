"""A document's Markdown download as a reader keeps it: front matter that says what the document
is, where it was printed and how to cite it, then the text without the site's own markup.

The builder's internals (source lines, the raw spelling of the 文号) stay in documents.json.

    title, doc_number, issuers, date     the document as printed (成文日期: date)
    kind, recipients, attachments, …     what the text states
    published                            发布日期: the issue's date
    effective_date, valid_until          施行日期 and the end of a stated term
    printed_in                           gazette, issue (期), pages (or why they are unknown)
    url, citation                        the page, and the line to paste into a footnote
"""

from __future__ import annotations

from builder.render import for_readers, render_body, yaml_text
from builder.site.library import DocumentEntry
from builder.site.reader import citation_line, gazette_name

#: what `Document.metadata` carries for the builder, not for a reader
INTERNAL_FIELDS = ("start_line", "end_line", "doc_number_raw")


def reader_front_matter(entry: DocumentEntry, url: str | None) -> dict:
    """The download's front matter (see the module docstring); `url`: the page's address."""
    data = {key: value for key, value in entry.document.metadata().items() if key not in INTERNAL_FIELDS}
    issue = entry.issue
    data["published"] = issue.issue.date
    data["printed_in"] = {
        "gazette": gazette_name(issue),
        "issue": issue.issue.issue_label or issue.short_title,
        "year": issue.issue.year,
        "pages": entry.pages.as_list() if entry.pages else None,
        "pages_note": entry.pages_reason,
    }
    data["url"] = url
    data["citation"] = citation_line(entry, url)
    return data


def reader_markdown(entry: DocumentEntry, url: str | None) -> str:
    """The downloadable `.md` of a document page."""
    body = for_readers(render_body(entry.document))
    return "---\n" + yaml_text(reader_front_matter(entry, url)) + "---\n\n" + body
