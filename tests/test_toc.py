"""目录 and cover forms the samples do not show, and a made-up county issue (tests/fixtures/heldout/)
written in them, with its answer key scored like a sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, run_shared_tool

from builder.commands.report import inspect_data
from builder.parse import parse_issue, parse_text
from builder.parse.cleaning import CleaningContext, build_cleaner, source_lines
from builder.parse.reading import split_lines
from builder.parse.toc import find_toc

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
SCORER = SHARED / "tools" / "score_extraction.py"


def toc_of(text: str) -> list[tuple[str | None, str, int | None]]:
    lines = source_lines(split_lines(text))
    build_cleaner().run(lines, CleaningContext())
    toc = find_toc(lines)
    return [(e.section, e.title, e.page) for e in toc.entries] if toc else []


TOC_FORMS = {
    "bare sections, numbered items wrapped, dot leaders, a '- ' item": (
        (
            "目  录\n政府文件\n1.某旗人民政府关于印发《某旗甲方案》的\n通知..................... 18\n"
            "2.某旗人民政府关于乙事项的通知..... 20\n政府办文件\n3.某旗人民政府办公室关于丙事项的\n通知..... 25\n"
            "大事记\n- 某旗人民政府大事记..... 70\n\n某旗人民政府关于印发《某旗甲方案》的通知\n某政发〔2023〕1号\n"
        ),
        [
            ("政府文件", "某旗人民政府关于印发《某旗甲方案》的通知", 18),
            ("政府文件", "某旗人民政府关于乙事项的通知", 20),
            ("政府办文件", "某旗人民政府办公室关于丙事项的通知", 25),
            ("大事记", "某旗人民政府大事记", 70),
        ],
    ),
    "bracketed sections, list items with the page in parentheses": (
        (
            "目 录\n\n【政府文件】\n\n- 示例县人民政府关于甲事项的通知 (7)\n\n【大事记】\n\n- 示例县人民政府大事记7-9月 (61)\n\n"
            "示例县人民政府公报\n编辑委员会\n"
        ),
        [("政府文件", "示例县人民政府关于甲事项的通知", 7), ("大事记", "示例县人民政府大事记7-9月", 61)],
    ),
    "bulleted heading sections, the page on the next line": (
        (
            "# 目 录\n\n## ● 县政府办公室文件\n\n示例县人民政府办公室关于印发《示例县甲方案》的通知\n\n..... 1\n\n"
            "示例县人民政府办公室关于乙事项的通知（示政办发〔2023〕16号）.....35\n"
        ),
        [
            ("县政府办公室文件", "示例县人民政府办公室关于印发《示例县甲方案》的通知", 1),
            ("县政府办公室文件", "示例县人民政府办公室关于乙事项的通知（示政办发〔2023〕16号）", 35),
        ],
    ),
    "the page first, the title wrapped after it": (
        (
            "# 目 录\n\n# 政府办文件\n\n01 示例旗人民政府办公室关于印发 《示例旗甲\n\n方案》的通知\n\n# 政府会议\n\n"
            "11 示例旗人民政府 2025 年第 1 次政府\n\n常务会议\n\n# 领导讲话\n\n12 政府工作报告\n\n"
            "# 示例旗人民政府办公室关于印发《示例旗甲方案》的通知\n\n示政办字[2025]4号\n"
        ),
        [
            ("政府办文件", "示例旗人民政府办公室关于印发《示例旗甲方案》的通知", 1),
            ("政府会议", "示例旗人民政府2025年第1次政府常务会议", 11),
            ("领导讲话", "政府工作报告", 12),
        ],
    ),
    "OCR misreading 目录 as 日录": (
        "# 日 录\n\n## 政府文件\n\n示例县人民政府关于甲事项的通知..... 3\n",
        [("政府文件", "示例县人民政府关于甲事项的通知", 3)],
    ),
    "本期目录, ellipsis leaders": (
        "本期目录\n\n政府文件\n\n示例县人民政府关于甲事项的通知……3\n\n示例县人民政府关于乙事项的通知…………9\n",
        [("政府文件", "示例县人民政府关于甲事项的通知", 3), ("政府文件", "示例县人民政府关于乙事项的通知", 9)],
    ),
    "hard-wrapped: items over three lines, blank lines between, page after a space": (
        (
            "目 录\n\n政府文件\n\n示例县人民政府关于印发示例县\n\n全面推进乡村振兴重点工作实施\n\n方案的通知 3\n\n"
            "示例县人民政府关于乙事项的通知 9\n\n示例县人民政府关于印发示例县\n\n全面推进乡村振兴重点工作实施\n\n方案的通知\n\n示政发〔2023〕3号\n"
        ),
        [
            ("政府文件", "示例县人民政府关于印发示例县全面推进乡村振兴重点工作实施方案的通知", 3),
            ("政府文件", "示例县人民政府关于乙事项的通知", 9),
        ],
    ),
    "pdftotext: leaders spaced out (. . . . .) before a section": (
        (
            "目\n录\n部门文件\n示例县财政局关于下达 2023 年甲资金的通知. . . . .8\n政府会议\n"
            "示例县人民政府 2023 年第 5 次常务会议.....................................9\n"
        ),
        [
            ("部门文件", "示例县财政局关于下达2023年甲资金的通知", 8),
            ("政府会议", "示例县人民政府2023年第5次常务会议", 9),
        ],
    ),
}


@pytest.mark.parametrize("form", sorted(TOC_FORMS))
def test_toc_forms(form: str) -> None:
    text, expected = TOC_FORMS[form]
    assert toc_of(text) == expected


def test_a_toc_line_is_never_a_document() -> None:
    """In OCR-Markdown a 目录 line can look like an item's heading (…大事记 (61)): it is not one."""
    text = (
        "# 目 录\n\n## 【大事记】\n\n## 示例县人民政府大事记7-9月 (61)\n\n"
        "# 示例县人民政府大事记7-9月\n\n7月1日 县人民政府召开常务会议。\n"
    )
    issue = parse_text(text)
    assert [(d.title, d.start_line, d.section, d.pages) for d in issue.documents] == [
        ("示例县人民政府大事记7-9月", 7, "大事记", (61, 61))
    ]


