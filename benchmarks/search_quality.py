"""Search quality and cost: gongbao's engine against Pagefind (extended) and Material's search.

    .venv/bin/pip install 'pagefind[extended]' jieba    # the two references (not project deps)
    .venv/bin/python benchmarks/search_quality.py

Builds the sample site three ways, all from the same documents: gongbao (this repo), Pagefind
indexing the same document pages (`data-pagefind-body` on each document's article), and
Material's built-in search (lunr; jieba pre-segmentation when jieba is installed). Runs two
query sets in headless Debian chromium and prints, per set and engine: recall@10, precision@10,
MRR, how often the first result is a wanted one, the no-result rate, bytes fetched for the first
query and per later query, and the median time to results.

- phrase: the query set of tests/test_search.py; a page is relevant when its text contains every
  query term (what Ctrl+F would find: the documents, and for a cited 文号 outside the archive its
  own page, whose heading is that 文号).
- natural: benchmarks/natural_queries.yml, queries typed the way readers type (loose 文号,
  paraphrases, short forms, questions, people), with the pages wanted judged by reading; and
  benchmarks/natural_queries_2.yml and _3.yml, two more such sets, each written without reading the
  ones before (held out). gongbao's phrase-set row is measured on its exact group (the near matches
  it lists after them, under 相关结果, are not what Ctrl+F finds); "gongbao" beside it is the whole list.
  --gongbao-only skips the two references; --misses lists gongbao's natural misses.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from archive_scale import mark_documents_for_pagefind  # noqa: E402
from search_reference import QUERIES, ctrl_f, number_pages  # noqa: E402
from support import build_site, serve_directory  # noqa: E402

NATURAL = [ROOT / "benchmarks" / f"natural_queries{suffix}.yml" for suffix in ("", "_2", "_3")]

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def material_variant(work: Path) -> Path:
    """The same site with Material's own search: the repository's config and templates, minus
    gongbao's header search box."""
    overrides = work / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    main = overrides / "main.html"
    template = main.read_text(encoding="utf-8")
    for block in ("header", "scripts"):  # neither block nests another
        template, found = re.subn(rf"{{% block {block} %}}.*?{{% endblock %}}", "", template, flags=re.S)
        assert found == 1, f"overrides/main.html: no {block} block to take out for Material's own search"
    main.write_text(template, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {overrides}")
    config = config.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}")
    # lang zh loads lunr.zh, which finds nothing in headless Chromium here; Material documents
    # jieba pre-segmentation (Han runs split with \\u200b) with the separator below instead
    config = config.replace("plugins:\n", "plugins:\n  - search:\n      separator: '[\\s\\u200b\\-，。、；：]+'\n")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = work / "site-material"
    build_site(work / "mkdocs.yml", site)
    return site


def pagefind_variant(ours: Path, work: Path) -> Path:
    site = work / "site-pagefind"
    shutil.copytree(ours, site)
    mark_documents_for_pagefind(site)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True)
    return site


OURS = """async (q) => {
  const engine = await import(new URL("assets/javascripts/search/engine.js", document.baseURI).href);
  const found = await engine.search(q, { base: new URL("search/", document.baseURI).href, limit: 10 });
  return found.results.map((r) => (r.match === "related" ? "related:" : "") + r.url);
}"""
PAGEFIND = """async (q) => {
  window.pf = window.pf || await import(new URL("pagefind/pagefind.js", document.baseURI).href);
  const found = await window.pf.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return data.map((d) => new URL(d.url, document.baseURI).href);
}"""


def material_query(page, query: str) -> list[str]:
    """Type the query into Material's own box (a key press is what triggers its search) and read
    the result list once its count line has changed."""
    box = page.locator(".md-search__input")
    before = page.locator(".md-search-result__meta").inner_text()
    box.fill(query)
    box.press("End")
    with contextlib.suppress(Exception):  # a timeout: the same count line as the previous query
        page.wait_for_function(
            "(before) => document.querySelector('.md-search-result__meta').textContent.trim() !== before.trim()",
            arg=before,
            timeout=2000,
        )
    page.wait_for_timeout(50)
    return page.eval_on_selector_all(".md-search-result__item > a", "(links) => links.slice(0, 10).map((a) => a.href)")


def run_engine(browser, base: str, name: str, queries: list[str], relevant: dict[str, set[str]]) -> dict:
    page = browser.new_page()
    fetched: list[int] = []
    loaded: list[tuple[str, int]] = []
    page.on(
        "requestfinished",
        lambda request: (
            fetched.append(request.sizes()["responseBodySize"]),
            loaded.append((request.url, fetched[-1])),
        ),
    )
    page.goto(base)
    page.wait_for_load_state("networkidle")
    if name == "Material":  # its worker fetches and builds the whole index before any result
        page.locator(".md-search__input").click()
        page.wait_for_timeout(500)
    # what a page fetched for search before the first query counts towards the first query
    preloaded = sum(size for url, size in loaded if re.search(r"search_index|workers/search|/lunr/", url))
    fetched.clear()
    rows, first_bytes, later_bytes, times = [], None, [], []
    for index, query in enumerate(queries):
        before = sum(fetched)
        started = time.perf_counter()
        urls = (
            material_query(page, query)
            if name == "Material"
            else page.evaluate(OURS if name == "gongbao" else PAGEFIND, query)
        )
        times.append((time.perf_counter() - started) * 1000)
        page.wait_for_timeout(20)
        spent = sum(fetched) - before
        if index == 0:
            first_bytes = spent + preloaded
        else:
            later_bytes.append(spent)
        near = [u.startswith("related:") for u in urls]
        paths = [unquote(urlsplit(u.removeprefix("related:")).path).strip("/") + "/" for u in urls]
        rows.append((query, paths, relevant[query], near))
    page.close()
    return {
        "rows": rows,
        "first": first_bytes,
        "later": statistics.mean(later_bytes),
        "ms": statistics.median(times[1:]),
        "max_ms": max(times[1:]),
    }


