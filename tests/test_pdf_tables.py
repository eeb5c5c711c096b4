"""Tables read from PDFs: ruled grids with merged cells, Word's repeated header rows, rows and tables
continued over a page or column end, and plain lines that stay text.

Fixtures are typeset at test time (benchmarks/table_fixtures.py: python-docx tables through LibreOffice, and
reportlab) with the printed grid of every table as an answer key, scored with shared/tools/table_check.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import table_fixtures
from table_fixtures import DOC_NUMBER, PLAIN_LINES, TITLE

from builder.parse.pdf import read_pdf

TABLE_CHECK = Path(__file__).resolve().parents[1] / "../shared/tools/table_check.py"

pytestmark = pytest.mark.skipif(
    not table_fixtures.available(), reason="needs python-docx, LibreOffice and the CJK fonts (make test installs them)"
)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    import os

    os.environ.setdefault("GONGBAO_CACHE_DIR", str(tmp_path_factory.mktemp("pdf-cache")))
    folder = tmp_path_factory.mktemp("tables")
    made = table_fixtures.render_all(folder)
    return {name: (path, read_pdf(path.read_bytes(), path, use_cache=False).text) for name, path in made.items()}


def score(pdf: Path, text: str, tmp_path: Path) -> dict:
    pred = tmp_path / f"{pdf.stem}.pred.json"
    document = {"title": TITLE, "doc_number": DOC_NUMBER, "start_line": 1, "markdown": text}
    pred.write_text(json.dumps({"documents": [document]}, ensure_ascii=False), encoding="utf-8")
    truth = pdf.with_suffix(".truth.json")
    out = subprocess.run(
        [sys.executable, str(TABLE_CHECK), str(truth), str(pred), "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


@pytest.mark.skipif(not TABLE_CHECK.is_file(), reason="needs ../shared/tools/table_check.py")
@pytest.mark.parametrize("name", ["word", "word16", "wordcols", "ruled", "unruled"])
def test_tables_come_back_as_printed(rendered, name, tmp_path):
    pdf, text = rendered[name]
    summary = score(pdf, text, tmp_path)
    assert summary["found"] == summary["recoverable"]
    assert summary["f1"] >= 0.95
    assert summary["invented"] == 0
    assert summary["repeated_headers"] == 0
    assert summary["rows_split"] == 0


def test_each_table_is_one_line_of_html_with_its_merged_cells_and_caption(rendered):
    _, text = rendered["word"]
    tables = [line.strip() for line in text.splitlines() if "<table>" in line]
    assert len(tables) == 3  # the pieces on seven pages stitched into one table each
    first = tables[0]
    assert first.startswith("<table><caption>重点工作任务分解表</caption><thead>")
    assert '<th colspan="2">责任单位</th>' in first and '<th rowspan="2">序号</th>' in first
    assert '<td colspan="5">一、' in first  # a category row spans the table
    assert first.count("<thead>") == 1 and first.count("<th>牵头单位</th>") == 1  # Word's repeated header dropped
    assert '<td rowspan="2">' in first  # a 牵头单位 over two rows


def test_plain_lines_stay_text(rendered):
    for name in rendered:
        _, text = rendered[name]
        lines = [line.strip() for line in text.splitlines()]
        prose = "\n".join(line for line in lines if "<table>" not in line)
        for plain in PLAIN_LINES[:2]:
            assert plain in prose, name  # not cut into cells, not taken into a table
        assert not [line for line in lines if "\t" in line and "<table>" not in line], name
