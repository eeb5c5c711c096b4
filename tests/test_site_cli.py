"""`gongbao build` and `gongbao serve` on small copies of the project: errors, user pages, reload."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SAMPLES, copy_project

pytestmark = pytest.mark.site  # every test here builds a site

GONGBAO = [sys.executable, "-m", "builder.commands.cli"]
ISSUE_DIR = "乌达区人民政府/2023-02"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """mkdocs.yml and overrides/ of this repository, with one sample issue as its content."""
    return copy_project(tmp_path, SAMPLES["000_d2a9df18967429e5"])  # content/乌达区人民政府/2023-02


def gongbao(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GONGBAO, *args], cwd=project, capture_output=True, text=True, timeout=300)


def test_build_makes_the_site_and_leaves_content_alone(project):
    before = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*"))
    result = gongbao(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / ISSUE_DIR / "index.html").is_file()
    assert sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*")) == before
    assert (project / ".cache" / "plugin" / "gongbao").is_dir()


def test_a_bad_raw_issue_fails_the_build_with_one_line_naming_it(project):
    bad = project / "content" / "某区人民政府" / "2024-01" / "issue.txt"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"")
    result = gongbao(project, "build")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "某区人民政府/2024-01/issue.txt" in line]
    assert len(errors) == 1 and "Traceback" not in result.stderr


def test_a_bad_sidecar_fails_the_build_naming_file_and_line(project):
    (project / "content" / ISSUE_DIR / "issue.yml").write_text("issue:\n  date: 2023-02-30\n", encoding="utf-8")
    result = gongbao(project, "build")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "issue.yml:2" in result.stderr


def test_the_users_own_page_wins_over_a_generated_one(project):
    (project / "content" / "index.md").write_text("# 本站说明\n\n自定义首页。\n", encoding="utf-8")
    (project / "content" / "about.md").write_text("# 关于\n\n编辑部。\n", encoding="utf-8")
    result = gongbao(project, "build")
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "自定义首页" in home
    assert (project / "site" / "about" / "index.html").is_file()
    assert 'href="about/"' in home  # in the nav the plugin made


def test_build_without_mkdocs_yml_is_one_line(tmp_path):
    result = gongbao(tmp_path, "build")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "gongbao: mkdocs.yml: no MkDocs configuration here (run from the project folder or pass -f)"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail("timed out waiting for the dev server")


def test_serve_rebuilds_when_a_sidecar_or_raw_issue_changes(project):
    port = free_port()
    server = subprocess.Popen(
        [*GONGBAO, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    issue_url = f"http://127.0.0.1:{port}/{quote(ISSUE_DIR)}/"
    try:
        first = wait_for(lambda: fetch(issue_url))
        assert "2023年7月6日" in first
        (project / "content" / ISSUE_DIR / "issue.yml").write_text("issue:\n  date: '2023-07-09'\n", encoding="utf-8")
        wait_for(lambda: "2023年7月9日" in (fetch(issue_url) or ""))
        raw = project / "content" / ISSUE_DIR / "issue.txt"
        raw.write_bytes(raw.read_bytes().replace("总第19期".encode(), "总第29期".encode()))
        wait_for(lambda: "总第29期" in (fetch(issue_url) or ""))
    finally:
        server.terminate()
        server.wait(timeout=30)
