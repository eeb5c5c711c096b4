"""The reader's site (issue 17): where a document stands in print and how to cite it, its dates
and validity, display titles, 解读 links; then the built sample site in headless Chromium at
desktop and 390 px phone widths: printed pages and citation on every document of a paged 目录,
发布日期 everywhere, no sitemap.xml / versions.json / 404 request, the phone outline, the 字号
control, the skip link, field sizes and borders, the 404 page, and axe-core."""

from __future__ import annotations

import datetime
import json
from urllib.parse import quote, urlparse

import pytest
from conftest import CONTENT, serious_accessibility_violations, serve_directory

from builder.content.corpus import issue_key, raw_issue_files
from builder.model import Validity
from builder.parse import parse_issue
from builder.site.effects import Status, status_on
from builder.site.library import build_library
from builder.site.printed import printed_pages
from builder.site.reader import (
    citation_line,
    where_printed,
)

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
REPORT = "克什克腾旗人民政府/2025-01/政府工作报告/"
LONG_PLAN = "wenhao/东政发-2023-28/"  # 有效期原则上为三年, a lost figure, a long outline


@pytest.fixture(scope="module")
def library():
    parsed = [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]
    return build_library(parsed)


def find(library, text):
    return next(
        d
        for d in library.documents
        if text in d.document.title or (d.document.doc_number and d.document.doc_number.normalized == text)
    )


# --- printed pages, citation, titles (builder.site.reader) ----------------------------------


def test_pages_from_the_toc_when_the_parser_gives_none(library):
    wuda = next(i for i in library.issues if i.issue.publisher == "乌达区人民政府")
    # the parser now gives each 目录 item its pages (issue 15), the last item its own page alone
    assert [str(d.pages) for d in wuda.documents] == [
        "第1–12页",
        "第13–19页",
        "第20–34页",
        "第35页",
        "第36–38页",
        "第39页",
    ]
    glossary = find(library, "名词解释")  # not in the 目录: not the report's pages, but why it has none
    assert glossary.pages is None and glossary.pages_reason == "目录未单列，印于上一件第12–22页内"


def test_pages_from_running_footers_and_a_reason_where_unknown(library):
    """东胜 2024年第1-3期 has no 目录; three footers survive (- 12 -, - 27 -, - 72 -): the
    documents they fall in say so, the others say the original prints no page numbers."""
    unpaged = next(i for i in library.issues if not i.issue.toc)
    notes = [d.pages_reason for d in unpaged.documents]
    assert all(d.pages is None for d in unpaged.documents)  # no two footers settle a range
    assert notes.count("原文未标页码") == len(notes) - 3
    assert [note for note in notes if note.startswith("含")] == [
        "含第12页（原文仅部分页脚印有页码）",
        "含第27页（原文仅部分页脚印有页码）",
        "含第72页（原文仅部分页脚印有页码）",
    ]
    assert all(d.pages or d.pages_reason for d in library.documents)


def test_footers_settle_a_range_only_when_certain():
    from builder.model import Document, Issue, Noise, PagesUnknown
    from builder.parse.reconcile import pages_from_footers

    issue = Issue(source="x")
    issue.documents = [Document("甲", 1, 10), Document("乙", 12, 30), Document("丙", 32, 60), Document("丁", 62, 70)]
    issue.removed = [
        (11, Noise.PAGE_NUMBER, "- 3 -"),
        (20, Noise.PAGE_NUMBER, "- 4 -"),
        (31, Noise.RUNNING_HEADER, "某某公报 2024·1- 5 -"),
        (50, Noise.PAGE_NUMBER, "政府文件 - 9 -"),
    ]
    pages_from_footers(issue)
    first, second, third, fourth = issue.documents
    assert first.pages is None and first.footer_pages == (3, 3)  # ends on 3; where it starts is unknown
    assert second.pages == (4, 5)  # starts after footer 3, ends before footer 5 (4 between)
    assert third.pages is None and third.footer_pages == (6, 9)  # 6 for certain, 9 seen, end unknown
    assert fourth.pages is None and fourth.footer_pages is None  # after the last footer, nothing is known
    assert fourth.pages_unknown == PagesUnknown.NOT_PRINTED


