"""Performance at archive scale: builds and search over synthetic archives of N issues.

    .venv/bin/pip install -e '.[bench]'        # Pagefind, the search reference
    .venv/bin/python benchmarks/archive_scale.py [--issues 10 100 500] [--out docs/performance.md]
    .venv/bin/python benchmarks/archive_scale.py --search-only --issues 10 60 500   # first-query bytes only

For each N (benchmarks/synthetic_archive.py, seed 1) it measures, on this machine, in one run:

* builder throughput: MB of raw text parsed per second, on one core and on all cores;
* the full `mkdocs build` with the gongbao plugin, cold (empty cache) and warm, with peak memory,
  beside the plain Material build of the same pages without the plugin (benchmarks/plain_material.py),
  with Material's automatic nav;
* a rebuild after adding one issue with a warm cache, and how many issues it parsed;
* the search index size; bytes fetched (headless Chromium, from a server that gzips text as
  GitHub Pages does) by the first query, by a typical query and by a query no text contains as
  typed (related results), beside Pagefind (extended)
  indexing the same document pages; the built site's size.

It prints a table and writes it to --out (default docs/performance.md) with the machine noted.
Times are wall-clock seconds of single runs; ratios compare runs made minutes apart.

--search-only measures only the first query of each kind (exact, exact + near, no exact), each
on a fresh page, beside Pagefind. It does not render the site: the plugin's own on_config and
on_files parse the archive and write the search/ files the site ships, served beside the
engine's scripts, and each document page's Markdown, converted with the site's extensions,
becomes the article Pagefind indexes (title, description line, text; the whole site's article
also carries the metadata panel, which makes Pagefind's queries larger). --full-build measures
on the whole `mkdocs build` instead (gongbao's bytes are the same; N = 500 takes far longer);
--work DIR keeps the archives, their parse cache and Pagefind's index for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from plain_material import export_pages  # noqa: E402
from synthetic_archive import generate  # noqa: E402

from builder.content.corpus import raw_issue_files  # noqa: E402
from builder.parse import parse_raw  # noqa: E402

QUERIES = ["应急预案", "医疗卫生", "领导小组", "安全生产", "煤改电 补贴", '"疾病预防控制"', "工作方案", "消防"]
#: queries no text contains as typed: the relaxed stages read the character postings and tables
RELATED_QUERIES = ["预热", "异味整治方案", "物业委员会怎么成立", "辐射事故预案", "煤改电有什么补贴", "医改领导小组"]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")


def _parse_file(path: Path) -> int:
    data = path.read_bytes()
    parse_raw(data, path)
    return len(data)


def throughput(raws: list[Path], workers: int) -> float:
    """MB of raw text parsed per second."""
    started = time.perf_counter()
    if workers == 1:
        size = sum(_parse_file(raw) for raw in raws)
    else:
        with ProcessPoolExecutor(workers) as pool:
            size = sum(pool.map(_parse_file, raws, chunksize=4))
    return size / 2**20 / (time.perf_counter() - started)


def timed_build(project: Path, site: str = "site", *extra: str) -> tuple[float, float, str]:
    """(seconds, peak MB, log) of one `mkdocs build` in `project`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-d", site, *extra],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"build in {project} failed:\n{log[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, log


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def project_for(work: Path, issues: int) -> Path:
    from support import copy_project

    if (work / f"n{issues}" / "content").is_dir():  # kept by --work: its archive and parse cache
        return work / f"n{issues}"
    project = copy_project(work / f"n{issues}")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    generate(project / "content", issues + 1, seed=1)
    return project


def mark_documents_for_pagefind(site: Path) -> None:
    """Pagefind indexes only the document pages (their article), as gongbao's search does."""
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'aria-label="文件信息"' in html:
            marked = re.sub(
                r'<article class="md-content__inner md-typeset"', r"\g<0> data-pagefind-body", html, count=1
            )
            page.write_text(marked, encoding="utf-8")


OURS = """async (q) => {
  const engine = await import(new URL("assets/javascripts/search/engine.js", document.baseURI).href);
  const found = await engine.search(q, { base: new URL("search/", document.baseURI).href, limit: 10 });
  return found.results.length;
}"""
PAGEFIND = """async (q) => {
  window.pf = window.pf || await import(new URL("pagefind/pagefind.js", document.baseURI).href);
  const found = await window.pf.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return data.length;
}"""


def query_bytes(browser, site: Path, script: str, queries: list[str] = QUERIES) -> tuple[int, float, int]:
    """(bytes of the first query, median bytes of a later query, results of the first)."""
    from support import serve_directory

    with serve_directory(site, gzip=True) as base:
        page = browser.new_page()
        fetched: list[int] = []
        page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        spent = []
        first_results = 0
        for _index, query in enumerate(queries):
            before = sum(fetched)
            results = page.evaluate(script, query)
            page.wait_for_timeout(30)
            spent.append(sum(fetched) - before)
            first_results = first_results or results
        page.close()
    return spent[0], statistics.median(spent[1:]), first_results


#: the first query of a visit, one of each kind, each on a fresh page (what it costs includes the
#: engine's meta file): exact, exact with near matches after it, no exact match at all
FIRST_QUERIES = {
    "exact": "应急预案",
    "exact + near": "紧密型医共体建设",
    "no exact": "异味整治方案",
    "no exact, question": "物业委员会怎么成立",
}


def first_query_bytes(browser, site: Path, script: str) -> dict[str, float]:
    """KB fetched by the first query of a fresh page, per kind of FIRST_QUERIES."""
    return {kind: query_bytes(browser, site, script, [query, query])[0] / 1024 for kind, query in FIRST_QUERIES.items()}


ENGINE_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>search</title>
<script type="module" src="assets/javascripts/search/engine.js"></script></head><body></body></html>
"""


def document_page(title: str, description: str, body: str) -> str:
    """A document's page as Pagefind sees it: the article of the site's document page (its title,
    the description line, the text), marked as the part to index."""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        f'<article class="md-content__inner md-typeset" data-pagefind-body><h1>{title}</h1>'
        f"<p>{description}</p>{body}</article></body></html>"
    )


def index_sites(project: Path, work: Path) -> tuple[Path, Path]:
    """(gongbao site, Pagefind site) without rendering the whole MkDocs site: the plugin's own
    on_config and on_files (parse through the cache, the library, the real search/ files the
    site ships), written beside the engine's scripts and one page that loads them as every site
    page does; and each document page's Markdown, converted with the site's Markdown extensions,
    as a page for Pagefind to index."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.utils.meta import get_data

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins["gongbao"]
    site, pagefind_site = work / f"site-{project.name}", work / f"pagefind-{project.name}"
    shutil.rmtree(site, ignore_errors=True)
    pages = not (pagefind_site / "pagefind").is_dir()  # kept by --work: Pagefind's index stays valid
    shutil.copytree(ROOT / "overrides" / "assets" / "javascripts", site / "assets" / "javascripts")
    (site / "index.html").write_text(ENGINE_PAGE, encoding="utf-8")
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    for file in files:
        if file.dest_uri.startswith("search/"):
            target = site / file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
        view = plugin.views.get(file.src_uri)
        if pages and view is not None and view.kind == "document":
            source, front = get_data(file.content_string)
            target = pagefind_site / file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            body = converter.reset().convert(source)
            target.write_text(document_page(front["title"], front.get("description", ""), body), encoding="utf-8")
    config.plugins.on_post_build(config=config)
    return site, pagefind_site


def measure_search(work: Path, issues: int, browser, full: bool = False, keep: bool = False) -> dict:
    """--search-only: index the archive (`index_sites`, or with `full` the whole `mkdocs build`),
    index the same document pages with Pagefind, and compare the first query's bytes per kind.
    `keep`: leave the archive, its parse cache and Pagefind's index in `work` for the next run."""
    project = project_for(work, issues)
    started = time.perf_counter()
    if full:
        timed_build(project)
        site = project / "site"
        pagefind_site = work / f"pagefind-{issues}"
        shutil.copytree(site, pagefind_site)
        mark_documents_for_pagefind(pagefind_site)
    else:
        site, pagefind_site = index_sites(project, work)
    built = time.perf_counter()
    if not (pagefind_site / "pagefind").is_dir():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pagefind_site), "--quiet"], check=True)
    print(f"  built in {built - started:.0f} s, Pagefind in {time.perf_counter() - built:.0f} s", flush=True)
    row = {
        "N": issues,
        "documents": json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))["documents"],
    }
    ours, theirs = first_query_bytes(browser, site, OURS), first_query_bytes(browser, pagefind_site, PAGEFIND)
    row |= {f"gongbao {kind}": kb for kind, kb in ours.items()} | {
        f"Pagefind {kind}": kb for kind, kb in theirs.items()
    }
    if not keep:
        shutil.rmtree(pagefind_site)
        shutil.rmtree(project)
        if not full:
            shutil.rmtree(site)
    return row


