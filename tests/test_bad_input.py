"""Bad input never crashes, never loses text silently: every case of tests/bad_inputs.py, the
re-encoded copies giving the same pages, and a site build over a content folder full of them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bad_inputs import CASES, ERROR, MONGOLIAN, PLAIN, RENDERED, Case, run_case
from conftest import SAMPLES, copy_project

from builder.parse import parse_issue
from builder.render import render_document

pytestmark = pytest.mark.site  # every test here builds a site


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_has_its_outcome_in_one_line_naming_file_and_line(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert "Traceback" not in outcome.output
    assert outcome.kind == case.expected, outcome.output[-2000:]
    if case.expected == RENDERED:
        return
    assert case.words in outcome.message, outcome.message
    if case.expected == ERROR:
        assert str(tmp_path) in outcome.message  # the file to open
    if case.command == "add":
        assert not outcome.written, outcome.written  # nothing, inside or outside the content folder
    if case.line:
        assert re.search(r":\d+:|line \d+", outcome.message), outcome.message


def _pages(raw: Path) -> list[bytes]:
    issue = parse_issue(raw)
    return [render_document(document, issue) for document in issue.documents]


@pytest.mark.parametrize("case", [c for c in CASES if c.expected == RENDERED], ids=lambda c: c.name)
def test_a_reencoded_copy_gives_exactly_the_pages_of_the_original(case: Case, tmp_path: Path) -> None:
    original = MONGOLIAN if "GB18030" in case.name else PLAIN
    copy = case.make(tmp_path)
    assert copy.read_bytes() != original.read_bytes()
    assert _pages(copy) == _pages(original)


# --- a whole site over bad content --------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", SAMPLES["000_d2a9df18967429e5"])


def _gongbao(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder.commands.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"),
    )


def _add_bad_issues(project: Path) -> dict[str, str]:
    """Bad issues beside the good one; returns what each one's log line must name."""
    content = project / "content"
    bad = {
        "empty": (content / "某区人民政府" / "2024-01" / "issue.txt", b""),
        "sidecar": (content / "某区人民政府" / "2024-02" / "issue.txt", PLAIN.read_bytes()),
        "duplicate": (
            content / "乌达区人民政府" / "2023-02-again" / "issue.txt",
            SAMPLES["000_d2a9df18967429e5"].read_bytes(),
        ),
    }
    for path, data in bad.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (content / "某区人民政府" / "2024-02" / "issue.yml").write_text("issue:\n  date: 2024-02-30\n", encoding="utf-8")
    (content / "乌达区人民政府" / "departments.yml").write_text("aliases: [\n", encoding="utf-8")
    return {
        "empty": "某区人民政府/2024-01/issue.txt: file is empty",
        "sidecar": "某区人民政府/2024-02/issue.yml:2: 'date' must be a real date",
        "duplicate": "乌达区人民政府/2023-02-again/issue.txt:56: 文号 乌区政办发〔2023〕7号 is already used by",
        "aliases": "乌达区人民政府/departments.yml:2: not valid YAML",
    }


