"""Citations between documents: by 文号 and by 《title》, with a page for every cited 文号.

A document cites another when its body (or, for a 政策解读, its title) gives that document's
文号 in any spelling, or quotes its title or the title of a plan it issued in 《》. A cited 文号
that is not in the archive gets a `CitedNumber` page of its own at the URL the document would
have (wenhao/国发-2023-18/), saying who issued it and which local documents cite it.

The index is complete when it is built: every 文号 in every text a page links
(`builder.render.linked_texts`) is resolved then, so rendering only looks targets up and the
set of pages does not depend on the order pages are rendered in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from builder.model import Block, BlockKind, DocNumber, Kind
from builder.patterns import (
    ISSUER_BEFORE_GUANYU,
    QUOTED_TITLE,
    TITLE_BEFORE_NUMBER,
    find_doc_number_spans,
    title_key,
)
from builder.render import linked_texts
from builder.site.library import DocumentEntry, Library, PagePath, doc_number_path

#: a quoted title names a document of its own issue from this length, of any issue from the
#: longer one (《政府工作报告》 is every county's, every year)
MIN_TITLE_SAME_ISSUE = 4
MIN_TITLE_ANY_ISSUE = 10


@dataclass(eq=False)  # compared by identity
class CitedNumber(PagePath):
    """A cited 文号 that is not in the archive."""

    number: DocNumber
    path: str
    authority: str | None = None
    title: str | None = None
    cited_by: list[DocumentEntry] = field(default_factory=list)


@dataclass
class Citation:
    """One outgoing citation of a document: to an archive document or to a `CitedNumber`."""

    number: str | None  # the 文号 as normalised, when cited by number
    title: str | None  # the title as quoted, when cited (or introduced) by title
    document: DocumentEntry | None = None
    external: CitedNumber | None = None

    def _external(self) -> CitedNumber:
        assert self.external is not None, "a citation names a document or a cited 文号"
        return self.external

    @property
    def in_archive(self) -> bool:
        return self.document is not None

    @property
    def page_uri(self) -> str:
        return self.document.page_uri if self.document else self._external().page_uri

    @property
    def url(self) -> str:
        return self.document.url if self.document else self._external().url

    @property
    def label(self) -> str:
        if self.document is not None:
            return self.document.document.title
        return self.title or self.number or ""


def body_texts(blocks: list[Block]) -> list[str]:
    """The runs of body text that citations are looked for in (what the site links)."""
    skipped = (BlockKind.DOC_NUMBER, BlockKind.HEADING, BlockKind.ATTACHMENT_TITLE)
    return [text for block in blocks if block.kind not in skipped for text in block.texts()]


@cache
def authority_table() -> dict[str, str]:
    text = resources.files("builder.site").joinpath("data/authorities.yml").read_text(encoding="utf-8")
    return {str(code): str(name) for code, name in (yaml.safe_load(text) or {}).items()}


def _code_stem(prefix: str) -> str:
    """东政办发 -> 东政办: the issuing code without its kind letter (发, 字, 函 …)."""
    return prefix[:-1] if len(prefix) > 2 and prefix[-1] in "发字函报通复" else prefix


class CitationIndex:
    """Who cites whom in a library; fills each DocumentEntry's `cites` and `cited_by`."""

    def __init__(self, library: Library):
        self.library = library
        self.by_title: dict[str, list[DocumentEntry]] = {}
        self.external: dict[str, CitedNumber] = {}
        self.learned: dict[str, str] = {}
        for entry in library.documents_oldest_first:  # the oldest teaches the authority of a code
            document = entry.document
            if document.doc_number is not None and document.doc_number.prefix and document.issuers:
                self.learned.setdefault(_code_stem(document.doc_number.prefix), document.issuers[0])
            for title in {title_key(t) for t in [document.title, *document.attachments]}:
                if len(title) >= MIN_TITLE_SAME_ISSUE:
                    self.by_title.setdefault(title, []).append(entry)
        for entry in library.documents:
            self._collect(entry)
        for publisher in library.publishers:  # what the pages link, in the order the site renders them
            for issue in publisher.issues:
                for entry in issue.documents:
                    for text in linked_texts(entry.document):
                        for start, _, number in find_doc_number_spans(text):
                            self._resolve(number, text[:start])

    # --- look up ------------------------------------------------------------------------------

    def number_target(self, number: DocNumber) -> DocumentEntry | CitedNumber | None:
        """The page a cited 文号 links to: the document that owns it, else its own page; None
        for a number the index never saw (not in any text of the library)."""
        return self.library.owner(number) or self.external.get(number.normalized)

    def title_target(self, title: str, citing: DocumentEntry) -> DocumentEntry | None:
        """The document a quoted title names: one of the citing issue's own, else the only
        document anywhere with that (long enough) title."""
        key = title_key(title)
        candidates = [entry for entry in self.by_title.get(key, []) if entry is not citing]
        same_issue = [entry for entry in candidates if entry.issue is citing.issue]
        if len(same_issue) == 1:
            return same_issue[0]
        if len(candidates) == 1 and len(key) >= MIN_TITLE_ANY_ISSUE:
            return candidates[0]
        return None

    def authority(self, prefix: str) -> str | None:
        """The authority behind an issuing code: learned from the archive, else the table."""
        if not prefix:
            return None
        if (learned := self.learned.get(_code_stem(prefix))) is not None:
            return learned
        table = authority_table()
        for length in range(len(prefix), 0, -1):
            if prefix[:length] in table:
                return table[prefix[:length]]
        return None

    # --- build --------------------------------------------------------------------------------

    def _resolve(self, number: DocNumber, text_before: str) -> DocumentEntry | CitedNumber:
        """`number_target`, giving a number outside the archive its page on first sight, with
        the title the text quotes before it (《…》（国发〔2023〕18号）) and its authority."""
        entry = self.library.owner(number)
        if entry is not None:
            return entry
        cited = self.external.get(number.normalized)
        if cited is None:
            cited = self.external[number.normalized] = CitedNumber(number, doc_number_path(number))
            cited.authority = self.authority(number.prefix)
        quoted = TITLE_BEFORE_NUMBER.search(text_before)
        if quoted and cited.title is None:
            cited.title = quoted["title"].strip()
            if cited.authority is None and (issuer := ISSUER_BEFORE_GUANYU.match(cited.title)):
                cited.authority = issuer["issuer"]
        return cited

    def _collect(self, entry: DocumentEntry) -> None:
        seen: set[str] = {entry.path}
        for match in QUOTED_TITLE.finditer(entry.document.title):  # 《…》政策解读 cites its plan
            target = self.title_target(match["title"], entry)
            self._add(entry, seen, target, None, match["title"])
            if entry.document.kind == Kind.INTERPRETATION and target is not None and entry.interprets is None:
                entry.interprets = target  # 解读对象 and 解读: each page links the other
                target.interpretations.append(entry)
        for text in body_texts(entry.document.blocks):
            for start, _, number in find_doc_number_spans(text):
                self._add(entry, seen, self._resolve(number, text[:start]), number.normalized, None)
            for match in QUOTED_TITLE.finditer(text):
                self._add(entry, seen, self.title_target(match["title"], entry), None, match["title"])

    def _add(self, entry: DocumentEntry, seen: set[str], target, number: str | None, title: str | None) -> None:
        if target is None or target.path in seen:
            return
        seen.add(target.path)
        if isinstance(target, CitedNumber):
            entry.cites.append(Citation(number, title or target.title, external=target))
            target.cited_by.append(entry)
        else:
            entry.cites.append(Citation(number, title, document=target))
            target.cited_by.append(entry)
