"""The phrase query set and its reference answers, shared by tests/test_search.py and
benchmarks/search_quality.py: what Ctrl+F would find in a built site's search files."""

from __future__ import annotations

import gzip
import json

#: queries of the kinds readers type (see ../shared/notes/search.md)
QUERIES = [
    "优质均衡",
    "煤改电",
    "医共体",
    "府院联动",
    "医保",
    "消防",
    "韩涛",
    "区工信和科技局",
    "区财政局",
    "东政办发〔2023〕33号",
    "东政办发[2023]33号",
    "东政办发(2023)33号",
    "东政办发（2023）33号",
    "东政办发2023年33号",
    "东政办发 〔2023〕 33 号",
    "33号",
    "煤改电 补贴",
    "应急预案 演练",
    '"应急预案"',
    "国卫基层发〔2023〕41号",
    "克政办字[2025]4号",
    "乌区政办字﹝2023﹞12号",
    "人工智能",
    "名词解释",
    "大事记",
    "紧密型 医疗",
    "２０２３年",
    "Ａ级",
    "的",
]


def records(site, chunk: int) -> list:
    return json.loads(gunzip(site / "search" / "d" / f"{chunk}.json.gz"))


def gunzip(path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def ctrl_f(site, query_terms: list[str]) -> set[str]:
    """The documents whose normalized text contains every term: what Ctrl+F would find."""
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    every = [record for chunk in range(-(-meta["documents"] // meta["chunk"])) for record in records(site, chunk)]
    found = set()
    for doc, record in enumerate(every):
        pages = sorted(
            (site / "search" / "t").glob(f"{doc}-*.txt.gz"), key=lambda p: int(p.name.split("-")[1].split(".")[0])
        )
        text = "".join(gunzip(p) for p in pages)
        if all(term in text for term in query_terms):
            found.add(record[0])
    return found


def number_pages(site, query_terms: list[str]) -> set[str]:
    """For a query that is one 文号 cited but not in the archive: its own page (whose heading is
    that 文号), which the engine lists first."""
    table = json.loads((site / "wenhao.json").read_text(encoding="utf-8"))
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    documents = {
        record[0] for chunk in range(-(-meta["documents"] // meta["chunk"])) for record in records(site, chunk)
    }
    if len(query_terms) == 1 and table.get(query_terms[0]) and table[query_terms[0]] not in documents:
        return {table[query_terms[0]]}
    return set()
