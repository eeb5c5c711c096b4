"""builder.parse.sidecar: an editor's issue.yml is validated strictly (errors name the file and line)
and its corrections land on the parsed issue."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLES

from builder.errors import SidecarError
from builder.model import Issue, Level
from builder.parse import parse_issue
from builder.parse.sidecar import apply_sidecar, load_sidecar

#: 东胜区 2023 第7-9期: its document at line 1271 is 东政办发〔2023〕33号, the one at 2076 is the 大事记
SAMPLE = SAMPLES["001_b8e2f47bf2aa892e"]
NUMBERED_START = 1271
CHRONICLE_START = 2076


def write_sidecar(folder: Path, text: str, name: str = "issue.yml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def sidecar_error(tmp_path: Path, text: str) -> SidecarError:
    """Loading `text` as a sidecar fails with one line naming the file and a line number."""
    path = write_sidecar(tmp_path, text)
    with pytest.raises(SidecarError) as caught:
        load_sidecar(path)
    error = caught.value
    message = str(error)
    assert message.startswith(f"{path}:")
    assert isinstance(error.line, int) and error.line >= 1
    assert f"{path}:{error.line}: " in message
    assert "\n" not in message
    return error


def copy_sample(folder: Path) -> Path:
    raw = folder / "issue.txt"
    shutil.copyfile(SAMPLE, raw)
    return raw


def applied(tmp_path: Path, text: str):
    """The sample issue parsed without its sidecar, then corrected by `text`."""
    issue = parse_issue(SAMPLE, sidecar=False)
    apply_sidecar(issue, load_sidecar(write_sidecar(tmp_path, text)))
    return issue


def document_at(issue, start_line: int):
    return next(d for d in issue.documents if d.start_line == start_line)


# --- valid sidecars ---------------------------------------------------------------------------


def test_empty_sidecar_changes_nothing(tmp_path: Path) -> None:
    before = parse_issue(SAMPLE, sidecar=False)
    after = applied(tmp_path, "# nothing to correct yet\n")
    assert after.metadata() == before.metadata()
    assert [d.metadata() for d in after.documents] == [d.metadata() for d in before.documents]


def test_issue_fields_are_applied(tmp_path: Path) -> None:
    issue = applied(
        tmp_path,
        """
        issue:
          date: 2023-10-16
          total_number: 46
          issue_numbers: [7, 8, 9]
          gazette_title: 东胜区人民政府公报
        """,
    )
    assert issue.date == "2023-10-16"
    assert issue.total_number == 46
    assert issue.issue_numbers == [7, 8, 9]
    assert issue.gazette_title == "东胜区人民政府公报"


@pytest.mark.parametrize(
    "spelling", ["东政办发[2023]33号", "东政办发（2023）33 号", "东政办发〔2023〕33号", "东政办发﹝2023﹞第33号"]
)
def test_document_is_matched_by_doc_number_in_any_bracket_spelling(tmp_path: Path, spelling: str) -> None:
    issue = applied(
        tmp_path,
        f"""
        documents:
          - match: {spelling}
            title: 更正后的标题
            date: 2023-07-07
            recipients: 各镇人民政府
        """,
    )
    document = document_at(issue, NUMBERED_START)
    assert (document.title, document.date, document.recipients) == ("更正后的标题", "2023-07-07", "各镇人民政府")
    assert [d.title for d in issue.documents].count("更正后的标题") == 1


def test_document_is_matched_by_start_line(tmp_path: Path) -> None:
    issue = applied(
        tmp_path,
        f"""
        documents:
          - match: {CHRONICLE_START}
            date: 2023-09-30
            section: 大事记
            issuers: [东胜区人民政府]
        """,
    )
    document = document_at(issue, CHRONICLE_START)
    assert document.date == "2023-09-30"
    assert document.section == "大事记"
    assert document.issuers == ["东胜区人民政府"]


def test_doc_number_correction_is_parsed(tmp_path: Path) -> None:
    issue = applied(
        tmp_path,
        f"""
        documents:
          - match: {CHRONICLE_START}
            doc_number: 东政办发[2023]99 号
        """,
    )
    number = document_at(issue, CHRONICLE_START).doc_number
    assert number is not None and number.normalized == "东政办发〔2023〕99号"


def test_item_that_matches_no_document_is_a_warning(tmp_path: Path) -> None:
    issue = applied(
        tmp_path,
        """
        documents:
          - match: 东政办发〔1999〕1号
            title: 不存在
        """,
    )
    warnings = [f.message for f in issue.findings if f.level == Level.WARNING]
    assert any("东政办发〔1999〕1号" in message for message in warnings)
    assert "不存在" not in [d.title for d in issue.documents]


@pytest.mark.parametrize("name", ["issue.yml", "issue.yaml"])
def test_parse_issue_picks_up_the_sidecar_beside_the_raw_file(tmp_path: Path, name: str) -> None:
    raw = copy_sample(tmp_path)
    write_sidecar(
        tmp_path,
        """
        issue:
          date: 2023-10-16
        documents:
          - match: 东政办发[2023]33号
            title: 由编辑更正的标题
        """,
        name=name,
    )
    issue = parse_issue(raw)
    assert issue.date == "2023-10-16"
    assert document_at(issue, NUMBERED_START).title == "由编辑更正的标题"
    assert parse_issue(raw, sidecar=False).date == "2023-10-15"


# --- malformed sidecars -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("issue:\n  date: 2023-01-01\n documents: [\n", 3),
        ("issue:\n  gazette_title: [unclosed\n", 3),
        ("issue:\n\tdate: 2023-01-01\n", 2),
    ],
    ids=["bad indentation", "unclosed list", "tab indentation"],
)
def test_bad_yaml_is_an_error(tmp_path: Path, text: str, line: int) -> None:
    error = sidecar_error(tmp_path, text)
    assert "YAML" in error.message
    assert error.line == line


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("issue:\n  year: 2023\ncolour: red\n", "colour"),
        ("issue:\n  year: 2023\n  volume: 3\n", "volume"),
        ("documents:\n  - match: 东政办发〔2023〕33号\n    title: x\n  - match: 12\n    author: 某人\n", "author"),
    ],
    ids=["top level", "in issue", "in a documents item"],
)
def test_unknown_key_is_an_error(tmp_path: Path, text: str, key: str) -> None:
    error = sidecar_error(tmp_path, text)
    assert f"'{key}'" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# corrections\nissue:\n  year: 2023\n  date: 2023-10-16\n\nauthor: 某人\n", 6),
        ("issue:\n  year: 2023\n  date: 2023-10-16\n  volume: 3\n", 4),
        ("documents:\n  - match: 12\n    title: x\n    author: 某人\n", 4),
    ],
)
def test_unknown_key_error_points_at_the_key(tmp_path: Path, text: str, line: int) -> None:
    assert sidecar_error(tmp_path, text).line == line


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("issue:\n  year: abc\n", "year"),
        ("issue:\n  year: yes\n", "year"),
        ("issue:\n  year: 2023.5\n", "year"),
        ("issue:\n  issue_numbers: 3\n", "issue_numbers"),
        ("issue:\n  date: 20231016\n", "date"),
        ("issue:\n  - 1\n", "issue"),
        ("documents:\n  match: 12\n", "documents"),
        ("documents:\n  - match: 1.5\n", "match"),
        ("documents:\n  - match: 12\n    title: 42\n", "title"),
    ],
)
def test_wrong_type_is_an_error(tmp_path: Path, text: str, key: str) -> None:
    error = sidecar_error(tmp_path, text)
    assert f"'{key}'" in error.message


def test_sidecar_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    sidecar_error(tmp_path, "- issue\n- documents\n")


def test_documents_item_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    sidecar_error(tmp_path, "documents:\n  - 12\n")


@pytest.mark.parametrize(
    "text", ["issue:\n  date: '2023-02-30'\n", "issue:\n  date: next tuesday\n", "issue:\n  date: 2023-2-3\n"]
)
def test_quoted_or_malformed_date_is_an_error(tmp_path: Path, text: str) -> None:
    error = sidecar_error(tmp_path, text)
    assert error.line == 2 and "date" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("issue:\n  date: 2023-02-30\n", 2), ("documents:\n  - match: 12\n    date: 2023-02-30\n", 3)],
    ids=["issue", "documents item"],
)
def test_date_that_does_not_exist_is_an_error(tmp_path: Path, text: str, line: int) -> None:
    error = sidecar_error(tmp_path, text)
    assert error.line == line
    assert "2023-02-30" in error.message


def test_documents_item_without_match_is_an_error(tmp_path: Path) -> None:
    error = sidecar_error(
        tmp_path, "documents:\n  - match: 12\n    title: a\n  - title: 无匹配\n    date: 2023-01-02\n"
    )
    assert "match" in error.message
    assert error.line == 4


@pytest.mark.parametrize("text", ["issue:\n", "documents:\n"])
def test_empty_section_is_accepted_or_reported(tmp_path: Path, text: str) -> None:
    path = write_sidecar(tmp_path, text)
    try:
        apply_sidecar(Issue(source="issue.txt"), load_sidecar(path))
    except SidecarError as error:
        assert str(path) in str(error)


@pytest.mark.parametrize("value", ["2023-10-16 10:00:00", "2023-10-16T10:00"])
def test_date_with_a_time_is_an_error(tmp_path: Path, value: str) -> None:
    sidecar_error(tmp_path, f"issue:\n  date: {value}\n")


@pytest.mark.parametrize("value", ["'20231016'", "2023-W42-1"])
def test_date_in_another_iso_form_is_an_error(tmp_path: Path, value: str) -> None:
    error = sidecar_error(tmp_path, f"issue:\n  date: {value}\n")
    assert error.line == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("issue:\n  issue_numbers: [a, b]\n", 2),
        ("issue:\n  issue_numbers: [7, true]\n", 2),
        ("documents:\n  - match: 12\n    issuers: [东胜区人民政府, 3]\n", 3),
    ],
)
def test_list_items_are_type_checked(tmp_path: Path, text: str, line: int) -> None:
    assert sidecar_error(tmp_path, text).line == line


def test_doc_number_that_is_no_doc_number_is_an_error(tmp_path: Path) -> None:
    error = sidecar_error(tmp_path, "documents:\n  - match: 12\n    title: 标题\n    doc_number: 见原件\n")
    assert error.line == 4


def test_parse_issue_reports_a_malformed_sidecar(tmp_path: Path) -> None:
    raw = copy_sample(tmp_path)
    path = write_sidecar(tmp_path, "issue:\n  year: abc\n")
    with pytest.raises(SidecarError) as caught:
        parse_issue(raw)
    assert str(caught.value).startswith(f"{path}:2: ")


def test_accepted_problems_are_read_with_numbers_normalized(tmp_path: Path) -> None:
    path = write_sidecar(
        tmp_path,
        """
        accepted:
          duplicate_doc_numbers:
            - 东政办发[2023]33号
          missing_toc_items: [关于甲事项的通知]
    """,
    )
    accepted = load_sidecar(path)["accepted"]
    assert accepted.duplicate_doc_numbers == {"东政办发〔2023〕33号"}
    assert accepted.missing_toc_items == {"关于甲事项的通知"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("accepted:\n  duplicate_doc_numbers: [不是文号]\n", 2, "not a 文号"),
        ("accepted:\n  missing_toc_items: 关于甲事项的通知\n", 2, "must be list"),
        ("accepted:\n  reprints: [东政办发〔2023〕33号]\n", 2, "unknown key 'reprints'"),
        ("accepted:\n  missing_toc_items: [3]\n", 2, "list of str"),
    ],
    ids=["not a number", "not a list", "unknown key", "not strings"],
)
def test_bad_accepted_entries_are_errors_with_their_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    error = sidecar_error(tmp_path, text)
    assert words in error.message and error.line == line