def test_the_parsers_pages_win(library):
    issue = find(library, "乌区政办发〔2023〕10号").issue.issue
    issue.documents[1].pages = (14, 18)  # as the PDF reader (issue 16) or a paged 目录 (issue 15) fills it
    try:
        assert str(printed_pages(issue)[1]) == "第14–18页"
        assert str(printed_pages(issue)[0]) == "第1–12页"  # the others still from the 目录
    finally:
        issue.documents[1].pages = None


def test_where_printed_and_the_citation_line(library):
    entry = find(library, "乌区政办发〔2023〕10号")
    assert where_printed(entry) == "《乌达区人民政府公报》2023年第2期 第13–19页"
    line = citation_line(entry, "https://example.org/wenhao/x/")
    assert line.startswith("《乌达区人民政府办公室关于印发〈乌达产业园区2023年异味综合整治提质增效工作方案〉的通知》")
    assert (
        "（乌区政办发〔2023〕10号），2023年4月18日，载《乌达区人民政府公报》2023年第2期 第13–19页，https://example.org/wenhao/x/。"
        in line
    )
    report = find(library, "政府工作报告")
    assert citation_line(report).startswith("克什克腾旗人民政府：《政府工作报告》，2025年1月15日")


def test_generic_titles_carry_their_issue(library):
    report = find(library, "政府工作报告")
    assert report.document.title == "政府工作报告"  # the model keeps the printed title
    assert report.display_title == "政府工作报告（克什克腾旗人民政府公报 2025年第1期）"
    chronicle = next(d for d in library.documents if d.document.kind == "大事记" and d.issue.issue.toc)
    assert (
        chronicle.display_title == "东胜区人民政府大事记7-9月（东胜区人民政府公报 2023年第7-9期合刊）"
    )  # the 目录's months kept
    assert find(library, "名词解释").display_title.endswith("（克什克腾旗人民政府公报 2025年第1期）")
    for specific in (find(library, "东政发〔2023〕28号"), find(library, "政策解读"), find(library, "常务会议")):
        assert specific.display_title == specific.document.title


def test_an_interpretation_and_its_plan_link_each_other(library):
    from builder.site.citations import CitationIndex

    CitationIndex(library)
    interpretation, plan = find(library, "政策解读"), find(library, "克政办字〔2025〕4号")
    assert interpretation.interprets is plan and plan.interpretations == [interpretation]


def test_status_relative_to_the_day_asked(library):
    entry = find(library, "东政发〔2023〕31号")
    assert entry.document.validity == Validity("2023-09-30", "自2023年9月30日起实施", "2028-09-29", "有效期5年")
    assert status_on(entry, datetime.date(2023, 9, 29)) == Status.NOT_YET
    assert status_on(entry, datetime.date(2028, 9, 29)) == Status.IN_FORCE
    assert status_on(entry, datetime.date(2028, 9, 30)) == Status.EXPIRED
    plan = find(library, "东政发〔2023〕28号")  # 有效期原则上为三年，但…要求修订时予以及时修订: a review cycle
    assert plan.document.validity.valid_until is None and "修订" in plan.document.validity.review_text
    assert status_on(plan, datetime.date(2030, 1, 1)) == Status.IN_FORCE


# --- the built site in Chromium --------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve_directory(built_site[0]) as base:
        yield base


@pytest.fixture(scope="module")
def records(built_site):
    return json.loads((built_site[0] / "documents.json").read_text(encoding="utf-8"))["results"]


def open_page(browser, base_url, path, device=DESKTOP):
    """A page in a fresh context, with every response and script error recorded."""
    context = browser.new_context(**device)
    page = context.new_page()
    page.responses, page.errors = [], []
    page.on("response", lambda response: page.responses.append((response.status, response.url)))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(base_url + quote(path, safe="/?=&"))
    return context, page


