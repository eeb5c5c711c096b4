"""Text that converters made of a gazette PDF (pdftotext plain and -layout): page furniture learned
from repetition, a split 目录 heading, printed pages from footers, two-column pages read in order or
refused. The LibreOffice renderings of the samples (benchmarks/office_renderings.py) are made once and
kept under .cache/office-renderings, keyed by the hash of their Word file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, SHARED

from builder.commands.report import inspect_data
from builder.errors import InputError
from builder.parse import parse_issue, parse_text
from builder.parse.columns import unfold_columns

FF = "\f"


def _page(header: list[str], body: list[str], number: int) -> str:
    return "\n".join([*header, "", *body, "", f"— {number} —", ""])


def _issue_pages(bodies: list[list[str]]) -> str:
    pages = []
    for number, body in enumerate(bodies, 1):
        header = ["政府办文件", "某某县人民政府公报"] if number % 2 else ["某某县人民政府公报", "2023 年第 2 期"]
        pages.append(_page(header, body, number))
    return FF.join(pages)


COVER = "某某县人民政府公报\n2023 年第 2 期\n（总第 9 期）\n"
TOC = "目\n\n录\n\n政府办文件\n某某县人民政府办公室关于印发《春耕方案》的通知..........1\n某某县人民政府大事记..........4\n"
NOTICE = [
    "某某县人民政府办公室关于印发《春耕方案》的通知",
    "某政办发〔2023〕3 号",
    "各乡镇人民政府，县直各部门：",
    "《春耕方案》已经县政府同意，现印发给你们，请认真贯彻落实。",
    "某某县人民政府办公室",
    "2023 年 3 月 1 日",
]
PLAN = ["为做好春耕工作，确保粮食生产稳定，结合本县实际，制定本方案。" for _ in range(12)]
EVENTS = ["某某县人民政府大事记", "3 月 2 日，县长主持召开县政府常务会议，研究春耕工作。"] + [
    "3 月 5 日，县政府召开全县安全生产工作会议，部署春季安全生产工作。" for _ in range(8)
]


def _converted() -> str:
    return (
        COVER
        + FF
        + TOC
        + FF
        + _issue_pages([NOTICE + PLAN[:6], PLAN[6:], PLAN[:5], EVENTS[:4], EVENTS[4:7], EVENTS[7:]])
    )


def test_page_furniture_is_learned_from_repetition_and_never_names_the_gazette():
    issue = parse_text(_converted())
    assert issue.gazette_title == "某某县人民政府公报"
    assert [d.title for d in issue.documents] == [
        "某某县人民政府办公室关于印发《春耕方案》的通知",
        "某某县人民政府大事记",
    ]
    text = "\n".join(block.text for d in issue.documents for block in d.blocks)
    assert "政府办文件" not in text and "2023年第2期" not in text.replace(" ", "") and "公报" not in text


@pytest.mark.parametrize("one_line", [False, True], ids=["plain", "layout"])
def test_a_section_header_on_only_a_few_pages_is_dropped_beside_the_running_header(one_line):
    """Odd pages head `<section>` / the gazette's name, even pages the name / the issue label: a
    section that runs two odd pages out of many recurs too seldom to be learned alone, and its name
    is its one document's title too; beside the running header it is furniture all the same (not a
    new document each time)."""
    events = ["大事记", *EVENTS[1:]]  # the section's name is its document's title too
    bodies = [NOTICE + PLAN[:6]] + [PLAN[6:]] * 16 + [events[:3], events[3:5], events[5:7], events[7:]]
    pages = []
    for number, body in enumerate(bodies, 1):
        section = "大事记" if number >= 18 else "政府办文件"
        header = [section, "某某县人民政府公报"] if number % 2 else ["某某县人民政府公报", "2023 年第 2 期"]
        if one_line:  # pdftotext -layout: the header's halves on one line, far apart
            header = [f"{header[0]:<30}{header[1]}"]
        pages.append(_page(header, body, number))
    toc = TOC.replace("某某县人民政府大事记..........4", "大事记\n大事记..........18")
    issue = parse_text(COVER + FF + toc + FF + FF.join(pages))
    assert [(d.title, d.pages) for d in issue.documents] == [
        ("某某县人民政府办公室关于印发《春耕方案》的通知", (1, 17)),
        ("大事记", (18, 21)),
    ]
    texts = [block.text for d in issue.documents for block in d.blocks]
    assert not [text for text in texts if "大事记" in text or "公报" in text]


@pytest.mark.parametrize("one_line", [False, True], ids=["plain", "layout"])
def test_a_section_of_one_page_is_dropped_from_its_running_header(one_line):
    """`政府会议` heads a single page: once is enough where most pages head with two lines (or
    one of two halves), the gazette's name below (or beside) it."""
    meeting = ["某某县人民政府2023年第1次常务会议", "3 月 2 日，县长主持召开县政府常务会议，研究春耕工作。"]
    bodies = [NOTICE + PLAN[:6]] + [PLAN[6:]] * 16 + [meeting, PLAN[:3]]
    pages = []
    for number, body in enumerate(bodies, 1):
        section = "政府会议" if number >= 18 else "政府办文件"
        header = [section, "某某县人民政府公报"] if number % 2 else ["某某县人民政府公报", "2023 年第 2 期"]
        if one_line:
            header = [f"{header[0]:<30}{header[1]}"]
        pages.append(_page(header, body, number))
    toc = TOC.replace("某某县人民政府大事记..........4", "政府会议\n某某县人民政府2023年第1次常务会议..........18")
    issue = parse_text(COVER + FF + toc + FF + FF.join(pages))
    assert [(d.title, d.pages) for d in issue.documents][-1] == ("某某县人民政府2023年第1次常务会议", (18, 19))
    texts = [block.text for d in issue.documents for block in d.blocks]
    assert not [text for text in texts if "政府会议" in text or "公报" in text]


