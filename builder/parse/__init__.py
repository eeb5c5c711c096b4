"""The parse layer: raw bytes + sidecar -> `Issue`. This module only orchestrates the stages:

    1. read the file (parse.reading; a PDF through parse.pdf) and number its lines;
    2. clean: run the line stages of parse.cleaning in registry order;
    3. segment: find the 目录 (parse.toc) and the document anchors (parse.segment), reconcile the
       two (parse.reconcile), and drop the front matter before the first document;
    4. extract: each document's blocks (parse.blocks) and metadata (parse.extract, parse.validity),
       the issue's own facts (parse.issue_meta), and the findings for the editor (parse.checks);
    5. audit: no Han character of the raw text is lost (parse.audit); the sidecar is applied.

Rendering to Markdown is separate (builder.render).
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import InputError
from builder.model import Document, Finding, Issue, Level, Noise
from builder.parse.audit import lost_characters
from builder.parse.checks import check_documents
from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.parse.cleaning.lines import SourceLine
from builder.parse.effects import add_effects
from builder.parse.extract import extract_document
from builder.parse.issue_meta import read_issue_facts
from builder.parse.pdf import is_pdf, read_pdf
from builder.parse.pdf.locate import place_on_pages
from builder.parse.reading import (
    DEFAULT_MAX_BYTES,
    decode,
    drop_control_characters,
    read_issue_bytes,
    split_lines,
)
from builder.parse.reconcile import add_toc_anchors, pages_from_footers, reconcile_toc
from builder.parse.segment import (
    Anchor,
    build_segments,
    find_anchors,
    front_matter_end,
)
from builder.parse.sidecar import apply_sidecar, find_sidecar, load_sidecar
from builder.parse.toc import TocBlock, find_toc
from builder.parse.validity import add_validity
from builder.patterns import CJK_CHAR


def parse_issue(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, sidecar: bool = True) -> Issue:
    """Read and parse one raw issue file, applying its sidecar corrections if there is one."""
    return parse_raw(read_issue_bytes(path, max_bytes=max_bytes), path, sidecar=sidecar)


def parse_raw(data: bytes, path: str | Path, sidecar: bool = True) -> Issue:
    """Parse the bytes of the raw issue file at `path` (its sidecar is looked for beside it).

    The result is audited: Han characters of the raw text that reach neither a document nor
    the removed-text list are reported as a warning, never lost silently. A PDF is read into
    one paragraph per line first (builder.parse.pdf), and the issue is then placed on its pages."""
    if Path(path).suffix.lower() == ".pdf" and not is_pdf(data):
        # served behind 下载原版 PDF, a text file would be a broken download
        raise InputError("is named .pdf but is not a PDF (no %PDF- header); keep a text issue as issue.txt", path)
    pdf = read_pdf(data, path) if is_pdf(data) else None
    text, controls = drop_control_characters(pdf.text if pdf is not None else decode(data, path))
    issue = parse_text(text, source=str(path))
    if controls:  # ESC and BEL would reach terminals raw, and make the feed invalid XML
        line, escapes = controls[0]
        more = f"; {len(controls) - 1} more line(s) had some" if len(controls) > 1 else ""
        issue.warn(f"control character(s) {escapes} dropped from the text{more}", line)
    if pdf is not None:
        place_on_pages(issue, pdf)
        issue.findings += [
            Finding(Level.WARNING, message, page=page) for page, message in pdf.notes
        ]  # shrunk or skipped pages
    lost = lost_characters(text, issue, via_markdown=False)
    if lost:
        sample = "".join(sorted(lost))[:20]
        issue.warn(
            f"{sum(lost.values())} Han character(s) of the raw text are in no document and not "
            f"in the removed text (builder bug, please report): {sample}"
        )
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
        anchors = add_toc_anchors(lines, anchors, toc, start)
    _drop_front_matter(lines, toc, anchors, issue)

    front = list(lines[: anchors[0].first if anchors else 0])
    read_issue_facts(issue, front, lines, context.gazette_title)

    if not anchors:
        issue.documents = [_whole_text_document(lines, issue)]
    else:
        issue.documents = [extract_document(lines, segment, issue.year) for segment in build_segments(lines, anchors)]
    reconcile_toc(issue)
    add_validity(issue.documents)  # 施行日期 and 有效期 from each text
    add_effects(issue.documents)  # what each repeals, invalidates or amends (takes the 施行日期)
    check_documents(issue)
    issue.removed = [(line.no, line.noise, line.raw) for line in lines if line.noise and line.raw.strip()]
    issue.removed += context.removed
    issue.removed.sort()
    pages_from_footers(issue)
    return issue


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
            issue.warn(
                f"{prose} characters of sentences before the first document were treated as cover text", lines[0].no
            )


def _whole_text_document(lines: list[SourceLine], issue: Issue) -> Document:
    """No document was recognised: keep the whole cleaned text as one page rather than none."""
    from builder.parse.blocks import build_blocks

    for line in lines:
        if line.noise in {Noise.COVER, Noise.EDITORIAL_BOARD}:
            line.noise = None
    live = [line for line in lines if line.live]
    issue.warn(
        "no document recognised in the issue; the whole cleaned text is kept as one page", live[0].no if live else None
    )
    blocks = build_blocks(live, expect_recipients=False)
    title = issue.gazette_title or "未识别的文本"
    return Document(
        title=title, start_line=live[0].no if live else 1, end_line=live[-1].no if live else 1, blocks=blocks
    )
