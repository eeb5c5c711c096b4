"""parse/extract.py on its own: one document's lines and anchor in, its metadata out."""

from __future__ import annotations

from builder.model import BlockKind
from builder.parse.cleaning import source_lines
from builder.parse.extract import extract_document
from builder.parse.segment import Anchor, Segment


def extract(text: str, title: list[int], number: int | None = None, special: str | None = None, year: int = 2023):
    lines = source_lines(text.split("\n"))
    segment = Segment(Anchor(title=title, number=number, special=special), list(range(len(lines))))
    return extract_document(lines, segment, year)


NOTICE = """示例县人民政府办公室关于印发示例县防汛抗旱应急预案的通知
示政办发〔2023〕12号
各乡镇人民政府，县直各部门：
《示例县防汛抗旱应急预案》已经县人民政府同意，现印发给你们，请认真贯彻执行。根据《中华人民共和国防洪法》和《国家防汛抗旱应急预案》（国办函〔2022〕48号），结合实际制定本预案，并落实国办函〔2022〕48号和示政发〔2023〕12号要求。
附件：1.示例县防汛抗旱指挥部成员名单
2.示例县防汛抗旱应急响应流程
示例县人民政府办公室
2023年6月5日"""


def test_a_notice_gives_its_title_number_recipients_date_and_kind():
    document = extract(NOTICE, title=[0], number=1)
    assert document.title == "示例县人民政府办公室关于印发示例县防汛抗旱应急预案的通知"
    assert str(document.doc_number) == "示政办发〔2023〕12号"
    assert document.recipients == "各乡镇人民政府，县直各部门"
    assert document.date == "2023-06-05"
    assert document.kind == "通知"
    assert document.issuers == ["示例县人民政府办公室"]


def test_references_are_the_other_numbers_once_each_in_order():
    document = extract(NOTICE, title=[0], number=1)
    assert [str(n) for n in document.references] == ["国办函〔2022〕48号", "示政发〔2023〕12号"]


def test_own_number_is_not_a_reference():
    document = extract(NOTICE.replace("示政发〔2023〕12号要求", "示政办发〔2023〕12号要求"), title=[0], number=1)
    assert "示政办发〔2023〕12号" not in [str(n) for n in document.references]


def test_the_listed_attachments_are_the_attachments():
    document = extract(NOTICE, title=[0], number=1)
    assert document.attachments == ["示例县防汛抗旱指挥部成员名单", "示例县防汛抗旱应急响应流程"]


def test_the_blocks_start_with_the_number_and_end_with_the_closing():
    document = extract(NOTICE, title=[0], number=1)
    assert document.blocks[0].kind == BlockKind.DOC_NUMBER
    assert document.blocks[-1].kind == BlockKind.CLOSING
    assert document.blocks[-1].lines == ["示例县人民政府办公室", "2023年6月5日"]


JOINT = """示例县人民政府 示例县人民法院 示例县人民检察院关于建立府院联动机制的意见
示政发〔2023〕3号
各乡镇人民政府，县直各部门：
为推进法治政府建设，现提出如下意见。
示例县人民政府
示例县人民法院
示例县人民检察院
二〇二三年三月一日"""


def test_joint_issuers_come_apart_and_a_date_in_chinese_numerals_reads():
    document = extract(JOINT, title=[0], number=1)
    assert document.issuers == ["示例县人民政府", "示例县人民法院", "示例县人民检察院"]
    assert document.date == "2023-03-01"
    assert document.kind == "意见"


def test_a_meeting_without_a_date_line_has_no_invented_date():
    text = "示例县人民政府第5次常务会议\n会议研究了防汛工作。"
    document = extract(text, title=[0], special="会议")
    assert document.kind == "会议"
    assert document.doc_number is None
    assert document.date is None
