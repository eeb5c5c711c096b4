"""The built site, checked as files: strict build, links, reachability, downloads, data files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CONTENT, SAMPLES

from builder.content.corpus import issue_key, raw_issue_files
from builder.parse import parse_issue
from builder.render import for_readers, render_body, render_issue
from builder.site.downloads import reader_markdown
from builder.site.library import build_library


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site[0]


@pytest.fixture(scope="module")
def library():
    parsed = [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]
    return build_library(parsed)


def page_file(site: Path, url_path: str) -> Path:
    """The file a site-relative URL path is served from (directory URLs -> index.html)."""
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def internal_links(page: Path, site: Path):
    """(link, target file, fragment) for every same-site href/src in a built page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    base = "/" + page.relative_to(site).as_posix()
    for tag in soup.find_all(["a", "link", "script", "img", "source"]):
        link = tag.get("href") or tag.get("src")
        if not link or link.startswith(("mailto:", "javascript:", "data:")):
            continue
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            continue
        resolved = urljoin(base, parts.path) if parts.path else base
        yield link, page_file(site, resolved), parts.fragment


def test_strict_build_has_no_warnings(built_site):
    _, log = built_site
    problems = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert problems == []


def test_no_broken_internal_links(site):
    broken = []
    for page in html_pages(site):
        for link, target, fragment in internal_links(page, site):
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif fragment and target.suffix == ".html" and f'id="{fragment}"' not in target.read_text(encoding="utf-8"):
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []


def test_every_document_is_linked_from_its_issue_page(site, library):
    for issue in library.issues:
        page = page_file(site, issue.url)
        links = {target for _, target, _ in internal_links(page, site)}
        for document in issue.documents:
            assert page_file(site, document.url) in links, f"{issue.key}: {document.document.title}"
        assert len(issue.documents) == len(issue.issue.documents) > 0


def test_every_issue_is_linked_from_its_publisher_page_and_home(site, library):
    home = {target for _, target, _ in internal_links(site / "index.html", site)}
    for publisher in library.publishers:
        assert page_file(site, publisher.url) in home
        links = {target for _, target, _ in internal_links(page_file(site, publisher.url), site)}
        assert {page_file(site, issue.url) for issue in publisher.issues} <= links


SITE_URL = "https://gongbao.example.org/"  # the sample site's mkdocs.yml


def download_of(document) -> str:
    return reader_markdown(document, SITE_URL + document.url)


def test_document_downloads_are_the_builders_bytes(site, library):
    for issue in library.issues:
        for document in issue.documents:
            expected = download_of(document).encode("utf-8")
            assert page_file(site, document.markdown_url).read_bytes() == expected, document.markdown_url


def test_a_document_download_is_a_readers_file(site, library):
    """Front matter says what it is, where it was printed and how to cite it; the body carries
    neither the builder's line numbers nor the site's markup (issue 25)."""
    for issue in library.issues:
        for document in issue.documents:
            text = page_file(site, document.markdown_url).read_text(encoding="utf-8")
            _, header, body = text.split("---\n", 2)
            meta = yaml.safe_load(header)
            assert "start_line" not in meta and "end_line" not in meta and "start_line" not in body
            assert meta["citation"].endswith(f"{document.url}。") and meta["url"] == SITE_URL + document.url
            assert meta["printed_in"]["gazette"] and meta["printed_in"]["issue"]
            assert meta["printed_in"]["pages"] or meta["printed_in"]["pages_note"], document.markdown_url
            assert "{: ." not in body and body.strip() == for_readers(render_body(document.document)).strip()
    text = page_file(site, "wenhao/东政办发-2023-43.md").read_text(encoding="utf-8")
    assert "东政办发[2023]43号" in text and "\\[" not in text


def test_issue_downloads_are_the_builders_bytes(site, library):
    for issue in library.issues:
        assert page_file(site, issue.markdown_url).read_bytes() == render_issue(issue.issue).encode("utf-8")
        archive = zipfile.ZipFile(io.BytesIO(page_file(site, issue.zip_url).read_bytes()))
        names = archive.namelist()
        assert len(names) == len(issue.documents)
        for name, document in zip(names, issue.documents, strict=False):
            assert archive.read(name) == download_of(document).encode("utf-8")


