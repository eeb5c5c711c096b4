"""Segmentation on small hand-made issues: layouts the sample corpus does not show."""

from __future__ import annotations

from pathlib import Path

from builder.parse import parse_issue, parse_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_red_header_layout_puts_number_above_title() -> None:
    issue = parse_issue(FIXTURES / "red_header.txt")
    numbers = [d.doc_number.normalized for d in issue.documents]
    assert numbers == ["某政发〔2024〕5号", "某政办发〔2024〕9号"]
    first, second = issue.documents
    assert first.title == "某某县人民政府关于做好春季防火工作的通知"
    assert first.start_line == 5  # the 某某县人民政府文件 red header opens the document
    assert [r.normalized for r in first.references] == ["某市政发〔2024〕3号"]
    assert second.start_line == 25  # a 文号 in parentheses above its title
    assert second.issuers == ["某某县人民政府办公室"]
    assert (issue.year, issue.issue_numbers, issue.total_number) == (2024, [3], 12)


def test_text_without_any_document_is_kept_as_one_page_with_a_warning() -> None:
    issue = parse_text("这是一段没有标题的文字。\n\n第二段文字，也没有文号。\n")
    assert len(issue.documents) == 1
    assert "第二段文字" in " ".join(b.text for b in issue.documents[0].blocks)
    assert any("no document recognised" in f.message for f in issue.findings)


def test_toc_item_missing_from_text_is_reported() -> None:
    text = "\n".join(
        [
            "测试县人民政府公报",
            "目 录",
            "测试县人民政府关于甲事项的通知 ..... 1",
            "测试县人民政府关于乙事项的通知 ..... 3",
            "",
            "测试县人民政府关于甲事项的通知",
            "测政发〔2024〕1号",
            "各部门：",
            "现将有关事项通知如下。",
            "测试县人民政府",
            "2024年1月2日",
        ]
    )
    issue = parse_text(text)
    assert [d.title for d in issue.documents] == ["测试县人民政府关于甲事项的通知"]
    assert issue.documents[0].in_toc
    warnings = [f.message for f in issue.findings]
    assert any("目录 item not found" in w and "乙事项" in w for w in warnings)


def test_special_item_heading_inside_a_wrapped_sentence_is_not_a_document() -> None:
    text = "\n\n".join(
        [
            "测试区人民政府关于印发某方案的通知",
            "测政发〔2024〕9 号",
            "各部门：",
            "《某方案》经测试区人民政",
            "府 2024 年第 2 次常务会议",
            "审议通过，现印发给你们。",
            "测试区人民政府",
            "2024 年 3 月 5日",
        ]
    )
    issue = parse_text(text)
    assert len(issue.documents) == 1
    assert issue.documents[0].date == "2024-03-05"


def test_a_title_line_that_starts_with_a_year_stays_in_the_title() -> None:
    # a narrow column wraps a title before `2023 年`, and a converter spaces the digits from the Han
    text = "\n".join(
        [
            "测试区人民政府办公室关于印发《测试产业园区",
            "2023 年异味综合整治工作方案》的通知",
            "测政办发〔2023〕10 号",
            "各部门：",
            "现将方案印发给你们，请认真贯彻落实。",
            "测试区人民政府办公室",
            "2023 年 4 月 3 日",
        ]
    )
    issue = parse_text(text)
    assert [d.title for d in issue.documents] == [
        "测试区人民政府办公室关于印发《测试产业园区2023年异味综合整治工作方案》的通知"
    ]


NARROW_NOTICE = [
    "测试区人民政府办公室关",
    "于印发《测试方案》的通",
    "知",
    "测政办发〔2024〕3 号",
    "各部门：",
    "现将方案印发给你们，请认真贯彻落实。",
    "测试区人民政府办公室",
    "2024 年 1 月 3 日",
]


def test_an_item_heading_wrapped_in_a_narrow_column_is_found() -> None:
    # a column of about ten characters wraps the heading before its last character
    text = "\n".join([*NARROW_NOTICE, "《政府工作报告》名词解", "释", "① 五大任务：把本区建设成为重要的生态屏障。"])
    issue = parse_text(text)
    assert [d.title for d in issue.documents][1:] == ["《政府工作报告》名词解释"]


def test_a_toc_item_wrapped_over_four_lines_of_a_narrow_column_is_found_whole() -> None:
    toc = [
        "目 录",
        "测试区人民政府办公室关于印发《测试方案》的通知 ..... 1",
        "《测试区全面推进紧密型县域医共体建设方案》政策解读 ..... 3",
        "",
    ]
    reading = [
        "《测试区全面推进紧",
        "密型县域医共体建设",
        "方案》政",
        "策解读",
        "一、方案制定的背景",
        "为推进医共体建设，制定本方案。",
    ]
    issue = parse_text("\n".join([*toc, *NARROW_NOTICE, *reading]))
    assert [d.title for d in issue.documents][1:] == ["《测试区全面推进紧密型县域医共体建设方案》政策解读"]


def test_a_quoted_title_wrapped_around_its_own_brackets_is_found_whole() -> None:
    # the line above the heading opens a bracket the heading closes, but the 《 is two lines up
    reading = [
        "《测试县优化营商环境三",
        "年行动方案（2023—",
        "2025 年）》政策解读",
        "一、出台背景",
        "为优化营商环境，制定本方案。",
    ]
    issue = parse_text("\n".join([*NARROW_NOTICE, *reading]))
    assert [d.title for d in issue.documents][1:] == ["《测试县优化营商环境三年行动方案（2023—2025年）》政策解读"]


def test_a_meeting_heading_wrapped_after_its_year_is_found() -> None:
    reading = ["测试县人民政府 2023 年", "  第 5 次常务会议", "7 月 28 日，县长主持召开县政府常务会议。"]
    issue = parse_text("\n".join([*NARROW_NOTICE, *reading]))
    assert [d.title for d in issue.documents][1:] == ["测试县人民政府2023年第5次常务会议"]
