"""The corpus as the site sees it: publishers -> issues -> documents, each with its URL.

Content layout: `<content>/<publisher>/<issue>/issue.txt` (any other `*.txt` file is an issue of
its own, keyed by its path without the suffix). URLs, relative to the site root:

    <publisher>/                         publisher page
    <publisher>/<issue>/                 issue page, plus <issue>.md and <issue>.zip downloads
    wenhao/<code>-<year>-<serial>/       a document with a 文号 (东政办发〔2023〕33号 -> 东政办发-2023-33)
    <publisher>/<issue>/<title>/         a document without one
    <publisher>/bumen/                   the publisher's departments, one page each below it
    <publisher>/mulu/                    the publisher's register (文件目录), with mulu.csv and mulu.json
    <page URL without its slash>.md      each document's Markdown download

Two documents with the same 文号 (a reprint, or a misprint) keep the plain URL for the one in
the earlier issue; the later one gets `-<publisher>-<issue>` appended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path, PurePosixPath

from builder.model import DocNumber, Document, Issue, Masthead, PagesUnknown
from builder.site.permalinks import doc_number_slug, number_slug, title_slug, unique
from builder.site.printed import PrintedPages, is_generic_title, printed_pages

DOC_NUMBER_ROOT = "wenhao"
DEPARTMENTS_ROOT = "bumen"
REGISTER_ROOT = "mulu"


class PagePath:
    """A page at `path` (no trailing slash): its URL and the name of its Markdown source."""

    path: str

    @property
    def url(self) -> str:
        return self.path + "/"

    @property
    def page_uri(self) -> str:
        return self.path + ".md"


@dataclass(eq=False)  # entries are compared by identity (list membership, dict keys)
class DocumentEntry(PagePath):
    document: Document
    issue: IssueEntry
    position: int  # 0-based, in printed order
    path: str  # page path without trailing slash: wenhao/东政办发-2023-33
    previous: DocumentEntry | None = None
    next: DocumentEntry | None = None
    cites: list = field(default_factory=list)  # Citation, filled by builder.site.citations
    cited_by: list[DocumentEntry] = field(default_factory=list)
    revisions: list = field(default_factory=list)  # builder.content.revisions.Revision, newest first (gongbao publish)
    pages: PrintedPages | None = None  # in the printed gazette (builder.site.printed.printed_pages)
    interprets: DocumentEntry | None = None  # a 政策解读's 解读对象 (builder.site.citations)
    interpretations: list[DocumentEntry] = field(default_factory=list)  # the 政策解读 of this one
    effects_made: list = field(default_factory=list)  # AppliedEffect it makes (builder.site.effects)
    effects_received: list = field(default_factory=list)  # AppliedEffect made on it, oldest first

    @property
    def toc_title(self) -> str:
        """The 目录's fuller wording of an item without 文号 (大事记 -> 东胜区人民政府大事记7-9月),
        else the title as printed."""
        title = self.document.title
        if self.document.doc_number is None:
            for entry in self.issue.issue.toc:
                if entry.document == self.position + 1 and title in entry.title and len(entry.title) > len(title):
                    return entry.title
        return title

    @property
    def display_title(self) -> str:
        """The title for page titles, lists, search results and feeds: a generic title (one that
        does not say whose it is or when) with its issue."""
        title = self.toc_title
        generic = is_generic_title(title, self.document, self.issue.publisher.name)
        return f"{title}（{self.issue.title}）" if generic else title

    @property
    def pages_reason(self) -> str | None:
        """What the page says where it has no printed pages: the parser's reason, with the pages
        the running footers show (含第12页) or the range of the item it is printed after."""
        if self.pages is not None:
            return None
        document = self.document
        reason = document.pages_unknown or PagesUnknown.NOT_PRINTED
        if reason == PagesUnknown.PARTLY_PRINTED and document.footer_pages:
            first, last = document.footer_pages
            return f"含第{first}页" + (f"至第{last}页" if last != first else "") + f"（{reason}）"
        if reason == PagesUnknown.COMPANION and self.previous and self.previous.pages:
            return f"目录未单列，印于上一件{self.previous.pages}内"
        return str(reason)

    @property
    def markdown_url(self) -> str:
        return self.path + ".md"  # the download; the page itself is served at `url`

    @property
    def pdf_link(self) -> str | None:
        """The page of the issue's original PDF where the document starts (None: no PDF)."""
        if self.issue.pdf_url is None or self.document.pdf_page is None:
            return None
        return f"{self.issue.pdf_url}#page={self.document.pdf_page}"

    @property
    def download_name(self) -> str:
        number = self.document.doc_number
        return f"{number.normalized if number and number.prefix else self.path.rsplit('/', 1)[-1]}.md"


