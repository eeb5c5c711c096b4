"""PDF issues through the text layer: the same documents as the text, no furniture, page ranges.

Fixtures are typeset at test time from sample issues (benchmarks/pdf_fixtures.py): one column A4 with
running header and footer, two columns 16开 with a vertical banner and outer footers, the same with
its content stream shuffled, and one page without ToUnicode maps.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, build_site, copy_project
from pdf_fixtures import (
    PLAIN,
    SINGLE,
    TWOCOL,
    bigram_coverage,
    drop_tounicode,
    fonts_available,
    han_cer,
    render_issue,
    render_lines,
    shuffle_stream,
)

from builder.commands.report import inspect_data
from builder.content.removed import format_removed
from builder.errors import InputError
from builder.model import BlockKind, Noise
from builder.parse import parse_issue
from builder.parse.options import ParseOptions
from builder.parse.pdf import read_pdf
from builder.parse.pdf.furniture import Dropped, drop_furniture, printed_numbers
from builder.parse.pdf.layout import Line, Page
from builder.parse.pdf.order import auto_order, order_violations, xycut
from builder.render import render_body

pytestmark = pytest.mark.skipif(
    not fonts_available(), reason="needs Debian fonts-arphic-uming and fonts-wqy-zenhei (make test installs them)"
)

SAMPLES = {
    "wuda": CONTENT / "乌达区人民政府/2023-02/issue.txt",  # 6 documents, a 目录 with sections
    "dongsheng": CONTENT / "东胜区人民政府/2023-07-09/issue.txt",  # 10 documents, 80 pages, tables
}


@pytest.fixture(scope="session")
def cached(tmp_path_factory) -> ParseOptions:
    """What is read from PDFs is cached per test session, not in the working folder."""
    return ParseOptions(cache_dir=tmp_path_factory.mktemp("pdf-cache"))


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory):
    """(name, layout) -> (text issue, Rendered), made once per session."""
    folder = tmp_path_factory.mktemp("pdf")
    made = {}
    for name, raw in SAMPLES.items():
        text_issue = parse_issue(raw)
        for layout in (SINGLE, TWOCOL, PLAIN):
            made[name, layout.name] = (
                text_issue,
                render_issue(text_issue, folder / f"{name}.{layout.name}.pdf", layout),
            )
        made[name, "shuffled"] = (text_issue, made[name, "twocol"][1])
        shuffled = shuffle_stream(made[name, "twocol"][1].path, folder / f"{name}.shuffled.pdf")
        made[name, "shuffled"] = (text_issue, _with_path(made[name, "twocol"][1], shuffled))
    return made


def _with_path(rendered, path):
    from dataclasses import replace

    return replace(rendered, path=path)


CASES = [(name, layout) for name in SAMPLES for layout in ("single", "twocol", "shuffled", "plain")]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_pdf_and_text_give_the_same_documents(fixtures, cached, name, layout):
    text_issue, rendered = fixtures[name, layout]
    pdf_issue = parse_issue(rendered.path, options=cached)
    facts = ("gazette_title", "publisher", "year", "issue_numbers", "total_number")
    assert {k: pdf_issue.metadata()[k] for k in facts} == {k: text_issue.metadata()[k] for k in facts}
    assert [e.title for e in pdf_issue.toc] == [e.title for e in text_issue.toc]
    assert [e.section for e in pdf_issue.toc] == [e.section for e in text_issue.toc]

    def summary(issue):
        return [
            (d.title, str(d.doc_number), d.date, d.section, d.kind, d.issuers, d.attachments) for d in issue.documents
        ]

    assert summary(pdf_issue) == summary(text_issue)


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_pdf_text_is_the_documents_text_without_furniture(fixtures, cached, name, layout):
    text_issue, rendered = fixtures[name, layout]
    pdf_issue = parse_issue(rendered.path, options=cached)
    for pdf_doc, text_doc in zip(pdf_issue.documents, text_issue.documents, strict=True):
        markdown = render_body(pdf_doc)
        # in reading order, exactly, where the document has no table; with tables, every cell's
        # text (a row split over two pages comes back as two rows: no order to compare)
        if not any(block.kind in (BlockKind.TABLE, BlockKind.PRINTED_TABLE) for block in text_doc.blocks):
            assert han_cer(render_body(text_doc), markdown) <= (0.002 if layout != "shuffled" else 0.01), pdf_doc.title
        assert bigram_coverage(render_body(text_doc), markdown) >= 0.985, (
            pdf_doc.title
        )  # cells split over columns lose a join
        assert text_issue.gazette_title not in [line.strip("# ") for line in markdown.splitlines()]
        assert not re.search(r"— \d+ —|- \d+ -|公报\s*\d{4}·", markdown), pdf_doc.title
        assert not re.search(r"(?m)^(\S)\n+(\S)\n+(\S)\n", markdown), "a vertical banner leaked"
    reasons = {reason for _, reason, _ in pdf_issue.removed}
    expected = {Noise.RUNNING_HEADER} if layout in ("single", "plain") else {Noise.PAGE_NUMBER, Noise.VERTICAL_BANNER}
    assert reasons >= expected
    report = format_removed(pdf_issue)  # each removed line with its page
    assert "| page | line | reason | text |" in report
    first_body_page = rendered.pdf_pages[0]
    assert any(row.startswith(f"| {first_body_page} |") and _furniture(row) for row in report)


def _furniture(row: str) -> bool:
    return any(f"| {reason} |" in row for reason in (Noise.RUNNING_HEADER, Noise.PAGE_NUMBER, Noise.VERTICAL_BANNER))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_every_document_knows_its_pages(fixtures, cached, name, layout):
    _, rendered = fixtures[name, layout]
    pdf_issue = parse_issue(rendered.path, options=cached)
    assert [d.pages for d in pdf_issue.documents] == rendered.printed_pages
    assert [d.pdf_page for d in pdf_issue.documents] == rendered.pdf_pages
    assert [page.printed for page in pdf_issue.pdf_pages][: rendered.pdf_pages[0] - 1] == [None] * (
        rendered.pdf_pages[0] - 1
    )


def test_titles_in_a_larger_face_are_lines_of_their_own(fixtures):
    text_issue, rendered = fixtures["wuda", "twocol"]
    lines = [
        line.strip().removeprefix("## ")
        for line in read_pdf(rendered.path.read_bytes(), rendered.path).text.splitlines()
    ]
    for document in text_issue.documents:
        assert document.title in lines


def test_shuffled_stream_is_reordered_by_geometry(fixtures):
    from builder.parse.pdf import textlayer

    _, rendered = fixtures["wuda", "shuffled"]
    pdf = textlayer.open_pdf(rendered.path.read_bytes())
    page = textlayer.read_page(pdf, 4)
    assert order_violations(page.lines) > 0.02
    assert order_violations(auto_order(page.lines)) == 0
    pdf.close()


def test_glyphs_drawn_after_their_line_fill_its_gaps():
    """LibreOffice draws the “ ” a title's Hei face lacks, in a fallback face, after the whole line:
    they go back into the gaps left for them, not onto a line of their own (which read as a table)."""
    from builder.parse.pdf import textlayer

    def glyph(text, x0, width=18.0):
        return (text, x0, 107.8, x0 + width, 125.3, 18.0, True)

    title = [glyph("取", 215.2), glyph("暖", 233.4), glyph("煤", 261.3), glyph("改", 279.4), glyph("电", 297.7)]
    title += [glyph("工", 325.5), glyph("作", 343.7)]
    quotes = [("“", 251.8, 109.6, 261.1, 125.9, 18.0, False), ("”", 316.1, 109.6, 325.4, 125.9, 18.0, False)]
    next_line = [glyph("的", 100.0), glyph("通", 118.2), glyph("知", 136.4)]
    lines = textlayer._lines([*title, *quotes, *[(c[0], c[1], 140.0, c[3], 157.5, 18.0, True) for c in next_line]])
    assert [line.text for line in lines] == ["取暖“煤改电”工作", "的通知"]
    # or the closing ” drawn ahead of the words it closes, which come after it
    ahead = [glyph("取", 215.2), glyph("暖", 233.4), glyph("煤", 261.3), quotes[0], quotes[1]]
    ahead += [glyph("改", 279.4), glyph("电", 297.7), glyph("工", 325.5), glyph("作", 343.7)]
    assert [line.text for line in textlayer._lines(ahead)] == ["取暖“煤改电”工作"]
    # a glyph that would cover a character, or stands past the line's end, still starts a line of its own
    assert len(textlayer._lines([*title, ("“", 280.0, 109.6, 289.0, 125.9, 18.0, False)])) == 2
    assert len(textlayer._lines([*title, ("”", 150.0, 109.6, 159.0, 125.9, 18.0, False)])) == 2


def test_a_page_without_tounicode_is_not_read_as_text(fixtures, tmp_path, monkeypatch):
    _, rendered = fixtures["wuda", "single"]
    broken = drop_tounicode(rendered.path, tmp_path / "broken.pdf")
    monkeypatch.setenv("GONGBAO_OCR_ENGINE", "none")  # as on a machine without OCR engines
    with pytest.raises(InputError) as error:
        parse_issue(broken)
    message = str(error.value)
    assert message.startswith(f"{broken}: page 1: a scanned page") and "pip install 'gongbao[ocr]'" in message
    assert "\n" not in message


def test_fixtures_are_deterministic(fixtures, tmp_path):
    text_issue, rendered = fixtures["wuda", "twocol"]
    again = render_issue(text_issue, tmp_path / "again.pdf", TWOCOL)
    assert again.path.read_bytes() == rendered.path.read_bytes()
    assert (
        shuffle_stream(again.path, tmp_path / "s.pdf").read_bytes() == fixtures["wuda", "shuffled"][1].path.read_bytes()
    )


def test_reading_is_cached_by_content_hash(fixtures, tmp_path, monkeypatch):
    from builder.parse.pdf import reader

    _, rendered = fixtures["wuda", "single"]
    data = rendered.path.read_bytes()
    first = read_pdf(data, rendered.path, cache_dir=tmp_path)
    assert len(list((tmp_path / "pdf").glob("*.json"))) == 1
    monkeypatch.setattr(reader, "_read", lambda *args: pytest.fail("read again despite the cache"))
    assert read_pdf(data, rendered.path, cache_dir=tmp_path).text == first.text


def test_the_sites_cache_setting_governs_the_pdf_cache_too(fixtures, tmp_path, monkeypatch):
    """`cache_dir` holds what is read from a PDF beside the parsed issue; `cache: false` (no
    folder) keeps nothing anywhere, the working folder included."""
    from builder.content.cache import IssueCache

    _, rendered = fixtures["wuda", "single"]
    monkeypatch.chdir(tmp_path)
    IssueCache(tmp_path / "cache", max_bytes=10**8).issue(rendered.path)
    assert len(list((tmp_path / "cache" / "pdf").glob("*.json"))) == 1
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    IssueCache(None, max_bytes=10**8).issue(rendered.path)
    assert [path.name for path in tmp_path.iterdir()] == ["cache"]


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", b"%PDF-1.4\n" + bytes(range(256)) * 40])
def test_a_broken_pdf_is_one_line_naming_the_file(tmp_path, data):
    path = tmp_path / "issue.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        parse_issue(path)
    assert str(error.value).startswith(f"{path}: not a readable PDF")
    result = subprocess.run(
        [sys.executable, "-m", "builder.commands.cli", "inspect", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and str(path) in result.stderr


def test_printed_numbers_come_from_the_footers_that_agree():
    pages = [Page(n, 500, 700) for n in range(1, 7)]
    footers = {3: "某旗人民政府公报 2023·2 - 1 -", 4: "- 2 -", 5: "某旗人民政府公报 2023·2 - 3 -", 6: "第4页"}
    dropped = [Dropped(page, Noise.PAGE_NUMBER, text, True) for page, text in footers.items()]
    assert printed_numbers(pages, dropped, [None] * 6) == [None, None, 1, 2, 3, 4]
    assert printed_numbers(pages, [], ["i", "ii", "1", "2", "3", "4"]) == [None, None, 1, 2, 3, 4]


def test_the_section_beside_a_running_header_goes_with_it_though_each_section_runs_a_few_pages():
    """Odd pages carry `政府文件 … 某旗人民政府公报`, the section changing from document to
    document: each section recurs on too few pages to be learned alone, but always in the
    running header's row."""
    sections = ["政府文件"] * 3 + ["政府办公室文件"] * 3 + ["大事记"] * 3
    pages = []
    for number in range(1, 19):
        header = (
            [Line(sections[number // 2], 90, 40, 150, 52, 10), Line("某旗人民政府公报", 400, 40, 500, 52, 10)]
            if number % 2
            else [Line("某旗人民政府公报", 90, 40, 190, 52, 10), Line("2023 年第 2 期", 420, 40, 500, 52, 10)]
        )
        body = [
            Line(f"第{number}页的正文，写到栏的右边为止。", 90, 100 + 20 * i, 500, 112 + 20 * i, 12) for i in range(5)
        ]
        pages.append(Page(number, 595, 842, [*header, *body]))
    drop_furniture(pages)
    assert all(len(page.lines) == 5 and "正文" in page.lines[0].text for page in pages)


def test_add_check_and_inspect_take_a_pdf(fixtures, tmp_path):
    _, rendered = fixtures["wuda", "twocol"]
    content = tmp_path / "content"
    content.mkdir()

    def gongbao(*args):
        return subprocess.run(
            [sys.executable, "-m", "builder.commands.cli", *args], capture_output=True, text=True, cwd=tmp_path
        )

    added = gongbao("add", str(rendered.path), "--content", str(content))
    assert added.returncode == 0, added.stderr
    kept = content / "乌达区人民政府" / "2023-02" / "issue.pdf"
    assert kept.read_bytes() == rendered.path.read_bytes()
    assert not any(path.suffix == ".txt" for path in content.rglob("*")), "nothing derived is stored beside the PDF"
    assert gongbao("check", str(content)).returncode == 0
    data = json.loads(gongbao("inspect", str(kept), "--json").stdout)
    assert [d["pages"] for d in data["documents"]] == [list(p) for p in rendered.printed_pages]
    assert [d["pdf_page"] for d in data["documents"]] == rendered.pdf_pages


@pytest.mark.site
def test_the_site_links_documents_to_their_pdf_page(fixtures, tmp_path):
    _, rendered = fixtures["wuda", "single"]
    project = copy_project(tmp_path / "project")
    target = project / "content" / "乌达区人民政府" / "2023-02" / "issue.pdf"
    target.parent.mkdir(parents=True)
    shutil.copy(rendered.path, target)
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)
    published = site / "乌达区人民政府" / "2023-02" / "2023-02.pdf"
    assert published.read_bytes() == rendered.path.read_bytes()
    issue_page = (site / "乌达区人民政府" / "2023-02" / "index.html").read_text(encoding="utf-8")
    assert '2023-02/2023-02.pdf" download=' in issue_page and "下载原版 PDF" in issue_page
    document_page = (site / "wenhao" / "乌区政办发-2023-10" / "index.html").read_text(encoding="utf-8")
    assert f'2023-02.pdf#page={rendered.pdf_pages[1]}"' in document_page
    assert f"第{rendered.printed_pages[1][0]}页" in document_page


def test_a_stream_that_writes_the_right_column_first_is_reordered():
    def column(x, texts):
        return [Line(text, x, 100 + 20 * n, x + 180, 112 + 20 * n, 12) for n, text in enumerate(texts)]

    left, right = column(50, ["一", "二", "三"]), column(300, ["四", "五", "六"])
    assert auto_order(left + right) == left + right  # the producer's order, kept
    assert [line.text for line in auto_order(right + left)] == ["一", "二", "三", "四", "五", "六"]


def test_a_gap_lined_up_across_both_columns_does_not_cut_them_into_rows():
    """Both columns end a document at the same height and a title follows in each: the gap runs
    across the page, and is taller than the gutter (narrowed by a hanging full stop). Out of
    stream order the columns must still be read one after the other, not row band by row band."""

    def column(x, rows):
        return [Line(text, x, top, x + 180, top + 10.5, 10.5) for text, top in rows]

    left = column(54, [("左一", 64), ("左二", 81), ("左三", 98), ("左题", 162), ("左四", 180), ("左五", 197)])
    right = column(271, [("右一", 64), ("右二", 81), ("右三", 98), ("右题", 162), ("右四", 180), ("右五", 197)])
    left[1].x1 = 264.5  # 。 hangs into the 17 pt gutter, leaving 6.5 pt
    shuffled = [right[3], left[4], right[0], left[0], right[5], left[2], left[1], right[1], left[5], right[4], left[3]]
    shuffled.append(right[2])
    assert [line.text for line in auto_order(shuffled)] == [line.text for line in left + right]


def test_a_cover_written_out_of_order_is_reordered_despite_its_large_masthead():
    """Stream order: issue line, masthead above it, year between them. The 30 pt masthead must not
    make a jump back of almost three body lines look like an off-baseline fragment."""
    masthead = Line("某旗人民政府公报", 160, 250, 430, 280, 30, bold=True)
    year = Line("2023", 285, 294, 310, 306, 12)
    label = Line("某旗2期", 270, 313, 325, 325, 12)
    assert auto_order([label, masthead, year]) == [masthead, year, label]
    # written bottom-up: each step goes back by less than a line, but twice is not a producer's order
    assert auto_order([label, year, masthead]) == [masthead, year, label]
    assert auto_order([masthead, label, year]) == [masthead, year, label]  # one such step of two


def test_a_lone_wrapped_character_is_not_a_column():
    """A paragraph's last line holding one character (a hanging ： wrapped alone) at the column's
    left edge, beside indented and centred lines, leaves a narrow x stripe: it is not a column
    under a spanning title, and XY-cut keeps the column's rows in order."""
    rows = [
        ("示政办字（2023）7号", 104.1, 242.5, 203.8),
        ("各苏木乡镇人民政府，旗直各有关部门", 75.2, 259.8, 253.7),
        ("：", 54.2, 277.1, 64.7),
        ("为切实做好第四次全国文物普查工作，", 75.2, 294.4, 253.7),
        ("根据《国务院关于开展第四次全国文物普查", 54.2, 311.8, 253.7),
        ("普查领导小组。现将有关事项通知如下：", 54.2, 329.1, 243.2),
        ("一、领导小组组成人员", 75.2, 346.4, 180.2),
    ]
    lines = [Line(text, x0, top, x1, top + 10.5, 10.5) for text, x0, top, x1 in rows]
    assert [line.text for line in xycut(lines[::-1])] == [text for text, *_ in rows]


def test_columns_under_a_title_spanning_them_are_read_one_after_the_other():
    title = Line("横跨两栏的标题", 100, 60, 420, 80, 16, bold=True)
    left = [Line(f"左{n}", 54, 100 + 17 * n, 254, 110.5 + 17 * n, 10.5) for n in range(4)]
    right = [Line(f"右{n}", 271, 100 + 17 * n, 471, 110.5 + 17 * n, 10.5) for n in range(4)]
    left[0].x1 = 264.5  # hanging punctuation: the gutter is narrower than the gap under the title
    assert xycut([*right[::-1], title, *left[::-1]]) == [title, *left, *right]


def test_a_title_written_after_the_paragraph_under_it_is_put_back_on_top():
    """Stream order: a paragraph, then the centred title above it. The step from the paragraph's
    short last line up to the title goes right, as into a next column, but the title lies over
    the line read just before: the same column, read backwards."""
    title = Line("某某县人民政府常务会议", 145, 77, 451, 96, 18, bold=True)
    paragraph = [
        Line("7月28日，县长主持召开县政府常务会议。", 95, 115, 515, 127, 12),
        Line("会议传达学习了全区优化营商环境大会精神，审", 71, 134, 515, 146, 12),
        Line("放等工作。", 71, 154, 131, 166, 12),
    ]
    after = Line("会议强调，各部门要坚持问题导向。", 95, 174, 503, 186, 12)
    assert auto_order([*paragraph, title, after]) == [title, *paragraph, after]


def test_page_labels_give_the_printed_pages(fixtures, tmp_path):
    """A PDF that labels its pages (roman front matter, then 101, 102, ...) is taken at its word."""
    import pikepdf

    _, rendered = fixtures["wuda", "single"]
    labelled = tmp_path / "labelled.pdf"
    body = rendered.pdf_pages[0] - 1
    with pikepdf.open(rendered.path) as pdf:
        pdf.Root.PageLabels = pdf.make_indirect(
            pikepdf.Dictionary(
                Nums=pikepdf.Array(
                    [0, pikepdf.Dictionary(S=pikepdf.Name.r), body, pikepdf.Dictionary(S=pikepdf.Name.D, St=101)]
                )
            )
        )
        pdf.save(labelled, deterministic_id=True)
    issue = parse_issue(labelled)
    assert [d.pages for d in issue.documents] == [(first + 100, last + 100) for first, last in rendered.printed_pages]


HELDOUT = Path(__file__).parent / "heldout"


@pytest.mark.parametrize("name", ["qingshan_plain", "shili_wrapped", "dongling_markdown"])
def test_heldout_issues_printed_as_pdfs_score_as_their_text(name, tmp_path):
    """Issues nobody tuned on, typeset one paragraph per line (the hard-wrapped one from its
    original): the scorer gives the PDF exactly the text's figures."""
    from conftest import SHARED, run_shared_tool

    scorer = SHARED / "tools" / "score_extraction.py"
    if not scorer.exists():
        pytest.skip("../shared/tools is not beside the repository")
    folder = HELDOUT / name
    raw = folder / "original.txt" if (folder / "original.txt").exists() else folder / "issue.txt"
    gold = folder / ("original.gold.json" if raw.name == "original.txt" else "gold.json")
    pdf = render_lines(
        raw.read_text(encoding="utf-8").splitlines(), tmp_path / "issue.pdf", "某某人民政府公报 2023年第2期"
    )

    def scores(source):
        predicted = tmp_path / f"{source.suffix[1:]}.json"
        predicted.write_text(json.dumps(inspect_data(parse_issue(source)), ensure_ascii=False), encoding="utf-8")
        figures = run_shared_tool("score_extraction.py", gold, predicted, "--seed", raw)
        figures.pop("boundary_exact")  # line numbers: a PDF's are those of the text read from it
        return figures

    assert scores(pdf) == scores(raw)
