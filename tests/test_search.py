"""Search: one normalization in Python and JavaScript, the sharded index, and the engine's
results checked against what Ctrl+F finds (every document containing every term)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from urllib.parse import quote, unquote

import pytest
from conftest import CONTENT, ROOT
from search_reference import QUERIES, ctrl_f, gunzip, records

from builder.content.corpus import issue_key, raw_issue_files
from builder.parse import parse_issue
from builder.search.index import document_text, fnv1a, normalize
from builder.site.library import build_library
from builder.site.pages import indexed_documents

ENGINE = ROOT / "overrides" / "assets" / "javascripts" / "search" / "engine.js"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("东政办发[2023]33号", "东政办发〔2023〕33号"),
        ("东政办发（２０２３）３３号", "东政办发〔2023〕33号"),
        ("东政办发 ﹝2023﹞ 33 号", "东政办发〔2023〕33号"),
        ("东政办发2023年33号", "东政办发〔2023〕33号"),
        ("区 财政 局\n第二行", "区财政局\n第二行"),
        ("ABC  Def", "abc def"),
        ("2023年7月6日", "2023年7月6日"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def node_eval(script: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make test needs Node.js)")
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def sample_strings() -> list[str]:
    from conftest import SAMPLES

    from builder.parse import parse_issue

    rng = random.Random(7)
    lines = []
    for path in SAMPLES.values():
        text = path.read_text(encoding="utf-8").splitlines()
        lines += rng.sample(text, 150)
    lines += [
        *QUERIES,
        "（2024）",
        "[1999] 7",
        "字2024年5号",
        "\u3000全角空格\u3000",
        "ＡＢＣｘｙｚ１２３",
        "emoji 😀 区",
    ]
    document = parse_issue(SAMPLES["004_8c6b577f21ba2ac5"]).documents[0]
    return [*lines, document_text(document)]


def test_python_and_javascript_normalize_agree():
    strings = sample_strings()
    script = (
        f"import {{ normalize, fnv1a }} from {json.dumps(ENGINE.as_uri())};\n"
        f"const input = {json.dumps(strings, ensure_ascii=False)};\n"
        "console.log(JSON.stringify(input.map((s) => [normalize(s), fnv1a(normalize(s))])));"
    )
    javascript = json.loads(node_eval(script))
    python = [[normalize(s), fnv1a(normalize(s))] for s in strings]
    mismatches = [(s, p, j) for s, p, j in zip(strings, python, javascript, strict=False) if p != j]
    assert mismatches == []


def test_question_words_and_particles_are_left_out_of_related_matching():
    script = (
        f"import {{ contentRuns }} from {json.dumps((ENGINE.parent / 'related.js').as_uri())};\n"
        "const stop = ['有什么', '怎么', '什么', '如何', '的', '是', '有'];\n"
        "console.log(JSON.stringify(['物业委员会怎么成立', '煤改电有什么补贴', '有限公司是什么', '补贴标准，如何申请？', '医保的'].map((q) => contentRuns([q], stop))));"
    )
    assert json.loads(node_eval(script)) == [
        ["物业委员会", "成立"],
        ["煤改电", "补贴"],
        ["有限公司"],
        ["补贴标准", "申请"],
        ["医保"],
    ]


def test_ordinals_are_matched_in_both_ways_of_writing_them():
    script = (
        f"import {{ ordinalForms }} from {json.dumps((ENGINE.parent / 'related.js').as_uri())};\n"
        "console.log(JSON.stringify(['第5次经济普查', '第十八届', '第一百零二条', '第20期', '第1234', '一次'].map(ordinalForms)));"
    )
    assert json.loads(node_eval(script)) == [
        [["第5", "第五"], ["第5次", "第五次"]],
        [["第十八", "第18"], ["第十八届", "第18届"]],
        [["第一百零二", "第102"], ["第一百零二条", "第102条"]],
        [["第20", "第二十"], ["第20期", "第二十期"]],
        [],
        [],
    ]


def test_query_parsing():
    script = (
        f"import {{ parseQuery }} from {json.dumps(ENGINE.as_uri())};\n"
        "console.log(JSON.stringify(['东政办发 [2023] 33 号', '煤改电  补贴', '\"应急 预案\" 演练', '东政办发2023年33', '  '].map(parseQuery)));"
    )
    assert json.loads(node_eval(script)) == [
        ["东政办发〔2023〕33号"],
        ["煤改电", "补贴"],
        ["应急预案", "演练"],
        ["东政办发〔2023〕33号"],
        [],
    ]


def test_index_files(built_site):
    site = built_site[0]
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == 3 and meta["documents"] == 32 and len(meta["shards"]) == 1  # one block
    shards = sorted((site / "search" / "b" / "0").glob("[0-9]*.json.gz"))
    assert len(shards) == meta["shards"][0]
    assert max(shard.stat().st_size for shard in shards) < 100_000  # a query's download stays small
    characters = sorted((site / "search" / "b" / "0").glob("c*.json.gz"))
    assert len(characters) == meta["charShards"][0] and max(c.stat().st_size for c in characters) < 100_000
    assert "怎么" in meta["stopWords"] and meta["aliasShards"] == len(list((site / "search" / "a").glob("*.json.gz")))
    lengths = json.loads((site / "search" / "b" / "0" / "docs.json").read_text(encoding="utf-8"))
    assert len(lengths) == 32 and all(title > 0 for title, _ in lengths)
    assert sum(len(records(site, chunk)) for chunk in range(-(-32 // meta["chunk"]))) == 32
    assert not (site / "search" / "search_index.json").exists()  # Material's index is not shipped


def test_short_forms_are_learned_from_the_texts_and_the_data_file():
    from builder.search.vocabulary import alias_table, defined_abbreviations

    text = normalize(
        "成立由乌达区人民医院牵头的紧密型医疗服务共同体(以下简称“医共体”)，成立普查领导小组(以下简称领导小组)。"
    )
    assert defined_abbreviations(text) == {"医共体": {"医疗服务共同体"}}  # a definition that adds nothing is dropped
    table = alias_table([text], normalize)
    assert "医疗服务共同体" in table["医共体"] and table["发改委"][0] == "发展和改革委员会"
    assert "补助" in table["补贴"] and "补贴" in table["补助"]  # synonyms go both ways
    assert table["ai"] == ["人工智能"]  # keys normalized like the text


def test_doc_number_table_holds_numbers_and_cited_pages(built_site):
    from builder.search.index import fnv1a

    site = built_site[0]
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))

    def entry(key):
        return json.loads(gunzip(site / "search" / "n" / f"{fnv1a(key) % meta['numberShards']}.json.gz")).get(key)

    [[year, doc]] = entry("东政发|31")
    assert year == 2023 and records(site, doc // meta["chunk"])[doc % meta["chunk"]][0] == "wenhao/东政发-2023-31/"
    assert entry("国卫基层发|41") == [
        [2023, "wenhao/国卫基层发-2023-41/", "关于全面推进紧密型县域医疗卫生共同体建设的指导意见"]
    ]
    table = json.loads((site / "wenhao.json").read_text(encoding="utf-8"))
    assert table["国卫基层发〔2023〕41号"] == "wenhao/国卫基层发-2023-41/"  # the lookup finds cited pages too


def index_in_blocks(monkeypatch, size: int):
    """The sample corpus's library and its search files, with blocks of `size` documents."""
    from builder.search import index as search_module

    library = build_library([(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)])
    monkeypatch.setattr(search_module, "BLOCK_DOCS", size)
    return library, search_module.SearchIndex.build(indexed_documents(library, lambda entry: [])).files


