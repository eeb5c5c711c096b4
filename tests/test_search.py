"""Search: one normalization in Python and JavaScript, the sharded index, and the engine's
results checked against what Ctrl+F finds (every document containing every term)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest
from conftest import ROOT

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

    from builder.pipeline import parse_issue

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
    shards = sorted((site / "search" / "s").glob("*.json"))
    assert len(shards) == meta["shards"] and len(meta["docs"]) == 32
    sizes = [shard.stat().st_size for shard in shards]
    assert max(sizes) < 100_000  # a query's download stays small
    assert not (site / "search" / "search_index.json").exists()  # Material's index is not shipped


def ctrl_f(site, query_terms: list[str]) -> set[str]:
    """The documents whose normalized text contains every term: what Ctrl+F would find."""
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    found = set()
    for doc, record in enumerate(meta["docs"]):
        pages = sorted((site / "search" / "t").glob(f"{doc}-*.txt"), key=lambda p: int(p.stem.split("-")[1]))
        text = "".join(p.read_text(encoding="utf-8") for p in pages)
        if all(term in text for term in query_terms):
            found.add(record[0])
    return found