@dataclass(eq=False)
class IssueEntry:
    issue: Issue
    key: str  # <publisher>/<issue folder>, also the issue page's path
    raw_path: Path
    publisher: PublisherEntry
    documents: list[DocumentEntry] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.key + "/"

    @property
    def page_uri(self) -> str:
        return self.key + "/index.md"

    @property
    def name(self) -> str:
        return PurePosixPath(self.key).name

    @property
    def markdown_url(self) -> str:
        return f"{self.key}/{self.name}.md"

    @property
    def zip_url(self) -> str:
        return f"{self.key}/{self.name}.zip"

    @property
    def pdf_url(self) -> str | None:
        """The original PDF, published as it was added (None for an issue kept as text)."""
        return f"{self.key}/{self.name}.pdf" if self.raw_path.suffix.lower() == ".pdf" else None

    @property
    def title(self) -> str:
        issue = self.issue
        return " ".join(part for part in (issue.gazette_title or self.publisher.name, issue.issue_label) if part)

    @property
    def short_title(self) -> str:
        return self.issue.issue_label or self.name

    @property
    def download_stem(self) -> str:
        return self.title.replace(" ", "-")

    @property
    def sort_key(self) -> tuple:
        """Newest first: by year, first 期, date, then folder name."""
        issue = self.issue
        return (issue.year or 0, issue.issue_numbers[0] if issue.issue_numbers else 0, issue.date or "", self.key)

    def sections(self) -> list[tuple[str | None, list[DocumentEntry]]]:
        """Documents grouped by 目录 section, in printed order (consecutive runs)."""
        groups: list[tuple[str | None, list[DocumentEntry]]] = []
        for entry in self.documents:
            section = entry.document.section
            if groups and groups[-1][0] == section:
                groups[-1][1].append(entry)
            else:
                groups.append((section, [entry]))
        return groups


@dataclass(eq=False)
class PublisherEntry:
    folder: str
    name: str
    issues: list[IssueEntry] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.folder + "/"

    @property
    def page_uri(self) -> str:
        return self.folder + "/index.md"

    @property
    def document_count(self) -> int:
        return sum(len(issue.documents) for issue in self.issues)

    @property
    def departments_uri(self) -> str:
        return f"{self.folder}/{DEPARTMENTS_ROOT}/index.md"

    @property
    def departments_url(self) -> str:
        return f"{self.folder}/{DEPARTMENTS_ROOT}/"

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and last year of its issues in the archive (None: no issue gives a year)."""
        known = [issue.issue.year for issue in self.issues if issue.issue.year]
        return (min(known), max(known)) if known else None

    @property
    def masthead(self) -> tuple[IssueEntry, Masthead] | None:
        """The newest issue that prints the gazette's masthead facts, and those facts."""
        return next(((issue, issue.issue.masthead) for issue in self.issues if issue.issue.masthead), None)

    @property
    def register_uri(self) -> str:
        return f"{self.folder}/{REGISTER_ROOT}/index.md"

    @property
    def register_url(self) -> str:
        return f"{self.folder}/{REGISTER_ROOT}/"

    def register_download(self, suffix: str) -> str:
        """The register as `csv` or `json`, beside its page."""
        return f"{self.folder}/{REGISTER_ROOT}/{REGISTER_ROOT}.{suffix}"

    def by_year(self) -> list[tuple[int | None, list[IssueEntry]]]:
        years: dict[int | None, list[IssueEntry]] = {}
        for issue in self.issues:
            years.setdefault(issue.issue.year, []).append(issue)
        return sorted(years.items(), key=lambda item: item[0] or 0, reverse=True)


