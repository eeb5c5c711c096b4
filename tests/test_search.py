"""Search: one normalization in Python and JavaScript, the sharded index, and the engine's
results checked against what Ctrl+F finds (every document containing every term)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from conftest import CONTENT, ROOT

from builder.content.corpus import issue_key, raw_issue_files
from builder.parse import parse_issue
from builder.site.library import build_library
from builder.site.search import document_text, fnv1a, normalize

ENGINE = ROOT / "overrides" / "assets" / "javascripts" / "search" / "engine.js"

#: queries of the kinds readers type (see ../shared/notes/search.md)
QUERIES = [
    "优质均衡", "煤改电", "医共体", "府院联动", "医保", "消防", "韩涛", "区工信和科技局", "区财政局",
    "东政办发〔2023〕33号", "东政办发[2023]33号", "东政办发(2023)33号", "东政办发（2023）33号", "东政办发2023年33号",
    "东政办发 〔2023〕 33 号", "33号", "煤改电 补贴", "应急预案 演练", '"应急预案"', "国卫基层发〔2023〕41号", "克政办字[2025]4号",
    "乌区政办字﹝2023﹞12号", "人工智能", "名词解释", "大事记", "紧密型 医疗", "２０２３年", "Ａ级", "的",
]


@pytest.mark.parametrize("raw, expected", [
    ("东政办发[2023]33号", "东政办发〔2023〕33号"),
    ("东政办发（２０２３）３３号", "东政办发〔2023〕33号"),
    ("东政办发 ﹝2023﹞ 33 号", "东政办发〔2023〕33号"),
    ("东政办发2023年33号", "东政办发〔2023〕33号"),
    ("区 财政 局\n第二行", "区财政局\n第二行"),
    ("ABC  Def", "abc def"),
    ("2023年7月6日", "2023年7月6日"),
])
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
    lines += QUERIES + ["（2024）", "[1999] 7", "字2024年5号", "\u3000全角空格\u3000", "ＡＢＣｘｙｚ１２３", "emoji 😀 区"]
    document = parse_issue(SAMPLES["004_8c6b577f21ba2ac5"]).documents[0]
    return lines + [document_text(document)]


def test_python_and_javascript_normalize_agree():
    strings = sample_strings()
    script = (
        f"import {{ normalize, fnv1a }} from {json.dumps(ENGINE.as_uri())};\n"
        f"const input = {json.dumps(strings, ensure_ascii=False)};\n"
        "console.log(JSON.stringify(input.map((s) => [normalize(s), fnv1a(normalize(s))])));"
    )
    javascript = json.loads(node_eval(script))
    python = [[normalize(s), fnv1a(normalize(s))] for s in strings]
    mismatches = [(s, p, j) for s, p, j in zip(strings, python, javascript) if p != j]
    assert mismatches == []


def test_query_parsing():
    script = (
        f"import {{ parseQuery }} from {json.dumps(ENGINE.as_uri())};\n"
        "console.log(JSON.stringify(['东政办发 [2023] 33 号', '煤改电  补贴', '\"应急 预案\" 演练', '东政办发2023年33', '  '].map(parseQuery)));"
    )
    assert json.loads(node_eval(script)) == [
        ["东政办发〔2023〕33号"], ["煤改电", "补贴"], ["应急预案", "演练"], ["东政办发〔2023〕33号"], [],
    ]


def test_index_files(built_site):
    site = built_site[0]
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == 2 and meta["documents"] == 32 and len(meta["shards"]) == 1  # one block
    shards = sorted((site / "search" / "b" / "0").glob("[0-9]*.json.gz"))
    assert len(shards) == meta["shards"][0]
    assert max(shard.stat().st_size for shard in shards) < 100_000  # a query's download stays small
    lengths = json.loads((site / "search" / "b" / "0" / "docs.json").read_text(encoding="utf-8"))
    assert len(lengths) == 32 and all(title > 0 for title, _ in lengths)
    assert sum(len(records(site, chunk)) for chunk in range(-(-32 // meta["chunk"]))) == 32
    assert not (site / "search" / "search_index.json").exists()  # Material's index is not shipped


def records(site, chunk: int) -> list:
    return json.loads(gunzip(site / "search" / "d" / f"{chunk}.json.gz"))


def gunzip(path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def index_in_blocks(monkeypatch, size: int):
    """The sample corpus's library and its search files, with blocks of `size` documents."""
    from builder.site import search as search_module

    library = build_library([(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)])
    monkeypatch.setattr(search_module, "BLOCK_DOCS", size)
    return library, search_module.SearchIndex.build(library, lambda entry: []).files


