"""builder.patterns: 文号, dates, outline numbering and item kinds, on the spellings real issues use."""

from __future__ import annotations

import pytest

from builder.patterns.dates import parse_date
from builder.patterns.docnumber import find_doc_numbers, normalize_doc_number, parse_doc_number
from builder.patterns.kinds import kind_from_title, special_item_kind
from builder.patterns.outline import outline_level, starts_with_outline

NORMALIZED = "东政办发〔2023〕33号"


def cited(text: str) -> list[str]:
    return [number.normalized for number in find_doc_numbers(text)]


# --- 文号 -------------------------------------------------------------------------------------

SPELLINGS = [
    "东政办发〔2023〕33号",
    "东政办发[2023]33号",
    "东政办发［2023］33号",
    "东政办发(2023)33号",
    "东政办发（2023）33号",
    "东政办发﹝2023﹞33号",
    "东政办发【2023】33号",
    "东政办发〔 2023 〕 33 号",
    "东政办发 〔2023〕33号",
    "东政办发〔2023〕33 号",
    "东政办发〔２０２３〕３３号",
    "东政办发〔2023〕第33号",
    "东政办发〔2023〕 第 33 号",
    "东政办发〔2023年〕33号",
    "东政办发〔2023〕033号",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_doc_number_spellings_normalize_to_one_form(spelling: str) -> None:
    number = parse_doc_number(spelling)
    assert number is not None
    assert (number.prefix, number.year, number.serial) == ("东政办发", 2023, 33)
    assert number.normalized == NORMALIZED == str(number)
    assert number.raw == spelling
    assert normalize_doc_number(spelling) == NORMALIZED


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_doc_number_in_a_line_keeps_its_raw_spelling(spelling: str) -> None:
    number = parse_doc_number(f"  {spelling}  ")
    assert number is not None and number.raw == spelling


def test_doc_number_without_prefix() -> None:
    number = parse_doc_number("〔2018〕15号")
    assert number is not None and number.prefix == "" and number.normalized == "〔2018〕15号"


@pytest.mark.parametrize(
    "text", ["东政办发", "2023年33号", "东政办发〔23〕33号", "东政办发〔2023〕号", "国务院令第708号", "第33号", ""]
)
def test_what_is_not_a_doc_number(text: str) -> None:
    assert parse_doc_number(text) is None
    assert normalize_doc_number(text) is None


@pytest.mark.parametrize("spelling", ["东政 办发〔2023〕33号", "东 政 办 发〔2023〕33号"])
def test_wrap_space_inside_the_issuing_code(spelling: str) -> None:
    assert normalize_doc_number(spelling) == NORMALIZED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（国 办发〔2015〕58 号）", ["国办发〔2015〕58号"]),
        ("（〔2018〕15 号）", ["〔2018〕15号"]),
        ("按照国发〔2023〕18号文件", ["国发〔2023〕18号"]),
        ("落实国办发〔2015〕58号要求", ["国办发〔2015〕58号"]),
        ("执行内政办发〔2021〕12号", ["内政办发〔2021〕12号"]),
        ("以及内政办发〔2021〕12号", ["内政办发〔2021〕12号"]),
        (
            "根据《关于印发XX的通知》（内政办发〔2021〕12号）和鄂府发〔2020〕3号精神",
            ["内政办发〔2021〕12号", "鄂府发〔2020〕3号"],
        ),
        ("依据东政发〔2023〕26号、东政办发[2023]43号", ["东政发〔2023〕26号", "东政办发〔2023〕43号"]),
        ("参照《国务院办公厅关于……的意见》（国办发〔2019〕7号）", ["国办发〔2019〕7号"]),
    ],
)
def test_find_doc_numbers_in_running_text(text: str, expected: list[str]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    ["国务院令708号", "国务院令第708号", "公告 2005 年第 62 号", "国家税务总局公告2005年第62号", "2023年第7-9期"],
)
def test_orders_and_announcements_are_not_doc_numbers(text: str) -> None:
    assert find_doc_numbers(text) == []
    assert normalize_doc_number(text) is None


def test_find_doc_numbers_keeps_the_wrapped_spelling_as_raw() -> None:
    (number,) = find_doc_numbers("（国 办发〔2015〕58 号）")
    assert number.raw == "国 办发〔2015〕58 号"