def local_path(url: str, base_url: str) -> str:
    return url[len(base_url) - 1 :] if url.startswith(base_url) else url


def test_every_document_page_shows_print_facts_and_loads_nothing_missing(browser, base_url, records, library):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    responses: list[tuple[int, str]] = []
    page.on("response", lambda response: responses.append((response.status, local_path(response.url, base_url))))
    paged = 0
    for record in records:
        page.goto(base_url + quote(urlparse(record["html_url"]).path.lstrip("/")))
        panel = page.get_by_role("region", name="文件信息")
        text = panel.inner_text()
        assert "发布日期" in text, record["html_url"]
        if record["pages"] is not None:
            paged += 1
            assert f"第{record['pages'][0]}" in page.locator(".gb-printed").inner_text(), record["html_url"]
            citation = page.locator("[data-gb-citation]").inner_text()
            assert citation == record["citation"] and "页" in citation
        else:  # no pages: the page says why
            note = page.locator(".gb-printed .gb-pages-note").inner_text()
            assert "页" in note and note.strip("（）"), record["html_url"]
        assert "正式出版物为准" in page.locator(".gb-authority").inner_text()
    context.close()
    # every item a paged 目录 lists; not the two it leaves out (a 名词解释, the gazette's 简介)
    assert paged == sum(1 for d in library.documents if d.document.in_toc) == 19
    assert not [url for status, url in responses if "sitemap.xml" in url or "versions.json" in url]
    assert [(status, url) for status, url in responses if status >= 400] == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "东胜区人民政府/",
        "东胜区人民政府/2023-07-09/",
        REPORT,
        "search/?q=医共体",
        "东胜区人民政府/bumen/",
        "东胜区人民政府/bumen/卫生健康委员会/",
        "wenhao/国卫基层发-2023-41/",
        "lookup/?q=东政办发[2023]33号",
        "404.html",
    ],
)
def test_no_request_for_the_sitemap_or_a_missing_file_on_any_kind_of_page(browser, base_url, path):
    context, page = open_page(browser, base_url, path)
    page.wait_for_timeout(400)
    requested = [(status, local_path(url, base_url)) for status, url in page.responses]
    context.close()
    assert not [url for _, url in requested if url.endswith(("sitemap.xml", "versions.json"))]
    assert [item for item in requested if item[0] >= 400] == []
    assert page.errors == []


def test_issue_page_lists_each_items_printed_page(browser, base_url):
    context, page = open_page(browser, base_url, "乌达区人民政府/2023-02/")
    pages = page.locator(".gb-toc .gb-page").all_inner_texts()
    notice = page.locator(".gb-authority").inner_text()
    context.close()
    assert pages == ["第1–12页", "第13–19页", "第20–34页", "第35页", "第36–38页", "第39页"]
    assert "以《乌达区人民政府公报》正式出版物为准" in notice


def test_dates_validity_kind_and_generic_titles_on_the_page(browser, base_url):
    context, page = open_page(browser, base_url, "wenhao/东政发-2023-31/")
    panel = page.get_by_role("region", name="文件信息").inner_text()
    assert "发布日期\n2023年10月15日" in panel
    assert "施行日期\n2023年9月30日（自2023年9月30日起实施）" in panel
    assert "有效期\n至 2028年9月29日（有效期5年）" in panel
    page.goto(base_url + quote(REPORT))
    panel = page.get_by_role("region", name="文件信息").inner_text()
    assert "文种\n报告" in panel and "主送" not in panel
    assert "发布日期\n本期未印出版日期" in panel
    assert page.title().startswith("政府工作报告（克什克腾旗人民政府公报 2025年第1期）")
    assert page.locator("h1").inner_text() == "政府工作报告"
    context.close()