def test_blocks_hold_the_newest_documents_first(monkeypatch):
    library, files = index_in_blocks(monkeypatch, 10)
    meta = json.loads(files["search/meta.json"])
    assert len(meta["shards"]) == 4 and meta["block"] == 10  # 32 documents, 10 a block
    first = json.loads(gzip.decompress(files["search/d/0.json.gz"]))[0]
    assert first[0] == library.documents[0].url and library.issues[0].issue.year == 2025


def test_a_rare_query_reads_only_the_blocks_that_can_hold_it(tmp_path, monkeypatch):
    """With 7 blocks of 5 documents, a phrase in one document reads the newest block and the
    one holding it (the g/ table says which), not all seven; the result is still what Ctrl+F finds."""
    _, files = index_in_blocks(monkeypatch, 5)
    site = write_site(tmp_path, files)
    script = (
        NODE_FETCH.format(base=json.dumps(site.as_uri() + "/"), engine=json.dumps(ENGINE.as_uri()))
        + r"""
      const found = await search("府院联动", { all: true, related: false });
      console.log(JSON.stringify({ urls: found.results.map((r) => r.url), blocks: [...new Set(fetched
        .map((url) => (url.match(/search[/]b[/](\d+)[/]/) || [])[1]).filter(Boolean))] }));
    """
    )
    result = json.loads(node_eval(script))
    assert {unquote(url).split(str(site) + "/", 1)[1] for url in result["urls"]} == ctrl_f(site, ["府院联动"])
    assert json.loads(files["search/meta.json"])["gramShards"] > 0 and 1 <= len(result["blocks"]) <= 2
    # a query no text contains finds its document in an older block, without reading every block
    script = (
        NODE_FETCH.format(base=json.dumps(site.as_uri() + "/"), engine=json.dumps(ENGINE.as_uri()))
        + r"""
      const found = await search("异味整治方案");
      console.log(JSON.stringify({ first: found.results[0].url, match: found.results[0].match, blocks: [...new Set(fetched
        .map((url) => (url.match(/search[/]b[/](\d+)[/]/) || [])[1]).filter(Boolean))] }));
    """
    )
    result = json.loads(node_eval(script))
    assert unquote(result["first"]).endswith("wenhao/乌区政办发-2023-10/") and result["match"] == "related"
    assert len(result["blocks"]) < len(json.loads(files["search/meta.json"])["shards"])