def search_table(rows: list[dict]) -> str:
    out = ["| first query (KB) | " + " | ".join(f"N = {row['N']} ({row['documents']} docs)" for row in rows) + " |"]
    out.append("|---|" + "---:|" * len(rows))
    for kind, query in FIRST_QUERIES.items():
        for engine in ("gongbao", "Pagefind"):
            out.append(
                f"| {engine}, {kind} ({query}) | " + " | ".join(f"{row[f'{engine} {kind}']:.0f}" for row in rows) + " |"
            )
    return "\n".join(out)


def measure(work: Path, issues: int, browser) -> dict:
    row: dict = {"N": issues}
    project = project_for(work, issues)
    raws = raw_issue_files(project / "content")
    extra = raws[0]  # one issue waits outside, to be added to the warm site later
    held = work / f"held-{issues}"
    held.mkdir(exist_ok=True)
    shutil.move(str(extra.parent), held / extra.parent.name)
    raws = raw_issue_files(project / "content")
    row["raw MB"] = sum(p.stat().st_size for p in raws) / 2**20
    row["MB/s 1 core"] = throughput(raws, 1)
    row["MB/s all cores"] = throughput(raws, os.cpu_count() or 1)

    shutil.rmtree(project / ".cache", ignore_errors=True)
    row["build cold s"], row["build cold MB"], _ = timed_build(project)
    row["build warm s"], row["build warm MB"], _ = timed_build(project)
    site = project / "site"
    row["documents"] = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))["documents"]
    row["site MB"] = folder_size(site) / 2**20
    row["search index MB"] = folder_size(site / "search") / 2**20

    plain = work / f"plain-{issues}"
    row["pages"] = export_pages(project / "mkdocs.yml", plain)
    row["plain s"], row["plain MB"], _ = timed_build(plain)
    row["ratio"] = row["build warm s"] / row["plain s"]

    shutil.move(str(held / extra.parent.name), extra.parent)
    row["rebuild s"], _, log = timed_build(project)
    found = re.search(r"gongbao: (\d+) issue\(s\), (\d+) from cache", log)
    row["rebuild parsed"] = int(found[1]) - int(found[2]) if found else -1

    pagefind_site = work / f"pagefind-{issues}"
    shutil.copytree(site, pagefind_site)
    mark_documents_for_pagefind(pagefind_site)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pagefind_site), "--quiet"], check=True)
    row["pagefind index MB"] = folder_size(pagefind_site / "pagefind") / 2**20
    first, typical, _ = query_bytes(browser, site, OURS)
    row["first KB"], row["typical KB"] = first / 1024, typical / 1024
    _, related, _ = query_bytes(browser, site, OURS, RELATED_QUERIES)
    row["related KB"] = related / 1024
    first, typical, _ = query_bytes(browser, pagefind_site, PAGEFIND)
    row["pf first KB"], row["pf typical KB"] = first / 1024, typical / 1024
    shutil.rmtree(pagefind_site)
    shutil.rmtree(plain)
    return row