def test_interpretation_and_plan_link_each_other(browser, base_url):
    context, page = open_page(browser, base_url, "wenhao/克政办字-2025-4/")
    page.locator(".gb-meta div", has_text="解读").get_by_role("link").click()
    page.wait_for_load_state()
    assert "政策解读" in page.locator("h1").inner_text()
    page.locator(".gb-meta div", has_text="解读对象").get_by_role("link").click()
    page.wait_for_url(base_url + quote("wenhao/克政办字-2025-4/"))
    context.close()


def test_a_lost_figure_is_said_to_be_lost(browser, base_url):
    context, page = open_page(browser, base_url, LONG_PLAN)
    marker = page.locator(".gb-lost-figure")
    assert marker.count() == 1 and marker.is_visible()
    assert "原件此处为图" in marker.inner_text()
    context.close()


def test_copy_the_citation(browser, base_url):
    context, page = open_page(browser, base_url, "wenhao/东政办发-2023-33/")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="复制").click()
    page.get_by_role("button", name="已复制").wait_for(timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(
        "《鄂尔多斯市东胜区人民政府办公室关于印发〈东胜区建设慢性病综合防控示范区项目实施方案〉的通知》"
    )
    assert "第28–52页" in copied and copied.endswith("/wenhao/东政办发-2023-33/。")
    context.close()


def test_outline_on_a_phone(browser, base_url):
    context, page = open_page(browser, base_url, REPORT, PHONE)
    outline = page.locator("details.gb-outline")
    assert outline.is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    outline.locator("summary").click()
    links = outline.get_by_role("link")
    assert links.count() >= 5
    target = links.nth(3)
    heading = target.inner_text()
    target.click()
    page.wait_for_timeout(300)
    located = page.locator(".gb-body").get_by_role("heading", name=heading)
    assert located.is_visible() and located.bounding_box()["y"] < 844
    box = outline.locator("summary").bounding_box()
    assert box["height"] >= 24
    context.close()
    context, page = open_page(browser, base_url, REPORT)  # a desktop has the sidebar instead
    assert not page.locator("details.gb-outline").is_visible()
    assert page.locator(".md-sidebar--secondary").is_visible()
    context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_font_size_control_is_kept(browser, base_url, device):
    context, page = open_page(browser, base_url, LONG_PLAN, device)
    control = page.locator("[data-gb-font-size-control]")
    assert control.is_visible() and control.bounding_box()["height"] >= 24
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    control.click()
    assert control.get_attribute("aria-label").startswith("字号：大")
    larger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert larger > before * 1.1
    page.goto(base_url + quote("东胜区人民政府/2023-07-09/"))  # another page: still large
    assert page.evaluate("document.documentElement.dataset.gbFontSize") == "large"
    page.locator("[data-gb-font-size-control]").click()
    page.locator("[data-gb-font-size-control]").click()  # 特大 -> back to 标准
    page.reload()
    assert page.evaluate("document.documentElement.dataset.gbFontSize") is None
    context.close()


@pytest.mark.parametrize(
    "path", ["", "东胜区人民政府/2023-07-09/", LONG_PLAN, "东胜区人民政府/bumen/", "search/", "404.html"]
)
def test_skip_link_goes_to_the_title(browser, base_url, path):
    context, page = open_page(browser, base_url, path)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0] == "跳至正文"
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    focused = page.evaluate(
        "[document.activeElement.tagName, document.activeElement.id, "
        "document.activeElement.firstElementChild && document.activeElement.firstElementChild.tagName]"
    )
    context.close()
    assert focused[:2] == ["H1", "gb-title"] or focused == ["ARTICLE", "gb-main", "H1"]


