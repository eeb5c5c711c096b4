"""Tables from PDFs: gongbao's reader against pdfplumber, camelot (lattice) and PyMuPDF, per PDF.

usage: python benchmarks/tables.py [FOLDER]

Typesets the fixtures of benchmarks/table_fixtures.py into FOLDER (a temporary folder by default), reads every
table with each tool (the other tools' per-page tables joined in page order, their rows written as HTML) and
prints shared/tools/table_check.py's adjacency F1, repeated header rows, split rows and invented tables.
Needs the bench extra (`pip install -e '.[bench]'`) for the other tools; a missing one is shown as `-`.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
TABLE_CHECK = ROOT / "../shared/tools/table_check.py"


def as_html(tables: list[list[list[str | None]]]) -> str:
    """Per-page tables, a table joined to the one before it when both have as many columns (a
    table continued on the next page), each as one line of HTML."""
    joined: list[list[list[str | None]]] = []
    for table in tables:
        if joined and table and joined[-1] and len(table[0]) == len(joined[-1][0]):
            joined[-1] += table
        elif table:
            joined.append(list(table))
    lines = []
    for rows in joined:
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c or '')}</td>" for c in row) + "</tr>" for row in rows)
        lines.append(f"<table>{body}</table>")
    return "\n".join(lines)


def gongbao(pdf: Path) -> str:
    from builder.parse.pdf import read_pdf

    return read_pdf(pdf.read_bytes(), pdf, use_cache=False).text


def pdfplumber_tables(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return as_html([table for page in doc.pages for table in page.extract_tables()])


def camelot_tables(pdf: Path) -> str:
    import camelot

    tables = camelot.read_pdf(str(pdf), flavor="lattice", pages="all")
    return as_html([table.df.values.tolist() for table in tables])


def pymupdf_tables(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return as_html([table.extract() for page in doc for table in page.find_tables().tables])


TOOLS = {"gongbao": gongbao, "pdfplumber": pdfplumber_tables, "camelot": camelot_tables, "pymupdf": pymupdf_tables}


def score(pdf: Path, markdown: str) -> dict:
    from table_fixtures import DOC_NUMBER, TITLE

    pred = pdf.with_suffix(".pred.json")
    document = {"title": TITLE, "doc_number": DOC_NUMBER, "start_line": 1, "markdown": markdown}
    pred.write_text(json.dumps({"documents": [document]}, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(TABLE_CHECK), str(pdf.with_suffix(".truth.json")), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    import table_fixtures

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="tables-"))
    made = table_fixtures.render_all(folder)
    print(f"{'pdf':10} {'tool':11} {'F1':>6} {'found':>6} {'rep.hdr':>7} {'split':>5} {'invent':>6} {'s':>6}")
    for name, pdf in made.items():
        for tool, read in TOOLS.items():
            try:
                start = time.perf_counter()
                markdown = read(pdf)
                seconds = time.perf_counter() - start
            except ImportError:
                print(f"{name:10} {tool:11} {'-':>6}")
                continue
            m = score(pdf, markdown)
            found = f"{m['found']}/{m['recoverable']}"
            print(
                f"{name:10} {tool:11} {m['f1']:6.3f} {found:>6} {m['repeated_headers']:7d} "
                f"{m['rows_split']:5d} {m['invented']:6d} {seconds:6.2f}"
            )


if __name__ == "__main__":
    main()
