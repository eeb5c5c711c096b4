"""The bar of issue 27, end to end: an unseen issue that repeals, invalidates, replaces and amends
documents of the sample archive (with mentions and a general rule as traps) is added with
`gongbao add` and built; every affected page shows its status with a link to the acting document,
the acting documents list their effects, a document mentioned in passing keeps its status, and
every document page carries valid schema.org Legislation JSON-LD (read with PyLD). In Chromium,
the status is worked out on the day the page is read; print keeps the status as of the build."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, build_site, serve_directory

from builder.commands.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "effects" / "dongsheng_2024_04.txt"
SITE_URL = "https://gongbao.example.org/"
#: page -> (status on the build date, acting document's page, effect word in its history)
EXPECTED = {
    "wenhao/东政办发-2023-33/": ("已废止", "wenhao/东政发-2024-21/", "废止"),  # numbered list
    "wenhao/东政办发-2023-37/": ("已失效", "wenhao/东政发-2024-21/", "宣布失效"),  # table in the 附件
    "wenhao/东政办发-2023-46/": ("已失效", "wenhao/东政发-2024-21/", "宣布失效"),  # table row, 文号 garbled: by title
    "wenhao/东政发-2023-28/": ("已废止", "wenhao/东政发-2024-23/", "废止"),  # 原《…》（文号）同时废止
    "wenhao/东政发-2023-31/": ("已修改", "wenhao/东政发-2024-22/", "被修改"),  # 关于修改《…》的决定
}
#: mentioned in passing (根据, 按照…要求, 继续有效, 依据): no effect, status unchanged
MENTIONED = ["wenhao/东政发-2023-26/", "wenhao/东政办发-2023-44/", "wenhao/东政发-2024-1/"]


#: an editor's corrections: an effect the text left out, and one read that is not an effect
SIDECAR = """\
effects:
  - acting: 东政发〔2024〕21号
    target: 东政办发〔2023〕43号
    kind: 废止
    reason: 原文附件漏列此件
  - acting: 东政办发〔2024〕30号
    target: 东政办发〔2018〕66号
    reject: true
    reason: 该文号有误，所指文件仍有效
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("effects")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(CONTENT, folder / "content")
    assert main(["add", str(FIXTURE), "--content", str(folder / "content")]) == 0
    (folder / "content" / "东胜区人民政府" / "2024-04-06" / "issue.yml").write_text(SIDECAR, encoding="utf-8")
    build_site(folder / "mkdocs.yml", folder / "site")
    return folder / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / unquote(path) / "index.html").read_text(encoding="utf-8"), "html.parser")


def href_target(page: str, href: str) -> str:
    """A relative link on `page`, as a path from the site root."""
    parts = page.rstrip("/").split("/")
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return unquote("/".join(parts)) + "/"


def test_every_affected_document_shows_its_status_and_the_acting_document(site):
    for path, (status, acting, word) in EXPECTED.items():
        section = soup(site, path).select_one(".gb-status")
        assert section is not None, path
        assert section.select_one("[data-gb-status-value]").get_text() == status, path
        assert "截至" in section.select_one("[data-gb-status-asof]").get_text()
        history = section.select(".gb-history__effect")
        assert len(history) == 1, path
        link = history[0].find("a")
        assert href_target(path, link["href"]) == acting and word in history[0].get_text(), path
        assert history[0].find("time")["datetime"].startswith("2024-")


def test_the_acting_documents_list_their_effects_linked_back(site):
    made = {}
    for path, (_, acting, _) in EXPECTED.items():
        made.setdefault(acting, set()).add(path)
    for acting, targets in made.items():
        items = soup(site, acting).select(".gb-effects__list li")
        linked = {href_target(acting, a["href"]) for li in items for a in li.find_all("a")}
        assert targets <= linked, acting
    decision = soup(site, "wenhao/东政发-2024-21/").select(".gb-effects__list li")
    assert len(decision) == 5  # two repealed (one outside the archive), two invalidated, one from the sidecar
    outside = next(li for li in decision if "东政发〔2019〕12号" in li.get_text())
    assert (
        "库外" in outside.get_text()
        and href_target("wenhao/东政发-2024-21/", outside.a["href"]) == "wenhao/东政发-2019-12/"
    )
    cited = soup(site, "wenhao/东政发-2019-12/")  # outside the archive: the effect stays on its 文号 page
    assert "废止" in cited.select_one("#gb-effects-received + ul").get_text()


def test_an_editors_effect_and_rejection_show_with_their_reasons(site):
    added = soup(site, "wenhao/东政办发-2023-43/")
    assert added.select_one("[data-gb-status-value]").get_text() == "已废止"
    assert "编辑说明：原文附件漏列此件" in added.select_one(".gb-history__effect").get_text()
    acting = soup(site, "wenhao/东政办发-2024-30/")
    assert not acting.select(".gb-effects__list li")
    assert "该文号有误，所指文件仍有效" in acting.select_one(".gb-effects__rejected").get_text()
    cited = soup(site, "wenhao/东政办发-2018-66/")
    assert cited.select_one("#gb-effects-received") is None