def test_a_header_and_a_footer_written_among_a_tables_cells_are_dropped_there_too():
    """pdftotext may write a page's running header and footer among the cells of a table on it,
    outside the page's first and last lines: an issue label or a page number found in the bands of
    most pages, and missing from them where it stands elsewhere, is furniture wherever it is."""
    cells = ["序号", "单位", "1", "某某镇人民政府", "2", "某某街道办事处"]
    bodies = [NOTICE + PLAN[:6]] + [PLAN[6:]] * 10 + [EVENTS[:4], EVENTS[4:]]
    text = _issue_pages(bodies).split(FF)
    displaced = [*cells[:3], "2023 年第 2 期", *cells[3:5], "— 4 —", cells[5]]
    text[3] = text[3].replace("2023 年第 2 期\n", "", 1).replace("— 4 —", "").replace(PLAN[6], "\n".join(displaced), 1)
    issue = parse_text(COVER + FF + TOC + FF + FF.join(text))
    texts = "\n".join(block.text for d in issue.documents for block in d.blocks)
    assert "某某镇人民政府" in texts and "2023年第2期" not in texts.replace(" ", "")
    assert "— 4 —" not in texts
    assert [d.pages for d in issue.documents] == [(1, 11), (12, 13)]


def test_a_title_does_not_take_in_the_line_that_ends_the_page_before():
    """pdftotext writes a table's last cell after the page's footer (`各街道`); the next page opens
    with a title whose issuer it could seem to begin."""
    cell = ["3", "某某镇总体应急预案", "某某镇人民政府", "— 3 —", "各街道"]
    notice = ["某某县人民政府关于印发突发事件总体应急预案的通知", *NOTICE[1:]]
    pages = _issue_pages([NOTICE + PLAN[:6], PLAN[6:], PLAN[:5], notice + PLAN[:4], PLAN[4:], PLAN[:6]]).split(FF)
    pages[2] = pages[2].replace("— 3 —", "\n".join(cell))
    issue = parse_text(COVER + FF + TOC + FF + FF.join(pages))
    assert [d.title for d in issue.documents][1] == "某某县人民政府关于印发突发事件总体应急预案的通知"


def test_a_toc_heading_printed_as_two_lines_is_found():
    issue = parse_text(_converted())
    assert [e.title for e in issue.toc] == ["某某县人民政府办公室关于印发《春耕方案》的通知", "某某县人民政府大事记"]
    assert [d.section for d in issue.documents] == ["政府办文件", "政府办文件"]


def test_printed_pages_come_from_the_footers_for_every_document_including_the_last():
    issue = parse_text(_converted())
    assert [d.pages for d in issue.documents] == [(1, 3), (4, 6)]


PLANS = ["春耕", "秋收", "冬储"]