COLUMNS = [
    ("N", "issues", "{:d}"),
    ("documents", "documents", "{:d}"),
    ("pages", "pages", "{:d}"),
    ("raw MB", "raw MB", "{:.1f}"),
    ("MB/s 1 core", "parse MB/s, 1 core", "{:.2f}"),
    ("MB/s all cores", "parse MB/s, all cores", "{:.2f}"),
    ("build cold s", "build, cold cache (s)", "{:.1f}"),
    ("build warm s", "build, warm cache (s)", "{:.1f}"),
    ("build warm MB", "build peak memory (MB)", "{:.0f}"),
    ("plain s", "plain Material build (s)", "{:.1f}"),
    ("plain MB", "plain peak memory (MB)", "{:.0f}"),
    ("ratio", "gongbao / plain", "{:.2f}"),
    ("rebuild s", "rebuild after adding 1 issue (s)", "{:.1f}"),
    ("rebuild parsed", "issues parsed by it", "{:d}"),
    ("search index MB", "search index (MB)", "{:.1f}"),
    ("pagefind index MB", "Pagefind index (MB)", "{:.1f}"),
    ("first KB", "first query (KB)", "{:.0f}"),
    ("typical KB", "typical query (KB)", "{:.0f}"),
    ("related KB", "query without exact match (KB)", "{:.0f}"),
    ("pf first KB", "Pagefind first query (KB)", "{:.0f}"),
    ("pf typical KB", "Pagefind typical query (KB)", "{:.0f}"),
    ("site MB", "site (MB)", "{:.0f}"),
]


