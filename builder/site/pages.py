"""The virtual files the plugin hands to MkDocs: one per page and per download.

Pages are Markdown with front matter (title, description, template); their structured data
reaches the templates through `PageViews` (plugin.on_page_context), never through files on disk.
Downloads carry exactly the bytes `builder.render` produces.
"""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from builder.render import render_blocks, render_issue
from builder.search.index import IndexedDocument, SearchIndex
from builder.site.citations import CitationIndex, CitedNumber
from builder.site.departments import Department, DepartmentRegistry
from builder.site.downloads import reader_markdown
from builder.site.effects import has_status, status_data
from builder.site.feeds import absolute, atom_feed, documents_json, lookup_json
from builder.site.library import DocumentEntry, IssueEntry, Library, PublisherEntry
from builder.site.linking import PageLinker
from builder.site.reader import build_date
from builder.site.register import RegisterRow, register_csv, register_json, register_rows

#: a fixed timestamp for zip members, so the same issue always gives the same zip
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

TEMPLATES = {
    "home": "gongbao/home.html",
    "publisher": "gongbao/publisher.html",
    "issue": "gongbao/issue.html",
    "document": "gongbao/document.html",
    "lookup": "gongbao/lookup.html",
    "cited_number": "gongbao/cited-number.html",
    "department": "gongbao/department.html",
    "departments": "gongbao/departments.html",
    "search": "gongbao/search.html",
    "site_map": "gongbao/site-map.html",
    "about": "gongbao/about.html",
    "register": "gongbao/register.html",
}

HOME_URI = "index.md"
LOOKUP_URI = "lookup.md"
SEARCH_URI = "search.md"
SITE_MAP_URI = "wangzhanditu.md"  # 网站地图, for people (sitemap.xml is for crawlers)
ABOUT_URI = "about.md"
DOCUMENTS_JSON = "documents.json"
LOOKUP_JSON = "wenhao.json"
FEED = "feed.xml"


@dataclass
class PageView:
    """What a generated page's template gets as `gb`."""

    kind: str
    entry: Any = None  # PublisherEntry, IssueEntry, DocumentEntry, CitedNumber or Department
    library: Library | None = None
    latest: list[IssueEntry] | None = None  # home: the newest issues
    departments: Sequence[Department | None] | None = (
        None  # a document's issuers (None: not a known department); a publisher's registry
    )
    rows: list[RegisterRow] | None = None  # a publisher's register


def page_source(title: str, template: str, body: str = "", description: str | None = None) -> str:
    """A generated page's Markdown. Material prints `title` and `description` from the front
    matter into HTML unescaped (<title>, the header, <meta content="…">), so they are escaped
    here: text from a raw issue is shown, never parsed as markup."""
    meta = {"title": html.escape(title), "template": template}
    if description:
        meta["description"] = html.escape(description)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n" + body


def document_description(entry: DocumentEntry) -> str:
    document = entry.document
    parts = [
        str(document.doc_number) if document.doc_number else None,
        "、".join(document.issuers) or None,
        document.date,
        entry.issue.title,
    ]
    return " · ".join(part for part in parts if part)


