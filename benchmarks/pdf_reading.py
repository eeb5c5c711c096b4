"""Benchmark (not a test): reading gazette PDFs, text layer and OCR, seconds per page and Han
character error rates, per engine.

A sample issue is typeset as PDFs at run time (benchmarks/pdf_fixtures.py: one-column A4, two-column
16开 with a banner, the same with a shuffled content stream), read through the text layer and
parsed; then some of its body pages are scanned (200 dpi, skew, blur, noise, JPEG) and read by
each installed OCR engine, pages in parallel on all cores, against what the text layer reads on
the same pages. `--full-scan` scans the whole issue and parses it, as an editor's scan would be
(with `--gold G.json --seed S.txt`, scored by ../shared/tools/score_extraction.py).

    .venv/bin/python benchmarks/pdf_reading.py [--issue RAW.txt] [--ocr-pages 2] [--full-scan]

Han CER: edits over Han characters only (punctuation, digits, spaces ignored) per reference Han
character; a moved block counts twice. Text layer: each document's body against the same
document parsed from the issue's text (tables compared by bigram coverage, their cells' order
is the layout's). OCR: the scanned pages against the text layer of the same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdf_fixtures import SINGLE, TWOCOL, bigram_coverage, han, han_cer, pages_of, render_issue, scan, shuffle_stream  # noqa: E402

from builder.commands.report import inspect_data  # noqa: E402
from builder.model import BlockKind  # noqa: E402
from builder.parse import parse_issue  # noqa: E402
from builder.parse.pdf import ocr, read_pdf  # noqa: E402
from builder.render import render_body  # noqa: E402

DEFAULT_ISSUE = ROOT / "content" / "乌达区人民政府" / "2023-02" / "issue.txt"


def _timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def text_layer(issue, folder: Path) -> list[str]:
    rows = [
        "| PDF | pages | s/page (read) | s/page (read + parse) | Han CER, prose | coverage, with tables | documents as text |",
        "|---|---|---|---|---|---|---|",
    ]
    twocol = render_issue(issue, folder / "twocol.pdf", TWOCOL)
    variants = {
        "one column A4": render_issue(issue, folder / "single.pdf", SINGLE).path,
        "two columns 16开 + banner": twocol.path,
        "two columns, shuffled stream": shuffle_stream(twocol.path, folder / "shuffled.pdf"),
    }
    for name, path in variants.items():
        data = path.read_bytes()
        pdf, seconds = _timed(partial(read_pdf, data, path, use_cache=False))
        parsed, total = _timed(partial(parse_issue, path))
        pages = len(pdf.pages)
        prose = [
            (render_body(a), render_body(b))
            for a, b in zip(issue.documents, parsed.documents, strict=False)
            if not any(block.kind in (BlockKind.TABLE, BlockKind.PRINTED_TABLE) for block in a.blocks)
        ]
        reference = "".join(a for a, _ in prose)
        errors = sum(han_cer(a, b) * len(han(a)) for a, b in prose) / max(1, len(han(reference)))
        coverage = bigram_coverage(
            "".join(render_body(d) for d in issue.documents), "".join(render_body(d) for d in parsed.documents)
        )
        same = [(d.title, str(d.doc_number), d.date) for d in parsed.documents] == [
            (d.title, str(d.doc_number), d.date) for d in issue.documents
        ]
        rows.append(
            f"| {name} | {pages} | {seconds / pages:.3f} | {total / pages:.3f} | {errors:.4f} | {coverage:.4f} | "
            f"{'same' if same else 'DIFFERENT'} ({len(parsed.documents)}) |"
        )
    return rows


def ocr_pages(issue, folder: Path, count: int, engines: list[str]) -> list[str]:
    rows = [
        f"| engine | scan | pages | s/page (wall, {os.cpu_count() or 1} cores) | Han CER | mean confidence |",
        "|---|---|---|---|---|---|",
    ]
    for layout in (TWOCOL, SINGLE):
        rendered = render_issue(issue, folder / f"{layout.name}.pdf", layout)
        first = rendered.pdf_pages[0] - 1
        indexes = list(range(first, first + max(2, count)))  # two at least: furniture is found by repetition
        reference_pdf = pages_of(rendered.path, folder / f"{layout.name}.text.pdf", indexes)
        scanned = pages_of(rendered.path, folder / f"{layout.name}.scan.pdf", indexes, scanned=tuple(indexes))
        reference = read_pdf(reference_pdf.read_bytes(), reference_pdf, use_cache=False)
        for engine in engines:
            os.environ["GONGBAO_OCR_ENGINE"] = engine
            with tempfile.TemporaryDirectory() as cache:  # no cached OCR: every page is read
                found, seconds = _timed(partial(read_pdf, scanned.read_bytes(), scanned, cache_dir=Path(cache)))
            confidences = [p.confidence for p in found.pages if p.confidence is not None]
            rows.append(
                f"| {engine} | {layout.name}, 200 dpi noisy | {len(indexes)} | {seconds / len(indexes):.1f} | "
                f"{han_cer(reference.text, found.text):.4f} | {sum(confidences) / max(1, len(confidences)):.3f} |"
            )
    return rows


def full_scan(issue, folder: Path, engine: str, layout, gold: Path | None, seed: Path | None) -> list[str]:
    os.environ["GONGBAO_OCR_ENGINE"] = engine
    rendered = render_issue(issue, folder / "full.pdf", layout)
    scanned = scan(rendered.path, folder / "full.scan.pdf")
    parsed, seconds = _timed(lambda: parse_issue(scanned))
    pages = len(parsed.pdf_pages)
    low = [p.number for p in parsed.pdf_pages if p.confidence is not None and p.confidence < 0.9]
    rows = [
        f"whole issue scanned ({engine}, {layout.name}, 200 dpi noisy): {pages} pages, {seconds / pages:.1f} s/page wall, "
        f"{len(parsed.documents)} documents (text: {len(issue.documents)}), low-confidence pages: {low or 'none'}",
        f"pages right: {[d.pages for d in parsed.documents] == rendered.printed_pages}",
    ]
    if gold and seed:
        predicted = folder / "full.json"
        predicted.write_text(json.dumps(inspect_data(parsed), ensure_ascii=False), encoding="utf-8")
        scorer = ROOT.parent / "shared" / "tools" / "score_extraction.py"
        scorer = scorer if scorer.is_file() else Path("/work/shared/tools/score_extraction.py")
        out = (
            subprocess.run(
                [sys.executable, str(scorer), str(gold), str(predicted), "--seed", str(seed)],
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()
        )
        rows.append(out[-1] if out else "(scorer gave no output)")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue", type=Path, default=DEFAULT_ISSUE, help="a raw text issue to typeset")
    parser.add_argument(
        "--ocr-pages", type=int, default=2, help="body pages scanned per layout and engine (2 at least; 0: no OCR)"
    )
    parser.add_argument("--engines", default=",".join(ocr.available_engines()))
    parser.add_argument("--full-scan", action="store_true", help="also scan and parse the whole issue (best engine)")
    parser.add_argument("--layout", choices=["twocol", "single"], default="twocol", help="of the whole-issue scan")
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--seed", type=Path)
    args = parser.parse_args()
    issue = parse_issue(args.issue)
    engines = [e for e in args.engines.split(",") if e]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"## Text layer ({args.issue})\n")
        print("\n".join(text_layer(issue, folder)))
        if args.ocr_pages and engines:
            print(f"\n## OCR ({', '.join(engines)})\n")
            print("\n".join(ocr_pages(issue, folder, args.ocr_pages, engines)))
        elif not engines:
            print(f"\nno OCR engine installed: {ocr.INSTALL_HINT}")
        if args.full_scan and engines:
            print()
            print(
                "\n".join(
                    full_scan(
                        issue, folder, engines[0], TWOCOL if args.layout == "twocol" else SINGLE, args.gold, args.seed
                    )
                )
            )


if __name__ == "__main__":
    main()