def _lenient_build(project: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` of `project` without strict mode: it must succeed, naming what it left out
    in its log, with no traceback."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        timeout=600,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result


def test_bad_issues_are_reported_and_left_out_while_the_rest_builds(tmp_path: Path) -> None:
    project = _project(tmp_path)
    expected = _add_bad_issues(project)
    result = _lenient_build(project)
    for what, words in expected.items():
        lines = [line for line in result.stderr.splitlines() if words in line]
        assert len(lines) == 1, f"{what}: {words!r} not in one log line:\n{result.stderr}"
    site = project / "site"
    assert (site / "乌达区人民政府" / "2023-02" / "index.html").is_file()
    assert (
        site / "乌达区人民政府" / "2023-02-again" / "index.html"
    ).is_file()  # a duplicate is published, with a warning
    assert not (site / "某区人民政府" / "2024-01").exists()


def test_a_failed_strict_build_leaves_the_previous_site_alone(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = _gongbao(project, "build")
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    _add_bad_issues(project)
    second = _gongbao(project, "build")
    assert second.returncode != 0 and "Traceback" not in second.stderr
    assert "site is left as it was" in second.stderr or "left as it was" in second.stderr
    after = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]  # no half-built folder left behind


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    project = _project(tmp_path)
    trees = []
    for name in ("one", "two"):
        result = _gongbao(project, "build", "-d", name, "--removed-report", f"removed-{name}.md")
        assert result.returncode == 0, result.stderr
        trees.append(
            {p.relative_to(project / name): p.read_bytes() for p in (project / name).rglob("*") if p.is_file()}
        )
    assert trees[0] == trees[1]
    assert (project / "removed-one.md").read_bytes() == (project / "removed-two.md").read_bytes()
    report = (project / "removed-one.md").read_text(encoding="utf-8")
    assert "| 7 | Mongolian-script line |" in report  # what was dropped, with line and reason


def test_nothing_outside_content_reaches_the_site_and_its_xml_parses(tmp_path: Path) -> None:
    """Links under content/ (to a folder, a raw issue, notes.md, a sidecar; dangling), a hidden
    issue, a text file named issue.pdf, an issue without a year, control characters and an alias
    loop: each named in one log line, the rest built, no byte from outside content/ published."""
    project = _project(tmp_path)
    content = project / "content"
    secret = "OUTSIDE-THE-CONTENT-FOLDER"
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "folder" / "config").write_text(secret, encoding="utf-8")
    (outside / "notes.md").write_text(f"# {secret}\n", encoding="utf-8")
    (outside / "issue.txt").write_text(
        PLAIN.read_text(encoding="utf-8").replace("东胜区", "某旗") + secret, encoding="utf-8"
    )
    (outside / "issue.yml").write_text(f"issue:\n  gazette_title: {secret}\n", encoding="utf-8")
    (content / "git").symlink_to(outside / "folder")
    (content / "notes.md").symlink_to(outside / "notes.md")
    linked = content / "某旗人民政府" / "2024-01"
    linked.mkdir(parents=True)
    (linked / "issue.txt").symlink_to(outside / "issue.txt")
    sample = content / "乌达区人民政府" / "2023-02"
    (sample / "issue.yml").symlink_to(outside / "issue.yml")
    (content / "dangling.txt").symlink_to(tmp_path / "nowhere")
    hidden = content / "..克什克腾旗人民政府" / "2025-01"
    hidden.mkdir(parents=True)
    shutil.copy(SAMPLES["004_8c6b577f21ba2ac5"], hidden / "issue.txt")
    fake = content / "某区人民政府" / "2024-03"
    fake.mkdir(parents=True)
    shutil.copy(PLAIN, fake / "issue.pdf")
    no_year = content / "X" / "2024-01"
    no_year.mkdir(parents=True)
    (no_year / "issue.txt").write_text("各单位：今年以来工作取得新成效。\n", encoding="utf-8")
    controls = content / "东胜区人民政府" / "2024-01-03"
    controls.mkdir(parents=True)
    (controls / "issue.txt").write_text(
        PLAIN.read_text(encoding="utf-8").replace("\n", "\x1b[31m\x07\x85\n", 20), encoding="utf-8"
    )
    (content / "东胜区人民政府" / "departments.yml").write_text(
        "aliases:\n  区财政局: 区发改局\n  区发改局: 区财政局\n", encoding="utf-8"
    )
    result = _lenient_build(project)
    named = {
        "content/git: is a symbolic link": "link to a folder",
        "content/notes.md: is a symbolic link": "linked notes.md",
        "某旗人民政府/2024-01/issue.txt: is a symbolic link": "linked raw issue",
        "2023-02/issue.yml: is a symbolic link": "linked sidecar",
        "content/dangling.txt: is a dangling symbolic link": "dangling link",
        "..克什克腾旗人民政府: hidden folder": "hidden issue",
        "2024-03/issue.pdf: is named .pdf but is not a PDF": "fake PDF",
        "X/2024-01/issue.txt: the year of the issue cannot be read": "no year",
        "2024-01-03/issue.txt:1: control character(s)": "control characters",
        "东胜区人民政府/departments.yml:2: aliases loop": "alias loop",
    }
    for words, what in named.items():
        lines = [line for line in result.stderr.splitlines() if words in line]
        assert len(lines) == 1, f"{what}: {words!r} not in one log line:\n{result.stderr}"
    site = project / "site"
    published = [path for path in site.rglob("*") if path.is_file()]
    assert not [path for path in published if secret.encode() in path.read_bytes()]
    assert not (site / "git").exists() and not (site / "notes").exists()
    assert (site / "东胜区人民政府" / "2024-01-03" / "index.html").is_file()  # the rest is built
    assert not (site / "乌达区人民政府" / "2023-02").exists()  # its sidecar is a link: left out, like a bad one
    assert not (site / "某区人民政府" / "2024-03").exists()
    xml = [path for path in published if path.suffix == ".xml"]
    assert {path.name for path in xml} >= {"feed.xml", "sitemap.xml"}
    for path in xml:
        ElementTree.parse(path)  # raises on invalid XML (a control character, say)
