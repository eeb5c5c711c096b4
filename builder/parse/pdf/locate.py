"""Where the parsed issue sits in its PDF: pages for lines, findings and documents.

The text handed to the parser has one paragraph per line, so line N is paragraph N: it starts
on one PDF page (and may end on a later one). From that, each finding names its page, each
document knows the PDF page it starts on (`pdf_page`, for `issue.pdf#page=N`) and its printed
page range (`pages`, from the numbers printed on its pages, else from its 目录 entry), and the
furniture dropped from each page is listed with the issue's removed text, at that page's
first line (the report names the page).
"""

from __future__ import annotations

from builder.model import Issue, Noise, SourcePage
from builder.parse.pdf.reader import PdfText

#: OCR pages whose mean recognition score is below this are named for an editor to check
LOW_CONFIDENCE = 0.9


def place_on_pages(issue: Issue, pdf: PdfText) -> None:
    paragraphs = pdf.paragraphs
    issue.pdf_pages = []
    for info in pdf.pages:
        touching = [n for n, p in enumerate(paragraphs, 1) if p.first_page <= info.number <= p.last_page]
        issue.pdf_pages.append(
            SourcePage(
                info.number,
                info.source,
                info.printed,
                info.confidence,
                touching[0] if touching else None,
                touching[-1] if touching else None,
            )
        )
    printed = {page.number: page.printed for page in issue.pdf_pages}
    for finding in issue.findings:
        finding.page = issue.page_of(finding.line)
    for page_number, kind, text in _grouped(pdf.dropped):  # listed at the page's first line: its page
        page = issue.pdf_pages[page_number - 1]
        issue.removed.append((page.first_line or 0, kind, text))
    issue.removed.sort(key=lambda entry: entry[0])
    toc_pages = {entry.document: entry.page for entry in issue.toc if entry.document and entry.page}
    for position, document in enumerate(issue.documents, 1):
        if not 0 < document.start_line <= len(paragraphs):
            continue
        first = paragraphs[document.start_line - 1].first_page
        last = paragraphs[min(document.end_line, len(paragraphs)) - 1].last_page if document.end_line > 0 else first
        document.pdf_page = first
        start, end = printed.get(first), printed.get(last)
        listed = toc_pages.get(position)
        if start is None and listed is not None:  # no number printed on the page: the 目录 says
            start = listed
            end = listed + (last - first)
        elif listed is not None and listed != start:
            issue.note(
                f"the 目录 lists {document.title[:30]} on page {listed}, it is printed on page {start}",
                document.start_line,
            )
        if start is not None:
            document.pages = (start, end if end is not None and end >= start else start + (last - first))
    for finding in issue.findings:
        finding.page = issue.page_of(finding.line)
    for page in issue.pdf_pages:
        if page.confidence is not None and page.confidence < LOW_CONFIDENCE:
            issue.warn(
                f"page {page.number} was read by OCR with low confidence ({page.confidence:.2f}): "
                "check its text against the PDF",
                page.first_line,
            )
            issue.findings[-1].page = page.number


def _grouped(dropped):
    """(page, kind, text) of the furniture dropped; a banner's characters, one line each, as one."""
    out: list[list] = []
    for item in dropped:
        last = out[-1] if out else None
        if last and last[:2] == [item.page, item.kind] and item.kind is Noise.VERTICAL_BANNER and len(item.text) == 1:
            last[2] += item.text
        else:
            out.append([item.page, item.kind, item.text])
    return [tuple(entry) for entry in out]