def test_blocks_hold_the_newest_documents_first(monkeypatch):
    library, files = index_in_blocks(monkeypatch, 10)
    meta = json.loads(files["search/meta.json"])
    assert len(meta["shards"]) == 4 and meta["block"] == 10  # 32 documents, 10 a block
    first = json.loads(gzip.decompress(files["search/d/0.json.gz"]))[0]
    assert first[0] == library.documents[0].url and library.issues[0].issue.year == 2025


def ctrl_f(site, query_terms: list[str]) -> set[str]:
    """The documents whose normalized text contains every term: what Ctrl+F would find."""
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    every = [record for chunk in range(-(-meta["documents"] // meta["chunk"])) for record in records(site, chunk)]
    found = set()
    for doc, record in enumerate(every):
        pages = sorted((site / "search" / "t").glob(f"{doc}-*.txt.gz"), key=lambda p: int(p.name.split("-")[1].split(".")[0]))
        text = "".join(gunzip(p) for p in pages)
        if all(term in text for term in query_terms):
            found.add(record[0])
    return found


def test_the_engine_reads_blocks_newest_first_and_all_of_them_give_ctrl_f(tmp_path, monkeypatch):
    """engine.js in node over an index cut into blocks of 5 documents: with `all`, results are
    exactly Ctrl+F's; with a small limit it stops early and says so."""
    _, files = index_in_blocks(monkeypatch, 5)
    site = tmp_path / "site"
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (site / path).write_bytes(content)
        else:
            (site / path).write_text(content, encoding="utf-8")
    engine = (ROOT / "overrides" / "assets" / "javascripts" / "search" / "engine.js").as_uri()
    queries = [q for q in QUERIES if q != "的"]
    script = f"""
      import {{ readFileSync }} from "node:fs";
      globalThis.document = {{ baseURI: {json.dumps(site.as_uri() + "/")} }};
      globalThis.fetch = async (url) => ({{ ok: true, json: async () => JSON.parse(readFileSync(new URL(url), "utf8")),
                                             text: async () => readFileSync(new URL(url), "utf8"),
                                             arrayBuffer: async () => new Uint8Array(readFileSync(new URL(url))).buffer }});
      const {{ search, parseQuery }} = await import({json.dumps(engine)});
      const out = {{}};
      for (const q of {json.dumps(queries, ensure_ascii=False)}) {{
        const all = await search(q, {{ all: true, limit: 1000 }});
        const few = await search(q, {{ limit: 2 }});
        out[q] = {{ terms: parseQuery(q), all: all.results.map((r) => r.url), complete: all.complete,
                   few: few.results.map((r) => r.url), fewComplete: few.complete, fewTotal: few.total }};
      }}
      console.log(JSON.stringify(out));
    """
    results = json.loads(node_eval(script))
    stopped_early = 0
    for query, found in results.items():
        expected = {url for url in ctrl_f(site, found["terms"])}
        assert {unquote(url).split(str(site) + "/", 1)[1] for url in found["all"]} == expected, query
        assert found["complete"]
        assert set(found["few"]) <= set(found["all"]) and len(found["few"]) <= 2
        if not found["fewComplete"]:
            stopped_early += 1
            assert found["fewTotal"] >= 2
    assert stopped_early >= 5  # common words stop after the first block or two
