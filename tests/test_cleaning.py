"""builder.parse.cleaning: each line stage keeps its docstring's contract on small hand-made inputs;
the registry's order; and the wrap-space rules of builder.parse.cleaning.spacing."""

from __future__ import annotations

import pytest

from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.parse.cleaning.lines import SourceLine
from builder.parse.cleaning.spacing import remove_conversion_spaces, squash_title
from builder.parse.cleaning.stages import (
    BackCover,
    ConverterMarkup,
    MongolianScript,
    PageStarts,
    RepeatedTableHeaders,
    RunningHeaders,
    StrayMarks,
    VerticalBanners,
)

TITLE = "东胜区人民政府公报"


def clean(stage, raw: list[str], context: CleaningContext | None = None) -> tuple[list[SourceLine], CleaningContext]:
    context = context or CleaningContext()
    lines = source_lines(raw)
    stage.run(lines, context)
    assert [line.no for line in lines] == list(range(1, len(raw) + 1)), "stages never remove or reorder lines"
    assert [line.raw for line in lines] == raw, "stages never touch the raw text"
    return lines, context


def texts(stage, raw: list[str], context: CleaningContext | None = None) -> list[str]:
    return [line.text for line in clean(stage, raw, context)[0]]


def dropped(stage, raw: list[str], context: CleaningContext | None = None) -> list[bool]:
    return [line.noise is not None for line in clean(stage, raw, context)[0]]


# --- ConverterMarkup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "heading"),
    [
        ("# 乌达区人民政府公报", "乌达区人民政府公报", 1),
        ("## 区政府办公室文件", "区政府办公室文件", 2),
        ("### 一、总体要求 ###", "一、总体要求", 3),
        ("  ## 前导空格", "前导空格", 2),
        ("#没有空格不是标题", "#没有空格不是标题", 0),
    ],
)
def test_converter_markup_headings(raw: str, text: str, heading: int) -> None:
    (line,), _ = clean(ConverterMarkup(), [raw])
    assert (line.text, line.heading) == (text, heading)


@pytest.mark.parametrize(
    ("raw", "text"), [("- 第一项", "第一项"), ("* 第二项", "第二项"), ("+ 第三项", "第三项"), ("- - 嵌套", "嵌套")]
)
def test_converter_markup_list_markers(raw: str, text: str) -> None:
    assert texts(ConverterMarkup(), [raw]) == [text]


def test_converter_markup_keeps_page_number_dashes() -> None:
    assert texts(ConverterMarkup(), ["- 12 -"]) == ["- 12 -"]


def test_converter_markup_whole_line_bold() -> None:
    lines, _ = clean(ConverterMarkup(), ["**全文加粗的标题**", "**组长：**张三"])
    assert [(line.text, line.bold) for line in lines] == [("全文加粗的标题", True), ("**组长：**张三", False)]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<b>粗体</b>文字<p>", "粗体文字"),
        ('<p align="center">居中</p>', "居中"),
        ("达到$\\geq 80\\%$以上", "达到≥80%以上"),
        ("$\\geq 80%$", "≥80%"),
        ("误差$\\pm 5$毫米", "误差±5毫米"),
        ("金额$100$元和$200$元", "金额$100$元和$200$元"),
    ],
)
def test_converter_markup_tags_and_math_become_text(raw: str, text: str) -> None:
    assert texts(ConverterMarkup(), [raw]) == [text]


@pytest.mark.parametrize("raw", ["<script>alert(1)</script>", "[链接](http://example.com)", "a < b > c"])
def test_converter_markup_leaves_other_markup_as_text(raw: str) -> None:
    assert texts(ConverterMarkup(), [raw]) == [raw]


def test_converter_markup_keeps_superscripts_readable() -> None:
    (text,) = texts(ConverterMarkup(), ["面积$10^{2}$平方米"])
    assert "102" not in text and "10" in text and "2" in text


# --- StrayMarks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("关于`印发", "关于印发"),
        ("通知，`现将", "通知，现将"),
        ("= 东胜区", "东胜区"),
        ("~东胜区", "东胜区"),
        ("^ 区政府", "区政府"),
        ("code`x`", "code`x`"),
        ("=1", "=1"),
    ],
)
def test_stray_marks(raw: str, text: str) -> None:
    assert texts(StrayMarks(), [raw]) == [text]