def table(rows: list[dict]) -> str:
    out = ["| | " + " | ".join(f"N = {row['N']}" for row in rows) + " |", "|---|" + "---:|" * len(rows)]
    for key, label, form in COLUMNS[1:]:
        out.append(f"| {label} | " + " | ".join(form.format(row[key]) for row in rows) + " |")
    return "\n".join(out)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory / 1024:.0f} GB, Python {platform.python_version()}, {platform.platform()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument(
        "--search-only", action="store_true", help="only the first query's bytes per kind, beside Pagefind"
    )
    parser.add_argument(
        "--work", type=Path, help="with --search-only: keep archives, caches and Pagefind's index here for the next run"
    )
    parser.add_argument(
        "--full-build", action="store_true", help="with --search-only: the whole mkdocs build, not only the index"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.search_only:
        rows = []
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
            work = args.work or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            for issues in args.issues:
                print(f"N = {issues} …", flush=True)
                rows.append(measure_search(work, issues, browser, args.full_build, keep=args.work is not None))
                print(search_table(rows), flush=True)
            browser.close()
        return 0

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        for issues in args.issues:
            print(f"N = {issues} …", flush=True)
            rows.append(measure(Path(tmp), issues, browser))
            print(table(rows), flush=True)
        browser.close()
    first, last = rows[0], rows[-1]
    verdicts = [
        f"- builder at N = {last['N']}: {last['MB/s 1 core']:.2f} MB/s on one core (target ≥ 1 MB/s per core)",
        f"- full build at N = {last['N']}: {last['ratio']:.2f}× the plain Material build of the same pages (target ≤ 1.3×)",
        f"- adding one issue to a warm cache parsed {last['rebuild parsed']} issue(s) (target: only that one)",
        f"- typical query at N = {last['N']}: {last['typical KB']:.0f} KB, {last['typical KB'] / max(first['typical KB'], 0.1):.2f}× "
        f"N = {first['N']} (target ≤ 1.5×), Pagefind {last['pf typical KB']:.0f} KB (target: below Pagefind)",
    ]
    text = "\n".join(
        [
            "# Performance at archive scale",
            "",
            "Written by `benchmarks/archive_scale.py` (see its docstring for what each figure is).",
            f"Machine: {machine()}.",
            "",
            table(rows),
            "",
            *verdicts,
            "",
            f"Typical query: the median bytes of {len(QUERIES) - 1} queries after the first "
            f"({', '.join(QUERIES[1:])}); the first query ({QUERIES[0]}) includes the engine's meta file. "
            f"Query without exact match: the median bytes of {', '.join(RELATED_QUERIES[1:])} (related results).",
            "The plain Material build uses Material's automatic nav (every page) and its search plugin.",
            "",
        ]
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    later = existing[existing.index("\n## ") :] if "\n## " in existing else ""  # benchmarks/versions.py's section
    args.out.write_text(text + later, encoding="utf-8")
    print("\n".join(verdicts))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
