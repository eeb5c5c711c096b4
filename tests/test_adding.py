"""`gongbao add` and `gongbao check` on temporary copies of content/: the report, each refusal,
--force, and the check's readable failures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, SAMPLES

from builder.commands.cli import main
from builder.parse import parse_issue

KESHIKETENG = SAMPLES["004_8c6b577f21ba2ac5"]  # 克什克腾旗人民政府公报 2025年第1期: 目录 of 4 items
WUDA = SAMPLES["000_d2a9df18967429e5"]  # 乌达区人民政府公报 2023年第2期: 6 文件 with 文号


def run(capsys: pytest.CaptureFixture, *argv: str | Path) -> tuple[int, str]:
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, hidden ones included, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of content/ without the 克什克腾旗 issue, so it can be added."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy, ignore=shutil.ignore_patterns("克什克腾旗人民政府"))
    return copy


def test_add_places_the_issue_and_reports_what_its_own_toc_lists(content, capsys):
    status, out = run(capsys, "add", KESHIKETENG, "--content", content)
    assert status == 0, out
    target = content / "克什克腾旗人民政府" / "2025-01" / "issue.txt"
    assert target.read_bytes() == KESHIKETENG.read_bytes()
    assert not (target.parent / "issue.yml").exists()  # nothing to correct, so no sidecar
    issue = parse_issue(KESHIKETENG)
    assert re.search(rf"目录: {len(issue.toc)} items, {len(issue.toc)} found in the text", out)
    for entry in issue.toc:
        assert entry.document is not None
        document = issue.documents[entry.document - 1]
        assert document.title in out
        if document.doc_number:
            assert document.doc_number.normalized in out
    assert out.rstrip().splitlines()[-1].startswith(f"ADDED: {target} ({len(issue.documents)} documents")
    assert run(capsys, "check", content)[0] == 0


def test_add_of_a_sample_with_a_joint_issue_names_its_folder_by_the_span(tmp_path, capsys):
    source = SAMPLES["001_b8e2f47bf2aa892e"]
    status, out = run(capsys, "add", source, "--content", tmp_path / "content")
    assert status == 0, out
    assert (tmp_path / "content" / "东胜区人民政府" / "2023-07-09" / "issue.txt").read_bytes() == source.read_bytes()


def test_a_colliding_doc_number_is_refused_and_nothing_is_written(content, tmp_path, capsys):
    reprint = tmp_path / "reprint.txt"
    reprint.write_bytes(WUDA.read_bytes() + b"\n")  # other bytes, same documents
    before = snapshot(content)
    status, out = run(capsys, "add", reprint, "--content", content, "--folder", "2023-02-reprint")
    assert status == 1
    assert "文号 乌区政办发〔2023〕7号 is already used by" in out
    assert out.rstrip().splitlines()[-1].startswith("REFUSED: 6 problem(s)")
    assert snapshot(content) == before


def test_force_adds_a_collision_and_records_it_so_check_passes(content, tmp_path, capsys):
    reprint = tmp_path / "reprint.txt"
    reprint.write_bytes(WUDA.read_bytes() + b"\n")
    status, out = run(capsys, "add", reprint, "--content", content, "--folder", "2023-02-reprint", "--force")
    assert status == 0, out
    sidecar = (content / "乌达区人民政府" / "2023-02-reprint" / "issue.yml").read_text(encoding="utf-8")
    assert "duplicate_doc_numbers" in sidecar and "乌区政办字〔2023〕12号" in sidecar
    assert run(capsys, "check", content)[0] == 0


def test_a_toc_item_missing_from_the_text_is_refused(tmp_path, capsys):
    lines = WUDA.read_bytes().decode("utf-8").splitlines(keepends=True)
    truncated = tmp_path / "truncated.txt"
    truncated.write_text("".join(lines[:634]), encoding="utf-8")  # the last document's pages are lost
    content = tmp_path / "content"
    status, out = run(capsys, "add", truncated, "--content", content)
    assert status == 1
    assert "目录 item not found in the text" in out and "煤改电" in out
    assert not content.exists() or snapshot(content) == {}
    status, out = run(capsys, "add", truncated, "--content", content, "--force")
    assert status == 0
    assert "missing_toc_items" in (content / "乌达区人民政府" / "2023-02" / "issue.yml").read_text(encoding="utf-8")


def test_the_same_file_twice_or_a_taken_folder_is_refused_even_with_force(content, tmp_path, capsys):
    status, out = run(capsys, "add", WUDA, "--content", content, "--force")
    assert status == 1 and "the same file is already in the content folder" in out
    other = tmp_path / "other.txt"
    other.write_bytes(WUDA.read_bytes() + b"\n")
    status, out = run(capsys, "add", other, "--content", content, "--force")
    assert status == 1 and "already exists" in out


def test_options_override_the_text_and_go_to_a_sidecar(content, tmp_path, capsys):
    status, out = run(
        capsys,
        "add",
        KESHIKETENG,
        "--content",
        content,
        "--publisher",
        "某旗人民政府",
        "--issue",
        "2",
        "--date",
        "2025-04-30",
    )
    assert status == 0, out
    folder = content / "某旗人民政府" / "2025-02"
    assert (folder / "issue.txt").read_bytes() == KESHIKETENG.read_bytes()
    issue = parse_issue(folder / "issue.txt")
    assert (issue.publisher, issue.issue_numbers, issue.issue_label, issue.date) == (
        "某旗人民政府",
        [2],
        "2025年第2期",
        "2025-04-30",
    )


def test_an_issue_without_publisher_or_issue_number_needs_options(tmp_path, capsys):
    raw = tmp_path / "bare.txt"
    raw.write_text("关于甲事项的通知\n测政发〔2024〕1号\n各部门：\n现将有关事项通知如下。\n", encoding="utf-8")
    status, out = run(capsys, "add", raw, "--content", tmp_path / "content")
    assert status == 1 and "--publisher" in out and "--year" in out
    assert not (tmp_path / "content").exists() or snapshot(tmp_path / "content") == {}
    status, out = run(
        capsys,
        "add",
        raw,
        "--content",
        tmp_path / "content",
        "--publisher",
        "测试县人民政府",
        "--year",
        "2024",
        "--issue",
        "1",
    )
    assert status == 0, out
    assert (tmp_path / "content" / "测试县人民政府" / "2024-01" / "issue.yml").is_file()


def test_dry_run_writes_nothing(content, capsys):
    before = snapshot(content)
    status, out = run(capsys, "add", KESHIKETENG, "--content", content, "--dry-run")
    assert status == 0 and "WOULD ADD" in out
    assert snapshot(content) == before


def test_an_unreadable_raw_file_is_one_line_naming_it(tmp_path, capsys):
    raw = tmp_path / "empty.txt"
    raw.write_bytes(b"")
    status, out = run(capsys, "add", raw, "--content", tmp_path / "content")
    assert status == 2 and str(raw) in out and len(out.strip().splitlines()) == 1


# --- gongbao check ----------------------------------------------------------------------------


def test_check_passes_on_the_bundled_content(capsys):
    status, out = run(capsys, "check", CONTENT)
    assert status == 0
    assert out.rstrip().splitlines()[-1].startswith("check OK: 4 issue(s)")


def test_check_fails_readably_on_a_duplicated_doc_number(content, capsys):
    shutil.copytree(content / "乌达区人民政府" / "2023-02", content / "乌达区人民政府" / "2023-02-copy")
    status, out = run(capsys, "check", content)
    assert status == 1
    problem = next(line for line in out.splitlines() if "乌区政办发〔2023〕7号" in line)
    assert problem.strip().startswith(str(content / "乌达区人民政府" / "2023-02-copy" / "issue.txt") + ":56: 文号")
    assert "already used by" in problem and "2023-02/issue.txt:56" in problem
    assert "accepted: duplicate_doc_numbers" in out  # how to accept a real reprint
    assert out.rstrip().splitlines()[-1].startswith("check FAILED: 6 problem(s)")


def test_check_lists_a_bad_sidecar_and_a_bad_alias_file_and_goes_on(content, capsys):
    (content / "乌达区人民政府" / "2023-02" / "issue.yml").write_text("issue:\n  date: 2023-02-30\n", encoding="utf-8")
    (content / "东胜区人民政府" / "departments.yml").write_text("aliases: [1, 2\n", encoding="utf-8")
    status, out = run(capsys, "check", content)
    assert status == 1
    assert re.search(r"2023-02/issue\.yml:2: 'date' must be a real date", out)
    assert re.search(r"东胜区人民政府/departments\.yml:\d+: not valid YAML", out)
    assert "2024-01-03/issue.txt: 2024年第1-3期" in out  # the other issues were still checked


def test_check_markdown_summary_shows_the_report_of_changed_issues(content, capsys):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=content, check=True)
    subprocess.run([*git, "add", "-A"], cwd=content, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=content, check=True)
    assert run(capsys, "add", KESHIKETENG, "--content", content)[0] == 0
    status, out = run(capsys, "check", content, "--markdown", "--since", "HEAD")
    assert status == 0
    assert out.startswith("## ✅ gongbao check OK")
    assert "### 克什克腾旗人民政府/2025-01" in out and "克政办字〔2025〕4号" in out
    assert "### 乌达区人民政府/2023-02" not in out  # unchanged issues are only in the table
    assert "| 乌达区人民政府/2023-02 | 2023年第2期 |" in out