@dataclass
class Library:
    publishers: list[PublisherEntry] = field(default_factory=list)
    #: normalized 文号 -> the document that owns it (see `documents_oldest_first`)
    number_owners: dict[str, DocumentEntry] = field(default_factory=dict)

    @property
    def issues(self) -> list[IssueEntry]:
        """Every issue, newest first."""
        return sorted((i for p in self.publishers for i in p.issues), key=lambda i: i.sort_key, reverse=True)

    @property
    def documents(self) -> list[DocumentEntry]:
        return [d for issue in self.issues for d in issue.documents]

    @property
    def documents_oldest_first(self) -> list[DocumentEntry]:
        """Every document, the oldest issue's first, each issue's in printed order. The first
        document with a 文号 in this order owns it: its URL, its citations, its lookup entry;
        a later one with the same 文号 (a reprint, a misprint) defers to it."""
        return [d for issue in reversed(self.issues) for d in issue.documents]

    def owner(self, number: DocNumber) -> DocumentEntry | None:
        """The document that owns `number` in this library, if any."""
        return self.number_owners.get(number.normalized)


def doc_number_path(number: DocNumber) -> str:
    """The page of a 文号: a document's (the owner's) or, for a cited one not in the archive, its own."""
    return f"{DOC_NUMBER_ROOT}/{number_slug(number)}"


def build_library(parsed: list[tuple[Path, str, Issue]]) -> Library:
    """Arrange parsed issues (raw path, issue key, model) into publishers and give every page its URL."""
    library = Library()
    publishers: dict[str, PublisherEntry] = {}
    for raw, key, issue in parsed:
        folder = key.split("/", 1)[0] if "/" in key else (issue.publisher or key)
        publisher = publishers.get(folder)
        if publisher is None:
            publisher = publishers[folder] = PublisherEntry(folder, issue.publisher or folder)
            library.publishers.append(publisher)
        if "/" not in key:
            key = f"{folder}/{key}"
        publisher.issues.append(IssueEntry(issue, key, raw, publisher))
    for publisher in library.publishers:
        publisher.issues.sort(key=lambda i: i.sort_key, reverse=True)
    library.publishers.sort(key=lambda p: p.folder)
    for issue_entry in library.issues:
        pages = printed_pages(issue_entry.issue)
        issue_entry.documents = [
            DocumentEntry(document, issue_entry, position, "", pages=pages[position])
            for position, document in enumerate(issue_entry.issue.documents)
        ]
        for before, after in pairwise(issue_entry.documents):
            before.next, after.previous = after, before
    for entry in library.documents_oldest_first:
        if entry.document.doc_number is not None:
            library.number_owners.setdefault(entry.document.doc_number.normalized, entry)
    _assign_document_paths(library)
    return library


def _assign_document_paths(library: Library) -> None:
    """The owner of a 文号 gets its plain URL, any other holder the URL with its issue appended;
    a document without an issuing code gets a URL from its title, unique in its issue."""
    taken: set[str] = set()
    for issue_entry in library.issues:
        issue_taken = {"index", issue_entry.name}  # the issue page and its downloads
        for entry in issue_entry.documents:
            if doc_number_slug(entry.document) is None:
                entry.path = f"{issue_entry.key}/{unique(title_slug(entry.document.title), issue_taken)}"
    for entry in library.documents_oldest_first:
        number = entry.document.doc_number
        if number is not None and doc_number_slug(entry.document) is not None:
            path = doc_number_path(number)
            if library.owner(number) is not entry or path in taken:
                path = unique(f"{path}-{entry.issue.key.replace('/', '-')}", taken)
            taken.add(path)
            entry.path = path
