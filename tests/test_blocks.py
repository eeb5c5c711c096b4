"""Body blocks on hand-made hard-wrapped and tabular text: paragraphs re-joined whatever the
wrapped line starts with, rosters one person a line, list items apart, tables aligned or kept as
printed."""

from __future__ import annotations

from builder.model import Block, BlockKind
from builder.parse.blocks import build_blocks
from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.render import PRINTED_TABLE_NOTE, render_block

#: a 20-character column: a paragraph's first line is indented, so two characters shorter
COLUMN = [
    "为进一步做好自贸区片区建设工作，经研究，",
    "决定成立工作专班。现将有关事项通知如下：",
]


def blocks_of(lines: list[str]) -> list[Block]:
    """The blocks of a body, its lines cleaned first (repeated table headers are dropped there)."""
    cleaned = source_lines(lines)
    build_cleaner().run(cleaned, CleaningContext())
    return build_blocks(cleaned, expect_recipients=False)


def paragraphs(lines: list[str]) -> list[str]:
    return [b.text for b in blocks_of(lines) if b.kind == BlockKind.PARAGRAPH]


def test_a_full_line_runs_on_into_a_line_that_looks_like_an_outline_item_or_a_label() -> None:
    text = [
        *COLUMN,
        "（一）装备制造产业园、轻纺产业园、商",
        "贸物流园：负责传达上级关于自贸区片区相关",
        "工作的要求，推动落实建设自贸区片区的各项",
        "工作，并负责专班综合协调及日常工作。",
        "（二）高新区投促局：负责招商引资工作。",
    ]
    assert paragraphs(text)[-2:] == [
        (
            "（一）装备制造产业园、轻纺产业园、商贸物流园：负责传达上级关于自贸区片区相关工作的要求，"
            "推动落实建设自贸区片区的各项工作，并负责专班综合协调及日常工作。"
        ),
        "（二）高新区投促局：负责招商引资工作。",
    ]


def test_a_roster_keeps_one_person_a_line_with_the_wrapped_post_joined() -> None:
    text = [
        *COLUMN,
        "组  长：韩  涛 区委副书记、政府区长",
        "副组长：吕耀峰 鄂尔多斯高新技术产业",
        "开发区管理委员会副主",
        "任、高新技术产业园管",
        "理办公室主任",
        "杜  娟 区委常委、政府副区长",
        "刘  剑 区市场监督管理局",
        "局长",
    ]
    (roster,) = [b for b in blocks_of(text) if b.kind == BlockKind.LINES]
    assert roster.lines == [
        "组长：韩涛 区委副书记、政府区长",
        "副组长：吕耀峰 鄂尔多斯高新技术产业开发区管理委员会副主任、高新技术产业园管理办公室主任",
        "杜娟 区委常委、政府副区长",
        "刘剑 区市场监督管理局局长",
    ]


def test_list_items_are_never_merged() -> None:
    text = [
        "1.1月份，开展节后复工复产安全检查。",
        "2.2月份，开展复工复产和安全培训检查。",
        "3.3月份，开展“一通三防”专项检查。",
    ]
    assert paragraphs(text) == text


def test_a_page_split_article_is_one_paragraph() -> None:
    text = [
        "第十条 物业管理委员会委员姓名、职业、住址等应当在物业管理区域内显著位置公示。",
        "第十一条 物业管理委员会成立后，由乡镇",
        "人民政府、街道办事处自行备案，并将组建公告报送备案。",
    ]
    assert paragraphs(text) == [text[0], text[1] + text[2]]


