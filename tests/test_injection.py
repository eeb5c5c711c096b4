"""Text from a PDF is shown, never run: a site built from tests/fixtures/injection/ (script tags,
event handlers, javascript: links, Markdown and HTML syntax, Jinja, front-matter look-alikes)
has none of it as markup, in the static HTML or in headless Chromium, and its downloads keep
the text without breaking their front matter."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, copy_project, serve_directory

pytestmark = pytest.mark.site  # every test here builds a site

FIXTURE = ROOT / "tests" / "fixtures" / "injection"
TITLE = '某区人民政府关于<script>alert("title")</script>整治工作的通知'
JINJA_TITLE = '某区人民政府关于{{ config.site_name }}与{% include "base.html" %}的通知'
DOCUMENT = "wenhao/某政发-2024-1/"
SECOND = "wenhao/某政发-2024-2/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("injection"))
    shutil.copytree(FIXTURE, project / "content")
    build_site(project / "mkdocs.yml", project / "site")
    return project / "site"


def test_no_markup_from_the_text_reaches_any_page(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(site)
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), f"{where}: a script from the text"
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{where}: <{element.name} {handlers}>"
            for name in ("href", "src", "action", "formaction"):
                assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), f"{where}: {element}"
        assert not soup.find("iframe"), where
        body_styles = [s for s in soup.find_all("style") if "display:none" in s.get_text()]
        assert not body_styles, where


def test_the_text_is_shown_literally(site: Path) -> None:
    soup = BeautifulSoup((site / DOCUMENT / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text()
    assert soup.h1.get_text() == TITLE
    for literal in [
        '<img src=x onerror=alert("recipients")>',
        '[点击领取](javascript:alert("link"))',
        "<a href=\"javascript:alert('anchor')\">有关事项</a>",
        '<svg onload=alert("svg")>',
        "<style>body{display:none}</style>",
        '<script>alert("cell")</script>',
        "title: 伪造的标题",
    ]:
        assert literal in text, literal
    assert soup.title.get_text().startswith(TITLE)
    second = BeautifulSoup((site / SECOND / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert second.h1.get_text() == JINJA_TITLE
    assert "{{ 7*7 }}与{% for x in range(3) %}循环{% endfor %}和{# 注释 #}原样显示" in second.get_text()


def test_downloads_keep_the_text_and_their_front_matter(site: Path) -> None:
    for path, title in ((DOCUMENT, TITLE), (SECOND, JINJA_TITLE)):
        markdown = (site / (path.rstrip("/") + ".md")).read_text(encoding="utf-8")
        assert markdown.startswith("---\n")
        header, body = markdown[4:].split("\n---\n", 1)
        meta = yaml.safe_load(header)
        assert meta["title"] == title
        assert meta["doc_number"].startswith("某政发〔2024〕")
    body = (site / (DOCUMENT.rstrip("/") + ".md")).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert '&lt;script&gt;alert("cell")&lt;/script&gt;' in body
    assert "\n---\n" not in body  # a --- line of the text cannot end or start a front matter block


def test_nothing_runs_in_chromium(site: Path, browser) -> None:
    dialogs: list[str] = []
    with serve_directory(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in (
            "",
            "某区人民政府/",
            "某区人民政府/2024-01/",
            DOCUMENT,
            SECOND,
            "某区人民政府/bumen/",
            "search/?q=alert",
        ):
            page.goto(base + quote(path, safe="/?="))
            page.wait_for_load_state("networkidle")
            injected = page.evaluate("""() => [...document.querySelectorAll('script, iframe, [onerror], [onload], [onclick]')]
                .filter(e => (e.textContent || '').includes('alert(') || e.tagName !== 'SCRIPT').length""")
            assert injected == 0, path
        page.goto(base + quote(DOCUMENT))
        assert page.locator("h1").inner_text() == TITLE
        assert page.get_by_text('<img src=x onerror=alert("recipients")>', exact=False).first.is_visible()
        page.goto(base + "search/?q=" + quote("alert"))
        page.locator(".md-search-result__item").first.wait_for()
        assert '<script>alert("title")</script>' in page.locator(".md-search-result__item").first.inner_text()
        page.close()
    assert dialogs == [] and errors == []
