"""Departments on the sample corpus: every document naming a department is on its page with the
role the text gives it; no department made from a generic word; bodies of a higher level or of
another area are not the county's; the gazette's own title is not its government; one body, one
page (content/东胜区人民政府/departments.yml merges what the rules cannot)."""

from __future__ import annotations

import re

import pytest
from conftest import CONTENT

from builder.content.corpus import issue_key, raw_issue_files
from builder.parse import parse_issue
from builder.render import render_blocks
from builder.site.citations import CitationIndex
from builder.site.departments import MENTIONED, DepartmentRegistry, Duty
from builder.site.library import build_library
from builder.site.linking import PageLinker

DONGSHENG = "东胜区人民政府"


@pytest.fixture(scope="module")
def sample():
    parsed = [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]
    library = build_library(parsed)
    return library, DepartmentRegistry(library, CONTENT)


def publisher(library, name=DONGSHENG):
    return next(p for p in library.publishers if p.name == name)


def department(registry, library, key, name=DONGSHENG):
    return next(d for d in registry.departments(publisher(library, name)) if d.key == key)


def pages_of(department):
    return {entry.path for entry in department.issued + department.role_documents + department.mentioned}


def all_text(entry) -> str:
    return "\n".join(re.sub(r"\s+", "", text) for block in entry.document.blocks for text in block.texts())


def test_a_department_lists_every_document_naming_it_in_any_form(sample):
    library, registry = sample
    health = department(registry, library, "卫生健康委员会")
    spelled = re.compile(r"(?<![治新发])区(?:卫生健康委员会|卫健委)")  # full name and short form
    naming = {
        entry.path
        for entry in publisher(library).issues[0].documents + publisher(library).issues[1].documents
        if spelled.search(all_text(entry))
    }
    assert len(naming) >= 8
    assert pages_of(health) == naming


def test_roles_from_the_words_around_a_name(sample):
    library, registry = sample
    health = department(registry, library, "卫生健康委员会")
    roles = {path: set(found) for path, found in health.roles.items()}
    radiation = next(e for e in library.documents if "辐射事故应急预案的通知" in e.document.title)
    assert Duty.LEAD in roles[radiation.path]  # （7）医疗救护组。由区卫健委牵头
    assert radiation not in health.mentioned  # a role, not a mere mention
    chronic = next(e for e in library.documents if "慢性病综合防控示范区项目实施方案》的通知" in e.document.title)
    assert Duty.OFFICE in roles[chronic.path]  # 办公室设在区卫健委
    assert Duty.RESPONSIBLE in roles[chronic.path]  # 3.区卫健委。指导…
    # a role column of a table: 牵头编制部门
    emergency = next(e for e in library.documents if "突发事件总体应急预案" in e.document.title)
    assert Duty.LEAD in roles[emergency.path]


def test_no_department_from_a_generic_word(sample):
    library, registry = sample
    keys = {d.key for p in library.publishers for d in registry.departments(p)}
    assert not {key for key in keys if "部门" in key or "街道" in key}
    assert "应急管理部" not in keys  # 区应急管理部门
    assert "交通街道办公室" not in keys  # 交通街道办事处 is a 街道, not a department
    found = registry.names_in(publisher(library), "区应急管理部门会同交通街道办事处、东胜区交通街道办")
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "内蒙古自治区能源局",
        "自治区乡村振兴局",
        "高新区财政局",
        "开发区税务局",
        "经济技术开发区管委会",
        "鄂尔多斯市能源局",
    ],
)
def test_bodies_of_a_higher_level_or_another_area_are_not_the_countys(sample, text):
    library, registry = sample
    assert registry.names_in(publisher(library), text) == []


def test_the_gazettes_title_is_not_its_government(sample):
    library, registry = sample
    introduction = next(e for e in library.documents if e.document.kind == "简介")
    assert "《东胜区人民政府公报》" in all_text(introduction)
    body = render_blocks(
        introduction.document, shift=1, linker=PageLinker(introduction, CitationIndex(library), registry)
    )
    # every 《东胜区人民政府公报》 stays as printed, no link to the government inside it
    assert body.count("《东胜区人民政府公报》") == all_text(introduction).count("《东胜区人民政府公报》") == 5
    assert registry.names_in(publisher(library), "《东胜区人民政府公报》简介") == []


def test_one_body_one_page(sample):
    library, registry = sample
    for each in library.publishers:
        departments = registry.departments(each)
        assert len({d.name for d in departments}) == len(departments)
        assert len({d.path for d in departments}) == len(departments)
    keys = {d.key for d in registry.departments(publisher(library))}
    # merged by rule (卫健委 = 卫生健康委员会 …) and by content/东胜区人民政府/departments.yml
    assert {"卫健委", "卫生健康委", "发改委", "交通局", "城市管理综合执法局"}.isdisjoint(keys)
    assert {"卫生健康委员会", "发展和改革委员会", "交通运输局", "城市管理综合行政执法局"} <= keys


def test_relations_put_a_role_before_a_mention(sample):
    library, registry = sample
    for entry in library.documents:
        relations = registry.relations(entry)
        assert len({id(d) for d, _ in relations}) == len(relations)
        for found, relation in relations:
            if relation == MENTIONED:
                assert entry.path not in found.roles


def test_verbs_in_a_role_column_and_in_the_text_give_their_own_role():
    """政府办主导，卫健委牵头 in a 责任部门 column: each its own role, not the column's; 承办 and
    配合 after a name are roles too, not mentions (issue 25)."""
    from pathlib import Path

    from builder.model import Block, BlockKind, Document, Issue, Table

    table = Block(
        BlockKind.TABLE,
        table=Table(
            rows=[
                ["序号", "工作任务", "责任部门"],
                ["1", "建设医共体", "区财政局主导，区卫健委牵头"],
                ["2", "宣传", "区教育局"],
            ]
        ),
    )
    text = Block(BlockKind.PARAGRAPH, text="本次活动由区政务服务局承办，区住房和城乡建设局配合。")
    issue = Issue(source="x.txt", publisher=DONGSHENG, year=2099, issue_label="2099年第1期")
    issue.documents = [Document("东胜区某某工作方案", 1, 9, blocks=[table, text])]
    library = build_library([(Path("x.txt"), f"{DONGSHENG}/2099-01", issue)])
    registry = DepartmentRegistry(library, None)
    entry = library.documents[0]

    def roles(key):
        found = next(d for d in registry.departments(publisher(library)) if d.key == key)
        return found.roles.get(entry.path, [])

    assert roles("财政局") == [Duty.LEAD]  # 主导, not the column's 责任单位
    assert roles("卫生健康委员会") == [Duty.LEAD]
    assert roles("教育局") == [Duty.RESPONSIBLE]  # the column's role where no verb says otherwise
    assert roles("政务服务局") == [Duty.ORGANIZER]
    assert roles("住房和城乡建设局") == [Duty.SUPPORT]