def test_a_title_line_that_opens_every_document_page_is_not_taken_for_a_running_header():
    # a title set in a narrow column wraps after the same characters in every document, and each
    # document starts on a new page: its first line recurs at the top of pages like a header
    toc = "目　　录\n" + "".join(
        f"某某县人民政府办公室关于印发《{p}方案》的通知..........{n}\n" for n, p in enumerate(PLANS, 1)
    )
    bodies = [
        ["某某县人民政府办公室关", f"于印发《{p}方案》的通知", f"某政办发〔2023〕{n} 号", *NOTICE[2:], *PLAN[:8]]
        for n, p in enumerate(PLANS, 1)
    ]
    header = ["某某县人民政府公报                    2023 年第 2 期"]
    pages = FF.join(_page(header, body, n) for n, body in enumerate(bodies, 1))
    issue = parse_text(COVER + FF + toc + FF + pages)
    assert [d.title for d in issue.documents] == [f"某某县人民政府办公室关于印发《{p}方案》的通知" for p in PLANS]


def _two_columns(left: list[str], right: list[str], gutter: int = 30) -> list[str]:
    return [f"{a:<{gutter}}{b}".rstrip() if b else a for a, b in zip(left, right, strict=True)]


LEFT = [f"第{n}行左栏的文字，一直写到栏的右边为止" for n in range(1, 13)]
RIGHT = [f"第{n}行右栏的文字，同样写到页的右边为止" for n in range(1, 13)]


def test_laid_out_two_columns_at_a_stable_gutter_are_read_column_by_column():
    page = ["某某县人民政府公报                                2023 年第 2 期", *_two_columns(LEFT, RIGHT)]
    text = FF.join(["\n".join(page)] * 3)
    lines = [line.strip() for line in unfold_columns(text).split(FF)[0].split("\n") if line.strip()]
    assert lines == [page[0].strip(), *LEFT, *RIGHT]


def test_full_width_lines_above_and_below_the_columns_stay_whole_and_in_order():
    title = "                     某某县人民政府大事记"  # centered over the page, across the stripe
    table = "序号    事项        工作内容及要求说明            责任单位"  # a cell across the stripe
    page = [title, "", *_two_columns(LEFT * 2, RIGHT * 2), "", table, *FOOTER]
    text = FF.join(["\n".join(page)] * 3)
    lines = [line.strip() for line in unfold_columns(text).split(FF)[0].split("\n") if line.strip()]
    assert lines == [title.strip(), *LEFT, *LEFT, *RIGHT, *RIGHT, table, FOOTER[-1].strip()]


def test_a_date_set_right_in_the_left_column_stays_in_the_left_column():
    # pdftotext spaces a date's digits, so its end runs past the middle of the white stripe
    date = "            2023 年 4 月 3 日"
    rows = _two_columns(LEFT, RIGHT)
    page = ["某某县人民政府公报                                2023 年第 2 期", *rows[:6], date, *rows[6:]]
    text = FF.join(["\n".join(page)] * 3)
    lines = [line.strip() for line in unfold_columns(text).split(FF)[0].split("\n") if line.strip()]
    assert lines == [page[0].strip(), *LEFT[:6], date.strip(), *LEFT[6:], *RIGHT]


def test_a_footer_set_apart_below_the_left_column_stays_at_the_page_end():
    page = [*_two_columns(LEFT, RIGHT), "", "", "某某县人民政府公报 2023·2 - 5 -"]
    text = FF.join(["\n".join(page)] * 3)
    lines = [line.strip() for line in unfold_columns(text).split(FF)[0].split("\n") if line.strip()]
    assert lines == [*LEFT, *RIGHT, page[-1]]


def test_a_short_right_column_is_read_after_the_left_one():
    # the document ends a few lines down the right column
    page = _two_columns(LEFT * 2, RIGHT[:7] + [""] * 17)
    text = FF.join(["\n".join(page)] * 3)
    lines = [line.strip() for line in unfold_columns(text).split(FF)[0].split("\n") if line.strip()]
    assert lines == [*LEFT, *LEFT, *RIGHT[:7]]


FOOTER = ["", "", "                         — 1 —"]  # centered far in: pdftotext -layout keeps places