def test_the_404_page_is_in_chinese(browser, base_url):
    context, page = open_page(browser, base_url, "404.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "页面不存在" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="返回首页").is_visible()
    context.close()


def test_fields_are_bordered_and_large_enough_on_a_phone(browser, base_url):
    context, page = open_page(browser, base_url, "search/?q=医共体", PHONE)
    fields = page.locator(".gb-filters select, .gb-filters input, .gb-search__row input, .gb-search__row button")
    assert fields.count() >= 5
    for index in range(fields.count()):
        field = fields.nth(index)
        assert field.bounding_box()["height"] >= 24
        border = field.evaluate(
            "e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopColor]"
        )
        assert float(border[0].rstrip("px")) >= 1 and border[1] != "none" and not border[2].endswith(", 0)"), border
    context.close()


def test_titles_are_dark_and_bold(browser, base_url):
    context, page = open_page(browser, base_url, LONG_PLAN)
    color, weight = page.locator("h1").evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]")
    context.close()
    assert int(weight) >= 600
    channels = [float(part) for part in color[color.index("(") + 1 : -1].split(",")]
    assert max(channels[:3]) <= 40 and (len(channels) == 3 or channels[3] >= 0.85)


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path",
    [
        LONG_PLAN,
        REPORT,
        "wenhao/克政办字-2025-4/",
        "乌达区人民政府/2023-02/",
        "404.html",
        "东胜区人民政府/bumen/卫生健康委员会/",
        "东胜区人民政府/mulu/",
    ],
)
def test_no_serious_accessibility_violations(browser, base_url, path, device):
    context, page = open_page(browser, base_url, path, device)
    page.locator("details.gb-outline[open], details.gb-outline").first.evaluate("e => e.open = true") if page.locator(
        "details.gb-outline"
    ).count() else None
    serious = serious_accessibility_violations(page)
    context.close()
    assert serious == []


def test_department_page_shows_every_naming_document_with_its_role(browser, base_url):
    context, page = open_page(browser, base_url, "东胜区人民政府/bumen/卫生健康委员会/")
    roles = page.locator("#roles + ul li")
    assert roles.count() >= 5
    badges = " ".join(page.locator("#roles + ul .gb-badge").all_inner_texts())
    assert "牵头单位" in badges and "办公室所在单位" in badges
    context.close()


def test_search_results_and_feed_carry_display_titles(browser, base_url, built_site):
    context, page = open_page(browser, base_url, "")
    found = page.evaluate("""async () => {
      const engine = await import(new URL("assets/javascripts/search/engine.js", document.baseURI).href);
      const result = await engine.search("政府工作报告", { base: new URL("search/", document.baseURI).href, all: true });
      return result.results.map((r) => r.title);
    }""")
    context.close()
    assert "政府工作报告（克什克腾旗人民政府公报 2025年第1期）" in found
    feed = (built_site[0] / "feed.xml").read_text(encoding="utf-8")
    assert "政府工作报告（克什克腾旗人民政府公报 2025年第1期）" in feed
    assert "东胜区人民政府大事记7-9月（东胜区人民政府公报 2023年第7-9期合刊）" in feed


def test_documents_json_and_front_matter_carry_the_new_fields(records, built_site):
    record = next(r for r in records if r["doc_number"] == "东政发〔2023〕31号")
    assert record["published"] == "2023-10-15"
    assert record["pages"] == [24, 27] and record["printed_in"] == "《东胜区人民政府公报》2023年第7-9期合刊 第24–27页"
    assert record["effective_date"] == "2023-09-30" and record["valid_until"] == "2028-09-29"
    assert record["validity"]["term_text"] == "有效期5年" and "lapsed" not in record["validity"]  # dates, not a status
    assert record["citation"].endswith("https://gongbao.example.org/wenhao/东政发-2023-31/。")
    plan = next(r for r in records if r["doc_number"] == "克政办字〔2025〕4号")
    assert len(plan["interpretations"]) == 1 and "政策解读" in plan["interpretations"][0]
    markdown = (built_site[0] / "wenhao" / "东政发-2023-31.md").read_text(encoding="utf-8")
    assert "\npublished: '2023-10-15'\n" in markdown and "\neffective_date: '2023-09-30'\n" in markdown


