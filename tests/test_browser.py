"""The built site in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Navigation home -> issue -> document, the metadata panel and outline, the Markdown download
byte for byte, the 文号 lookup route, a phone-width viewport, print media, and axe-core's
accessibility rules on the home, issue and document pages.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import serious_accessibility_violations, serve_directory

playwright_api = pytest.importorskip("playwright.sync_api")

DOCUMENT = "wenhao/东政办发-2023-33/"
ISSUE = "东胜区人民政府/2023-07-09/"


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve_directory(built_site[0]) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def url(base: str, path: str) -> str:
    return base + quote(path)


def test_home_to_issue_to_document(page, base_url):
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.get_by_role("link", name="东胜区人民政府公报 2023年第7-9期合刊").first.click()
    page.wait_for_url(url(base_url, ISSUE))
    assert page.locator("h1").inner_text() == "东胜区人民政府公报 2023年第7-9期合刊"
    page.locator(".gb-toc a", has_text="慢性病综合防控示范区项目实施方案").click()
    page.wait_for_url(url(base_url, DOCUMENT))
    assert "慢性病综合防控示范区项目实施方案" in page.locator("h1").inner_text()


def test_metadata_panel_and_outline(page, base_url):
    page.goto(url(base_url, DOCUMENT))
    panel = page.get_by_role("region", name="文件信息")
    assert panel.is_visible()
    assert "东政办发〔2023〕33号" in panel.inner_text()
    assert "鄂尔多斯市东胜区人民政府办公室" in panel.inner_text()
    outline = page.locator("nav.md-nav--secondary")
    assert outline.is_visible()
    link = outline.get_by_role("link", name="四、具体措施")
    link.click()
    assert page.evaluate("decodeURIComponent(location.hash)") == "#四具体措施"
    heading = page.locator("h3", has_text="四、具体措施")
    assert heading.is_visible()


def test_previous_and_next_stay_in_the_issue(page, base_url):
    page.goto(url(base_url, DOCUMENT))
    page.locator('a[rel="next"]').click()
    page.wait_for_load_state()
    assert page.locator(".gb-crumbs").inner_text().endswith("2023年第7-9期合刊")
    page.locator('a[rel="prev"]').click()
    page.wait_for_url(url(base_url, DOCUMENT))


def test_markdown_download_is_the_builders_file(page, base_url, built_site):
    page.goto(url(base_url, DOCUMENT))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "东政办发〔2023〕33号.md"
    expected = (built_site[0] / "wenhao" / "东政办发-2023-33.md").read_bytes()
    assert Path(download.path()).read_bytes() == expected
    assert expected.startswith("---\ntitle: 鄂尔多斯市东胜区人民政府办公室关于印发".encode())


def test_issue_downloads(page, base_url, built_site):
    page.goto(url(base_url, ISSUE))
    for name, file in (("下载本期 Markdown", "2023-07-09.md"), ("下载全部文件（zip）", "2023-07-09.zip")):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=name).click()
        expected = (built_site[0] / "东胜区人民政府" / "2023-07-09" / file).read_bytes()
        assert Path(download_info.value.path()).read_bytes() == expected


def test_follow_a_citation_and_come_back_through_cited_by(page, base_url):
    interpretation = "克什克腾旗人民政府/2025-01/克什克腾旗全面推进紧密型县域医疗卫生共同体建设实施方案-试行-政策解读/"
    page.goto(url(base_url, interpretation))
    page.locator("#gb-cites + ul a", has_text="克什克腾旗人民政府办公室关于印发").click()
    page.wait_for_url(url(base_url, "wenhao/克政办字-2025-4/"))
    page.locator(".gb-citedby a", has_text="政策解读").click()
    page.wait_for_url(url(base_url, interpretation))


def test_a_cited_number_in_the_body_opens_its_page(page, base_url):
    page.goto(url(base_url, "wenhao/克政办字-2025-4/"))
    page.locator(".gb-body a", has_text="国卫基层发〔2023〕41号").first.click()
    page.wait_for_url(url(base_url, "wenhao/国卫基层发-2023-41/"))
    assert page.locator("h1").inner_text() == "国卫基层发〔2023〕41号"
    assert page.locator(".gb-citedby li").count() == 2


@pytest.mark.parametrize(
    "spelling",
    [
        "东政办发〔2023〕33号",
        "东政办发[2023]33号",
        "东政办发(2023)33号",
        "东政办发（2023）33号",
        "东政办发 【2023】 33 号",
        "东政办发〔２０２３〕３３号",
        "东政办发2023年33号",
        "东政办发-2023-33",
    ],
)
def test_lookup_route_accepts_any_spelling(page, base_url, spelling):
    page.goto(base_url + "lookup/?q=" + quote(spelling))
    page.wait_for_url(url(base_url, DOCUMENT))


def test_home_search_box_goes_to_a_document_by_wenhao(page, base_url):
    page.goto(base_url)
    page.get_by_label("搜索全文，或输入文号直达文件").fill("东政办发[2023]33号")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(url(base_url, DOCUMENT))


def test_unknown_text_falls_through_to_full_text_search(page, base_url):
    page.goto(base_url + "lookup/?q=" + quote("应急预案"))
    page.wait_for_url(base_url + "search/?q=" + quote("应急预案"))
    page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
    assert page.locator("[data-gb-search-status]").inner_text().startswith("找到 3 个文件")


@pytest.mark.parametrize("path", ["", ISSUE, DOCUMENT, "wenhao/东政发-2023-28/"])
def test_phone_width_has_no_horizontal_scrolling(browser, base_url, path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(url(base_url, path))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_print_shows_metadata_without_navigation(page, base_url):
    page.goto(url(base_url, DOCUMENT))
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".gb-downloads").first.is_visible()
    assert page.get_by_role("region", name="文件信息").is_visible()
    title_box = page.locator("h1.gb-title").bounding_box()
    panel_box = page.get_by_role("region", name="文件信息").bounding_box()
    assert title_box["y"] < panel_box["y"]


@pytest.mark.parametrize(
    "path",
    [
        "",
        "东胜区人民政府/",
        ISSUE,
        DOCUMENT,
        "wenhao/国卫基层发-2023-41/",
        "东胜区人民政府/bumen/",
        "东胜区人民政府/bumen/财政局/",
        "search/?q=医共体",
        "?q=煤改电",
        "search/?q=住建局 物业管理",
        "?q=异味整治方案",
        "?q=住建局 物业管理",  # the header box open, with its 相关结果 line and link to the full results
        "wenhao/东政发-2023-31/?h=物业管理",  # the words searched for marked, and the button clearing them
        "search/?q=东政办〔2023〕33号",  # 您要找的是不是 …
    ],
)
def test_no_serious_accessibility_violations(page, base_url, path):
    page.goto(base_url + quote(path, safe="/?="))
    page.wait_for_timeout(300)  # results of a ?q= query
    assert serious_accessibility_violations(page) == []


# --- search (issue 5) -------------------------------------------------------------------------

SEARCH = """async ([query, options]) => {
  const engine = await import(new URL("assets/javascripts/search/engine.js", document.baseURI).href);
  const started = performance.now();
  const found = await engine.search(query, { base: new URL("search/", document.baseURI).href, limit: 1000, all: true, ...options });
  const exact = found.results.filter((r) => r.match === "exact");
  return { ms: performance.now() - started, total: found.exact, terms: found.terms,
           urls: exact.map((r) => new URL(r.url).pathname), docNumbers: found.results.map((r) => r.docNumber) };
}"""


def test_engine_finds_exactly_what_ctrl_f_finds(page, base_url, built_site):
    from search_reference import QUERIES, ctrl_f

    page.goto(base_url)
    page.evaluate(SEARCH, ["预热", {}])  # the first query loads meta.json
    answered = 0
    for query in QUERIES:
        found = page.evaluate(SEARCH, [query, {}])
        expected = {"/" + quote(url) for url in ctrl_f(built_site[0], found["terms"])}
        assert set(found["urls"]) == expected, query
        assert found["total"] == len(expected), query
        answered += bool(expected)
    assert answered >= len(QUERIES) - 3  # the set is mostly queries that do have matches


@pytest.mark.parametrize(
    "spelling", ["东政办发〔2023〕33号", "东政办发[2023]33号", "东政办发（2023） 33 号", "东政办发2023年33号"]
)
def test_a_doc_number_in_any_spelling_comes_first(page, base_url, spelling):
    page.goto(base_url)
    found = page.evaluate(SEARCH, [spelling, {}])
    assert found["docNumbers"][0] == "东政办发〔2023〕33号"


def test_typing_in_the_header_box_shows_results(page, base_url):
    page.goto(url(base_url, ISSUE))
    page.keyboard.press("/")
    box = page.locator("[data-gb-search-input]")
    assert box.evaluate("(el) => el === document.activeElement")
    box.press_sequentially("慢性病")
    first = page.locator("[data-gb-search-result] .md-search-result__item a").first
    # the box answers as the reader types: wait for the answer to the whole word, not to 慢性
    playwright_api.expect(page.locator("[data-gb-search-result] .md-search-result__item mark").first).to_contain_text(
        "慢性病"
    )
    page.keyboard.press("ArrowDown")
    assert first.evaluate("(el) => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "慢性病" in page.locator("h1").first.inner_text()


def test_a_shared_query_url_opens_the_search(page, base_url):
    page.goto(base_url + "?q=" + quote("煤改电"))
    page.locator("[data-gb-search-result] .md-search-result__item").first.wait_for()
    assert page.locator("[data-gb-search-result] .md-search-result__item").count() == 2
    assert page.locator("#__search").is_checked()


def test_search_page_filters(page, base_url):
    page.goto(base_url + "search/?q=" + quote("医共体"))
    items = page.locator("[data-gb-search-page-result] .md-search-result__item")
    items.first.wait_for()
    everywhere = items.count()
    page.select_option("select[name=publisher]", "乌达区人民政府")
    page.wait_for_url("**publisher=*")
    page.wait_for_function(
        "(n) => document.querySelectorAll('[data-gb-search-page-result] .md-search-result__item').length < n",
        arg=everywhere,
    )
    assert all("乌达区" in text for text in items.all_inner_texts())
    shared = page.url
    page.goto(shared)
    items.first.wait_for()
    assert page.locator("select[name=publisher]").input_value() == "乌达区人民政府"


def test_engine_filters_by_department_kind_and_year(page, base_url):
    page.goto(base_url)
    everything = page.evaluate(SEARCH, ["医共体", {}])
    by_department = page.evaluate(SEARCH, ["医共体", {"department": "克什克腾旗卫生健康委员会"}])
    assert 0 < by_department["total"] < everything["total"]
    assert by_department["docNumbers"] == ["克政办字〔2025〕4号"]
    assert page.evaluate(SEARCH, ["医共体", {"kind": "解读"}])["total"] == 1
    assert (
        page.evaluate(SEARCH, ["医共体", {"year": 2023}])["total"]
        == everything["total"]
        - page.evaluate(SEARCH, ["医共体", {"year": 2025}])["total"]
        - page.evaluate(SEARCH, ["医共体", {"year": 2024}])["total"]
    )


# --- tables (issue 22) -------------------------------------------------------------------------


def test_a_wide_table_scrolls_in_its_own_box_keeping_header_and_first_column_in_view(browser, base_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(url(base_url, DOCUMENT))  # its 指标体系任务分解表: 7 columns, 70 rows
    box = page.locator(".gb-table-box").first
    box.scroll_into_view_if_needed()
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight]")
    assert sizes[0] > sizes[1] and sizes[2] > sizes[3]  # wider and longer than its box: the box scrolls
    box.evaluate("b => { b.scrollLeft = 600; b.scrollTop = 900; }")
    page.wait_for_timeout(100)
    top, left = box.evaluate("b => { const r = b.getBoundingClientRect(); return [r.top, r.left]; }")
    header = page.locator(".gb-table-box").first.locator("thead th").first.bounding_box()
    first_cell = page.locator(".gb-table-box").first.locator("tbody td.gb-table-first").nth(20).bounding_box()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0  # the page itself never scrolls sideways
    assert header is not None and abs(header["y"] - top) <= 2  # the header row stays at the box's top
    assert header["x"] - left <= 2  # and its first cell at the left
    assert first_cell is not None and abs(first_cell["x"] - left) <= 2  # the first column stays in view


def test_each_table_has_a_csv_download_and_links_in_tables_lead_to_pages(page, base_url, built_site):
    page.goto(url(base_url, DOCUMENT))
    link = page.locator(".gb-table-csv a").first
    with page.expect_download() as download_info:
        link.click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff指标分类,指标内容,指标要求,赋分标准,权重分值,档案资料,责任部门")
    assert page.locator(".gb-table a[href$='.md']").count() == 0  # resolved to the pages MkDocs built
    names = zipfile.ZipFile(built_site[0] / "东胜区人民政府" / "2023-07-09" / "2023-07-09.zip").namelist()
    assert any(name.endswith("东政办发〔2023〕33号-表1.csv") for name in names)