def test_a_page_whose_right_column_holds_one_line_is_read_at_the_gutter_of_the_other_pages():
    # the left column is full and only the notice's date flowed over to the top of the right column
    good = "\n".join([*_two_columns(LEFT * 2, RIGHT * 2), *FOOTER])
    date = "2023 年 3 月 10 日"
    rows = _two_columns(LEFT * 2, [""] * 24)
    rows[0] = f"{LEFT[0]:<29}{date}"  # (set a character early, as pdftotext does beside a full column)
    lonely = "\n".join([*rows, *FOOTER])
    lines = [line.strip() for line in unfold_columns(FF.join([good, lonely, good])).split(FF)[1].split("\n")]
    assert [line for line in lines if line] == [*LEFT, *LEFT, date, FOOTER[-1].strip()]


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as raised:
        unfold_columns(text, "issue.txt")
    message = str(raised.value)
    assert "\n" not in message and "two columns" in message and "gongbao add issue.pdf" in message
    return message


def test_a_banner_glued_to_the_right_column_makes_the_text_refused():
    # a vertical banner down the outer margin: pdftotext glues its characters to the column's lines
    banner = "某某县人民政府公报"
    rows = _two_columns(LEFT, RIGHT)
    page = [f"{row}  {banner[n]}" if n < len(banner) else row for n, row in enumerate(rows)]
    assert "pages 1, 2, 3" in _refusal(FF.join(["\n".join([*page, *FOOTER])] * 3))


def test_a_line_across_the_stripe_between_uneven_columns_makes_the_text_refused():
    # a line that crosses the stripe with twelve lines of the left column above it and seven of the
    # right: no title between two column blocks, the columns' lines are misplaced
    above = _two_columns(LEFT, RIGHT[:7] + [""] * 5)
    page = [*above, "第十三行左栏的文字，写过了栏间的空白一直写到右栏里面去了为止", *_two_columns(LEFT, RIGHT)]
    good = "\n".join([*_two_columns(LEFT, RIGHT), *FOOTER])
    assert "pages 2" in _refusal(FF.join([good, "\n".join([*page, *FOOTER]), good]))


def test_a_table_in_the_left_column_beside_the_right_columns_prose_makes_the_text_refused():
    cells = [f"{n:<4}某某单位  负责人{n}" for n in range(1, 7)]
    rows = _two_columns(LEFT * 2, RIGHT * 2)
    page = [*rows[:12], *_two_columns(cells, RIGHT[:6]), *rows[12:]]
    good = "\n".join([*rows, *FOOTER])
    assert "pages 2" in _refusal(FF.join([good, "\n".join([*page, *FOOTER]), good]))


def test_a_page_with_a_line_on_each_side_of_the_texts_gutter_but_off_it_makes_the_text_refused():
    # the right column's two lines sit four and seven characters left of the other pages' gutter
    good = "\n".join([*_two_columns(LEFT * 2, RIGHT * 2), *FOOTER])
    rows = list(LEFT * 2)
    rows[0] = f"{LEFT[0]}      第四条 本办法自印发之日起施"
    rows.insert(1, "                       行。")
    header = "某某县人民政府公报                                2023 年第 2 期"
    assert "pages 2" in _refusal(FF.join([good, "\n".join([header, *rows, *FOOTER]), good]))


def test_two_columns_without_a_stable_gutter_make_the_text_refused():
    # pdftotext moved the right column from line to line as far as the left column's lines reach
    rows = [f"{a}{'再多写几个字' * (n % 2)}   {b}" for n, (a, b) in enumerate(zip(LEFT, RIGHT, strict=True))]
    good = "\n".join([*_two_columns(LEFT, RIGHT), *FOOTER])
    assert "pages 3" in _refusal(FF.join([good, good, "\n".join([*rows, *FOOTER])]))


def test_a_table_laid_out_in_columns_is_not_taken_for_two_columns():
    rows = [f"{n:<6}某某单位名称{n:<10}负责人{n:<8}联系电话" for n in range(1, 15)]
    text = FF.join(["\n".join(rows)] * 3)
    assert unfold_columns(text) == text


def test_interleaved_two_column_text_is_refused_in_one_line_asking_for_the_pdf():
    interleaved = [line for pair in zip(LEFT, RIGHT, strict=True) for line in pair]
    text = FF.join("\n".join(interleaved) for _ in range(4))
    with pytest.raises(InputError) as raised:
        unfold_columns(text, "issue.txt")
    message = str(raised.value)
    assert "\n" not in message and "two columns" in message and "gongbao add issue.pdf" in message


def test_single_column_converted_text_is_kept_as_it_is():
    text = _converted()
    assert unfold_columns(text) == text


# --- LibreOffice renderings of a sample ---------------------------------------------------------------------