def test_a_query_without_exact_match_reads_a_bounded_number_of_blocks(tmp_path, monkeypatch):
    """With 16 blocks of 2 documents, a query no text contains, whose words many older blocks
    hold, reads at most RELATED_BLOCKS (3) blocks and says the list is not complete; `all` reads
    the rest and finds more: the first query's cost does not grow with the archive."""
    _, files = index_in_blocks(monkeypatch, 2)
    site = write_site(tmp_path, files)
    script = (
        NODE_FETCH.format(base=json.dumps(site.as_uri() + "/"), engine=json.dumps(ENGINE.as_uri()))
        + r"""
      const blocks = () => [...new Set(fetched.map((url) => (url.match(/search[/]b[/](\d+)[/]/) || [])[1]).filter(Boolean))];
      const first = await search("领导小组成员调整通知");
      const read = blocks();
      fetched.length = 0;
      const all = await search("领导小组成员调整通知", { all: true });
      console.log(JSON.stringify({ exact: first.exact, complete: first.complete, read, found: first.results.length,
                                   allComplete: all.complete, allFound: all.results.length, allRead: blocks() }));
    """
    )
    result = json.loads(node_eval(script))
    assert result["exact"] == 0 and result["found"] >= 1
    assert len(result["read"]) <= 3 and not result["complete"]
    assert result["allComplete"] and result["allFound"] > result["found"] and len(result["allRead"]) > 3


def write_site(tmp_path, files):
    site = tmp_path / "site"
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (site / path).write_bytes(content)
        else:
            (site / path).write_text(content, encoding="utf-8")
    return site


