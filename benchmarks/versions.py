"""Versions over two years: what `gongbao publish` deploys month after month, and its size.

    .venv/bin/python benchmarks/versions.py [--start 100] [--months 24] [--keep-years 3] [--out docs/performance.md]

A scratch git repository starts with the `--start` oldest issues of the synthetic archive
(benchmarks/synthetic_archive.py, seed 1) and is published with mike as in the publishing
workflow (`gongbao publish --alias latest --keep-years N`). Then, once a month for `--months`
months, one newer issue is added, committed and published, dated the 15th of that month from
January 2026. Along the way (`--corrections`, `--upgrade`):

* a correction: an editor's sidecar fixes the title of the first document of an older issue
  (通知 -> 通告, or "（更正）" appended);
* a builder upgrade: from that month on, the renderer writes full-width parentheses for
  half-width ones (benchmarks/upgrade/sitecustomize.py), changing the text of most documents.

Each month it prints what publish did (a new version or the latest redeployed), the versions on
gh-pages, the new version's size, the deployed tree as GitHub Pages counts it, what it would
count if `latest` were a symlink (mike's default: the Pages artifact dereferences links, so the
alias is a second copy), and how much of the version is byte-identical to the version before it
(what a store shared between versions could save). At the end, in headless Chromium from a
server that gzips as Pages does: the bytes a reader downloads for a revised document page
(reached through `latest/`, cold cache), then for a second document page, and for the earlier
text in the old version. The table goes to --out, in the section "Versions over two years".

A publication costs one to two minutes at 100 issues on this shared 2-core machine (the whole
site is built by mike each time), so the default run takes about 40 minutes; `--start 20` runs
the same calendar on a fifth of the archive in a few. A version's size is proportional to the
issues in it (docs/performance.md: ~1.1 MB per issue), so the figures of a smaller run scale by
the issue count; the section printed says how many versions were cut, which does not depend on it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from archive_scale import CHROMIUM_FLAGS, machine  # noqa: E402
from support import copy_project, serve_directory  # noqa: E402
from synthetic_archive import generate  # noqa: E402

from builder.commands.ghpages import tree_size  # noqa: E402
from builder.commands.publishing import PAGES_LIMIT, latest_version  # noqa: E402
from builder.parse import parse_issue  # noqa: E402

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}
UPGRADE = ROOT / "benchmarks" / "upgrade"
SECTION = "## Versions over two years"
MB = 1e6


def _issue_order(path: Path) -> tuple:
    year, number = path.parent.name.split("-")[:2]
    return int(year), int(number), path.parent.parent.name


def run(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args[:4])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result


def commit(project: Path, env: dict, message: str, date: str) -> None:
    dated = dict(env, GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
    run(project, dated, "git", "add", "-A")
    run(project, dated, "git", "commit", "-qm", message)


def correct(issue_file: Path) -> str:
    """Write a sidecar correcting the title of the issue's first document; returns its new title."""
    document = parse_issue(issue_file).documents[0]
    title = document.title.replace("通知", "通告") if "通知" in document.title else document.title + "（更正）"
    match = str(document.doc_number) if document.doc_number else document.start_line
    issue_file.with_name("issue.yml").write_text(
        f"documents:\n  - match: {json.dumps(match, ensure_ascii=False)}\n    title: {json.dumps(title, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    return title


def shared_bytes(project: Path, branch: str, version: str, previous: str | None) -> int:
    """Bytes of `version` whose file is byte-identical (same path, same blob) in `previous`."""
    if previous is None:
        return 0

    def blobs(folder: str) -> dict[str, tuple[str, int]]:
        listing = subprocess.run(
            ["git", "ls-tree", "-r", "-l", "-z", f"{branch}:{folder}"], cwd=project, capture_output=True, check=True
        ).stdout.decode("utf-8")
        found = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            _, kind, oid, size = meta.split()
            if kind == "blob":
                found[path] = (oid, int(size))
        return found

    before = blobs(previous)
    return sum(size for path, (oid, size) in blobs(version).items() if before.get(path, (None,))[0] == oid)


def page_bytes(tree: Path, first: str, second: str, earlier: str | None) -> dict[str, int]:
    """Bytes a reader downloads (gzip, as Pages serves): `first` with a cold cache, then `second`
    and `earlier` in the same browser."""
    from playwright.sync_api import sync_playwright

    found = {}
    with serve_directory(tree, gzip=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        context = browser.new_context()
        page = context.new_page()
        fetched: list[int] = []
        page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
        for name, url in (("first", first), ("second", second), ("earlier", earlier)):
            if url is None:
                continue
            before = len(fetched)
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            found[name] = sum(fetched[before:])
        browser.close()
    return found


def simulate(args: argparse.Namespace, work: Path) -> tuple[list[dict], dict]:
    project = copy_project(work / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    archive = work / "archive"
    issues = sorted(generate(archive, args.start + args.months, seed=1), key=_issue_order)
    for issue in issues[: args.start]:
        target = project / "content" / issue.relative_to(archive)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(issue, target)
    env = dict(
        os.environ,
        **GIT_IDENTITY,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join([str(UPGRADE), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    run(project, env, "git", "init", "-q", "-b", "main")
    rows = []
    corrected: list[tuple[str, str]] = []  # (issue folder, corrected title)
    for month in range(args.months + 1):
        year, month_of_year = 2026 + (month // 12), month % 12 + 1
        date = f"{year}-{month_of_year:02d}-15"
        events = []
        if month == 0:
            events.append(f"{args.start} issues")
        else:
            issue = issues[args.start + month - 1]
            target = project / "content" / issue.relative_to(archive)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(issue, target)
            events.append("issue")
        if month in args.corrections:
            older = sorted((project / "content").glob("*/*/issue.txt"), key=_issue_order)[
                len(corrected) * 7 % args.start
            ]
            corrected.append((older.parent.relative_to(project / "content").as_posix(), correct(older)))
            events.append("correction")
        if month == args.upgrade:
            env["GONGBAO_BENCH_UPGRADE"] = "1"
            events.append("builder upgrade")
        commit(project, env, f"month {month}: {', '.join(events)}", date)
        started = time.perf_counter()
        log = run(
            project,
            env,
            sys.executable,
            "-m",
            "builder.commands.cli",
            "publish",
            "--alias",
            "latest",
            "--date",
            date,
            "--keep-years",
            str(args.keep_years),
        ).stderr
        seconds = time.perf_counter() - started
        found = re.search(r"gongbao: (new version|redeploying version) (\S+)", log)
        versions = json.loads(run(project, env, "git", "show", "gh-pages:versions.json").stdout)
        version = found[2]
        previous = versions[1]["version"] if found[1] == "new version" and len(versions) > 1 else None
        size = tree_size(project, "gh-pages")
        revised = len(re.findall(r"^  revised: ", log, re.MULTILINE))
        pruned = re.search(r"deletes version\(s\) (.+)", log)
        row = {
            "month": month,
            "date": date,
            "issues": args.start + month,
            "events": ", ".join(events),
            "action": "cut" if found[1] == "new version" else "redeploy",
            "version": version,
            "revised": revised,
            "pruned": pruned[1] if pruned else "",
            "versions": len(versions),
            "version MB": size.of(version) / MB,
            "deployed MB": size.total / MB,
            "symlink MB": (size.total + size.of(latest_version(versions))) / MB,
            "shared MB": shared_bytes(project, "gh-pages", version, previous) / MB,
            "seconds": seconds,
        }
        rows.append(row)
        print(format_row(row), flush=True)
    tree = work / "gh-pages"
    tree.mkdir()
    archive_bytes = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive_bytes, check=True)
    latest = latest_version(json.loads((tree / "versions.json").read_text(encoding="utf-8")))
    records = json.loads((tree / latest / "documents.json").read_text(encoding="utf-8"))["results"]
    revised = next((r for r in records if any(rev["changes"] != ["正文"] for rev in r["revisions"])), None) or next(
        (r for r in records if r["revisions"]), records[0]
    )
    other = next(r for r in records if r["path"] != revised["path"])
    earlier = next((rev for rev in revised["revisions"] if rev.get("previous_url")), None)
    reader = page_bytes(
        tree,
        f"latest/{revised['path']}/",
        f"{latest}/{other['path']}/",
        f"{earlier['previous_version']}/{earlier['previous_path']}/" if earlier and earlier["available"] else None,
    )
    reader["revisions"] = len(revised["revisions"])
    return rows, reader


COLUMNS = [
    ("month", "{:d}"),
    ("date", "{}"),
    ("issues", "{:d}"),
    ("events", "{}"),
    ("action", "{}"),
    ("revised", "{:d}"),
    ("versions", "{:d}"),
    ("version MB", "{:.1f}"),
    ("deployed MB", "{:.1f}"),
    ("symlink MB", "{:.1f}"),
    ("shared MB", "{:.1f}"),
    ("seconds", "{:.0f}"),
]
HEADERS = [
    "month",
    "date",
    "issues",
    "what happened",
    "publish",
    "documents revised",
    "versions",
    "version (MB)",
    "deployed (MB)",
    "…with a symlinked latest (MB)",
    "identical to the previous version (MB)",
    "publish (s)",
]


def format_row(row: dict) -> str:
    cells = [form.format(row[key]) for key, form in COLUMNS]
    if row["pruned"]:
        cells[4] += f", pruned {row['pruned']}"
    return "| " + " | ".join(cells) + " |"


def section(args: argparse.Namespace, rows: list[dict], reader: dict) -> str:
    cuts = sum(row["action"] == "cut" for row in rows)
    peak = max(rows, key=lambda row: row["deployed MB"])
    last = rows[-1]
    every_month = [sum(row["version MB"] for row in rows[: n + 1]) + rows[n]["version MB"] for n in range(len(rows))]
    over = next((n for n, total in enumerate(every_month) if total > PAGES_LIMIT / MB), None)
    growth = (last["version MB"] - rows[0]["version MB"]) / max(args.months, 1)
    shared = max(row["shared MB"] / row["version MB"] for row in rows)
    earlier = f"; the earlier text in its old version {reader['earlier'] / 1024:.0f} KB" if "earlier" in reader else ""
    lines = [
        SECTION,
        "",
        "Written by `benchmarks/versions.py` (its docstring says what each column is).",
        f"Machine: {machine()}. Run: `--start {args.start} --months {args.months} --keep-years {args.keep_years} "
        f"--corrections {' '.join(map(str, args.corrections))} --upgrade {args.upgrade}`.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
        *(format_row(row) for row in rows),
        "",
        f"- {cuts} version(s) cut in {args.months} months ({args.months + 1} publications); the rest redeployed `latest` in place",
        f"- the previous rule (a new version for every month with a later issue, `latest` a symlink) would have deployed "
        f"{every_month[-1]:.0f} MB by the end, "
        + (f"past 1 GB from month {over}" if over is not None else "under 1 GB"),
        f"- deployed tree at the end: {last['deployed MB']:.0f} MB, at most {peak['deployed MB']:.0f} MB (month {peak['month']}); "
        f"with `latest` as a symlink (mike's default) Pages would count {peak['symlink MB']:.0f} MB",
        f"- a version grew from {rows[0]['version MB']:.0f} MB ({rows[0]['issues']} issues) to {last['version MB']:.0f} MB "
        f"({last['issues']} issues), {growth:.2f} MB per monthly issue, revision histories included; a version shares at most "
        f"{shared:.0%} of its bytes with the one before it (downloads and search files of unchanged issues; no page: "
        "each names its version in its canonical URL)",
        f"- a reader opening a revised document page through `latest/` (cold cache, {reader['revisions']} revision(s) "
        f"listed) downloads {reader['first'] / 1024:.0f} KB; a second document page {reader['second'] / 1024:.0f} KB{earlier}",
        "",
    ]
    return "\n".join(lines)


def write_section(out: Path, text: str) -> None:
    """Replace (or append) this benchmark's section of `out`, leaving the rest as it is."""
    existing = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n"
    head = existing.split("\n" + SECTION, 1)[0].rstrip("\n")
    tail = existing.split("\n" + SECTION, 1)[1] if ("\n" + SECTION) in existing else ""
    following = tail[tail.find("\n## ") :] if "\n## " in tail else ""
    out.write_text(head + "\n\n" + text.rstrip("\n") + "\n" + following, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=100, help="issues published before the first month")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--keep-years", type=int, default=3)
    parser.add_argument(
        "--corrections", type=int, nargs="*", default=[5, 11, 19], help="months with a sidecar correction"
    )
    parser.add_argument("--upgrade", type=int, default=14, help="month of the builder upgrade")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--work", type=Path, help="keep the scratch repository here (default: a temporary folder)")
    args = parser.parse_args()
    print("| " + " | ".join(key for key, _ in COLUMNS) + " |", flush=True)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        rows, reader = simulate(args, args.work)
    else:
        with tempfile.TemporaryDirectory() as work:
            rows, reader = simulate(args, Path(work))
    text = section(args, rows, reader)
    print(text)
    write_section(args.out, text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