def test_zip_is_reproducible(site, library):
    from builder.site.pages import issue_zip

    issue = library.issues[0]
    downloads = {d.position: download_of(d) for d in issue.documents}
    assert issue_zip(issue, downloads) == page_file(site, issue.zip_url).read_bytes()


def test_html_is_chinese_and_search_dialog_is_named(site):
    for page in (site / "index.html", page_file(site, "wenhao/东政办发-2023-33/")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "zh-CN"
        dialog = soup.select_one('[role="dialog"].md-search')
        assert dialog is not None and dialog.get("aria-label")


def test_document_page_has_metadata_panel_and_outline(site):
    soup = BeautifulSoup(page_file(site, "wenhao/东政办发-2023-33/").read_text(encoding="utf-8"), "html.parser")
    panel = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in soup.select(".gb-meta dt")
    }
    assert panel["文号"] == "东政办发〔2023〕33号"
    assert panel["发文机关"] == "鄂尔多斯市东胜区人民政府办公室"
    assert panel["成文日期"] == "2023年7月6日"
    assert panel["文种"] == "通知"
    assert "2023年第7-9期" in panel["刊登"]
    assert [h.get_text(strip=True) for h in soup.select("h1")] == [
        "鄂尔多斯市东胜区人民政府办公室关于印发《东胜区建设慢性病综合防控示范区项目实施方案》的通知"
    ]
    outline = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert "一、项目背景" in outline and len(outline) > 10
    assert soup.select_one('a[rel="prev"]') and soup.select_one('a[rel="next"]')


def test_attachments_are_sections_of_their_own(site):
    soup = BeautifulSoup(page_file(site, "wenhao/东政办发-2023-33/").read_text(encoding="utf-8"), "html.parser")
    sections = [h.get_text(strip=True).rstrip("¶") for h in soup.select(".gb-body h2")]
    assert sections[0] == "东胜区建设慢性病综合防控示范区项目实施方案"
    assert len(sections) == 3


def test_documents_json_lists_every_document_with_working_urls(site, library):
    data = json.loads((site / "documents.json").read_text(encoding="utf-8"))
    assert data["count"] == len(data["results"]) == sum(len(i.issue.documents) for i in library.issues)
    for record in data["results"]:
        for key in ("html_url", "markdown_url"):
            assert record[key].startswith("https://gongbao.example.org/")
            path = urlsplit(record[key]).path
            assert page_file(site, path).is_file(), record[key]
        assert record["issue"]["publisher"]
    numbers = [r["doc_number"] for r in data["results"] if r["doc_number"]]
    assert "东政办发〔2023〕33号" in numbers


def test_wenhao_table_maps_every_doc_number_to_its_page(site, library):
    table = json.loads((site / "wenhao.json").read_text(encoding="utf-8"))
    for document in library.documents:
        number = document.document.doc_number
        if number is not None:
            assert page_file(site, table[number.normalized]).is_file()


def test_atom_feed_has_one_entry_per_issue(site, library):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert len(entries) == len(library.issues)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [i.title for i in library.issues]
    for entry in entries:
        assert entry.find("a:link", ns).get("href").startswith("https://gongbao.example.org/")