def test_documents_mentioned_in_passing_keep_their_status(site):
    for path in MENTIONED:
        page = soup(site, path)
        assert page.select_one("[data-gb-status-value]").get_text() == "现行有效", path
        assert not page.select(".gb-history__effect"), path


def test_a_term_ended_before_the_build_reads_as_such_and_the_review_cycle_does_not(site):
    page = soup(site, "wenhao/东政办发-2024-30/")  # 有效期至2026年5月31日
    status = page.select_one("[data-gb-status-value]").get_text()
    built = datetime.date.fromisoformat(page.select_one("[data-gb-status-asof] time")["datetime"])
    assert status == ("已过有效期" if built > datetime.date(2026, 5, 31) else "现行有效")
    plan = soup(site, "wenhao/东政发-2023-28/")  # 有效期原则上为三年，但…要求修订时予以及时修订
    assert "修订周期" in plan.select_one(".gb-meta").get_text()
    assert "有效期届满" not in plan.get_text()


def test_documents_json_carries_effects_and_dates_not_a_frozen_status(site):
    records = {r["path"]: r for r in json.loads((site / "documents.json").read_text(encoding="utf-8"))["results"]}
    decision = records["wenhao/东政发-2024-21"]
    assert [e["kind"] for e in decision["effects"]] == ["废止", "废止", "失效", "失效", "废止"]
    assert decision["effects"][-1]["source"] == "editor" and decision["effects"][-1]["reason"] == "原文附件漏列此件"
    assert decision["effects"][0]["target"]["html_url"] == SITE_URL + "wenhao/东政办发-2023-33/"
    repealed = records["wenhao/东政办发-2023-33"]
    assert repealed["effected_by"][0]["acting"]["doc_number"] == "东政发〔2024〕21号"
    assert repealed["effected_by"][0]["date"] == "2024-04-10"
    assert "status" not in repealed and "lapsed" not in json.dumps(records["wenhao/东政办发-2024-30"]["validity"])


def _document_pages(site: Path) -> list[Path]:
    records = json.loads((site / "documents.json").read_text(encoding="utf-8"))["results"]
    return [site / record["path"] / "index.html" for record in records]