#: engine.js in node over a site folder: fetch reads files (and records what it read)
NODE_FETCH = """
      import {{ readFileSync }} from "node:fs";
      globalThis.document = {{ baseURI: {base} }};
      const fetched = [];
      globalThis.fetch = async (url) => {{ fetched.push(String(url)); return {{ ok: true,
        json: async () => JSON.parse(readFileSync(new URL(url), "utf8")), text: async () => readFileSync(new URL(url), "utf8"),
        arrayBuffer: async () => new Uint8Array(readFileSync(new URL(url))).buffer }}; }};
      const {{ search, parseQuery }} = await import({engine});
"""


def test_the_engine_reads_blocks_newest_first_and_all_of_them_give_ctrl_f(tmp_path, monkeypatch):
    """engine.js in node over an index cut into blocks of 5 documents: with `all`, results are
    exactly Ctrl+F's; with a small limit it stops early and says so."""
    _, files = index_in_blocks(monkeypatch, 5)
    site = write_site(tmp_path, files)
    queries = [q for q in QUERIES if q != "的"]
    script = (
        NODE_FETCH.format(base=json.dumps(site.as_uri() + "/"), engine=json.dumps(ENGINE.as_uri()))
        + f"""
      const out = {{}};
      for (const q of {json.dumps(queries, ensure_ascii=False)}) {{
        const all = await search(q, {{ all: true, limit: 1000 }});
        const few = await search(q, {{ limit: 2, related: false }});
        out[q] = {{ terms: parseQuery(q), all: all.results.filter((r) => r.match === "exact").map((r) => r.url),
                   complete: all.complete, exact: all.exact, matches: all.results.map((r) => r.match),
                   few: few.results.map((r) => r.url), fewComplete: few.complete, fewTotal: few.total }};
      }}
      console.log(JSON.stringify(out));
    """
    )
    results = json.loads(node_eval(script))
    stopped_early = 0
    for query, found in results.items():
        expected = set(ctrl_f(site, found["terms"]))
        assert {unquote(url).split(str(site) + "/", 1)[1] for url in found["all"]} == expected, query
        assert found["complete"] and found["exact"] == len(expected)
        # a cited 文号's own page, then the exact matches, then what is only related
        order = [{"number": 0, "exact": 1, "related": 2}[match] for match in found["matches"]]
        assert order == sorted(order), query
        assert set(found["few"]) <= set(found["all"]) and len(found["few"]) <= 2
        if not found["fewComplete"]:
            stopped_early += 1
            assert found["fewTotal"] >= 2
    assert stopped_early >= 5  # common words stop after the first block or two


# --- what readers mean (issue 13): relaxed matching, typed 文号, the notice, in Chromium -------

from test_browser import base_url, page  # noqa: E402, F401  (the served site and a Chromium page: fixtures)

FIND = """async (query) => {
  const engine = await import(new URL("assets/javascripts/search/engine.js", document.baseURI).href);
  const found = await engine.search(query, { base: new URL("search/", document.baseURI).href });
  return { exact: found.exact, suggestion: found.suggestion ?? null, missing: found.missing ?? null,
           results: found.results.map((r) => ({ path: decodeURIComponent(new URL(r.url).pathname),
           match: r.match, mention: r.mention, docNumber: r.docNumber, snippet: r.snippet })) };
}"""