def test_find_doc_numbers_raw_has_no_lead_words() -> None:
    (number,) = find_doc_numbers("按照国发〔2023〕18号文件")
    assert number.raw == "国发〔2023〕18号"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年8月8号", "2023-08-08"),
        ("2023 年 6 月 19 日", "2023-06-19"),
        ("二〇二三年八月十八日", "2023-08-18"),
        ("二〇二四年十二月三十一日", "2024-12-31"),
        ("二○二三年一月一日", "2023-01-01"),
        ("二〇二三年十月二十日", "2023-10-20"),
        ("２０２３年８月８日", "2023-08-08"),
        ("于2023年6月19日印发", "2023-06-19"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text", ["2023年2月30日", "二〇二三年二月三十日", "2023年13月1日", "2023年6月", "6月19日", "今天"]
)
def test_impossible_or_partial_date_is_none(text: str) -> None:
    assert parse_date(text) is None


# --- outline numbering ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、总体要求", 2),
        ("十二、附则", 2),
        ("（一）工作目标", 3),
        ("(一)工作目标", 3),
        ("1. 工作目标", 4),
        ("1.工作目标", 4),
        ("1、工作目标", 4),
        ("10．工作目标", 4),
        ("（1）工作目标", 5),
        ("(1)工作目标", 5),
        ("第一章 总则", 2),
        ("第十二章 附则", 2),
        ("第一节 一般规定", 3),
        ("  一、前导空格", 2),
    ],
)
def test_outline_level(text: str, level: int) -> None:
    assert outline_level(text) == level
    assert starts_with_outline(text)


@pytest.mark.parametrize(
    "text", ["普通文字", "一是加强领导", "2023年工作要点", "1.5亿元", "1.2023年完成建设", "3.14", "100.目标"]
)
def test_no_outline_level(text: str) -> None:
    """Plain text, and a digit right after the point (a decimal, not "1." numbering), have no level."""
    assert outline_level(text) is None
    assert not starts_with_outline(text)


def test_article_numbers_start_an_outline_but_are_not_headings() -> None:
    assert starts_with_outline("第一条 为了规范管理")
    assert outline_level("第一条 为了规范管理") is None


def test_part_number_is_a_level_two_heading() -> None:
    assert outline_level("第一部分 总体要求") == 2


# --- item kinds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("大事记", "大事记"),
        ("东胜区人民政府大事记7-9月", "大事记"),
        ("2023年1-3月大事记", "大事记"),
        ("克什克腾旗人民政府2025年第1次政府常务会议", "会议"),
        ("克什克腾旗人民政府 2025 年第 1 次政府 常务会议", "会议"),
        ("东胜区人民政府第十次常务会议纪要", "纪要"),
        ("政府工作报告", "报告"),
        ("区长在全区经济工作会议上的讲话", "讲话"),
        ("2025年政府工作报告", "报告"),
        ("《政府工作报告》名词解释", "名词解释"),
        ("《克什克腾旗全面推进紧密型县域医疗卫生共同体建设实施方案(试行)》政策解读", "解读"),
        ("《东胜区人民政府公报》简介", "简介"),
    ],
)
def test_special_item_kind(text: str, kind: str) -> None:
    assert special_item_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "会议要求各部门认真贯彻落实。",
        "区政府召开常务会议研究部署工作。",
        "各镇人民政府要按照大事记的要求做好工作。",
        "政府工作报告中提出的目标任务要认真落实",
        "现对有关政策解读如下：",
        "关于做好全区第四次全国文物普查的通知",
        "鄂尔多斯市东胜区人民政府关于印发东胜区物业管理委员会组建管理办法的通知",
    ],
)
def test_ordinary_sentences_are_no_special_item(text: str) -> None:
    assert special_item_kind(text) is None


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于印发实施方案的通知", "通知"),
        ("关于加快发展的实施意见", "意见"),
        ("关于2024年度检查计划的批复", "批复"),
        ("关于成立工作专班的通知（征求意见稿）", "通知"),
        ("关于商请支持的函", "函"),
        ("东胜区物业管理委员会组建管理办法", None),
    ],
)
def test_kind_from_title(title: str, kind: str | None) -> None:
    assert kind_from_title(title) == kind