def test_sitemap_lists_every_document_page(site, library):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {unquote(loc.text) for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    for document in library.documents:
        assert "https://gongbao.example.org/" + document.url in urls


def test_raw_files_are_not_published(site):
    assert not list(site.rglob("issue.txt")) and not list(site.rglob("issue.yml"))


def test_build_writes_nothing_into_content(built_site):
    present = {p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*") if p.is_file()}
    editors = {p.relative_to(CONTENT).as_posix() for p in CONTENT.glob("*/departments.yml")}  # read, never written
    assert present == {p.relative_to(CONTENT).as_posix() for p in SAMPLES.values()} | editors


# --- cross-links (issue 4) on the bundled corpus ---------------------------------------------


def soup_of(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site, url_path).read_text(encoding="utf-8"), "html.parser")


def test_every_cited_doc_number_is_a_link(site, library):
    from builder.patterns import normalize_doc_number

    for document in library.documents:
        body = soup_of(site, document.url).select_one(".gb-body")
        linked = {normalize_doc_number(a.get_text()) for a in body.select("a")}
        missing = [n.normalized for n in document.document.references if n.normalized not in linked]
        assert missing == [], document.url


def test_a_national_document_lists_every_local_document_citing_it(site):
    soup = soup_of(site, "wenhao/国卫基层发-2023-41/")
    assert "国家卫生健康委员会" in soup.select_one(".gb-meta").get_text()
    citing = [a.get_text(strip=True) for a in soup.select(".gb-citedby li > a")]
    assert len(citing) == 2
    assert all("克什克腾旗全面推进紧密型县域医疗卫生共同体建设实施方案" in title for title in citing)


def test_the_interpretation_links_to_the_plan_it_interprets(site, library):
    interpretation = next(d for d in library.documents if d.document.kind == "解读")
    soup = soup_of(site, interpretation.url)
    cites = {a.get_text(strip=True): a["href"] for a in soup.select("#gb-cites + ul a")}
    plan = next(title for title in cites if title.startswith("克什克腾旗人民政府办公室关于印发"))
    assert unquote(cites[plan]).endswith("wenhao/克政办字-2025-4/")
    back = soup_of(site, "wenhao/克政办字-2025-4/")
    assert interpretation.document.title in [a.get_text(strip=True) for a in back.select(".gb-citedby li > a")]


def test_every_issuer_has_a_department_page(site, library):
    for document in library.documents:
        panel = soup_of(site, document.url).select_one(".gb-meta")
        issuer_links = [
            dd for dt, dd in zip(panel.select("dt"), panel.select("dd"), strict=False) if dt.get_text() == "发文机关"
        ]
        if document.document.issuers:
            links = issuer_links[0].select("a")
            assert len(links) == len(document.document.issuers)
            for link in links:
                target = page_file(site, urljoin("/" + unquote(document.url), link["href"]))
                assert target.is_file() and "发布的文件" in target.read_text(encoding="utf-8")


def test_department_aliases_merge_on_the_sample_corpus(site):
    housing = soup_of(site, "东胜区人民政府/bumen/住房和城乡建设局/").get_text()
    assert "区住建局" in housing and "区住房和城乡建设局" in housing
    forestry = soup_of(site, "东胜区人民政府/bumen/林业和草原分局/").get_text()
    assert "区林草分局" in forestry and "区林业和草原分局" in forestry
    government = soup_of(site, "东胜区人民政府/bumen/人民政府/")
    assert government.h1.get_text(strip=True) == "东胜区人民政府"
    assert "鄂尔多斯市东胜区人民政府" in government.get_text()


def test_department_index_per_publisher(site, library):
    for publisher in library.publishers:
        soup = soup_of(site, publisher.departments_url)
        assert len(soup.select(".gb-card")) >= 5


def test_documents_json_carries_cites_cited_by_and_departments(site):
    data = json.loads((site / "documents.json").read_text(encoding="utf-8"))
    plan = next(r for r in data["results"] if r["doc_number"] == "克政办字〔2025〕4号")
    assert {c["doc_number"] for c in plan["cites"]} == {
        "国卫基层发〔2023〕41号",
        "内卫基层发〔2024〕5号",
        "国卫办基层发〔2024〕22号",
    }
    assert not any(c["in_archive"] for c in plan["cites"])
    assert [c["title"] for c in plan["cited_by"]] == [
        "《克什克腾旗全面推进紧密型县域医疗卫生共同体建设实施方案(试行)》政策解读"
    ]
    relations = {d["name"]: d["relation"] for d in plan["departments"]}
    assert relations["克什克腾旗人民政府办公室"] == "issued"
    assert relations["克什克腾旗卫生健康委员会"] == "role"
