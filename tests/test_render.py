"""builder/render.py on small hand-made documents: headings by level, tables, the closing and
文号 blocks, links, front matter. The golden files cover whole issues; these pin each rule."""

from __future__ import annotations

import yaml

from builder.model import Block, BlockKind, DocNumber, Document, Issue, Kind
from builder.render import (
    LOST_FIGURE,
    inline,
    linked_texts,
    render_block,
    render_blocks,
    render_document,
    render_issue,
)


def document(*blocks: Block, **fields) -> Document:
    return Document(
        title=fields.pop("title", "关于做好防汛工作的通知"), start_line=1, end_line=20, blocks=list(blocks), **fields
    )


class RecordingLinker:
    """Links every 区水利局 to water.md and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.sections = 0

    def __call__(self, text: str) -> list[tuple[str, str | None]]:
        self.asked.append(text)
        if "区水利局" not in text:
            return [(text, None)]
        before, after = text.split("区水利局", 1)
        return [(piece, url) for piece, url in ((before, None), ("区水利局", "water.md"), (after, None)) if piece]

    def new_section(self) -> None:
        self.sections += 1


def test_outline_headings_go_one_level_per_numbering_and_attachment_titles_are_top_level():
    heading = lambda level: Block(BlockKind.HEADING, "一、总体要求", level=level)
    assert [render_block(heading(level)) for level in (2, 3, 4, 5)] == [
        "## 一、总体要求",
        "### 一、总体要求",
        "#### 一、总体要求",
        "##### 一、总体要求",
    ]
    assert render_block(heading(0)) == "## 一、总体要求"  # never above the outline's first level
    assert render_block(heading(5), shift=1) == "###### 一、总体要求"
    assert render_block(heading(5), shift=3) == "###### 一、总体要求"  # Markdown has six levels
    title = Block(BlockKind.ATTACHMENT_TITLE, "东胜区防汛应急预案")
    assert render_block(title) == "# 东胜区防汛应急预案"
    assert render_block(title, shift=1) == "## 东胜区防汛应急预案"


def test_a_table_keeps_its_columns_and_escapes_its_cells():
    table = Block(
        BlockKind.TABLE, rows=[["序号", "任务", "责任单位"], ["1", "河道|清淤", "区水利局"], ["2", "巡查\n值守", ""]]
    )
    lines = render_block(table).split("\n")
    assert lines[0] == "| 序号 | 任务 | 责任单位 |"
    assert lines[1] == "| --- | --- | --- |"
    assert lines[2] == r"| 1 | 河道\|清淤 | 区水利局 |"  # a bar in a cell is not a column
    assert lines[3] == "| 2 | 巡查 值守 |  |"  # a line break would end the row
    linker = RecordingLinker()
    assert "| [区水利局](<water.md>) |" in render_block(table, linker=linker)
    assert "区水利局" in linker.asked and "序号" in linker.asked  # every cell is offered to the linker


def test_closing_and_doc_number_blocks_carry_their_class_and_no_links():
    closing = Block(BlockKind.CLOSING, lines=["区水利局", "2023年7月1日"])
    linker = RecordingLinker()
    assert render_block(closing, linker=linker) == "区水利局  \n2023年7月1日\n{: .gb-closing }"
    number = Block(BlockKind.DOC_NUMBER, "东政办发〔2023〕33号")
    assert render_block(number, linker=linker) == "东政办发〔2023〕33号\n{: .gb-doc-number }"
    assert linker.asked == []  # a signature or the document's own 文号 is never a link
    assert render_block(Block(BlockKind.ATTACHMENT_LABEL, "附件1")) == "**附件1**"


def test_text_shows_as_written_and_bold_labels_stay_bold():
    assert inline("**牵头单位：**区水利局") == "**牵头单位：**区水利局"
    assert inline("单独的**星号") == r"单独的\*\*星号"  # unbalanced: not bold
    assert inline("1. 不是列表") == r"1\. 不是列表"
    assert inline("# 不是标题") == r"\# 不是标题"
    assert inline("<b>[链接](javascript:x)</b>") == r"&lt;b&gt;\[链接\](javascript:x)&lt;/b&gt;"


def test_links_skip_bold_labels_and_each_heading_starts_a_section():
    doc = document(
        Block(BlockKind.HEADING, "一、职责分工", level=2),
        Block(BlockKind.PARAGRAPH, "**牵头单位：**区水利局"),
        Block(BlockKind.ATTACHMENT_TITLE, "防汛预案"),
        Block(BlockKind.LINES, lines=["区水利局：张三", "区财政局：李四"]),
    )
    linker = RecordingLinker()
    body = render_blocks(doc, linker=linker)
    assert "**牵头单位：**[区水利局](<water.md>)" in body
    assert "[区水利局](<water.md>)：张三  \n区财政局：李四" in body
    assert linker.sections == 2  # the heading and the attachment title
    assert linker.asked == ["", "区水利局", "区水利局：张三", "区财政局：李四"]
    assert linked_texts(doc) == linker.asked  # what the site resolves before rendering: exactly these


def test_an_attachment_label_with_nothing_under_it_is_a_lost_figure():
    doc = document(
        Block(BlockKind.ATTACHMENT_LABEL, "附件1"),
        Block(BlockKind.ATTACHMENT_LABEL, "附件2"),
        Block(BlockKind.ATTACHMENT_TITLE, "名单"),
    )
    assert render_blocks(doc).split("\n\n") == ["**附件1**", LOST_FIGURE, "**附件2**", "# 名单\n"]


def test_front_matter_carries_the_document_and_its_issue():
    issue = Issue(
        source="issue.txt",
        gazette_title="东胜区人民政府公报",
        publisher="东胜区人民政府",
        year=2023,
        issue_label="2023年第7-9期合刊",
        date="2023-09-30",
    )
    doc = document(
        Block(BlockKind.PARAGRAPH, "各街道办事处："),
        doc_number=DocNumber("东政办发", 2023, 33, "东政办发[2023]33号"),
        issuers=["东胜区人民政府办公室"],
        date="2023-07-17",
        kind=Kind.NOTICE,
    )
    issue.documents = [doc]
    text = render_document(doc, issue)
    assert text.startswith("---\n")
    _, header, body = text.split("---\n", 2)
    meta = yaml.safe_load(header)
    assert meta["title"] == "关于做好防汛工作的通知" and meta["doc_number"] == "东政办发〔2023〕33号"
    assert meta["doc_number_raw"] == "东政办发[2023]33号" and meta["issuers"] == ["东胜区人民政府办公室"]
    assert meta["date"] == "2023-07-17" and meta["published"] == "2023-09-30"  # 成文日期 and 发布日期 kept apart
    assert (meta["gazette"], meta["publisher"], meta["issue"], meta["year"]) == (
        "东胜区人民政府公报",
        "东胜区人民政府",
        "2023年第7-9期合刊",
        2023,
    )
    assert body == "\n# 关于做好防汛工作的通知\n\n各街道办事处：\n"
    whole = render_issue(issue)
    assert (
        "\n# 东胜区人民政府公报 2023年第7-9期合刊\n\n## 关于做好防汛工作的通知\n" in whole
    )  # documents one level down
