"""A synthetic gazette archive for benchmarks: N raw issues made from the sample corpus.

    .venv/bin/python benchmarks/synthetic_archive.py OUT_DIR --issues 100 [--seed 1]

Deterministic by seed. Each issue belongs to one of several made-up counties (more counties for
larger archives), has its own year and 期, a cover and a 目录, and 50-250 KB of text: documents
drawn from the sample issues' 文件 in shuffled order, with the county's own name, the issue's
year, and 文号 rewritten to the county's code and a serial unique within its year (东政办发〔2023〕33号
-> 青政办发〔2019〕433号). The raw lines keep the converters' noise (running headers, page
numbers, Mongolian script, hard wraps), so parsing costs what real issues cost.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.content.corpus import raw_issue_files  # noqa: E402
from builder.parse import parse_issue  # noqa: E402
from builder.patterns.docnumber import find_doc_number_spans  # noqa: E402

#: made-up counties: (name, the one-character code their 文号 start with)
COUNTIES = [
    ("青山县", "青"),
    ("白云区", "白"),
    ("金川县", "金"),
    ("玉泉区", "玉"),
    ("长宁县", "长"),
    ("安平县", "安"),
    ("永和县", "永"),
    ("新丰县", "新"),
    ("太和区", "太"),
    ("清河县", "清"),
    ("宝山区", "宝"),
    ("丰宁旗", "丰"),
    ("石门县", "石"),
    ("平川区", "平"),
    ("临江县", "临"),
    ("兴和县", "兴"),
    ("阳泉区", "阳"),
    ("和顺旗", "和"),
    ("宁远县", "宁"),
    ("桃源县", "桃"),
]
#: how the sample issues name their own county, and the code their own 文号 start with
SOURCE_PLACES = [("东胜区", "东"), ("乌达区", "乌区"), ("克什克腾旗", "克")]
ISSUES_PER_COUNTY = 50
KB = 1024


@dataclass
class SourceDocument:
    lines: list[str]
    title: str
    place: str
    code: str


def source_pool(content: Path = ROOT / "content") -> list[SourceDocument]:
    """Every 文件 (a document with a 文号) of the sample issues, with its raw lines."""
    pool = []
    for raw in raw_issue_files(content):
        lines = raw.read_text(encoding="utf-8").splitlines()
        text = "\n".join(lines)
        place, code = next(((p, c) for p, c in SOURCE_PLACES if p in text), SOURCE_PLACES[0])
        for document in parse_issue(raw).documents:
            if document.doc_number is not None:
                pool.append(
                    SourceDocument(lines[document.start_line - 1 : document.end_line], document.title, place, code)
                )
    return pool


class Serials:
    """Serial numbers of a county's 文号 in one year: 1, 2, 3… in order of first use."""

    def __init__(self) -> None:
        self.numbers: dict[tuple, int] = {}

    def __call__(self, key: tuple) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)


def rewrite(text: str, source: SourceDocument, county: tuple[str, str], year: int, serial) -> str:
    """The county's name for the source's, the issue's year for 2022-2025, the county's 文号
    (`serial` maps an original 文号 to its new serial)."""
    name, code = county
    text = text.replace(source.place, name)
    text = re.sub(r"20(2[2-5])(\s*年)", lambda m: f"{year}{m.group(2)}", text)
    pieces, last = [], 0
    for start, end, number in find_doc_number_spans(text):
        if number.prefix.startswith(source.code):
            prefix = code + number.prefix[len(source.code) :]
            pieces += [text[last:start], f"{prefix}〔{year}〕{serial((prefix, number.normalized))}号"]
            last = end
    return "".join(pieces) + text[last:]


def generate(out: Path, issues: int, seed: int = 1) -> list[Path]:
    """Write `issues` raw issues under `out` as `<county>人民政府/<year>-<期>/issue.txt`."""
    rng = random.Random(seed)
    pool = source_pool()
    county_count = max(2, min(len(COUNTIES), -(-issues // ISSUES_PER_COUNTY)))
    written = []
    serials: dict[tuple[str, int], Serials] = {}
    for index in range(issues):
        county = COUNTIES[index % county_count]
        sequence = index // county_count  # this county's n-th issue, newest first
        year, number = 2025 - sequence // 4, 4 - sequence % 4
        target = rng.uniform(50, 250) * KB
        chosen: list[tuple[int, SourceDocument]] = []
        size = 0
        for position in rng.sample(range(len(pool)), len(pool)):
            if size >= target:
                break
            chosen.append((position, pool[position]))
            size += sum(len(line.encode("utf-8")) + 1 for line in pool[position].lines)
        in_year = serials.setdefault((county[0], year), Serials())
        bodies, titles = [], []
        for position, source in chosen:

            def serial(
                key, position=position, in_year=in_year, number=number
            ):  # same source, another issue: new numbers
                return in_year((number, position, *key))

            bodies.append([rewrite(line, source, county, year, serial) for line in source.lines])
            titles.append(rewrite(source.title, source, county, year, serial))
        name = county[0]
        lines = [f"{name}人民政府公报", f"{year}年第{number}期（总第{100 + sequence}期）", "", "目 录", ""]
        lines += [f"{title} ………… {page * 7 + 1}" for page, title in enumerate(titles)]
        lines.append("")
        for body in bodies:
            lines += [*body, ""]
        path = out / f"{name}人民政府" / f"{year}-{number:02d}" / "issue.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--issues", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.issues, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} issues, {size / 2**20:.1f} MB of raw text in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