def test_stray_marks_leaves_pipe_table_rows_alone() -> None:
    assert texts(StrayMarks(), ["| 序号 | 名称 |"]) == ["| 序号 | 名称 |"]


# --- PageStarts -------------------------------------------------------------------------------


def test_page_starts_are_marked_and_lines_trimmed() -> None:
    raw = [" 第一页开头", "正文", " 第二页开头", "", " 空行之后不是页首", "  两个空格", "尾部空格  "]
    lines, _ = clean(PageStarts(), raw)
    assert [line.page_start for line in lines] == [True, False, True, False, False, False, False]
    assert [line.text for line in lines] == [r.strip() for r in raw]


def test_page_starts_detects_hard_wrapped_layout() -> None:
    wrapped = [line for i in range(20) for line in (f"近年来人工智能产业以其强大的技术创{i}", "")]
    _, context = clean(PageStarts(), wrapped)
    assert context.hard_wrapped
    _, context = clean(PageStarts(), ["一段很长的正文，" * 10] * 20)
    assert not context.hard_wrapped


# --- MongolianScript --------------------------------------------------------------------------


def test_mongolian_script() -> None:
    lines, _ = clean(MongolianScript(), ["ᠳᠤᠰᠡᠨᠢ ᠶᠤᠨ ᠶᠤᠨ", "东胜区ᠳ人民政府", "东胜区人民政府"])
    assert [line.noise is not None for line in lines] == [True, False, False]
    assert [line.text for line in lines[1:]] == ["东胜区人民政府", "东胜区人民政府"]


# --- RunningHeaders ---------------------------------------------------------------------------


def running_headers(raw: list[str]) -> tuple[list[bool], CleaningContext]:
    lines, context = clean(RunningHeaders(), raw)
    return [line.noise is not None for line in lines], context


@pytest.mark.parametrize(
    "header",
    [
        TITLE,
        "■ 东胜区人民政府公报",
        "东胜区人民政府公报 2024·1-3- 12 -",
        "东胜区人民政府公报2023年第7-9期合刊",
        "政府办公室文件 - 27 -",
        "- 27 - 政府办公室文件",
        "- 12 -",
        "— 3 —",
    ],
)
def test_running_headers_are_dropped(header: str) -> None:
    noise, context = running_headers([TITLE, "正文第一段。", header, "正文第二段。"])
    assert noise[1:] == [False, True, False]
    assert context.gazette_title == TITLE


def test_running_header_misread_by_one_character_is_dropped_when_alone() -> None:
    noise, _ = running_headers([TITLE, "正文第一段。", "东胜区人民政府公极", "正文第二段。"])
    assert noise == [True, False, True, False]


@pytest.mark.parametrize("number", ["东政发〔2024〕1号", "第 1 号"])
def test_announcement_heading_followed_by_its_number_is_kept(number: str) -> None:
    noise, _ = running_headers([TITLE, TITLE, "正文。", "东胜区人民政府公告", number, "正文。"])
    assert noise == [True, True, False, False, False, False]


@pytest.mark.parametrize(
    "text", ["东胜区人民政府公报简介", "《东胜区人民政府公报》", "东胜区人民政府关于印发方案的通知"]
)
def test_running_headers_keep_text_that_only_mentions_the_title(text: str) -> None:
    noise, _ = running_headers([TITLE, TITLE, text])
    assert noise == [True, True, False]


def test_running_headers_use_a_known_title() -> None:
    lines, _ = clean(
        RunningHeaders(), ["乌达区人民政府公报", "正文。"], CleaningContext(gazette_title="东胜区人民政府公报")
    )
    assert [line.noise for line in lines] == [None, None]


# --- VerticalBanners --------------------------------------------------------------------------


def test_vertical_banner_run_is_dropped() -> None:
    raw = ["正文一行。", *TITLE, "正文二行。"]
    assert dropped(VerticalBanners(), raw, CleaningContext(gazette_title=TITLE)) == [False] + [True] * 9 + [False]