def test_short_table_rows_continue_merged_cells_on_their_left() -> None:
    text = [
        "序号\t镇、街道\t社区\t具体改造地址\t计划改造户数",
        "1\t乌兰淖尔镇\t泽园社区\t第一居民小组\t95",
        "第二居民小组\t114",
        "序号\t镇、街道\t社区\t具体改造地址\t计划改造户数",
        "富民社区\t二街坊\t34",
    ]
    (table,) = blocks_of(text)
    assert table.kind == BlockKind.TABLE
    assert table.rows == [
        ["序号", "镇、街道", "社区", "具体改造地址", "计划改造户数"],
        ["1", "乌兰淖尔镇", "泽园社区", "第一居民小组", "95"],
        ["", "", "", "第二居民小组", "114"],
        ["", "", "富民社区", "二街坊", "34"],
    ]


def test_a_row_wider_than_the_header_widens_the_table_instead_of_giving_up() -> None:
    text = ["指标分类\t指标内容\t权重分值", "一、政策发展\t(一)发挥政府主导作用\t18\t政府办、发改委"]
    (block,) = blocks_of(text)
    assert block.kind == BlockKind.TABLE
    assert block.rows == [
        ["指标分类", "指标内容", "权重分值", ""],
        ["一、政策发展", "(一)发挥政府主导作用", "18", "政府办、发改委"],
    ]


def test_a_table_that_cannot_be_placed_is_kept_as_printed_under_a_note() -> None:
    block = Block(BlockKind.PRINTED_TABLE, lines=["指标分类  指标内容  权重分值"])
    markdown = render_block(block)
    assert PRINTED_TABLE_NOTE in markdown and "```text\n指标分类  指标内容  权重分值\n" in markdown


CELLS = ["摸排鄂", "尔多斯", "片区高", "新区、东", "胜区企", "业发展情况。", "高新", "区投"]


def test_narrow_column_cells_are_a_printed_table_not_paragraphs() -> None:
    column = COLUMN * 4  # a hard-wrapped page: its lines share a margin
    blocks = blocks_of(column + CELLS)
    assert blocks[-1].kind == BlockKind.PRINTED_TABLE
    assert blocks[-1].lines == CELLS


def test_short_lines_of_a_text_that_is_not_hard_wrapped_are_not_table_cells() -> None:
    assert BlockKind.PRINTED_TABLE not in [b.kind for b in blocks_of(["".join(COLUMN), *CELLS])]


def test_a_printed_table_fence_outlasts_backticks_in_the_text() -> None:
    block = Block(BlockKind.PRINTED_TABLE, lines=["a ``` b", "c"])
    assert "````text\na ``` b\nc\n````" in render_block(block)


def test_an_item_closed_by_its_responsible_units_is_not_run_into_the_next() -> None:
    text = COLUMN * 3 + [
        "4.改革人事编制管理制度。在总医院内的医务",
        "人员职称聘任方面，向基层一线倾斜。(责任单",
        "位:区编委办、区人社局、区财政局、区卫健委)",
        "5.改革薪酬制度。按照“两个允许”的要求推进。",
    ]
    assert paragraphs(text)[-2:] == [
        "4.改革人事编制管理制度。在总医院内的医务人员职称聘任方面，向基层一线倾斜。(责任单位:区编委办、区人社局、区财政局、区卫健委)",
        "5.改革薪酬制度。按照“两个允许”的要求推进。",
    ]


def test_a_plan_title_under_the_closing_date_stays_a_title() -> None:
    text = COLUMN * 3 + [
        "鄂尔多斯市东胜区人民政府办公室",
        "2024年3月1日",
        "东胜区紧密型城市医疗集团建设实施方案",
        "为进一步整合、优化全区医疗卫生资源，提升",
    ]
    blocks = blocks_of(text)
    titles = [b.text for b in blocks if b.kind == BlockKind.ATTACHMENT_TITLE]
    assert titles == ["东胜区紧密型城市医疗集团建设实施方案"]