def exact_group(rows) -> list:
    """The rows with gongbao's labelled 相关结果 group left out: what the phrase set measures
    (its relevance is Ctrl+F's, which near matches by definition are not)."""
    return [
        (query, [p for p, near in zip(paths, flags, strict=True) if not near], relevant, [])
        for query, paths, relevant, flags in rows
    ]


def metrics(rows) -> dict:
    recall, precision, rr, first, empty, n = [], [], [], 0, 0, 0
    for _, paths, relevant, _ in rows:
        if not relevant:
            continue
        n += 1
        top = paths[:10]
        hits = [p in relevant for p in top]
        recall.append(sum(hits) / min(len(relevant), 10))
        precision.append(sum(hits) / len(top) if top else 0.0)
        rr.append(next((1 / (i + 1) for i, hit in enumerate(hits) if hit), 0.0))
        first += bool(hits and hits[0])
        empty += not top
    return {
        "recall@10": statistics.mean(recall),
        "precision@10": statistics.mean(precision),
        "MRR": statistics.mean(rr),
        "first wanted": first / n,
        "no-result rate": empty / n,
    }


def natural_queries(path: Path) -> dict[str, set[str]]:
    """{query: the pages wanted} from a natural query set (benchmarks/natural_queries*.yml)."""
    import yaml

    return {case["query"]: set(case["wanted"]) for case in yaml.safe_load(path.read_text(encoding="utf-8"))}


def print_table(title: str, results: dict, relevant: dict[str, set[str]]) -> None:
    print(f"\n{title}: {len(relevant)} queries, {sum(1 for r in relevant.values() if r)} with relevant pages")
    print(
        f"{'engine':10} {'recall@10':>9} {'prec@10':>8} {'MRR':>6} {'1st ok':>7} {'no-result':>9} {'1st query':>11} "
        f"{'per query':>11} {'median ms':>9}"
    )
    for name, result in results.items():
        m = metrics(result["rows"])
        if name.endswith(" exact"):
            m = metrics(exact_group(result["rows"]))
        print(
            f"{name:10} {m['recall@10']:9.3f} {m['precision@10']:8.3f} {m['MRR']:6.3f} {m['first wanted']:7.1%} "
            f"{m['no-result rate']:9.1%} {result['first'] / 1024:9.1f}KB {result['later'] / 1024:9.1f}KB {result['ms']:9.1f}"
            f"  (slowest after the first: {result['max_ms']:.0f} ms)"
        )


def print_misses(result: dict) -> None:
    """gongbao's natural queries whose first result is not a wanted page (with --misses)."""
    for query, paths, relevant, _ in result["rows"]:
        if not paths or paths[0] not in relevant:
            print(f"  {query}: wanted {sorted(relevant)}; got {paths[:3]}")


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("benchmark: Debian's chromium is needed (make test installs it)")
    try:
        import jieba  # noqa: F401

        segmentation = "with jieba"
    except ImportError:
        segmentation = "without jieba (pip install jieba to compare with it)"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = work / "site-ours"
        build_site(ROOT / "mkdocs.yml", ours)
        terms_of = {}
        import json

        for query in QUERIES:
            script = ROOT / "overrides" / "assets" / "javascripts" / "search" / "engine.js"
            out = subprocess.run(
                [
                    "node",
                    "--input-type=module",
                    "-e",
                    f"import {{ parseQuery }} from {json.dumps(script.as_uri())}; console.log(JSON.stringify(parseQuery({json.dumps(query)})))",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            terms_of[query] = json.loads(out)
        relevant = {
            q: {unquote(u).strip("/") + "/" for u in ctrl_f(ours, terms_of[q]) | number_pages(ours, terms_of[q])}
            for q in QUERIES
        }
        natural = {path.name: natural_queries(path) for path in NATURAL}
        sites = {"gongbao": ours}
        if "--gongbao-only" not in sys.argv:  # the references take most of the time
            sites |= {"Pagefind": pagefind_variant(ours, work), "Material": material_variant(work)}
        phrase_results, natural_results = {}, {path: {} for path in natural}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for name, site in sites.items():
                with serve_directory(site) as base:
                    phrase_results[name] = run_engine(browser, base, name, QUERIES, relevant)
                    for path, cases in natural.items():
                        natural_results[path][name] = run_engine(browser, base, name, list(cases), cases)
            browser.close()
    # the phrase set's relevance is Ctrl+F's: measured on gongbao's exact group (near matches
    # follow it under their own 相关结果 line), and on the whole list beside it
    phrase_results = {"gongbao exact": phrase_results["gongbao"]} | phrase_results
    print(f"Material {segmentation}")
    print_table("phrase queries (relevant: contains every term)", phrase_results, relevant)
    for path, cases in natural.items():
        print_table(f"natural queries (relevant: judged by reading, benchmarks/{path})", natural_results[path], cases)
    if "Pagefind" in phrase_results:
        ratio = phrase_results["Pagefind"]["first"] / max(phrase_results["gongbao"]["first"], 1)
        print(f"\nfirst-query bytes (phrase set): Pagefind / gongbao = {ratio:.2f}x")
    if "--misses" in sys.argv:
        for path, results in natural_results.items():
            print(f"\n{path}:")
            print_misses(results["gongbao"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