sys.path.insert(0, str(ROOT / "benchmarks"))
office = pytest.importorskip("office_renderings")
SAMPLE = "000_d2a9df18967429e5"


@pytest.fixture(scope="session")
def renderings():
    if not office.available():
        pytest.skip("needs LibreOffice, poppler-utils and python-docx (make test installs them)")
    issue = parse_issue(CONTENT / office.SAMPLES[SAMPLE], sidecar=False)
    return office.render_all({SAMPLE: issue}, ROOT / ".cache" / "office-renderings")


def _scores(source: Path) -> dict:
    scorer = SHARED / "tools" / "score_extraction.py"
    if not scorer.exists():
        pytest.skip("../shared/tools is not beside the repository")
    return office.scores(source, CONTENT / office.SAMPLES[SAMPLE], SHARED / "gold" / f"{SAMPLE}.json", None)


FACTS = ["segment_f1", "title", "doc_number", "issuers", "date", "section", "toc_recall", "issue_fields"]


@pytest.mark.parametrize("mode", ["plain", "layout"])
def test_pdftotext_of_a_single_column_issue_scores_as_its_pdf(renderings, mode):
    rendering = renderings[SAMPLE, "a4"]
    text = _scores(rendering.text(mode))
    assert {k: text[k] for k in FACTS} == dict.fromkeys(FACTS, 1.0)
    assert text["reading_order"] >= 0.98
    assert text["noise_leaks"] == 0
    issue = parse_issue(rendering.text(mode), sidecar=False)
    assert [d.pages for d in issue.documents] == rendering.printed_pages


@pytest.fixture(scope="session")
def two_column_texts(renderings):
    """name -> (pdftotext's text, the printed pages of its documents), of the sample typeset in two
    columns by LibreOffice (Word columns) and by reportlab (16开, a banner down the outer margin)."""
    from pdf_fixtures import TWOCOL, render_issue

    office_twocol = renderings[SAMPLE, "twocol"]
    issue = parse_issue(CONTENT / office.SAMPLES[SAMPLE], sidecar=False)
    pdf = ROOT / ".cache" / "office-renderings" / f"{SAMPLE}.reportlab-twocol.pdf"
    reportlab = office.OfficeRendering(SAMPLE, "reportlab-twocol", pdf)
    printed = render_issue(issue, pdf, TWOCOL).printed_pages
    texts = {}
    for mode in ("plain", "layout"):
        texts[f"office-twocol.{mode}"] = (office_twocol.text(mode), office_twocol.printed_pages)
        texts[f"reportlab-twocol.{mode}"] = (reportlab.text(mode), printed)
    return texts


@pytest.mark.parametrize(
    "name", ["office-twocol.plain", "office-twocol.layout", "reportlab-twocol.plain", "reportlab-twocol.layout"]
)
def test_pdftotext_of_two_columns_scores_as_its_pdf_or_is_refused(two_column_texts, name):
    source, printed = two_column_texts[name]
    text = _scores(source)
    if "refused" in text:
        message = text["refused"]
        assert "\n" not in message and "two columns" in message and "gongbao add issue.pdf" in message
        return
    assert {k: text[k] for k in FACTS} == dict.fromkeys(FACTS, 1.0), name
    assert text["reading_order"] >= 0.98, name
    assert text["noise_leaks"] == 0, name
    assert [d.pages for d in parse_issue(source, sidecar=False).documents] == printed, name


def test_word_columns_laid_out_by_pdftotext_are_read_not_refused(two_column_texts):
    # LibreOffice's columns sit at a stable gutter in -layout text: they are read, never refused
    source, _ = two_column_texts["office-twocol.layout"]
    assert "refused" not in _scores(source)


def test_office_renderings_are_cached_by_the_hash_of_their_word_file(renderings, tmp_path):
    issue = parse_issue(CONTENT / office.SAMPLES[SAMPLE], sidecar=False)
    again = office.render_all({SAMPLE: issue}, ROOT / ".cache" / "office-renderings")
    assert {key: r.pdf for key, r in again.items()} == {key: r.pdf for key, r in renderings.items()}
    data = json.dumps(inspect_data(parse_issue(renderings[SAMPLE, "a4"].pdf)), ensure_ascii=False)
    assert "目录" not in json.loads(data)["documents"][0]["markdown"]
    assert subprocess.run(["pdftotext", "-v"], capture_output=True).returncode == 0