def issue_zip(entry: IssueEntry, downloads: dict[int, str]) -> bytes:
    """Every document's download (`downloads`: position -> its Markdown) in one reproducible zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in entry.documents:
            member = zipfile.ZipInfo(f"{document.position + 1:02d}-{document.download_name}", _ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, downloads[document.position])
    return buffer.getvalue()


class PageFactory:
    """Makes the `File`s for a library and remembers which view belongs to which page."""

    def __init__(
        self,
        config: MkDocsConfig,
        library: Library,
        citations: CitationIndex,
        departments: DepartmentRegistry,
        *,
        site_name: str,
        latest_issues: int,
        feed_entries: int,
    ):
        self.config = config
        self.library = library
        self.citations = citations
        self.departments = departments
        self.site_name = site_name
        self.latest_issues = latest_issues
        self.feed_entries = feed_entries
        self.views: dict[str, PageView] = {}

    # --- pages --------------------------------------------------------------------------------

    def page(self, src_uri: str, source: str, view: PageView, in_nav: bool = True) -> File:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        self.views[src_uri] = view
        return File.generated(self.config, src_uri, content=source, inclusion=inclusion)

    def home(self) -> File:
        source = page_source(
            "首页", TEMPLATES["home"], description=f"{self.site_name}：政府公报全文、文号与发文机关检索"
        )
        return self.page(
            HOME_URI, source, PageView("home", library=self.library, latest=self.library.issues[: self.latest_issues])
        )

    def lookup(self) -> File:
        source = page_source("文号查询", TEMPLATES["lookup"])
        return self.page(LOOKUP_URI, source, PageView("lookup", library=self.library), in_nav=False)

    def search_page(self) -> File:
        source = page_source("搜索", TEMPLATES["search"], description=f"{self.site_name}全文搜索")
        everyone = [d for publisher in self.library.publishers for d in self.departments.departments(publisher)]
        view = PageView("search", library=self.library, departments=everyone)
        return self.page(SEARCH_URI, source, view, in_nav=False)

    def site_map(self) -> File:
        source = page_source("网站地图", TEMPLATES["site_map"], description=f"{self.site_name}的全部栏目和各期公报")
        view = PageView("site_map", library=self.library, departments=None)
        return self.page(SITE_MAP_URI, source, view, in_nav=False)

    def about(self) -> File:
        source = page_source(
            "关于本库", TEMPLATES["about"], description=f"{self.site_name}收录范围、更新时间和各公报的编辑信息"
        )
        return self.page(ABOUT_URI, source, PageView("about", library=self.library), in_nav=False)

    def publisher(self, entry: PublisherEntry) -> File:
        source = page_source(entry.name, TEMPLATES["publisher"], description=f"{entry.name}公报各期")
        return self.page(entry.page_uri, source, PageView("publisher", entry, self.library))

    def issue(self, entry: IssueEntry) -> File:
        source = page_source(entry.title, TEMPLATES["issue"], description=f"{entry.title} 目录")
        return self.page(entry.page_uri, source, PageView("issue", entry, self.library))

    def document(self, entry: DocumentEntry) -> File:
        # one level down: the page template prints the title as the only h1, and Material's outline
        # would drop every h1 after the first (an attachment title is `#` in the download)
        body = render_blocks(entry.document, shift=1, linker=PageLinker(entry, self.citations, self.departments))
        source = page_source(entry.display_title, TEMPLATES["document"], body, description=document_description(entry))
        issuers = [self.departments.find(entry.issue.publisher, name) for name in entry.document.issuers]
        view = PageView("document", entry, self.library, departments=issuers)
        return self.page(entry.page_uri, source, view, in_nav=False)

    def cited_number(self, cited: CitedNumber) -> File:
        title = f"{cited.number}" + (f" {cited.title}" if cited.title else "")
        source = page_source(title, TEMPLATES["cited_number"], description=f"引用 {cited.number} 的本库文件")
        return self.page(cited.page_uri, source, PageView("cited_number", cited, self.library), in_nav=False)

    def department(self, department: Department) -> File:
        source = page_source(
            department.name, TEMPLATES["department"], description=f"{department.name}发布、承办和提及的文件"
        )
        return self.page(department.page_uri, source, PageView("department", department, self.library), in_nav=False)

    def department_index(self, publisher: PublisherEntry) -> File:
        source = page_source(f"{publisher.name} 部门", TEMPLATES["departments"], description=f"{publisher.name}各部门")
        view = PageView("departments", publisher, self.library, departments=self.departments.departments(publisher))
        return self.page(publisher.departments_uri, source, view)

    def register(self, publisher: PublisherEntry, rows: list[RegisterRow]) -> File:
        title = f"{publisher.name} 文件目录"
        source = page_source(title, TEMPLATES["register"], description=f"{publisher.name}行政规范性文件及其效力状态")
        return self.page(publisher.register_uri, source, PageView("register", publisher, self.library, rows=rows))

    # --- downloads and data -------------------------------------------------------------------

    def download(self, dest_uri: str, content: str | bytes) -> File:
        """A static file at `dest_uri`; its source name ends in `.download` so MkDocs never
        mistakes a Markdown download for a page."""
        file = File.generated(self.config, dest_uri + ".download", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = dest_uri
        return file

    def original(self, dest_uri: str, source: Path) -> File:
        """The raw file itself (an issue's PDF), copied byte for byte."""
        file = File.generated(
            self.config, dest_uri + ".download", abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.dest_uri = dest_uri
        return file

    def all_files(self) -> list[File]:
        site_url = self.config.site_url or None
        files = [self.home(), self.lookup(), self.search_page(), self.site_map(), self.about()]
        for publisher in self.library.publishers:
            files.append(self.publisher(publisher))
            for issue in publisher.issues:
                files.append(self.issue(issue))
                files.append(self.download(issue.markdown_url, render_issue(issue.issue)))
                downloads = {
                    d.position: reader_markdown(d, absolute(site_url, d.url) if site_url else None)
                    for d in issue.documents
                }
                files.append(self.download(issue.zip_url, issue_zip(issue, downloads)))
                if issue.pdf_url is not None:
                    files.append(self.original(issue.pdf_url, issue.raw_path))
                for document in issue.documents:
                    files.append(self.document(document))
                    files.append(self.download(document.markdown_url, downloads[document.position]))
        for cited in self.citations.external.values():
            files.append(self.cited_number(cited))
        today = build_date()
        for publisher in self.library.publishers:
            rows = register_rows(publisher, today)
            files.append(self.register(publisher, rows))
            files.append(self.download(publisher.register_download("csv"), register_csv(rows, site_url, today)))
            files.append(self.download(publisher.register_download("json"), register_json(rows, site_url, today)))
            files.append(self.department_index(publisher))
            files += [self.department(d) for d in self.departments.departments(publisher)]
        files.append(self.download(DOCUMENTS_JSON, documents_json(self.library, self.departments, site_url)))
        records = indexed_documents(self.library, self.departments.names_for)
        index = SearchIndex.build(records, self.citations.external.values())
        files += [self.download(path, content) for path, content in index.files.items()]
        files.append(self.download(LOOKUP_JSON, lookup_json(self.library, self.citations.external.values())))
        files.append(self.download(FEED, atom_feed(self.library, self.site_name, site_url, self.feed_entries)))
        return files

    def nav(self, user_pages: list[str]) -> list:
        """首页, the user's own pages, then each publisher with its issues, newest first."""
        nav: list = [{"首页": HOME_URI}, *user_pages]
        for publisher in self.library.publishers:
            # nav titles, like front matter titles, reach the HTML unescaped
            issues = [{html.escape(i.short_title): i.page_uri} for i in publisher.issues]
            nav.append(
                {
                    html.escape(publisher.name): [
                        publisher.page_uri,
                        *issues,
                        {"文件目录": publisher.register_uri},
                        {"部门": publisher.departments_uri},
                    ]
                }
            )
        return nav


def indexed_documents(library: Library, departments_of: Callable[[DocumentEntry], list[str]]) -> list[IndexedDocument]:
    """The search index's records of the library's document pages, newest issue first."""
    return [
        IndexedDocument(
            entry.document,
            entry.url,
            entry.display_title,
            entry.issue.title,
            entry.issue.publisher.name,
            entry.issue.issue.year,
            entry.document.date or entry.issue.issue.date,
            departments_of(entry),
            status_data(entry) if has_status(entry) else None,
        )
        for entry in library.documents
    ]