def test_the_feed_stays_discoverable(built_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
    feeds = [link for link in soup.select('link[type="application/atom+xml"]') if "alternate" in link["rel"]]
    assert [link["href"] for link in feeds] == ["feed.xml"]
    assert not soup.select("link[rel=alternate]")  # exactly "alternate" is what makes Material fetch sitemap.xml


# --- issue 25: citation, print, downloads, identity, 字号 and 关怀模式, the phone's fold -------


def open_fold(page):
    """A phone folds the metadata panel (reader.js): open it as a reader would."""
    fold = page.locator("details.gb-meta-fold")
    if not fold.evaluate("e => e.open"):
        fold.locator("summary").click()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_citation_is_whole_on_screen_and_in_print(browser, base_url, records, device):
    record = next(r for r in records if r["doc_number"] == "东政办发〔2023〕33号")
    context, page = open_page(browser, base_url, "wenhao/东政办发-2023-33/", device)
    width = device["viewport"]["width"]
    open_fold(page)
    citation = page.locator("[data-gb-citation]")
    for media in ("screen", "print"):
        if media == "print":
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what a print does first
            page.emulate_media(media="print")
        assert citation.is_visible(), media
        assert citation.inner_text() == record["citation"] and "第28–52页" in record["citation"]
        box = citation.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (media, box)
        overflow = citation.evaluate("e => [e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight]")
        assert overflow[0] <= 1 and overflow[1] <= 1, (media, overflow)  # nothing cut or scrolled away
    context.close()


def test_the_print_button_prints(browser, base_url):
    context, page = open_page(browser, base_url, "wenhao/东政办发-2023-33/")
    page.evaluate("window.print = () => { window.gbPrinted = true; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.gbPrinted") is True
    context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_footer_says_who_runs_the_site(browser, base_url, device):
    context, page = open_page(browser, base_url, "", device)
    footer = page.locator("footer .gb-identity")
    text = footer.inner_text()
    for label in ("主办单位：", "承办单位：", "联系方式：", "网站标识码："):
        assert label in text, label
    assert "示例信息" in text  # the sample site's values are marked as examples
    icp = footer.get_by_role("link", name="示例ICP备00000000号")
    assert icp.is_visible() and icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    police = footer.get_by_role("link", name="示例公网安备00000000000000号")
    assert police.get_attribute("href") == "https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000"
    footer.get_by_role("link", name="网站地图").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "网站地图"  # a page for people, not sitemap.xml
    assert page.get_by_role("link", name="2023年第7-9期合刊").count() == 1
    page.locator("footer .gb-identity").get_by_role("link", name="关于本库").click()
    page.wait_for_load_state()
    about = page.locator("article").inner_text()
    assert "3 个发布机关" in about and "4 期公报" in about and "最近更新" in about
    assert "2023–2024年" in about  # 东胜's years
    assert "主管单位\n克什克腾旗人民政府" in about and "电话\n0477-8381659" in about  # masthead facts
    context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_largest_font_size_enlarges_the_whole_page(browser, base_url, device):
    context, page = open_page(browser, base_url, REPORT, device)
    sizes = """() => [".md-header__topic", ".md-search__input, .gb-search-box input, .md-header__button", ".md-nav__link",
                      ".md-typeset"].map((s) => { const e = document.querySelector(s); return e ? parseFloat(getComputedStyle(e).fontSize) : 0; })"""
    before = page.evaluate(sizes)
    control = page.locator("[data-gb-font-size-control]")
    control.click()
    control.click()  # 特大
    assert control.get_attribute("aria-label").startswith("字号：特大")
    shown = control.evaluate("e => e.textContent + getComputedStyle(e, '::after').content")
    assert "特大" in shown and control.is_visible()  # the level shows at every width
    after = page.evaluate(sizes)
    assert all(a >= b * 1.3 for a, b in zip(after, before, strict=True)), (before, after)
    context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_care_mode_is_high_contrast_with_larger_targets_and_kept(browser, base_url, device):
    context, page = open_page(browser, base_url, "东胜区人民政府/2023-07-09/", device)
    control = page.get_by_role("button", name="关怀")
    assert control.get_attribute("aria-pressed") == "false"
    control.click()
    assert control.get_attribute("aria-pressed") == "true"
    page.goto(base_url + quote(LONG_PLAN))  # another page: still on
    assert page.evaluate("document.documentElement.dataset.gbCare") == "1"
    colour = page.locator(".gb-date, .gb-meta dt").first.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(0, 0, 0)"
    open_fold(page)
    links = page.locator(".gb-meta dd a, .gb-downloads .md-button")
    assert min(links.nth(i).bounding_box()["height"] for i in range(links.count())) >= 24
    assert page.locator(".gb-downloads .md-button").first.bounding_box()["height"] >= 44
    page.get_by_role("button", name="关怀").click()
    page.reload()
    assert page.evaluate("document.documentElement.dataset.gbCare") is None
    context.close()


@pytest.mark.parametrize("size, screens", [(None, 1), ("large", 1), ("x-large", 1.3)])
def test_on_a_phone_the_text_starts_on_the_first_screen(browser, base_url, size, screens):
    """The text starts on the first screen (at 特大 within a third of a screen more: the title alone
    then takes five lines); it was at y ≈ 1,200 px, 2,065 px at 特大."""
    context, page = open_page(browser, base_url, "wenhao/东政办发-2023-33/", PHONE)
    if size:
        page.evaluate(f"localStorage.setItem('gongbao.font-size', '{size}')")
        page.reload()
    fold = page.locator("details.gb-meta-fold")
    assert fold.evaluate("e => e.open") is False
    assert "东政办发〔2023〕33号" in fold.locator("summary").inner_text()  # the key facts stay in view
    first = page.locator(".gb-body p").first
    assert first.bounding_box()["y"] < 844 * screens
    context.close()
    context, page = open_page(browser, base_url, "wenhao/东政办发-2023-33/")  # a desk: open, no summary
    assert page.locator("details.gb-meta-fold").evaluate("e => e.open") is True
    assert not page.locator("details.gb-meta-fold > summary").is_visible()
    context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["about/", "wangzhanditu/", "东胜区人民政府/2024-01-03/"])