@pytest.mark.parametrize(
    "query, wanted",
    [
        ("异味整治方案", "/wenhao/乌区政办发-2023-10/"),  # words of the title, others left out
        ("辐射事故预案", "/wenhao/东政办发-2024-8/"),
        ("物管委", "/wenhao/东政发-2023-31/"),  # a short form defined nowhere: 物业管理委员会
        ("医改领导小组调整", "/wenhao/东政办发-2023-44/"),  # a short form of the data file: 医药卫生体制改革
        ("物业委员会怎么成立", "/wenhao/东政发-2023-31/"),  # a question: 怎么 need not occur
        ("煤改电有什么补贴", "/wenhao/乌区政办字-2023-12/"),
        ("第5次经济普查", "/wenhao/乌区政办字-2023-9/"),  # an ordinal written the other way: 第五次全国经济普查
        ("第一次政府常务会议", "/克什克腾旗人民政府/2025-01/克什克腾旗人民政府2025年第1次政府常务会议/"),
    ],
)
def test_a_query_that_is_not_in_any_text_finds_what_it_means(page, base_url, query, wanted):
    page.goto(base_url)
    found = page.evaluate(FIND, query)
    assert found["exact"] == 0 and found["results"], query
    assert found["results"][0]["path"] == wanted
    assert {result["match"] for result in found["results"]} == {"related"}
    assert len(found["results"]) <= 3  # the weak tail is cut
    assert "<mark>" in found["results"][0]["snippet"]  # the words that matched are marked


@pytest.mark.parametrize(
    "query, number",
    [
        ("东政办发2023 46", "东政办发〔2023〕46号"),
        ("东政办发46号 2023", "东政办发〔2023〕46号"),
        ("乌区政办发2023-7号", "乌区政办发〔2023〕7号"),
        ("东政办发2024第8号", "东政办发〔2024〕8号"),
        ("克政办字（2025）4号", "克政办字〔2025〕4号"),
    ],
)
def test_a_doc_number_typed_loosely_comes_first(page, base_url, query, number):
    page.goto(base_url)
    found = page.evaluate(FIND, query)
    assert found["results"][0]["docNumber"] == number
    assert "related" not in {result["match"] for result in found["results"]}


def test_a_doc_number_without_its_year_lists_that_code_and_serial(page, base_url):
    page.goto(base_url)
    found = page.evaluate(FIND, "东政发31号")
    assert [r["docNumber"] for r in found["results"]] == ["东政发〔2023〕31号"]
    assert page.evaluate(FIND, "东政办发 12号")["results"][0]["docNumber"] == "东政办发〔2024〕12号"
    mistyped = page.evaluate(FIND, "东政发2024 31号")["results"]  # no such 文号: the year is the likely slip
    assert [(r["docNumber"], r["match"]) for r in mistyped] == [("东政发〔2023〕31号", "related")]


def test_a_cited_doc_number_outside_the_archive_finds_its_own_page(page, base_url):
    page.goto(base_url)
    found = page.evaluate(FIND, "国卫基层发2023 41号")
    assert found["results"][0]["path"] == "/wenhao/国卫基层发-2023-41/"
    assert found["results"][0]["match"] == "number"
    assert [r["match"] for r in found["results"][1:]] == ["exact", "exact"]  # the documents citing it
    loose = page.evaluate(FIND, "国卫基层发41号")  # no year: the same page, and the documents citing it too
    assert [(r["path"], r["match"]) for r in loose["results"]] == [(r["path"], r["match"]) for r in found["results"]]
    assert "<mark>" in loose["results"][1]["snippet"]  # the full 文号 marked where it is cited
    page.goto(base_url + "lookup/?q=" + quote("国卫基层发〔2023〕41号"))
    page.wait_for_url(base_url + quote("wenhao/国卫基层发-2023-41/"))
    page.goto(base_url + "lookup/?q=" + quote("东政发31号"))  # no year: the search lists them
    page.wait_for_url("**/search/?q=*")
    page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
    assert "东政发〔2023〕31号" in page.locator("[data-gb-search-page-result]").inner_text()


def test_the_search_page_says_when_results_are_only_related(page, base_url):
    page.goto(base_url + "search/?q=" + quote("异味整治方案"))
    page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
    status = page.locator("[data-gb-search-status]").inner_text()
    assert status.startswith("没有完全匹配“异味整治方案”的结果，以下为相关结果")
    marks = page.locator("[data-gb-search-page-result] mark").all_inner_texts()
    assert {"异味", "整治"} <= set(marks)
    assert not page.locator(".gb-search-all").is_visible()  # every block was read


