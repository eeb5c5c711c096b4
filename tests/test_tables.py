"""Tables read from text (tab, pipe, HTML, space-aligned, flattened) and written out (HTML with
merged cells, pipes for a regular grid in a download, CSV). Each case is a rendering of the kind a
converter gives, with the trap it sets: an empty last cell, a row wider than the header, category
rows, wrapped cells, headers repeated at page tops, a running header inside a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from builder.model import Block, BlockKind, CellSpan, Document, Table
from builder.parse import parse_text
from builder.parse.blocks import build_blocks
from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.parse.tables import read_aligned, read_flattened, read_html_table, read_separated
from builder.render import render_block, render_blocks, table_csv

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def blocks_of(lines: list[str]) -> list[Block]:
    cleaned = source_lines(lines)
    build_cleaner().run(cleaned, CleaningContext())
    return build_blocks(cleaned, expect_recipients=False)


def only_table(lines: list[str]) -> Table:
    tables = [b.table for b in blocks_of(lines) if b.kind == BlockKind.TABLE and b.table is not None]
    assert len(tables) == 1, [b.kind for b in blocks_of(lines)]
    return tables[0]


# --- tab-separated -----------------------------------------------------------------------------


def test_an_empty_last_cell_stays_last_and_nothing_shifts() -> None:
    table = only_table(
        ["序号\t任务\t责任单位\t备注", "1\t河道清淤\t区水利局\t", "2\t巡查值守\t\t", "3\t清扫\t区城管局\t夜间"]
    )
    assert table.rows[1:] == [
        ["1", "河道清淤", "区水利局", ""],
        ["2", "巡查值守", "", ""],
        ["3", "清扫", "区城管局", "夜间"],
    ]


def test_leading_empty_cells_are_kept_and_continue_the_merged_cell_above() -> None:
    table = only_table(["序号\t镇\t社区\t户数", "1\t乌兰淖尔镇\t泽园社区\t95", "\t\t富民社区\t34", "\t\t\t41"])
    assert table.rows[2:] == [["", "", "富民社区", "34"], ["", "", "", "41"]]
    assert CellSpan(1, 0, 3, 1) in table.spans and CellSpan(1, 1, 3, 1) in table.spans
    assert CellSpan(2, 2, 2, 1) in table.spans


def test_a_row_wider_than_the_header_loses_empty_cells_not_text() -> None:
    rows = [
        "指标\t内容\t要求\t分值\t责任部门",
        "一、政策\t(一)主导\t1.成立小组\t5\t政府办",
        "\t\t2.纳入规划\t\t\t\t3\t发改委",  # three empty cells too many, inside the row
        "\t\t\t\t\t\t2\t财政局",  # one leading empty cell too many
    ]
    table = only_table(rows)
    assert table.width == 5
    assert table.rows[2] == ["", "", "2.纳入规划", "3", "发改委"]
    assert table.rows[3] == ["", "", "", "2", "财政局"]


def test_category_rows_stay_inside_the_table_as_full_width_rows() -> None:
    rows = [
        "序号\t预案名称\t牵头部门",
        "一、自然灾害类\t\t",
        "1\t防汛抗旱预案\t区应急管理局",
        "二、事故灾难类\t\t",
        "1\t火灾预案\t区消防大队",
    ]
    blocks = blocks_of(rows)
    assert [b.kind for b in blocks] == [BlockKind.TABLE]  # not cut at a category, no heading
    table = blocks[0].table
    assert table is not None
    assert table.rows[1] == ["一、自然灾害类", "", ""] and table.rows[3] == ["二、事故灾难类", "", ""]
    assert CellSpan(1, 0, 1, 3) in table.spans and CellSpan(3, 0, 1, 3) in table.spans


def test_a_category_row_that_lost_its_tabs_is_still_a_row() -> None:
    rows = ["序号\t预案名称\t牵头部门", "1\t防汛抗旱预案\t区应急管理局", "二、事故灾难类", "1\t火灾预案\t区消防大队"]
    table = only_table(rows)
    assert table.rows[2] == ["二、事故灾难类", "", ""]


def test_a_wrapped_cell_line_between_rows_joins_its_cell() -> None:
    rows = ["序号\t名称\t部门", "1\t防汛抗旱预案\t区应急管理局、区水利局、", "区农牧局", "2\t火灾预案\t区消防大队"]
    table = only_table(rows)
    assert table.rows[1] == ["1", "防汛抗旱预案", "区应急管理局、区水利局、区农牧局"]
    assert len(table.rows) == 3


def test_a_header_repeated_at_page_tops_is_dropped_even_with_stray_tabs() -> None:
    rows = ["序号\t名称\t部门", "1\t甲预案\t区应急管理局", "", "序号\t名称\t部门\t\t", "2\t乙预案\t区林草分局"]
    table = only_table(rows)
    assert table.rows == [["序号", "名称", "部门"], ["1", "甲预案", "区应急管理局"], ["2", "乙预案", "区林草分局"]]


def test_a_running_header_and_page_number_inside_a_table_do_not_cut_it() -> None:
    header = "东胜区人民政府公报"
    rows = ["序号\t名称\t部门"] + [f"{n}\t第{n}项预案\t区应急管理局" for n in range(1, 4)]
    more = [f"{n}\t第{n}项预案\t区林草分局" for n in range(4, 7)]
    body = [
        "东胜区人民政府关于印发应急预案的通知",
        "",
        "各部门：",
        "现印发给你们。",
        "",
        *rows,
        "",
        header,
        "- 12 -",
        "",
        "序号\t名称\t部门",
        *more,
    ]
    text = "\n".join([header, "2023年第7期", "", *body, "", header, "- 13 -", "", "东胜区人民政府", "2023年7月1日"] * 1)
    issue = parse_text(text)
    tables = [b.table for d in issue.documents for b in d.blocks if b.table is not None]
    assert len(tables) == 1
    assert [row[0] for row in tables[0].rows] == ["序号", "1", "2", "3", "4", "5", "6"]


# --- pipe and HTML -------------------------------------------------------------------------------


def test_a_pdf_table_s_caption_is_not_printed_twice() -> None:
    """The PDF reader copies the title line over a table into its <caption> and keeps the line:
    as a paragraph the line gives way to the caption; as a heading it stays, and the caption goes."""
    html = "<table><caption>重点任务分工表</caption><thead><tr><th>序号</th><th>任务</th></tr></thead><tbody><tr><td>1</td><td>清淤</td></tr></tbody></table>"
    blocks = blocks_of(["重点任务分工表", html])
    assert [b.kind for b in blocks] == [BlockKind.TABLE]
    assert blocks[0].table is not None and blocks[0].table.caption == "重点任务分工表"
    assert blocks[0].start_line == 1
    headed = blocks_of(["一、重点任务分工表", html.replace("重点任务分工表", "一、重点任务分工表")])
    assert [b.kind for b in headed] == [BlockKind.HEADING, BlockKind.TABLE]
    assert headed[1].table is not None and headed[1].table.caption is None


def test_a_pipe_table_reads_its_delimiter_row_as_the_header_end_and_keeps_escaped_bars() -> None:
    table = read_separated(
        ["| 序号 | 任务 | 单位 |", "| --- | :---: | --- |", r"| 1 | 河道\|清淤 | 区水利局 |", "| 2 | 巡查 |  |"]
    )
    assert table is not None
    assert table.rows == [["序号", "任务", "单位"], ["1", "河道|清淤", "区水利局"], ["2", "巡查", ""]]


def test_an_html_table_keeps_merged_cells_header_and_caption_and_drops_repeated_headers() -> None:
    line = (
        "<table><caption>重点工作清单</caption><thead><tr><th rowspan='2'>序号</th><th colspan='2'>任务</th></tr>"
        "<tr><th>内容</th><th>单位</th></tr></thead><tbody>"
        "<tr><td>1</td><td>河道<br>清淤</td><td rowspan='2'>区水利局</td></tr>"
        "<tr><td>2</td><td>巡查&amp;值守</td></tr>"
        "<tr><th>序号</th><th>任务</th></tr>"  # Word's header printed again on the next page
        "<tr><td colspan='3'>二、其他</td></tr></tbody></table>"
    )
    table = read_html_table(line)
    assert table is not None
    assert table.caption == "重点工作清单" and table.header_rows == 2
    assert table.rows == [
        ["序号", "任务", ""],
        ["", "内容", "单位"],
        ["1", "河道 清淤", "区水利局"],
        ["2", "巡查&值守", ""],
        ["二、其他", "", ""],
    ]
    assert set(table.spans) == {CellSpan(0, 0, 2, 1), CellSpan(0, 1, 1, 2), CellSpan(2, 2, 2, 1), CellSpan(4, 0, 1, 3)}


def test_an_html_table_line_in_the_text_becomes_a_table_block() -> None:
    (block,) = blocks_of(["<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>甲</td></tr></table>"])
    assert block.kind == BlockKind.TABLE and block.rows == [["序号", "名称"], ["1", "甲"]]


# --- space-aligned and flattened ----------------------------------------------------------------


LAYOUT = [
    "  序号      预案名称                      牵头部门",
    "  一、自然灾害类",
    "   1        东胜区防汛抗旱应急预案        区应急管理局",
    "   2        东胜区森林草原火灾应急        区林草分局",
    "            预案",
    "  二、事故灾难类",
    "   1        东胜区生产安全事故应急预案    区应急管理局",
]


def test_a_space_aligned_table_is_read_by_column_positions() -> None:
    table = read_aligned(LAYOUT)
    assert table is not None
    assert table.rows == [
        ["序号", "预案名称", "牵头部门"],
        ["一、自然灾害类", "", ""],
        ["1", "东胜区防汛抗旱应急预案", "区应急管理局"],
        ["2", "东胜区森林草原火灾应急预案", "区林草分局"],
        ["二、事故灾难类", "", ""],
        ["1", "东胜区生产安全事故应急预案", "区应急管理局"],
    ]
    assert CellSpan(1, 0, 1, 3) in table.spans


def test_a_space_aligned_table_in_the_text_becomes_one_table() -> None:
    blocks = blocks_of(LAYOUT)
    assert [b.kind for b in blocks] == [BlockKind.TABLE]
    assert blocks[0].rows[3] == ["2", "东胜区森林草原火灾应急预案", "区林草分局"]


def test_libreoffice_table_through_pdftotext_layout_is_one_table_with_its_categories() -> None:
    """tests/fixtures/tables/libreoffice_layout.txt: an HTML table (category rows merged across,
    a long name, a 备注 column only one row fills) typeset by LibreOffice, read by pdftotext -layout,
    whose Chinese text is not kept at fixed positions."""
    lines = (FIXTURES / "libreoffice_layout.txt").read_text(encoding="utf-8").split("\n")
    table = only_table(lines)
    assert table.rows == [
        ["序号", "预案名称", "牵头编制部门", "备注"],
        ["一、自然灾害类", "", "", ""],
        ["1", "东胜区防汛抗旱应急预案", "区应急管理局", ""],
        ["2", "东胜区森林草原火灾应急预案（含草原防火专项工作方案）", "区林草分局", "每年修订"],
        ["3", "东胜区地震应急预案", "区应急管理局", ""],
        ["二、事故灾难类", "", "", ""],
        ["1", "东胜区生产安全事故应急预案", "区应急管理局", ""],
        ["2", "东胜区大面积停电事件应急预案", "区能源局", ""],
    ]
    assert CellSpan(1, 0, 1, 4) in table.spans and CellSpan(5, 0, 1, 4) in table.spans


def test_plain_text_lines_are_never_cut_into_a_grid() -> None:
    assert read_aligned(["为进一步做好工作，经研究，决定成立工作专班。", "现将有关事项通知如下："]) is None


def test_a_flattened_table_joins_wrapped_names_and_header_cells() -> None:
    lines = [
        ["序号", "企业名称", "类型"],
        ["企业类"],
        ["别"],
        ["监管划分", "备注"],
        ["1", "东胜供电公司", "电力公司", "A", "一般检查"],
        ["2", "中石油输油气分公司"],
        ["原油", "A", "一般检查"],
        ["成品油", "A", "一般检查"],
        ["3"],
        ["鄂尔多斯市北源热电有限责任公"],
        ["司"],
        ["火力发电", "B", "重点检查"],
    ]
    table = read_flattened(lines)
    assert table is not None
    assert table.rows == [
        ["序号", "企业名称", "类型", "企业类别", "监管划分", "备注"],
        ["1", "东胜供电公司", "电力公司", "A", "一般检查", ""],
        ["2", "中石油输油气分公司", "原油", "A", "一般检查", ""],
        ["", "", "成品油", "A", "一般检查", ""],
        ["3", "鄂尔多斯市北源热电有限责任公司", "火力发电", "B", "重点检查", ""],
    ]


def test_a_one_cell_line_under_a_row_fills_the_header_column_no_row_reaches() -> None:
    rows = [
        "序号 单位 参赛队伍（个） 参赛人数（人）",
        "1 东胜区罕台镇 1",
        "每队",
        "10-20 人",
        "2 东胜区铜川镇 1",
        "3 东胜区发改委 1",
    ]
    table = only_table(rows)
    assert table.rows[1] == ["1", "东胜区罕台镇", "1", "每队10-20人"]
    assert table.rows[2:] == [["2", "东胜区铜川镇", "1", ""], ["3", "东胜区发改委", "1", ""]]


def test_two_character_names_printed_with_a_space_stay_one_cell() -> None:
    rows = [
        "序号 姓名 单位及职务 联系方式",
        "1 高 慧 区委宣传部常务副部长 15004778896",
        "2 高云胜 区财政局局长 15332869666",
    ]
    table = only_table(rows)
    assert table.rows[1] == ["1", "高慧", "区委宣传部常务副部长", "15004778896"]


# --- output ------------------------------------------------------------------------------------


MERGED = Table(
    rows=[
        ["序号", "预案名称", "牵头部门"],
        ["一、自然灾害类", "", ""],
        ["1", "防汛<预案>", "区应急管理局"],
        ["", "地震预案", ""],
    ],
    spans=[CellSpan(1, 0, 1, 3), CellSpan(2, 2, 2, 1)],
    caption="东胜区应急预案体系目录",
)


def test_merged_cells_are_written_as_html_with_rowspan_colspan_thead_and_caption() -> None:
    markdown = render_block(Block(BlockKind.TABLE, table=MERGED))
    assert markdown.startswith('<div class="gb-table-box"')
    assert "<caption>东胜区应急预案体系目录</caption>" in markdown
    assert "<thead><tr><th" in markdown and "序号</th>" in markdown
    assert '<td colspan="3" class="gb-table-group">一、自然灾害类</td>' in markdown
    assert '<td rowspan="2">区应急管理局</td>' in markdown
    assert "防汛&lt;预案&gt;" in markdown  # text, never markup
    assert markdown.count("<td") == 1 + 3 + 2  # covered cells are not written


def test_a_regular_grid_downloads_as_a_pipe_table_and_the_site_gets_a_csv_link() -> None:
    regular = Block(BlockKind.TABLE, table=Table(rows=[["序号", "名称"], ["1", "甲"]]))
    assert render_block(regular).split("\n")[:2] == ["| 序号 | 名称 |", "| --- | --- |"]
    site = render_block(regular, csv_url="../doc-table1.csv")
    assert '<a href="../doc-table1.csv" download>' in site


def test_a_table_as_csv_has_every_row_full_width() -> None:
    text = table_csv(MERGED)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == MERGED.rows


def test_table_text_is_searchable_text_of_its_block() -> None:
    texts = Block(BlockKind.TABLE, table=MERGED).texts()
    assert "东胜区应急预案体系目录" in texts and "地震预案" in texts


def test_a_table_that_could_not_be_recovered_links_to_its_pdf_page() -> None:
    document = Document(title="通知", start_line=1, end_line=9)
    document.blocks = [Block(BlockKind.PRINTED_TABLE, lines=["摸排鄂", "尔多斯"], start_line=5)]
    markdown = render_blocks(document, page_urls=lambda line: f"../issue.pdf#page={line - 2}")
    assert '<a href="../issue.pdf#page=3">查看原件此页</a>' in markdown
    assert "查看原件" not in render_blocks(document)  # a download, or an issue kept as text: no link