COVER_FORMS = {
    "year alone, the 期 under it after the place": ("2023\n某旗2期\n", 2023, [2], None, "2023年第2期"),
    "year and 期 on one line": ("示例县人民政府公报\n2023年第2期\n", 2023, [2], None, "2023年第2期"),
    "a joint issue, spaced": ("2023\n\n第 7-9 期合刊(总第39期)\n", 2023, [7, 8, 9], 39, "2023年第7-9期合刊"),
    "总第N期 is not the 期": ("示例县人民政府公报\n总第12期\n2023\n示例县3期\n", 2023, [3], 12, "2023年第3期"),
    "year, 期 and total on one line": ("2024年第4期（总第50期）\n", 2024, [4], 50, "2024年第4期"),
    "wrapped inside the numbers": (
        "示例县人民政府机关刊物 2025\n年第1期（总\n第45期）\n",
        2025,
        [1],
        45,
        "2025年第1期",
    ),
    "year and 期 on two lines": ("示例县人民政府公报\n2023年\n第3期\n", 2023, [3], None, "2023年第3期"),
    "Chinese numerals": ("二〇二三年第二期\n", 2023, [2], None, "2023年第2期"),
    "Chinese numerals, a joint issue": ("二〇二三年第七-九期合刊\n", 2023, [7, 8, 9], None, "2023年第7-9期合刊"),
}


@pytest.mark.parametrize("form", sorted(COVER_FORMS))
def test_cover_forms(form: str) -> None:
    cover, year, numbers, total, label = COVER_FORMS[form]
    issue = parse_text(
        cover + "\n示例县人民政府关于甲事项的通知\n示政发〔2023〕1号\n各部门：\n现将有关事项通知如下。\n"
    )
    assert (issue.year, issue.issue_numbers, issue.total_number, issue.issue_label) == (year, numbers, total, label)


def test_heldout_issue_metadata() -> None:
    issue = parse_issue(HELDOUT / "issue.txt", sidecar=False)
    gold = json.loads((HELDOUT / "gold.json").read_text(encoding="utf-8"))
    assert (issue.year, issue.issue_numbers, issue.total_number, issue.date) == (2023, [2], 12, "2023-06-30")
    assert [d.section for d in issue.documents] == [g["section"] for g in gold["documents"]]
    assert [list(d.pages) for d in issue.documents] == [g["pages"] for g in gold["documents"]]
    assert issue.documents[0].issuers == ["示例旗人民政府", "示例旗人民法院", "示例旗人民检察院"]
    assert not [f for f in issue.findings if f.level.value == "warning"]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_extraction.py is not beside the repository")
def test_heldout_issue_scores(tmp_path: Path) -> None:
    predicted = tmp_path / "pred.json"
    predicted.write_text(
        json.dumps(inspect_data(parse_issue(HELDOUT / "issue.txt", sidecar=False)), ensure_ascii=False),
        encoding="utf-8",
    )
    scores = run_shared_tool("score_extraction.py", HELDOUT / "gold.json", predicted, "--seed", HELDOUT / "issue.txt")
    for metric in [
        "segment_f1",
        "title",
        "doc_number",
        "issuers",
        "date",
        "recipients",
        "section",
        "toc_recall",
        "issue_fields",
        "text_coverage",
    ]:
        assert scores[metric] == 1.0, metric
    assert scores["noise_leaks"] == 0


@pytest.mark.parametrize(
    ("above", "title_line"),
    [
        ("示例旗人民政府 示例旗人民法院 示", "例旗人民检察院关于印发《示例旗甲办法》的通知"),  # wrapped inside a place
        ("河源市东岭区人民政府 河源市东岭区人民法院 河源", "市东岭区人民检察院关于印发《甲办法》的通知"),
        ("示例旗人民政府 示例旗人民法院 示例旗人民", "检察院关于印发《示例旗甲办法》的通知"),  # inside a name
    ],
)
def test_joint_issuers_wrapped_anywhere_keep_the_title_whole(above: str, title_line: str) -> None:
    text = f"前文一段，到此结束。\n{above}\n{title_line}\n示政发〔2023〕5号\n各部门：\n现印发给你们。\n"
    (document,) = parse_text(text).documents
    assert document.title.replace(" ", "") == (above + title_line).replace(" ", "")
    assert len(document.issuers) == 3 and all(name.endswith(("政府", "法院", "检察院")) for name in document.issuers)


def test_an_issuer_line_above_a_whole_title_stays_out_of_it() -> None:
    text = (
        "前文一段，到此结束。\n东胜区人民政府\n鄂尔多斯市东胜区人民政府办公室关\n于印发《甲方案》的通知\n"
        "东政办发〔2023〕33号\n各部门：\n现印发给你们。\n"
    )
    (document,) = parse_text(text).documents
    assert document.title == "鄂尔多斯市东胜区人民政府办公室关于印发《甲方案》的通知"