def _schema_context_loader(url, options=None):
    """schema.org's context without the network: every term in the schema.org vocabulary."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/", "url": {"@type": "@id"}}},
    }


def test_every_document_page_carries_valid_legislation_json_ld(site):
    jsonld = pytest.importorskip("pyld.jsonld")
    pages = _document_pages(site)
    assert len(pages) > 30
    for page in pages:
        scripts = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            'script[type="application/ld+json"]'
        )
        assert len(scripts) == 1, page
        data = json.loads(scripts[0].string)
        expanded = jsonld.expand(data, {"documentLoader": _schema_context_loader})
        assert len(expanded) == 1 and expanded[0]["@type"] == ["https://schema.org/Legislation"], page
        node = expanded[0]
        assert node["@id"].startswith(SITE_URL) and node["https://schema.org/name"][0]["@value"]
        if "legislationIdentifier" in data:
            assert node["https://schema.org/legislationIdentifier"][0]["@value"] == data["legislationIdentifier"]
    decision = json.loads(soup(site, "wenhao/东政发-2024-21/").select_one('script[type="application/ld+json"]').string)
    assert decision["legislationIdentifier"] == "东政发〔2024〕21号" and decision["legislationDate"] == "2024-04-10"
    assert decision["legislationPassedBy"][0]["name"].endswith("人民政府")
    changed = {c.get("legislationIdentifier") for c in decision["legislationChanges"]}
    assert changed == {
        "东政办发〔2023〕33号",
        "东政发〔2019〕12号",
        "东政办发〔2023〕37号",
        "东政办发〔2023〕46号",
        "东政办发〔2023〕43号",
    }
    repealed = json.loads(
        soup(site, "wenhao/东政办发-2023-33/").select_one('script[type="application/ld+json"]').string
    )
    assert repealed["legislationLegalForce"] == "https://schema.org/NotInForce"
    amended = json.loads(soup(site, "wenhao/东政发-2023-31/").select_one('script[type="application/ld+json"]').string)
    assert amended["legislationLegalForce"] == "https://schema.org/InForce"


# --- in the browser, on the day --------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site):
    with serve_directory(site) as url:
        yield url


def status_on(browser, base_url: str, path: str, day: str, media: str = "screen") -> str:
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(day + "T10:00:00"))
    page.emulate_media(media=media)
    page.goto(base_url + quote(path))
    page.wait_for_load_state()
    shown = page.locator(".gb-status__line").inner_text()
    context.close()
    return shown


def test_the_status_is_worked_out_on_the_day_the_page_is_read(browser, base_url):
    path = "wenhao/东政办发-2024-30/"  # in force from 2024-06-01 to 2026-05-31
    assert "尚未施行（按今日 2024年5月1日 计算）" in status_on(browser, base_url, path, "2024-05-01")
    assert "现行有效（按今日 2025年1月1日 计算）" in status_on(browser, base_url, path, "2025-01-01")
    assert "已过有效期（按今日 2026年6月1日 计算）" in status_on(browser, base_url, path, "2026-06-01")
    amended = "wenhao/东政发-2023-31/"  # amended from 2024-05-01
    assert "现行有效" in status_on(browser, base_url, amended, "2024-04-30")
    assert "已修改" in status_on(browser, base_url, amended, "2024-05-01")
    assert "已过有效期" in status_on(browser, base_url, amended, "2028-09-30")
    repealed = "wenhao/东政发-2023-28/"  # repealed from 2024-05-01; its review cycle never ends it
    assert "现行有效" in status_on(browser, base_url, repealed, "2024-04-01")
    assert "已废止" in status_on(browser, base_url, repealed, "2030-01-01")


def test_print_and_no_javascript_state_the_build_date(browser, base_url):
    printed = status_on(browser, base_url, "wenhao/东政办发-2023-33/", "2030-01-01", media="print")
    assert printed.startswith("已废止") and "截至" in printed and "按今日" not in printed
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + quote("wenhao/东政办发-2023-33/"))
    shown = page.locator(".gb-status__line").inner_text()
    context.close()
    assert "已废止" in shown and "截至" in shown and "按今日" not in shown


# --- the register ----------------------------------------------------------------------------

REGISTER = "东胜区人民政府/mulu/"


def test_the_register_lists_every_document_with_its_status_and_downloads(site):
    page = soup(site, REGISTER)
    rows = {row.select_one(".gb-number").get_text(): row for row in page.select(".gb-register tbody tr")}
    assert rows["东政办发〔2023〕33号"]["data-status"] == "已废止"
    assert rows["东政发〔2023〕31号"]["data-status"] == "已修改"
    assert rows["东政发〔2023〕26号"]["data-status"] == "现行有效"
    assert "东政发〔2024〕21号" in rows["东政办发〔2023〕33号"].select("td")[-1].get_text()
    assert all("乌区" not in number for number in rows)  # one publisher's register
    data = json.loads((site / "东胜区人民政府/mulu/mulu.json").read_text(encoding="utf-8"))
    assert data["count"] == len(rows)
    record = next(r for r in data["results"] if r["doc_number"] == "东政发〔2023〕28号")
    assert record["status"] == "已废止" and record["changed_by"][0]["doc_number"] == "东政发〔2024〕23号"
    assert record["status_as_of"] and record["effective"] == "2023-08-08" and record["valid_until"] is None
    text = (site / "东胜区人民政府/mulu/mulu.csv").read_text(encoding="utf-8-sig")
    header, *lines = text.splitlines()
    assert header.startswith("title,doc_number,issuers,date,year") and len(lines) == len(rows)
    assert any("东政发〔2023〕28号" in line and "已废止" in line for line in lines)


def test_the_register_filters_by_status_year_and_issuer(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime(2025, 1, 1, 10))
    page.goto(base_url + quote(REGISTER))
    total = page.locator(".gb-register tbody tr").count()
    page.select_option("select[name=status]", "已废止")
    visible = page.locator(".gb-register tbody tr:visible .gb-number").all_inner_texts()
    assert sorted(visible) == [
        "东政办发〔2023〕33号",
        "东政办发〔2023〕43号",
        "东政发〔2023〕28号",
    ]  # 43号: the sidecar
    page.select_option("select[name=status]", "")
    page.select_option("select[name=year]", "2024")
    assert 0 < page.locator(".gb-register tbody tr:visible").count() < total
    page.select_option("select[name=issuer]", "鄂尔多斯市东胜区人民政府办公室")
    years = page.locator(".gb-register tbody tr:visible time").all_inner_texts()
    assert years and all(day.startswith("2024") for day in years)
    context.close()


def test_search_results_show_the_status_and_can_be_limited_to_documents_in_force(browser, base_url):
    def results(query: str) -> list[str]:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base_url + "search/?" + query)
        page.wait_for_selector("[data-gb-search-page-result] .md-search-result__item")
        found = page.locator("[data-gb-search-page-result] .md-search-result__item").all_inner_texts()
        context.close()
        return found

    everything = results("q=" + quote("领导小组"))
    invalidated = [r for r in everything if "东政办发〔2023〕37号" in r]
    assert invalidated and "已失效" in invalidated[0]
    in_force = results("q=" + quote("领导小组") + "&force=in_force")
    assert in_force and len(in_force) < len(everything)
    assert not any("东政办发〔2023〕37号" in r or "东政办发〔2023〕46号" in r for r in in_force)
    assert any("东政发〔2024〕1号" in r and "现行有效" in r for r in in_force)
