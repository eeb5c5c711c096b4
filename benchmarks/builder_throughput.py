"""Benchmark (not a test): how fast the builder converts the sample corpus, on one core.

Prints MB of raw text per second for parse + render of every issue under content/, beside a
reference measured in the same run (decoding and splitting the same bytes, the least any
builder must do), so the figures compare across machines.

    .venv/bin/python benchmarks/builder_throughput.py [--repeat N] [content]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from builder.parse import parse_text
from builder.parse.reading import decode, split_lines
from builder.render import render_document

TARGET_MB_PER_S = 1.0


def _best_of(repeat: int, work) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raws = [(p, p.read_bytes()) for p in sorted(args.content.rglob("*.txt"))]
    total_mb = sum(len(data) for _, data in raws) / 1e6

    def convert() -> None:
        for path, data in raws:
            issue = parse_text(decode(data, path), str(path))
            for document in issue.documents:
                render_document(document, issue)

    def reference() -> None:
        for path, data in raws:
            split_lines(decode(data, path))

    builder_s = _best_of(args.repeat, convert)
    reference_s = _best_of(args.repeat, reference)
    rate = total_mb / builder_s
    print(f"corpus: {len(raws)} issues, {total_mb:.2f} MB of raw text")
    print(
        f"builder (parse + render, one core): {builder_s:.3f} s  ->  {rate:.2f} MB/s  (target >= {TARGET_MB_PER_S} MB/s)"
    )
    print(
        f"reference (decode + split lines):   {reference_s:.4f} s  ->  builder is {builder_s / reference_s:.0f}x the reference"
    )
    print("verdict:", "meets target" if rate >= TARGET_MB_PER_S else "BELOW target")


if __name__ == "__main__":
    main()