def test_a_space_separated_table_keeps_a_merged_cell_row_and_drops_its_repeated_header() -> None:
    text = [
        "序号 类别 项目名称 申报单位",
        "1 传统音乐 长调民歌 第一苏木",
        "2 传统技艺 奶制品制作技艺 第二苏木",
        "毡绣技艺 第二苏木",
        "序号 类别 项目名称 申报单位",
        "3 民俗 祭敖包 第三镇",
    ]
    (table,) = blocks_of(text)
    assert table.kind == BlockKind.TABLE
    assert table.rows[3:] == [["", "", "毡绣技艺", "第二苏木"], ["3", "民俗", "祭敖包", "第三镇"]]


def test_a_number_wrapped_at_the_line_end_is_one_number() -> None:
    text = COLUMN * 3 + [
        "为深入贯彻落实《国务院办公厅关于进一步优化营商环",
        "境降低市场主体制度性交易成本的意见》（国办发〔2",
        "022〕30号）精神，结合实际，制定本方案。",
    ]
    assert "（国办发〔2022〕30号）" in paragraphs(text)[-1]


#: a margin the lines around share (20 characters), for the tests of where a paragraph ends
MEASURE = [
    "为进一步做好自贸区片区建设工作，经研究，决",
    "定成立工作专班，负责统筹推进自贸区片区建设",
    "的各项工作，协调解决工作中遇到的重大问题，",
    "督促检查各项任务落实情况。",
]


def test_a_full_line_ending_a_sentence_runs_on_unless_the_next_line_is_an_indented_first_line() -> None:
    """A full line that ends with 。 is ambiguous; the next line says which: two characters short
    of the margin and mid-sentence, it is a new paragraph's indented first line; full, it runs on."""
    text = [
        *MEASURE,
        "各成员单位要加强协调配合，形成工作合力，确",
        "保各项工作任务按时保质完成，及时报送进展。",
        "专班办公室设在区商务局，办公室主任由区",  # 18 of 20: an indented first line
        "商务局局长兼任，负责专班日常工作。",
        "各成员单位要加强协调配合，形成工作合力，确",
        "保各项工作任务按时保质完成，及时报送进展。",
        "专班办公室设在区商务局，办公室主任由区商务",  # 20 of 20: the paragraph runs on
        "局局长兼任，负责专班日常工作。",
    ]
    assert paragraphs(text)[1:] == [
        "各成员单位要加强协调配合，形成工作合力，确保各项工作任务按时保质完成，及时报送进展。",
        "专班办公室设在区商务局，办公室主任由区商务局局长兼任，负责专班日常工作。",
        "各成员单位要加强协调配合，形成工作合力，确保各项工作任务按时保质完成，及时报送进展。"
        "专班办公室设在区商务局，办公室主任由区商务局局长兼任，负责专班日常工作。",
    ]


def test_a_hard_wrapped_line_that_stops_well_short_of_the_margin_ends_its_paragraph() -> None:
    text = [
        *MEASURE,
        "（一）聚焦产业延链补链，在构建产业发展新格",
        "局上蓄势赋能",
        "——突出农牧业增效，扎实推进乡村振兴。一",
        "是全力提升稳产保供能力，严守耕地红线。",
    ]
    assert paragraphs(text)[-2:] == [
        "（一）聚焦产业延链补链，在构建产业发展新格局上蓄势赋能",
        "——突出农牧业增效，扎实推进乡村振兴。一是全力提升稳产保供能力，严守耕地红线。",
    ]


def test_a_short_label_line_and_a_numbered_item_stay_apart_in_a_hard_wrapped_column() -> None:
    text = [
        *MEASURE,
        "1. 建立联席会议制度。定期召开联席会议，研",
        "究解决重大问题。",
        "责任部门：各苏木镇人民政府、旗直各部门",
        "2. 完善重大案件协调机制。对重大复杂案件",
        "及时会商研判，形成工作合力。",
    ]
    assert [b.text for b in blocks_of(text)][-3:] == [
        "1. 建立联席会议制度。定期召开联席会议，研究解决重大问题。",
        "责任部门：各苏木镇人民政府、旗直各部门",
        "2. 完善重大案件协调机制。对重大复杂案件及时会商研判，形成工作合力。",
    ]
