"""Links in a document page's body: cited 文号, quoted titles, and department names.

`PageLinker` is the `builder.render.Linker` the site passes when it renders a document page.
Every cited 文号 links to its document or to its 文号 page, a 《title》 to the document it names,
and a department name to its page, the first time it appears in each section. Links are
relative paths to the target's Markdown source, so MkDocs resolves and checks every one of them
(`mkdocs build --strict` fails on a broken link). A table is raw HTML, which MkDocs leaves alone:
`resolve_source_links` gives its links the target page's URL once the page is rendered.
"""

from __future__ import annotations

import html
import posixpath
import re

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from builder.patterns.docnumber import find_doc_number_spans
from builder.patterns.kinds import QUOTED_TITLE
from builder.site.citations import CitationIndex
from builder.site.departments import DepartmentRegistry
from builder.site.library import DocumentEntry


class PageLinker:
    def __init__(self, entry: DocumentEntry, citations: CitationIndex, departments: DepartmentRegistry):
        self.entry = entry
        self.citations = citations
        self.departments = departments
        self._linked_departments: set[str] = set()
        self._page_dir = posixpath.dirname(entry.page_uri)

    def new_section(self) -> None:
        self._linked_departments.clear()

    def _href(self, page_uri: str) -> str:
        return posixpath.relpath(page_uri, self._page_dir)

    def _spans(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """(start, end, target page, department key or None) candidates, in order of priority."""
        spans: list[tuple[int, int, str, str | None]] = []
        for start, end, number in find_doc_number_spans(text):
            if (cited := self.citations.number_target(number)) is not None:
                spans.append((start, end, cited.page_uri, None))
        for match in QUOTED_TITLE.finditer(text):
            target = self.citations.title_target(match["title"], self.entry)
            if target is not None:
                spans.append((match.start(), match.end(), target.page_uri, None))
        for start, end, department in self.departments.mentions(self.entry.issue.publisher, text):
            if department.key not in self._linked_departments:
                spans.append((start, end, department.page_uri, department.key))
        return spans

    def __call__(self, text: str) -> list[tuple[str, str | None]]:
        chosen: list[tuple[int, int, str, str | None]] = []
        for span in self._spans(text):
            start, end, target, department = span
            if target == self.entry.page_uri or department in self._linked_departments:
                continue
            if all(end <= s[0] or start >= s[1] for s in chosen):
                chosen.append(span)
                if department is not None:
                    self._linked_departments.add(department)  # once per section
        pieces: list[tuple[str, str | None]] = []
        position = 0
        for start, end, target, _ in sorted(chosen):
            if start > position:
                pieces.append((text[position:start], None))
            pieces.append((text[start:end], self._href(target)))
            position = end
        if position < len(text):
            pieces.append((text[position:], None))
        return pieces


#: an <a href> to a Markdown source, as a table's raw HTML carries it (see `resolve_source_links`)
SOURCE_HREF = re.compile(r'(<a href=")([^"#:]+\.md)(#[^"]*)?(")')


def resolve_source_links(content: str, page: Page, files: Files) -> str:
    """The page's HTML with links to Markdown sources (in raw HTML tables) pointing at the pages
    built from them, relative to this page, as MkDocs does for Markdown links. A link to a
    source that is not in the site is left as it is (the page's own checks report it)."""

    def resolved(match: re.Match) -> str:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), html.unescape(match[2])))
        target = files.get_file_from_path(source)
        if target is None:
            return match[0]
        return match[1] + html.escape(target.url_relative_to(page.file)) + (match[3] or "") + match[4]

    return SOURCE_HREF.sub(resolved, content) if ".md" in content else content
