"""Property tests (hypothesis): the builder never crashes on any text, never loses a Chinese
character, its normalizers are idempotent, and rendered front matter reads back as the model."""

from __future__ import annotations

import re

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.model import Block, BlockKind, DocNumber, Document, Issue
from builder.parse import parse_text
from builder.parse.audit import lost_characters
from builder.parse.cleaning.spacing import remove_conversion_spaces, squash_title
from builder.patterns.docnumber import normalize_doc_number
from builder.render import render_block, render_body, render_document

PROPERTY = settings(max_examples=150, deadline=None)


ALPHABET = "关于印发通知政府办公室东胜区年月日号第期〔〕[]()（）：，。、 \n\t#*-0123456789一二三"

#: pieces of real issues, so that generated texts also contain titles, 文号 lines, dates, noise
PIECES = [
    "东胜区人民政府公报",
    "目 录",
    "东政办发〔2023〕33号",
    "东政发[2024]1 号",
    "鄂尔多斯市东胜区人民政府办公室",
    "关于印发",
    "《东胜区实施方案》",
    "的通知",
    "2023年8月8日",
    "二〇二三年八月十八日",
    "2023年4月3日印发",
    "一、",
    "（一）",
    "1.",
    "附件：",
    "附件1",
    "大事记",
    "政府工作报告",
    "各镇人民政府：",
    "。",
    "，",
    " ",
    "\t",
    "- 12 -",
    "■",
    "**",
    "# ",
    "## ",
    "<b>",
    "$\\geq 80\\%$",
    "<script>",
    "|",
    "`",
    "---",
    "ᠳᠤᠰ",
    "网站：www.x.cn",
    "东",
    "报",
    "\n",
    "\n\n",
    " 页首",
    "东胜区人民政府公极",
    "第 1 号",
    "组 长：韩 涛 区委副书记",
    "{{ x }}",
    "[a](javascript:x)",
    ": ",
    "- ",
    "&",
    "<",
    ">",
    "\\",
    "内蒙古自治区能源局 ",
]

alphabet_text = st.text(alphabet=ALPHABET, max_size=400)
gazette_line = st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=6), max_size=12).map("".join)
gazette_text = st.lists(gazette_line, max_size=40).map("\n".join)
any_text = st.one_of(alphabet_text, st.text(max_size=300), gazette_text)

#: words and gaps of one line of Chinese with wrap spaces: what the wrap-space functions see
WORDS = [
    "东胜区",
    "人民政府",
    "办公室",
    "能源局",
    "局",
    "张",
    "启",
    "关于",
    "印发",
    "2023",
    "年",
    "，",
    "。",
    " ",
    " ",
    "\u3000",
]
spaced_line = st.one_of(
    st.text(alphabet=ALPHABET.replace("\n", ""), max_size=80),
    st.lists(st.sampled_from(WORDS), max_size=20).map("".join),
    st.text(max_size=60),
)


def front_matter(markdown: str) -> dict:
    """The YAML between the opening `---` line and the next line that is exactly `---`."""
    lines = markdown.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end]))


# --- parsing ----------------------------------------------------------------------------------


@PROPERTY
@given(any_text)
def test_parse_text_never_raises(text: str) -> None:
    issue = parse_text(text)
    assert issue.documents, "even unrecognised text is kept as one page"
    for document in issue.documents:
        assert 1 <= document.start_line <= document.end_line


@PROPERTY
@given(any_text)
def test_no_han_character_is_lost(text: str) -> None:
    issue = parse_text(text)
    assert not lost_characters(text, issue)


# --- rendering --------------------------------------------------------------------------------


@PROPERTY
@given(any_text)
def test_rendered_front_matter_reads_back_as_the_metadata(text: str) -> None:
    issue = parse_text(text)
    for document in issue.documents:
        data = front_matter(render_document(document, issue))
        metadata = document.metadata()
        for key in ("title", "doc_number", "date"):
            assert data[key] == metadata[key]


@PROPERTY
@given(any_text)
def test_rendered_body_carries_no_raw_html(text: str) -> None:
    """Outside code blocks (a table kept as printed), where Markdown reads nothing as HTML; the
    only tags are the ones a table is written with (its text escaped inside them)."""
    issue = parse_text(text)
    for document in issue.documents:
        body = re.sub(r"(?ms)^(`{3,})text\n.*?\n\1$", "", render_body(document))
        assert "<" not in re.sub(TABLE_TAG, "", body)


TABLE_TAG = r'</?(?:div|table|caption|thead|tbody|tr|th|td|p|a)(?: (?:class|tabindex|rowspan|colspan|href)="[^"<>]*")*(?: download)?>|<br>'


@PROPERTY
@given(st.lists(st.text(alphabet="`<>|*#\t 表格0", max_size=12), min_size=1, max_size=6))
def test_a_printed_table_keeps_its_lines_inside_one_code_block(lines: list[str]) -> None:
    markdown = render_block(Block(BlockKind.PRINTED_TABLE, lines=lines))
    fence = re.search(r"^(`{3,})text$", markdown, re.MULTILINE).group(1)
    assert markdown.endswith("\n" + fence)
    assert markdown.split(fence + "text\n", 1)[1][: -len(fence) - 1] == "\n".join(lines)
    assert not any(fence in line for line in lines)