def test_a_document_about_the_query_goes_before_a_passing_mention(page, base_url):
    page.goto(base_url + "search/?q=" + quote("住建局 物业管理"))
    items = page.locator("[data-gb-search-page-result] .md-search-result__list > li")
    items.first.wait_for()
    texts = items.all_inner_texts()
    # 住建局: 住房和城乡建设局 in the 物业管理 document; the exact hit names 住建局 once in a roster
    assert "物业管理委员会组建管理办法" in texts[0]
    assert any("老旧商圈" in text for text in texts[1:])
    assert page.locator("[data-gb-search-status]").inner_text().startswith("找到 1 个顺带提及“住建局 物业管理”的文件")


@pytest.mark.parametrize(
    "query, exact, near",
    [
        # words in order with a qualifier between them: 领导工作分工
        ("领导分工", "/wenhao/东政办发-2023-43/", "/wenhao/乌区政办发-2023-16/"),
        # a year and an ordinal between them: 政府2024年第2次常务会议
        (
            "政府常务会议",
            "/克什克腾旗人民政府/2025-01/克什克腾旗人民政府2025年第1次政府常务会议/",
            "/wenhao/东政发-2024-9/",
        ),
        # a short form (以下简称“医共体”) with 县域 between: 紧密型县域医疗卫生共同体建设
        ("紧密型医共体建设", "/wenhao/乌区政办发-2023-14/", "/wenhao/克政办字-2025-4/"),
        # a name with its post after it: 杨 云 区政府副区长
        ("副区长杨云", "/wenhao/东政办发-2023-43/", "/wenhao/东政办发-2023-44/"),
        # a short form no text uses for this document: 第五次全国经济普查
        ("五经普", "/东胜区人民政府/2024-01-03/大事记/", "/wenhao/乌区政办字-2023-9/"),
        # two words, only passing mentions of both: the work on the first, 防汛工作部署会
        ("防汛抗旱", "/wenhao/东政发-2023-28/", "/东胜区人民政府/2023-07-09/大事记/"),
    ],
)
def test_near_matches_follow_exact_ones_without_pushing_them_down(page, base_url, query, exact, near):
    page.goto(base_url)
    found = page.evaluate(FIND, query)["results"]
    paths = [result["path"] for result in found]
    assert exact in paths and near in paths, paths
    assert found[paths.index(exact)]["match"] == "exact" and found[paths.index(near)]["match"] == "related"
    strong = [i for i, result in enumerate(found) if result["match"] != "related" and not result["mention"]]
    related = [i for i, result in enumerate(found) if result["match"] == "related"]
    assert not strong or not related or max(strong) < min(related)  # never above a strong exact match
    assert len(found) <= 10


def test_near_matches_have_their_line_in_the_list(page, base_url):
    page.goto(base_url + "search/?q=" + quote("领导分工"))
    items = page.locator("[data-gb-search-page-result] .md-search-result__list > li")
    items.first.wait_for()
    texts = items.all_inner_texts()
    line = next(i for i, text in enumerate(texts) if text.startswith("以下为相关结果"))
    assert line == 1 and "领导工作分工" in texts[line + 1]
    assert page.locator("[data-gb-search-status]").inner_text().startswith("找到 1 个文件")


@pytest.mark.parametrize(
    "query, number",
    [
        ("乌区政办〔2023〕14号", "乌区政办发〔2023〕14号"),  # a character missing
        ("东政办发发〔2023〕37号", "东政办发〔2023〕37号"),  # one too many
        ("克政办发〔2025〕4号", "克政办字〔2025〕4号"),  # one wrong
        ("东胜区东政办发〔2024〕11号", "东政办发〔2024〕11号"),  # a place before it
        ("鄂尔多斯市东胜区人民政府东政发2024 4号", "东政发〔2024〕4号"),
    ],
)
def test_a_mistyped_doc_number_finds_the_one_meant(page, base_url, query, number):
    page.goto(base_url)
    found = page.evaluate(FIND, query)
    assert found["suggestion"] == number
    assert found["results"][0]["docNumber"] == number
    page.goto(base_url + "search/?q=" + quote(query))
    page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
    assert page.locator("[data-gb-search-status]").inner_text().startswith(f"您要找的是不是 {number}？")


