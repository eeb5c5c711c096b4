"""The builder's pipeline: read -> clean -> segment -> extract, returning an `Issue`.

    1. read the file (builder.parse.reading) and number its lines;
    2. clean: run the line stages of builder.parse.cleaning in registry order;
    3. segment: find the 目录 (builder.parse.toc), the document anchors (builder.parse.segment), reconcile
       the two, and drop the front matter before the first document;
    4. extract: each document's blocks and metadata (builder.parse.extract), the issue's own facts
       (builder.parse.issue_meta), and the findings an editor should look at.

Rendering to Markdown is separate (builder.render).
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.model import Document, Issue, Noise, TocEntry
from builder.parse.audit import lost_characters
from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.parse.cleaning.lines import SourceLine
from builder.parse.extract import extract_document
from builder.parse.issue_meta import read_issue_facts
from builder.parse.pdf import is_pdf, read_pdf
from builder.parse.pdf.locate import place_on_pages
from builder.parse.reading import (
    DEFAULT_MAX_BYTES,
    decode,
    read_issue_bytes,
    split_lines,
)
from builder.parse.segment import (
    Anchor,
    build_segments,
    find_anchors,
    front_matter_end,
    locate_toc_entry,
    title_similarity,
)
from builder.parse.sidecar import apply_sidecar, find_sidecar, load_sidecar
from builder.parse.toc import TocBlock, find_toc, title_without_number
from builder.parse.validity import add_validity
from builder.patterns import (
    CJK_CHAR,
    KIND_SUFFIXES,
    normalize_doc_number,
    special_item_kind,
)

MATCH_THRESHOLD = 0.6


def parse_issue(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, sidecar: bool = True) -> Issue:
    """Read and parse one raw issue file, applying its sidecar corrections if there is one."""
    return parse_raw(read_issue_bytes(path, max_bytes=max_bytes), path, sidecar=sidecar)


def parse_raw(data: bytes, path: str | Path, sidecar: bool = True) -> Issue:
    """Parse the bytes of the raw issue file at `path` (its sidecar is looked for beside it).

    The result is audited: Han characters of the raw text that reach neither a document nor
    the removed-text list are reported as a warning, never lost silently. A PDF is read into
    one paragraph per line first (builder.parse.pdf), and the issue is then placed on its pages."""
    pdf = read_pdf(data, path) if is_pdf(data) else None
    text = pdf.text if pdf is not None else decode(data, path)
    issue = parse_text(text, source=str(path))
    if pdf is not None:
        place_on_pages(issue, pdf)
    lost = lost_characters(text, issue, via_markdown=False)
    if lost:
        sample = "".join(sorted(lost))[:20]
        issue.warn(f"{sum(lost.values())} Han character(s) of the raw text are in no document and not "
                   f"in the removed text (builder bug, please report): {sample}")
    if sidecar:
        sidecar_path = find_sidecar(Path(path))
        if sidecar_path is not None:
            apply_sidecar(issue, load_sidecar(sidecar_path))
    return issue


def parse_text(text: str, source: str = "<text>") -> Issue:
    """Parse the decoded text of one issue."""
    lines = source_lines(split_lines(text))
    context = CleaningContext()
    build_cleaner().run(lines, context)
    issue = Issue(source=source)
    for line_no, message in context.notes:
        issue.note(message, line_no)

    toc = find_toc(lines)
    start = front_matter_end(toc)
    anchors = find_anchors(lines, start)
    if toc:
        issue.toc = toc.entries
        anchors = _add_toc_anchors(lines, anchors, toc, start)
    _drop_front_matter(lines, toc, anchors, issue)

    front = list(lines[: anchors[0].first if anchors else 0])
    read_issue_facts(issue, front, lines, context.gazette_title)

    if not anchors:
        issue.documents = [_whole_text_document(lines, issue)]
    else:
        issue.documents = [extract_document(lines, segment, issue.year) for segment in build_segments(lines, anchors)]
    _reconcile_toc(issue)
    add_validity(issue.documents)  # 施行日期 and 有效期 from each text
    _check_documents(issue)
    issue.removed = [(line.no, line.noise, line.raw) for line in lines if line.noise and line.raw.strip()]
    issue.removed += context.removed
    issue.removed.sort()
    return issue


# --- segmentation helpers ---------------------------------------------------------------------


def _add_toc_anchors(lines: list[SourceLine], anchors: list[Anchor], toc: TocBlock, start: int) -> list[Anchor]:
    """Find in the text the 目录 entries that no 文号 or item heading accounts for."""
    taken = {i for anchor in anchors for i in anchor.title + ([anchor.number] if anchor.number is not None else [])}
    accounted = {id(entry) for anchor in anchors if (entry := _best_entry(lines, toc.entries, anchor)) is not None}
    for entry in toc.entries:
        if id(entry) in accounted:
            continue
        found = locate_toc_entry(lines, entry, start, taken)
        if found is not None:
            anchors.append(found)
            taken.update(found.title)
    return sorted(anchors, key=lambda anchor: anchor.first)


def _best_entry(lines: list[SourceLine], entries: list[TocEntry], anchor: Anchor) -> TocEntry | None:
    """The 目录 entry that names an anchor best, if any names it well enough (an entry that only
    resembles it, a 政策解读 of the plan a notice issues, stays to be found on its own)."""
    title = " ".join(lines[i].text for i in anchor.title)
    number = normalize_doc_number(lines[anchor.number].text) if anchor.number is not None else None
    scored = [(_entry_score(entry, title, number, anchor.special), position) for position, entry in enumerate(entries)]
    score, position = max(scored, default=(0.0, -1))
    return entries[position] if score >= MATCH_THRESHOLD else None


def _drop_front_matter(lines: list[SourceLine], toc: TocBlock | None, anchors: list[Anchor], issue: Issue) -> None:
    """Cover, 目录 and masthead come before the first document: they are not document text."""
    first = anchors[0].first if anchors else (toc.last + 1 if toc else 0)
    for index in range(first):
        line = lines[index]
        if toc and toc.first <= index <= toc.last:
            line.drop(Noise.TABLE_OF_CONTENTS)
        elif toc and index > toc.last:
            line.drop(Noise.EDITORIAL_BOARD)
        else:
            line.drop(Noise.COVER)
    if anchors:
        prose = sum(len(CJK_CHAR.findall(lines[i].raw)) for i in range(first) if lines[i].raw.rstrip().endswith("。"))
        if prose > 200:
            issue.warn(f"{prose} characters of sentences before the first document were treated as cover text", lines[0].no)


def _whole_text_document(lines: list[SourceLine], issue: Issue) -> Document:
    """No document was recognised: keep the whole cleaned text as one page rather than none."""
    from builder.parse.blocks import build_blocks

    for line in lines:
        if line.noise in {Noise.COVER, Noise.EDITORIAL_BOARD}:
            line.noise = None
    live = [line for line in lines if line.live]
    issue.warn("no document recognised in the issue; the whole cleaned text is kept as one page", live[0].no if live else None)
    blocks = build_blocks(live, expect_recipients=False)
    title = issue.gazette_title or "未识别的文本"
    return Document(title=title, start_line=live[0].no if live else 1, end_line=live[-1].no if live else 1, blocks=blocks)


# --- reconciliation and checks ----------------------------------------------------------------


def _reconcile_toc(issue: Issue) -> None:
    """Give each document its 目录 section; report entries not found and documents not listed."""
    if not issue.toc:
        return
    taken: set[int] = set()
    for entry in issue.toc:
        best, best_score = None, MATCH_THRESHOLD
        for position, document in enumerate(issue.documents):
            if position in taken:
                continue
            number = document.doc_number.normalized if document.doc_number else None
            score = _entry_score(entry, document.title, number, document.kind)
            if score > best_score or (score == best_score == 1.0 and best is None):
                best, best_score = position, score
        if best is None:
            issue.warn(f"目录 item not found in the text: {entry.title}", entry.line)
            continue
        taken.add(best)
        entry.document = best + 1
        issue.documents[best].section = entry.section
        issue.documents[best].in_toc = True
        issue.documents[best].pages = _printed_pages(issue.toc, entry)
    previous: Document | None = None
    for document in issue.documents:
        if not document.in_toc:
            if previous is not None and _is_companion(document, previous):
                document.section = previous.section
            issue.note(f"document not listed in the 目录: {document.title}", document.start_line)
        previous = document


def _printed_pages(toc: list[TocEntry], entry: TocEntry) -> tuple[int, int] | None:
    """The pages a 目录 item spans: from its page to the page before the next item's, or its own
    page alone when the next item's page does not follow it."""
    if entry.page is None:
        return None
    position = next(i for i, e in enumerate(toc) if e is entry)
    following = next((e.page for e in toc[position + 1:] if e.page is not None), None)
    last = following - 1 if following is not None and following > entry.page else entry.page
    return (entry.page, last)