def test_new_pages_and_care_mode_have_no_serious_accessibility_violations(browser, base_url, path, device):
    context, page = open_page(browser, base_url, path, device)
    page.evaluate("localStorage.setItem('gongbao.care', '1')")
    for care in (False, True):
        if care:
            page.reload()
        serious = serious_accessibility_violations(page)
        assert serious == [], (care, serious)
    context.close()


def test_the_gazettes_masthead_facts_are_read(library):
    masthead = {i.issue.source.split("/")[-2]: i.issue.masthead for i in library.issues}
    keqi = next(i.issue.masthead for i in library.issues if i.issue.publisher == "克什克腾旗人民政府")
    assert keqi.facts() == [("主管单位", "克什克腾旗人民政府"), ("主办单位", "克什克腾旗政务服务与数据管理局")]
    dongsheng = next(i.issue.masthead for i in library.issues if i.issue.issue_label == "2023年第7-9期合刊")
    assert dongsheng.sponsor == "东胜区人民政府办公室" and dongsheng.organizer == "东胜区人民政府办公室信息调研室"
    assert dongsheng.postcode == "017000" and dongsheng.phone == "0477-8381659"
    assert dongsheng.address == "鄂尔多斯市东胜区鄂托克西街77号党政大楼642室"
    assert masthead["2024-01-03"] is None  # this issue prints none


def test_a_sentence_naming_a_sponsor_is_not_a_masthead():
    from builder.parse.issue_meta import read_masthead

    assert read_masthead(["此次大赛主办单位为东胜区人民政府，承办单位：区体育局"]) is None
    assert read_masthead(["编印单位：乌达区人民政府办公室"]).editor == "乌达区人民政府办公室"