@PROPERTY
@given(
    title=st.text(),
    recipients=st.text() | st.none(),
    issuers=st.lists(st.text(), max_size=3),
    number=st.tuples(st.text(alphabet="东政办发国内", max_size=6), st.integers(1900, 2099), st.integers(1, 99999)),
    date=st.dates().map(lambda day: day.isoformat()) | st.none(),
    body=st.text(),
)
@example(
    title="标题", recipients="各镇人民政府\x85区直各部门", issuers=[], number=("东政发", 2024, 1), date=None, body=""
)
def test_front_matter_round_trips_any_metadata_text(title, recipients, issuers, number, date, body) -> None:
    prefix, year, serial = number
    document = Document(
        title=title,
        start_line=1,
        end_line=2,
        doc_number=DocNumber(prefix, year, serial, f"{prefix}[{year}]{serial}号"),
        issuers=issuers,
        date=date,
        recipients=recipients,
        blocks=[Block(BlockKind.PARAGRAPH, text=body)],
    )
    assert front_matter(render_document(document, Issue(source="x"))) == {
        **document.metadata(),
        "gazette": None,
        "publisher": None,
        "issue": None,
        "year": None,
        "published": None,
    }


# --- normalizers ------------------------------------------------------------------------------


@PROPERTY
@given(spaced_line)
@example("东胜区人民政府办公室 东胜区财政局 联合印发了实施方案，请各单位认真贯彻执行，确保工作落实到位。")
def test_remove_conversion_spaces_is_idempotent(text: str) -> None:
    once = remove_conversion_spaces(text)
    assert remove_conversion_spaces(once) == once


@PROPERTY
@given(spaced_line)
@example("国家矿山安全监察局内蒙古局 内蒙古自治区能源局 联合通知")
def test_squash_title_is_idempotent(text: str) -> None:
    once = squash_title(text)
    assert squash_title(once) == once


OPEN_CLOSE = ["〔〕", "[]", "［］", "()", "（）", "﹝﹞", "【】", "[〕", "（)"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
GAP = st.sampled_from(["", "", " ", "  "])


@st.composite
def doc_number_spellings(draw) -> tuple[str, str]:
    """A 文号 spelled as converters leave it (any brackets, spaces, full-width digits, 第, leading
    zeros), with its normalized form."""
    prefix = draw(st.text(alphabet="东政办发府字乌区克国内鄂", max_size=6))
    year, serial = draw(st.integers(1900, 2099)), draw(st.integers(0, 99999))
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    year_text, serial_text = str(year), str(serial).zfill(draw(st.integers(1, 5)))
    if draw(st.booleans()):
        year_text, serial_text = year_text.translate(FULL_WIDTH), serial_text.translate(FULL_WIDTH)
    nth = draw(st.sampled_from(["", "第"]))
    gaps = [draw(GAP) for _ in range(6)]
    spelling = "".join(
        [
            prefix,
            gaps[0],
            opening,
            gaps[1],
            year_text,
            gaps[2],
            closing,
            gaps[3],
            nth,
            gaps[4],
            serial_text,
            gaps[5],
            "号",
        ]
    )
    return spelling, f"{prefix}〔{year}〕{serial}号"


@PROPERTY
@given(doc_number_spellings())
def test_normalize_doc_number_is_idempotent(case: tuple[str, str]) -> None:
    spelling, expected = case
    normalized = normalize_doc_number(spelling)
    assert normalized == expected
    assert normalize_doc_number(normalized) == normalized


# --- fuzzing the stages on their own (issue 7) ------------------------------------------------


@PROPERTY
@given(st.binary(max_size=2000))
def test_decode_refuses_or_returns_text_never_anything_else(data: bytes) -> None:
    from builder.errors import InputError
    from builder.parse.reading import decode

    try:
        text = decode(data, "fuzz.txt")
    except InputError as error:
        assert str(error).startswith("fuzz.txt")
        return
    assert "\r" not in text and text.strip()
    assert decode(text.encode("utf-8"), "again.txt") == text  # decoding its own UTF-8 changes nothing


@PROPERTY
@given(any_text)
def test_cleaning_marks_lines_and_never_drops_or_reorders_them(text: str) -> None:
    from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
    from builder.parse.reading import split_lines

    raw = split_lines(text)
    lines = source_lines(raw)
    build_cleaner().run(lines, CleaningContext())
    assert [line.no for line in lines] == list(range(1, len(raw) + 1))
    assert [line.raw for line in lines] == raw


@PROPERTY
@given(any_text)
def test_segments_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    issue = parse_text(text)
    assert issue.documents
    total = max(1, text.count("\n") + 1)
    ends = 0
    for document in issue.documents:
        assert 1 <= document.start_line <= document.end_line <= total
        assert document.start_line > ends or document is issue.documents[0]
        ends = document.end_line


@PROPERTY
@given(any_text)
def test_every_doc_number_found_in_running_text_normalizes_to_itself(text: str) -> None:
    from builder.patterns.docnumber import find_doc_number_spans

    for start, end, number in find_doc_number_spans(text):
        assert 0 <= start < end <= len(text)
        assert normalize_doc_number(number.normalized) == number.normalized


@PROPERTY
@given(any_text)
def test_search_normalization_is_idempotent(text: str) -> None:
    from builder.search.index import normalize

    once = normalize(text)
    assert normalize(once) == once
