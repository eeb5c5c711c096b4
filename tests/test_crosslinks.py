"""Cross-links on small fixture issues: citations inside the archive, 文号 pages, departments."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from builder.content.corpus import issue_key, raw_issue_files
from builder.errors import GongbaoError
from builder.parse import parse_issue
from builder.render import render_blocks
from builder.site.citations import CitationIndex
from builder.site.departments import DepartmentRegistry, department_key, read_aliases
from builder.site.library import build_library
from builder.site.linking import PageLinker

FIXTURES = Path(__file__).parent / "fixtures" / "citations"


def load(content: Path = FIXTURES):
    parsed = [(raw, issue_key(raw, content), parse_issue(raw)) for raw in raw_issue_files(content)]
    library = build_library(parsed)
    return library, CitationIndex(library), DepartmentRegistry(library, content)


@pytest.fixture(scope="module")
def corpus():
    return load()


def by_number(library, number: str):
    return next(d for d in library.documents if d.document.doc_number and d.document.doc_number.normalized == number)


def test_every_spelling_of_an_archived_number_resolves_to_it(corpus):
    library, _citations, _ = corpus
    plan = by_number(library, "甲政发〔2023〕1号")
    notice = by_number(library, "甲政办发〔2024〕2号")
    cited = [c for c in notice.cites if c.in_archive]
    assert [c.document for c in cited] == [plan]  # five spellings, one citation
    assert notice in plan.cited_by


def test_a_quoted_title_names_the_plan_a_notice_issued(corpus):
    library, _, _ = corpus
    plan = by_number(library, "甲政发〔2023〕1号")
    interpretation = next(d for d in library.documents if d.document.kind == "解读")
    assert plan in [c.document for c in interpretation.cites]
    assert interpretation in plan.cited_by


def test_a_number_outside_the_archive_gets_a_page_with_authority_title_and_citers(corpus):
    _library, citations, _ = corpus
    outside = citations.external["乙府发〔2022〕8号"]
    assert outside.path == "wenhao/乙府发-2022-8"
    assert outside.title == "乙市人民政府关于加强城乡供水的意见"
    assert outside.authority == "乙市人民政府"  # from the quoted title: nothing in the table
    assert {d.document.doc_number.normalized for d in outside.cited_by} == {"甲政发〔2023〕1号", "甲政办发〔2024〕2号"}


def test_authority_from_the_table_and_from_the_archive(corpus):
    _, citations, _ = corpus
    assert citations.authority("国办发") == "国务院办公厅"
    assert citations.authority("国卫办基层发") == "国家卫生健康委员会办公厅"
    assert citations.authority("国卫基层发") == "国家卫生健康委员会"
    assert citations.authority("内政发") == "内蒙古自治区人民政府"
    assert citations.authority("鄂府发") == "鄂尔多斯市人民政府"
    assert citations.authority("甲政发") == "甲区人民政府"  # learned: the archive's own documents
    assert citations.authority("甲政字") == "甲区人民政府"  # same code, other kind letter
    assert citations.authority("某某发") is None


def test_linked_body_links_every_spelling_and_the_title(corpus):
    library, citations, departments = corpus
    notice = by_number(library, "甲政办发〔2024〕2号")
    body = render_blocks(notice.document, shift=1, linker=PageLinker(notice, citations, departments))
    assert body.count("(<甲政发-2023-1.md>)") == 5  # 〔〕 [] () ﹝﹞ and 【】 split over two raw lines
    assert "[《甲区城乡供水保障实施方案》](<甲政发-2023-1.md>)" in body
    assert "[乙府发（2022）8号](<乙府发-2022-8.md>)" in body  # the wrap space inside is the converter's


def test_department_links_only_the_first_mention_in_each_section(corpus):
    library, citations, departments = corpus
    notice = by_number(library, "甲政办发〔2024〕2号")
    body = render_blocks(notice.document, shift=1, linker=PageLinker(notice, citations, departments))
    sections = body.split("\n### ")
    housing = "(<../甲区人民政府/bumen/住房和城乡建设局.md>)"
    assert [section.count(housing) for section in sections[1:]] == [1, 1]
    assert body.count("区住建局") == 2


def test_download_carries_no_links(corpus):
    library, _, _ = corpus
    notice = by_number(library, "甲政办发〔2024〕2号")
    assert "](" not in render_blocks(notice.document)


def test_aliases_merge(corpus):
    library, _, departments = corpus
    publisher = library.publishers[0]
    names = {d.key: d for d in departments.departments(publisher)}
    housing = names["住房和城乡建设局"]
    assert {"区住建局", "区住房和城乡建设局"} <= housing.spellings
    assert {"区林草分局", "区林业和草原分局"} <= names["林业和草原分局"].spellings
    assert {"甲区人民政府", "鄂尔多斯市甲区人民政府"} <= names["人民政府"].spellings
    assert "卫生健康委员会" in names and "区卫健委" in names["卫生健康委员会"].spellings


def test_department_key():
    assert department_key("住建局") == "住房和城乡建设局"
    assert department_key("发改委") == "发展和改革委员会"
    assert department_key("政府办") == "人民政府办公室"


def test_roles_issuers_and_mentions(corpus):
    library, _, departments = corpus
    publisher = library.publishers[0]
    names = {d.key: d for d in departments.departments(publisher)}
    plan = by_number(library, "甲政发〔2023〕1号")
    assert names["水利局"].roles[plan.path] == ["牵头单位", "责任单位"]  # 牵头单位：区水利局; 区水利局负责…
    assert names["财政局"].roles[plan.path] == ["配合单位"]
    assert names["林业和草原分局"].roles[plan.path] == ["责任单位"]  # 区林草分局负责…
    assert plan in names["人民政府"].issued
    assert by_number(library, "甲政办发〔2024〕2号") in names["人民政府办公室"].issued
    assert plan not in names["住房和城乡建设局"].mentioned  # it has a role there, not a mere mention


def test_phrases_are_not_departments(corpus):
    library, _, departments = corpus
    publisher = library.publishers[0]
    found = [
        spelling
        for _, _, spelling in departments.names_in(
            publisher, "全区各部门和区直各有关部门，区委书记主持召开区委常委会，区域经济中心"
        )
    ]
    assert found == []


def test_editor_alias_file_merges_what_rules_miss(tmp_path):
    content = tmp_path / "content"
    for issue in ("2023-01", "2024-01"):
        (content / "甲区人民政府" / issue).mkdir(parents=True)
        (content / "甲区人民政府" / issue / "issue.txt").write_bytes(
            (FIXTURES / "甲区人民政府" / issue / "issue.txt").read_bytes()
        )
    (content / "甲区人民政府" / "departments.yml").write_text("aliases:\n  区水利局: 区水务局\n", encoding="utf-8")
    library, _, departments = load(content)
    keys = {d.key for d in departments.departments(library.publishers[0])}
    assert "水务局" in keys and "水利局" not in keys


@pytest.mark.parametrize(
    "text", ["aliases: [区水利局]\n", "names:\n  a: b\n", "aliases:\n  区水利局: [区水务局]\n", "aliases: {\n"]
)
def test_a_bad_alias_file_is_an_error_naming_it_and_the_site_builds_without_it(tmp_path, text, caplog):
    content = tmp_path / "content"
    (content / "甲区人民政府" / "2023-01").mkdir(parents=True)
    (content / "甲区人民政府" / "2023-01" / "issue.txt").write_bytes(
        (FIXTURES / "甲区人民政府" / "2023-01" / "issue.txt").read_bytes()
    )
    path = content / "甲区人民政府" / "departments.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GongbaoError) as error:
        read_aliases(path, "甲区人民政府")
    assert "departments.yml" in str(error.value)
    with caplog.at_level(logging.ERROR):
        library, _, departments = load(content)
    assert [r.levelname for r in caplog.records] == ["ERROR"] and "departments.yml" in caplog.text
    assert departments.departments(library.publishers[0])  # registered all the same, unmerged


def test_linker_pieces_give_the_text_back(corpus):
    from builder.site.citations import body_texts

    library, citations, departments = corpus
    for entry in library.documents:
        linker = PageLinker(entry, citations, departments)
        for text in body_texts(entry.document.blocks):
            pieces = linker(text)
            assert "".join(piece for piece, _ in pieces) == text
            assert all(piece for piece, _ in pieces)
