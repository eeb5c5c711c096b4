"""Attachment titles: under a 附件 label, and when the label was lost but the 附件 list names them."""

from __future__ import annotations

from builder.model import BlockKind
from builder.parse import parse_text
from builder.parse.blocks import build_blocks
from builder.parse.cleaning import source_lines

# the converter separates printed lines with blank lines
BODY = """各镇人民政府：
经区人民政府研究同意，现将《某某工作方案》印发给你们，请认真组织实施。
附件：1.某某区创建示范区工作领导小组
2.某某区示范区建设指标体系任务分解表
某某区人民政府办公室
2023年7月6日
附件1：
某某区创建示范区工作领导小组
为全面贯彻自治区基本公共卫生服务规范要求，进一步推进示范区创建工作，成立领导小组，组成人员如下：
组长：张三 区长
某某区示范区建设指标体系任务分解表
指标分类\t指标内容
一、政策发展\t发挥政府主导作用""".replace("\n", "\n\n")


def kinds_and_texts(text: str):
    blocks = build_blocks(source_lines(text.split("\n")), expect_recipients=True)
    return [(b.kind, b.text) for b in blocks]


def test_title_under_a_label_does_not_swallow_the_paragraph_below():
    blocks = kinds_and_texts(BODY)
    titles = [text for kind, text in blocks if kind == BlockKind.ATTACHMENT_TITLE]
    assert titles[0] == "某某区创建示范区工作领导小组"
    paragraph = next(text for kind, text in blocks if kind == BlockKind.PARAGRAPH and text.startswith("为全面贯彻"))
    assert "领导小组为全面" not in paragraph


def test_a_wrapped_title_under_a_label_still_joins():
    text = "附件1：\n\n某某区关于进一步加强和改进安全生产\n\n工作的实施方案\n\n一、总体要求"
    titles = [t for k, t in kinds_and_texts(text) if k == BlockKind.ATTACHMENT_TITLE]
    assert titles == ["某某区关于进一步加强和改进安全生产工作的实施方案"]


def test_listed_attachment_without_its_label_becomes_a_title():
    raw = "某某区人民政府办公室关于印发某某工作方案的通知\n\n某政办发〔2023〕33号\n\n" + BODY
    document = parse_text(raw).documents[0]
    assert document.attachments == ["某某区创建示范区工作领导小组", "某某区示范区建设指标体系任务分解表"]
    titles = [b.text for b in document.blocks if b.kind == BlockKind.ATTACHMENT_TITLE]
    assert "某某区示范区建设指标体系任务分解表" in titles