@pytest.mark.parametrize(
    "banner",
    [
        [ch for c in TITLE for ch in (c, "")][:-1],  # blank lines between the characters
        [ch for c in TITLE for ch in (c, "", "")][:-2],  # two blank lines
        ["东胜区人民政府公报 2024·1-3- 12 -", "", *TITLE],  # after the footer
        [*TITLE[:4], "", "东胜区人民政府公报 2024·1-3- 12 -", "", *TITLE[4:]],  # around it
    ],
    ids=["blank-between", "two-blanks-between", "after-footer", "around-footer"],
)
def test_vertical_banner_in_any_form_is_dropped(banner: list[str]) -> None:
    raw = ["正文一行。", "", *banner, "", "正文二行。"]
    lines = source_lines(raw)
    context = CleaningContext(gazette_title=TITLE)
    RunningHeaders().run(lines, context)
    VerticalBanners().run(lines, context)
    assert [line.text for line in lines if line.live] == ["正文一行。", "正文二行。"]


def test_a_wrapped_line_tail_next_to_the_banner_is_kept() -> None:
    raw = ["工作领导小组办公室设在区发展和改革委员", "", "会", "", *TITLE, "正文。"]
    kept = [line.text for line in clean(VerticalBanners(), raw, CleaningContext(gazette_title=TITLE))[0] if line.live]
    assert kept == ["工作领导小组办公室设在区发展和改革委员", "会", "正文。"]


def test_vertical_banner_needs_three_characters_of_the_title() -> None:
    context = CleaningContext(gazette_title=TITLE)
    assert dropped(VerticalBanners(), ["正文。", "东", "胜", "正文。"], context) == [False] * 4
    assert dropped(VerticalBanners(), ["甲", "乙", "丙", "正文。"], context) == [False] * 4


def test_glued_banner_character_before_a_page_start_is_removed() -> None:
    lines = source_lines(["为加快地区人工智能产业健康有序发展东", "扩大人工智能优势", "东胜区人民政府东"])
    lines[1].page_start = True
    context = CleaningContext(gazette_title=TITLE)
    VerticalBanners().run(lines, context)
    assert [line.text for line in lines] == [
        "为加快地区人工智能产业健康有序发展",
        "扩大人工智能优势",
        "东胜区人民政府东",
    ]
    assert context.removed == [(1, "banner character glued to a line", "东")]
    assert [no for no, _ in context.notes] == [1]


def test_banner_character_is_kept_without_a_page_start() -> None:
    assert texts(
        VerticalBanners(),
        ["为加快地区人工智能产业健康有序发展东", "扩大人工智能优势"],
        CleaningContext(gazette_title=TITLE),
    ) == [
        "为加快地区人工智能产业健康有序发展东",
        "扩大人工智能优势",
    ]


# --- BackCover --------------------------------------------------------------------------------


def test_back_cover_lines_at_the_end_are_dropped() -> None:
    raw = ["正文。", "东胜区人民政府", "网站：www.dongsheng.gov.cn", "", "微信公众号：东胜发布", "扫一扫关注"]
    assert dropped(BackCover(), raw) == [False, False, True, False, True, True]


def test_back_cover_leaves_text_before_the_last_ordinary_line() -> None:
    assert dropped(BackCover(), ["请访问官方网站了解详情", "正文最后一行。"]) == [False, False]


# --- RepeatedTableHeaders ---------------------------------------------------------------------


def test_repeated_table_header_is_dropped_within_a_table() -> None:
    raw = ["序号\t名称\t备注", "1\t甲\t", "", "序号\t名称\t备注", "2\t乙\t", "正文。", "序号\t名称\t备注", "3\t丙\t"]
    assert dropped(RepeatedTableHeaders(), raw) == [False, False, False, True, False, False, False, False]


# --- the registry -----------------------------------------------------------------------------

STAGE_ORDER = [
    "converter_markup",
    "stray_marks",
    "page_starts",
    "page_furniture",
    "mongolian_script",
    "running_headers",
    "vertical_banners",
    "back_cover",
    "repeated_table_headers",
]


