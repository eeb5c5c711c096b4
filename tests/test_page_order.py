"""The site's indexes are complete before any page renders: rendering only looks things up, so
the pages and the set of pages do not depend on the order pages are rendered in (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT
from mkdocs.config.defaults import MkDocsConfig

from builder.content.corpus import issue_key, raw_issue_files
from builder.model import DocNumber
from builder.parse import parse_issue
from builder.site.citations import CitationIndex
from builder.site.departments import DepartmentRegistry
from builder.site.effects import apply_effects
from builder.site.library import build_library
from builder.site.pages import PageFactory
from builder.site.reader import build_date
from builder.site.register import register_rows


@pytest.fixture(scope="module")
def parsed():
    return [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]


def site(parsed, tmp_path: Path):
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "公报", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "gongbao"  # what MkDocs sets while it runs the plugin's on_files
    library = build_library(parsed)
    citations, departments = CitationIndex(library), DepartmentRegistry(library, CONTENT)
    apply_effects(library, citations)
    factory = PageFactory(config, library, citations, departments, site_name="公报", latest_issues=8, feed_entries=20)
    return library, citations, departments, factory


def registries(citations: CitationIndex, departments: DepartmentRegistry) -> dict:
    """Everything rendering could have added to: cited numbers (with title and authority) and
    departments (with spellings and documents)."""
    return {
        "cited": {
            key: (c.path, c.title, c.authority, [d.path for d in c.cited_by]) for key, c in citations.external.items()
        },
        "departments": {
            (folder, key): (
                d.name,
                d.path,
                sorted(d.spellings),
                [e.path for e in d.issued + d.role_documents + d.mentioned],
            )
            for folder, found in departments.by_publisher.items()
            for key, d in found.items()
        },
    }


def pages(files) -> dict[str, str]:
    return {file.src_uri: file.content_string for file in files if file.src_uri.endswith(".md")}


def test_pages_rendered_in_reverse_order_are_the_same_pages(parsed, tmp_path):
    library, citations, departments, factory = site(parsed, tmp_path / "forward")
    forward = pages(factory.all_files())

    library, citations, departments, factory = site(parsed, tmp_path / "reverse")
    before = registries(citations, departments)
    # the pages that list what documents name first, the documents last, everything backwards
    files = []
    for publisher in reversed(library.publishers):
        files += [factory.department(d) for d in reversed(departments.departments(publisher))]
        files.append(factory.department_index(publisher))
        files.append(factory.register(publisher, register_rows(publisher, build_date())))
    files += [factory.cited_number(cited) for cited in reversed(list(citations.external.values()))]
    files += [factory.search_page(), factory.lookup(), factory.home(), factory.site_map(), factory.about()]
    for publisher in reversed(library.publishers):
        files.append(factory.publisher(publisher))
        files += [factory.issue(issue) for issue in reversed(publisher.issues)]
    files += [factory.document(entry) for entry in reversed(library.documents)]

    assert registries(citations, departments) == before  # rendering registered nothing
    assert pages(files) == forward  # the same page set, each page the same
    assert len(forward) > 100


def test_a_lookup_of_an_unknown_key_registers_nothing(parsed, tmp_path):
    library, citations, departments, _ = site(parsed, tmp_path)
    before = registries(citations, departments)
    publisher = next(p for p in library.publishers if p.folder == "东胜区人民政府")
    assert citations.number_target(DocNumber("某某未见发", 2099, 1, "某某未见发〔2099〕1号")) is None
    assert departments.find(publisher, "东胜区星际交通运输局") is None
    assert departments.names_in(publisher, "由东胜区星际交通运输局负责") != []  # a name …
    assert departments.mentions(publisher, "由东胜区星际交通运输局负责") == []  # … the registry does not know
    assert registries(citations, departments) == before
