"""施行日期 and 有效期 read from a document's own text (builder.parse.validity)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from builder.model import Block, BlockKind, Document
from builder.parse import parse_issue
from builder.parse.validity import document_validity, last_day_in_force


def document(*paragraphs: str, date: str | None = "2023-08-08") -> Document:
    blocks = [Block(BlockKind.PARAGRAPH, text=text) for text in paragraphs]
    return Document(title="关于印发某办法的通知", start_line=1, end_line=2, date=date, blocks=blocks)


@pytest.mark.parametrize(
    "text, effective, until",
    [
        ("第二十条 本办法自2023年9月30日起实施,有效期5年。", "2023-09-30", "2028-09-29"),
        ("(3)本预案自发布之日起实施。(4)本预案有效期原则上为三年。", "2023-08-08", "2026-08-07"),
        ("本办法自2024年6月1日起施行，有效期至2026年5月31日。", "2024-06-01", "2026-05-31"),
        ("本规定自印发之日起施行，有效期为两年。", "2023-08-08", "2025-08-07"),
        ("本预案由区生态环境分局负责解释，自印 发之日起施行。", "2023-08-08", None),
        ("本方案自2024年1月1日起试行，试行期两年。", "2024-01-01", "2025-12-31"),
        ("本意见自二〇二四年三月一日起施行，有效期至2026年12月31日。", "2024-03-01", "2026-12-31"),
    ],
)
def test_start_and_term_as_the_text_states_them(text, effective, until):
    validity = document_validity(document(text))
    assert validity is not None
    assert (validity.effective, validity.valid_until) == (effective, until)


@pytest.mark.parametrize(
    "text",
    [
        "本预案有效期原则上为三年，但在上级人民政府突发事件应急预案要求修订时予以及时修订。",
        "本预案有效期3年，期满或上级预案调整时应及时评估修订。",
    ],
)
def test_a_review_cycle_sets_no_end(text):
    validity = document_validity(document(text))
    assert validity is not None and validity.valid_until is None and validity.review_text


def test_a_term_counted_from_the_document_date_when_no_start_is_given():
    validity = document_validity(document("本规定有效期3年。", date="2024-02-29"))
    assert validity.effective is None and validity.valid_until == "2027-02-28"
    assert last_day_in_force("2024-02-29", 1) == "2025-02-28"


@pytest.mark.parametrize(
    "text",
    [
        "委员资格自情形发生之日起终止。",
        "请于2023年9月30日前报送。",
        "有效期内的证件可继续使用。",
        "",
    ],
)
def test_nothing_when_the_text_states_nothing(text):
    assert document_validity(document(text)) is None


def test_sample_issue():
    issue = parse_issue(SAMPLES["001_b8e2f47bf2aa892e"])
    found = {d.doc_number.normalized: d.validity for d in issue.documents if d.validity}
    assert found["东政发〔2023〕31号"].effective == "2023-09-30"
    assert found["东政发〔2023〕31号"].valid_until == "2028-09-29"
    # the samples' own sentences: 有效期5年 sets an end; 有效期原则上为三年，但在上级人民政府突发事件应急预案
    # 要求修订时予以及时修订 is a review cycle, not an expiry (no end, no status from it)
    plan = found["东政发〔2023〕28号"]
    assert plan.valid_until is None and plan.term_text is None
    assert plan.review_text == "有效期原则上为三年,但在上级人民政府突发事件应急预案要求修订时予以及时修订"
    assert issue.documents[0].validity is None