def _entry_score(entry: TocEntry, title: str, number: str | None, kind: str | None) -> float:
    """How well a 目录 entry names a document: 1.0 for the same 文号, else title similarity,
    with a floor for a non-文件 item of the same kind (目录 大事记7-9月 / heading 大事记)."""
    if entry.doc_number and number and entry.doc_number == number:
        return 1.0
    entry_title = title_without_number(entry)
    score = title_similarity(entry_title, title)
    if kind and (kind == special_item_kind(entry_title) or (kind == "大事记" and "大事记" in entry_title)):
        score = max(score, 0.85)
    return score


def _is_companion(document: Document, previous: Document) -> bool:
    """A glossary or interpretation of the item just before it (《政府工作报告》名词解释)."""
    quoted = re.findall(r"《([^》]+)》", document.title)
    return any(title_similarity(q, previous.title) >= 0.9 for q in quoted)


_FILED_KINDS = {kind for _, kind in KIND_SUFFIXES}


def _check_documents(issue: Issue) -> None:
    """Warnings for what an editor should look at: missing 文号 or dates, leftovers."""
    for document in issue.documents:
        label = document.doc_number.normalized if document.doc_number else document.title[:30]
        if document.doc_number is None and document.kind in _FILED_KINDS and "关于" in document.title:
            issue.warn(f"no 文号 found for {document.title[:40]}", document.start_line)
        if document.doc_number is not None and document.date is None:
            issue.warn(f"no 成文日期 found for {label}", document.start_line)
        for block in document.blocks:
            for text in block.texts():
                leftover = re.search(r"(</?[a-zA-Z][^>]{0,40}>|\$\\[a-z]+|^#{1,6}\s|\ufffd)", text)
                if leftover:
                    issue.warn(f"suspicious leftover {leftover.group(0)!r} in {label}", block.start_line)