def test_registry_order() -> None:
    registry = build_cleaner()
    assert registry.names() == STAGE_ORDER
    assert [stage.name for stage in registry] == STAGE_ORDER


def test_registry_lookup_and_deregister() -> None:
    registry = build_cleaner()
    assert isinstance(registry["running_headers"], RunningHeaders)
    registry.deregister("running_headers")
    assert "running_headers" not in registry
    assert registry.names() == [name for name in STAGE_ORDER if name != "running_headers"]
    lines = source_lines([TITLE, "正文。", TITLE])
    registry.run(lines, CleaningContext())
    assert all(line.noise is None for line in lines)
    assert "running_headers" in build_cleaner(), "each build_cleaner() is a fresh registry"


def test_registry_runs_stages_in_priority_order() -> None:
    registry = build_cleaner()
    seen: list[str] = []

    class Probe:
        def __init__(self, name: str) -> None:
            self.name = name

        def run(self, lines, context) -> None:
            seen.append(self.name)

    for name in STAGE_ORDER:
        registry.deregister(name)
    registry.register(Probe("late"), 1)
    registry.register(Probe("early"), 200)
    registry.register(Probe("middle"), 60)
    registry.run(source_lines(["x"]), CleaningContext())
    assert seen == ["early", "middle", "late"]


# --- wrap spaces ------------------------------------------------------------------------------

PROSE = "鄂尔多斯市东胜区人民政府办公室 关于印发《东胜区建设慢性病综合防控示范区项目实施方案》的通知，请各单位认真贯彻执行。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PROSE, PROSE.replace(" ", "")),
        (
            "近年来，人工智能产业以其强大的技术创 新和广阔的应用前景，引领世界经济的发展潮流。",
            "近年来，人工智能产业以其强大的技术创新和广阔的应用前景，引领世界经济的发展潮流。",
        ),
        ("张 启", "张启"),
        ("2023 年 6 月 19 日", "2023年6月19日"),
        ("关于公布 2023 年煤矿安全生产标准化等级的通知", "关于公布2023年煤矿安全生产标准化等级的通知"),
        ("7 月 1 日 东胜区召开会议", "7月1日 东胜区召开会议"),
    ],
)
def test_wrap_spaces_are_removed(text: str, expected: str) -> None:
    assert remove_conversion_spaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "组长：韩涛 区委副书记",
        "国家矿山安全监察局内蒙古局 内蒙古自治区能源局",
        "东胜区人民政府办公室 东胜区财政局",
        "7月1日 东胜区召开会议，研究部署相关工作。",
        "第一条 为了规范管理，根据有关规定，制定本办法。",
        "1 盛鑫煤矿 井工 一级 A 一般检查",
        "序号\t名称\t备注",
        "  ",
    ],
)
def test_meaningful_spaces_are_kept(text: str) -> None:
    assert remove_conversion_spaces(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("组 长：韩 涛 区委副书记", "组长：韩涛 区委副书记"), ("杜 娟 区委常委、政府副区长", "杜娟 区委常委、政府副区长")],
)
def test_spaced_out_roster_line(text: str, expected: str) -> None:
    assert remove_conversion_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("鄂尔多斯市东胜区人民政府 关于成立 领导小组的通知", "鄂尔多斯市东胜区人民政府关于成立领导小组的通知"),
        ("东 胜 区 人 民 政 府 公 报", "东胜区人民政府公报"),
        ("国家矿山安全监察局内蒙古局 内蒙古自治区能源局", "国家矿山安全监察局内蒙古局 内蒙古自治区能源局"),
        ("  关于印发\n方案的通知  ", "关于印发方案的通知"),
    ],
)
def test_squash_title(text: str, expected: str) -> None:
    assert squash_title(text) == expected


def test_a_flattened_table_header_repeated_after_a_merged_cell_row_is_dropped() -> None:
    header = "序号 类别 项目名称 申报单位"
    raw = [header, "1 传统音乐 长调民歌 第一苏木", "毡绣技艺 第二苏木", "", header, "正文一句，说明表格。", header]
    assert dropped(RepeatedTableHeaders(), raw) == [False, False, False, False, True, False, False]