def test_a_doc_number_not_in_the_archive_says_so(page, base_url):
    page.goto(base_url)
    found = page.evaluate(FIND, "东政办发〔2023〕99号")
    assert found["missing"] == "东政办发〔2023〕99号" and found["results"] == []
    cited = page.evaluate(FIND, "国卫基层发〔2023〕41号")  # cited by the archive: its own page first
    assert cited["missing"] == "国卫基层发〔2023〕41号"
    assert cited["results"][0]["path"] == "/wenhao/国卫基层发-2023-41/"
    page.goto(base_url + "search/?q=" + quote("东政办发〔2023〕99号"))
    status = page.locator("[data-gb-search-status]")
    status.filter(has_text="本库未收录").wait_for()
    assert status.inner_text() == "本库未收录 东政办发〔2023〕99号"


def test_both_boxes_open_the_results_page_on_enter(page, base_url):
    for start in (base_url, base_url + quote("wenhao/东政发-2023-31/")):
        page.goto(start)
        box = page.locator("#gb-search-input") if start == base_url else page.locator("[data-gb-search-input]")
        if start != base_url:
            page.keyboard.press("/")
        box.fill("医保报销")
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
        assert page.locator("#gb-search-page-input").input_value() == "医保报销"
    page.goto(base_url + quote("wenhao/东政发-2023-31/"))  # a 文号 that resolves exactly opens its document
    page.keyboard.press("/")
    page.locator("[data-gb-search-input]").fill("东政办发[2023]33号")
    page.locator("[data-gb-search-input]").press("Enter")
    page.wait_for_url(base_url + quote("wenhao/东政办发-2023-33/"))


def test_the_header_box_links_to_the_full_results_and_lets_tab_leave(page, base_url):
    expect = pytest.importorskip("playwright.sync_api").expect
    page.goto(base_url)
    page.keyboard.press("/")
    box = page.locator("[data-gb-search-input]")
    box.press_sequentially("煤改电有什么补贴")
    # the box answers as the reader types: wait for the answer to the whole question
    expect(page.locator("[data-gb-search-result] .md-search-result__meta")).to_have_text("无完全匹配，以下为相关结果")
    more = page.locator("[data-gb-search-more]")
    assert more.is_visible() and "筛选" in more.inner_text()
    assert unquote(more.get_attribute("href")).endswith("search/?q=煤改电有什么补贴")
    inside = "(el) => !!el.closest('.md-search')"
    left = False
    for _ in range(8):  # the scroll region, the link to the full results, then out of the box
        page.keyboard.press("Tab")
        if not page.evaluate(f"({inside})(document.activeElement)"):
            left = True
            break
    assert left and not page.locator("#__search").is_checked()
    more_href = more.get_attribute("href")
    page.goto(more_href)
    page.locator("[data-gb-search-page-result] .md-search-result__item").first.wait_for()
    assert page.locator("select[name=publisher]").is_visible()


def test_the_opened_document_marks_the_words_searched_for(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")
    page.locator("[data-gb-search-input]").press_sequentially("紧密型医共体建设")
    link = page.locator("[data-gb-search-result] .md-search-result__item a").first
    link.wait_for()
    assert "h=" in link.get_attribute("href")  # Material's search.highlight convention
    page.goto(base_url + quote("wenhao/克政办字-2025-4/") + "?h=" + quote("紧密型医共体建设"))
    marks = page.locator("mark.gb-highlight")
    marks.first.wait_for()
    assert {"紧密型", "医共体建设"} <= set(marks.all_inner_texts())  # a near match marked in its pieces
    page.get_by_role("button", name="清除高亮").click()
    assert marks.count() == 0 and "h=" not in page.url
