"""builder.commands.cli: `inspect` and `report` output, and bad input reported as one line, exit status 2."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from builder.commands.cli import main
from builder.parse import parse_issue

SAMPLE = SAMPLES["000_d2a9df18967429e5"]  # 乌达区人民政府公报 2023年第2期: six 文件 with 文号, a 目录
DOCUMENT_KEYS = {
    "title",
    "doc_number",
    "issuers",
    "date",
    "recipients",
    "kind",
    "start_line",
    "end_line",
    "attachments",
    "references",
    "markdown",
}
VERDICT = re.compile(r"^\s*(OK|CHECK|FAILED): ", re.MULTILINE)


def run(capsys: pytest.CaptureFixture, *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, path: Path) -> None:
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gongbao: ")
    assert str(path) in lines[0]
    assert "Traceback" not in err + out


def copy_sample(folder: Path, source: Path = SAMPLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / "issue.txt"
    shutil.copyfile(source, raw)
    return raw


# --- inspect ----------------------------------------------------------------------------------


def test_inspect_prints_documents_and_a_verdict(capsys: pytest.CaptureFixture) -> None:
    status, out, err = run(capsys, "inspect", SAMPLE)
    assert status == 0 and err == ""
    documents = parse_issue(SAMPLE).documents
    for document in documents:
        assert document.title in out
        assert document.doc_number.normalized in out
    assert len(VERDICT.findall(out)) == 1
    last = out.rstrip().splitlines()[-1].strip()
    assert re.match(rf"(OK|CHECK): {len(documents)} documents", last)


def test_inspect_json_has_the_documented_keys(capsys: pytest.CaptureFixture) -> None:
    status, out, err = run(capsys, "inspect", SAMPLE, "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert {"issue", "toc", "documents", "warnings"} <= set(data)
    assert data["issue"]["gazette_title"] == "乌达区人民政府公报"
    assert len(data["toc"]) == 6
    assert data["documents"]
    for document in data["documents"]:
        assert set(document) >= DOCUMENT_KEYS
        assert isinstance(document["issuers"], list)
        assert isinstance(document["attachments"], list)
        assert isinstance(document["references"], list)
        assert 1 <= document["start_line"] <= document["end_line"]
        assert document["markdown"].startswith("# ")


def test_inspect_json_matches_the_model(capsys: pytest.CaptureFixture) -> None:
    _, out, _ = run(capsys, "inspect", SAMPLE, "--json")
    documents = json.loads(out)["documents"]
    expected = parse_issue(SAMPLE).documents
    assert [(d["title"], d["doc_number"], d["date"]) for d in documents] == [
        (d.title, d.doc_number.normalized if d.doc_number else None, d.date) for d in expected
    ]


def test_inspect_applies_the_sidecar(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    raw = copy_sample(tmp_path)
    (tmp_path / "issue.yml").write_text("issue:\n  total_number: 99\n", encoding="utf-8")
    _, out, _ = run(capsys, "inspect", raw, "--json")
    assert json.loads(out)["issue"]["total_number"] == 99


# --- errors -----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "missing" / "issue.txt"
    assert_one_line_error(*run(capsys, "inspect", path), path)


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(b"")
    assert_one_line_error(*run(capsys, "inspect", path), path)


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    assert_one_line_error(*run(capsys, "inspect", path, "--json"), path)


def test_file_over_max_size(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    raw = copy_sample(tmp_path)
    assert_one_line_error(*run(capsys, "inspect", raw, "--max-size", "1000"), raw)


@pytest.mark.parametrize(
    "sidecar",
    ["issue:\n  year: abc\n", "issue:\n  colour: red\n", "documents:\n  - title: x\n", "issue: [\n"],
    ids=["wrong type", "unknown key", "no match", "bad YAML"],
)
def test_malformed_sidecar(tmp_path: Path, capsys: pytest.CaptureFixture, sidecar: str) -> None:
    raw = copy_sample(tmp_path)
    path = tmp_path / "issue.yml"
    path.write_text(sidecar, encoding="utf-8")
    status, out, err = run(capsys, "inspect", raw)
    assert_one_line_error(status, out, err, path)
    assert re.match(rf"gongbao: {re.escape(str(path))}:\d+: ", err)


def test_sidecar_with_impossible_date(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    raw = copy_sample(tmp_path)
    path = tmp_path / "issue.yml"
    path.write_text("issue:\n  date: 2023-02-30\n", encoding="utf-8")
    assert_one_line_error(*run(capsys, "inspect", raw), path)


def test_directory_given_as_raw_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "issue.txt"
    folder.mkdir()
    assert_one_line_error(*run(capsys, "inspect", folder), folder)


# --- report -----------------------------------------------------------------------------------


def test_report_continues_past_a_bad_issue(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    content = tmp_path / "content"
    copy_sample(content / "乌达区人民政府" / "2023-02")
    empty = content / "空白区人民政府" / "2024-01" / "issue.txt"
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    status, out, err = run(capsys, "report", content)
    assert status == 1
    assert "乌达区人民政府公报 2023年第2期" in out
    assert len(VERDICT.findall(out)) == 1
    assert "2 issue(s), 1 failed" in out
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gongbao: ") and str(empty) in lines[0]
    assert "Traceback" not in out + err


def test_report_over_good_issues_succeeds(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    content = tmp_path / "content"
    copy_sample(content / "a")
    status, out, err = run(capsys, "report", content)
    assert status == 0 and err == ""
    assert "1 issue(s), 0 failed" in out


def test_report_over_a_folder_without_issues(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert_one_line_error(*run(capsys, "report", tmp_path), tmp_path)
