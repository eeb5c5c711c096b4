"""Effects read from the texts (builder.parse.effects): repeal decisions with lists and tables,
replacement clauses, amendment decisions, and the traps (mentions, general rules, 继续有效)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.errors import SidecarError
from builder.model import Block, BlockKind, Document, EffectKind, EffectSource, Table, Validity
from builder.parse import parse_issue, parse_text
from builder.parse.effects import document_effects
from builder.parse.sidecar import apply_sidecar, load_sidecar

FIXTURE = Path(__file__).parent / "fixtures" / "effects" / "dongsheng_2024_04.txt"


def document(title: str, *blocks: Block, date: str = "2024-04-10") -> Document:
    return Document(title=title, start_line=1, end_line=99, date=date, blocks=list(blocks))


def para(text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    return Block(kind, text=text, start_line=10)


def found(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.kind.value, e.target_number.normalized if e.target_number else None, e.target_title)
        for e in document_effects(doc)
    ]


DECISION = "鄂尔多斯市东胜区人民政府关于废止和宣布失效部分行政规范性文件的决定"


def test_numbered_lists_under_their_headings():
    doc = document(
        DECISION,
        para(
            "根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》(国办发〔2018〕37号)要求，决定废止2件、宣布失效1件。"
        ),
        para("一、决定废止的行政规范性文件(2件)", BlockKind.HEADING),
        para("1.关于印发东胜区城市供热管理办法的通知(东政发〔2019〕12号)"),
        para("2.《东胜区建设慢性病综合防控示范区项目实施方案》(东政办发〔2023〕33号)"),
        para("二、宣布失效的行政规范性文件(1件)", BlockKind.HEADING),
        Block(BlockKind.LINES, lines=["1、关于成立与大兴投资集团深化合作工作领导小组的通知（东政办发〔2023〕37号）"]),
        para("三、继续有效的行政规范性文件(1件)", BlockKind.HEADING),
        para("1.关于成立人工智能产业发展工作领导小组的通知(东政发〔2024〕1号)"),
    )
    assert found(doc) == [
        ("废止", "东政发〔2019〕12号", "关于印发东胜区城市供热管理办法的通知"),
        ("废止", "东政办发〔2023〕33号", "东胜区建设慢性病综合防控示范区项目实施方案"),
        ("失效", "东政办发〔2023〕37号", "关于成立与大兴投资集团深化合作工作领导小组的通知"),
    ]  # 国办发〔2018〕37号 is a mention; 继续有效 is no effect


def test_numbered_sentences_of_a_decision_are_not_items():
    doc = document(
        "东胜区人民政府关于废止部分行政规范性文件的决定",
        para(
            "一、根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号），开展清理。"
        ),
        para("二、原则上按照《东胜区行政规范性文件管理办法》（东政发〔2020〕3号）执行，不再执行的另行公布。"),
        para("三、决定废止以下文件：", BlockKind.HEADING),
        para("1.《东胜区城市供热管理办法》（东政发〔2019〕12号）"),
    )
    assert found(doc) == [("废止", "东政发〔2019〕12号", "东胜区城市供热管理办法")]


def test_a_table_of_titles_and_numbers_under_an_attachment_title():
    table = Block(
        BlockKind.TABLE,
        table=Table(
            rows=[
                ["序号", "文件名称", "文号"],
                ["1", "关于成立与大兴投资集团深化合作工作领导小组的通知", "东政办发〔2023〕37号"],
                ["2", "关于成立全区矿山瞒报事故“大起底”工作领导小组的通知", "东政办发(2O23)46号"],  # garbled
            ]
        ),
        start_line=40,
    )
    doc = document(
        DECISION,
        para("附件", BlockKind.ATTACHMENT_LABEL),
        para("宣布失效的行政规范性文件目录", BlockKind.ATTACHMENT_TITLE),
        table,
    )
    effects = document_effects(doc)
    assert [(e.kind, e.source) for e in effects] == [(EffectKind.INVALIDATES, EffectSource.TABLE)] * 2
    assert effects[1].target_number is None and effects[1].target_title.startswith("关于成立全区矿山瞒报事故")
    assert effects[0].line == 40 and effects[0].date == "2024-04-10"


def test_a_table_with_a_verdict_column_names_each_rows_effect():
    table = Block(
        BlockKind.TABLE,
        table=Table(
            rows=[
                ["序号", "文件标题", "发文字号", "清理意见"],
                ["1", "东胜区城市供热管理办法", "东政发〔2019〕12号", "废止"],
                ["2", "东胜区农村牧区人居环境整治方案", "东政办发〔2019〕8号", "宣布失效"],
                ["3", "东胜区物业管理委员会组建管理办法", "东政发〔2023〕31号", "继续有效"],
            ]
        ),
    )
    doc = document("东胜区人民政府关于公布行政规范性文件清理结果的决定", table)
    assert found(doc) == [
        ("废止", "东政发〔2019〕12号", "东胜区城市供热管理办法"),
        ("失效", "东政办发〔2019〕8号", "东胜区农村牧区人居环境整治方案"),
    ]


@pytest.mark.parametrize(
    "text, kind, targets",
    [
        (
            "本办法自2024年6月1日起施行。原《东胜区老旧小区改造暂行办法》（东政办发〔2018〕66号）同时废止。",
            "废止",
            [("东政办发〔2018〕66号", "东胜区老旧小区改造暂行办法")],
        ),
        (
            "原《东胜区城市供热管理办法》(东政发〔2019〕12号)停止执行。",
            "失效",
            [("东政发〔2019〕12号", "东胜区城市供热管理办法")],
        ),
        (
            "原区政府印发的《东胜区河长制工作方案》（东政发〔2017〕5号）和《东胜区湖长制工作方案》（东政发〔2018〕9号）不再执行。",
            "失效",
            [("东政发〔2017〕5号", "东胜区河长制工作方案"), ("东政发〔2018〕9号", "东胜区湖长制工作方案")],
        ),
        ("原《东胜区突发事件总体应急预案》同时废止。", "废止", [(None, "东胜区突发事件总体应急预案")]),
        (
            "本办法自2025年5月1日起施行。《克什克腾旗农村牧区人畜饮水工程管理办法》（克政办发〔2017〕15号）同时废止。",
            "废止",
            [("克政办发〔2017〕15号", "克什克腾旗农村牧区人畜饮水工程管理办法")],
        ),
    ],
)
def test_replacement_clauses(text, kind, targets):
    doc = document("东胜区人民政府关于印发东胜区某办法的通知", para(text))
    assert found(doc) == [(kind, number, title) for number, title in targets]


@pytest.mark.parametrize(
    "text",
    [
        "根据《东胜区物业管理委员会组建管理办法》（东政发〔2023〕31号），制定本细则。",
        "按照《关于调整区深化医药卫生体制改革领导小组组成人员的通知》（东政办发〔2023〕44号）要求，做好衔接。",
        "区内此前发布的文件与本办法不一致的，以本办法为准。",
        "原有关规定同时废止。",
        "本办法实施后，国家、自治区、市另有规定的，按照有关规定执行。",
        "1.关于印发东胜区城市供热管理办法的通知(东政发〔2019〕12号)",  # a list, but not in a repeal decision
    ],
)
def test_mentions_and_general_rules_are_not_effects(text):
    assert found(document("东胜区人民政府关于印发东胜区某办法的通知", para(text))) == []


def test_an_amendment_decision_names_the_amended_document_with_its_number():
    doc = document(
        "鄂尔多斯市东胜区人民政府关于修改《东胜区物业管理委员会组建管理办法》的决定",
        para("决定对《东胜区物业管理委员会组建管理办法》(东政发〔2023〕31号)作如下修改:"),
        para("本决定自2024年5月1日起施行。"),
    )
    doc.validity = Validity("2024-05-01", "自2024年5月1日起施行")
    effects = document_effects(doc)
    assert found(doc) == [("修改", "东政发〔2023〕31号", "东胜区物业管理委员会组建管理办法")]
    assert effects[0].date == "2024-05-01"  # the 施行日期, not the 成文日期


def test_an_amendment_decision_of_several_documents():
    doc = document(
        "克什克腾旗人民政府关于修改《克什克腾旗某实施方案(试行)》等文件的决定",
        para("决定对《克什克腾旗某实施方案(试行)》（克政办字〔2025〕4号）作如下修改："),
    )
    assert found(doc) == [("修改", "克政办字〔2025〕4号", "克什克腾旗某实施方案(试行)")]


def test_the_fixture_issue_read_whole():
    issue = parse_issue(FIXTURE)
    by_number = {str(d.doc_number): d for d in issue.documents}
    decision = by_number["东政发〔2024〕21号"]
    assert [
        (e.kind.value, str(e.target_number) if e.target_number else e.target_title[:12]) for e in decision.effects
    ] == [
        ("废止", "东政办发〔2023〕33号"),
        ("废止", "东政发〔2019〕12号"),
        ("失效", "东政办发〔2023〕37号"),
        ("失效", "鄂尔多斯市东胜区人民政府"),
    ]
    assert [str(e.target_number) for e in by_number["东政发〔2024〕22号"].effects] == ["东政发〔2023〕31号"]
    assert [str(e.target_number) for e in by_number["东政发〔2024〕23号"].effects] == ["东政发〔2023〕28号"]
    assert [str(e.target_number) for e in by_number["东政办发〔2024〕30号"].effects] == ["东政办发〔2018〕66号"]
    assert by_number["东政办发〔2024〕30号"].validity.valid_until == "2026-05-31"


def test_the_sample_archive_states_no_effects():
    from conftest import SAMPLES

    for path in SAMPLES.values():
        assert all(not d.effects for d in parse_issue(path).documents)


def test_an_editor_adds_corrects_and_rejects_effects_with_a_reason(tmp_path):
    (tmp_path / "issue.txt").write_bytes(FIXTURE.read_bytes())
    (tmp_path / "issue.yml").write_text(
        yaml.safe_dump(
            {
                "effects": [
                    {
                        "acting": "东政发〔2024〕21号",
                        "target": "东政发〔2024〕1号",
                        "kind": "废止",
                        "reason": "附件漏列",
                    },
                    {
                        "acting": "东政发〔2024〕21号",
                        "target": "东政办发〔2023〕37号",
                        "kind": "废止",
                        "reason": "原文勘误",
                    },
                    {
                        "acting": "东政办发〔2024〕30号",
                        "target": "东政办发〔2018〕66号",
                        "reject": True,
                        "reason": "仅为引用",
                    },
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    issue = parse_issue(tmp_path / "issue.txt")
    by_number = {str(d.doc_number): d for d in issue.documents}
    effects = {str(e.target_number): e for e in by_number["东政发〔2024〕21号"].effects if e.target_number}
    assert (
        effects["东政发〔2024〕1号"].source == EffectSource.EDITOR and effects["东政发〔2024〕1号"].reason == "附件漏列"
    )
    assert (
        effects["东政办发〔2023〕37号"].kind == EffectKind.REPEALS
        and effects["东政办发〔2023〕37号"].reason == "原文勘误"
    )
    rejected = by_number["东政办发〔2024〕30号"].effects[0]
    assert rejected.rejected and rejected.reason == "仅为引用"


@pytest.mark.parametrize(
    "item, message",
    [
        ({"acting": "东政发〔2024〕21号", "target": "东政发〔2024〕1号", "kind": "废止"}, "needs 'reason'"),
        (
            {"acting": "东政发〔2024〕21号", "target": "东政发〔2024〕1号", "kind": "撤销", "reason": "x"},
            "needs 'kind'",
        ),
        ({"acting": "东政发〔2024〕21号", "target": "x", "kind": "废止", "reason": "x", "why": 1}, "unknown key 'why'"),
    ],
)
def test_a_bad_effect_in_the_sidecar_is_an_error_naming_file_and_line(tmp_path, item, message):
    sidecar = tmp_path / "issue.yml"
    sidecar.write_text(yaml.safe_dump({"effects": [item]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SidecarError) as error:
        load_sidecar(sidecar)
    assert message in str(error.value) and "issue.yml" in str(error.value)


def test_an_effect_for_a_document_not_in_the_issue_is_a_warning():
    issue = parse_text(FIXTURE.read_text(encoding="utf-8"))
    apply_sidecar(issue, {"effects": [{"acting": "东政发〔2099〕1号", "target": "x", "kind": "废止", "reason": "r"}]})
    assert any("matches no document" in f.message for f in issue.findings)
