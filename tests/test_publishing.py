"""`gongbao publish`: two versions deployed with mike into a temporary git repository, then
browsed from the `gh-pages` tree in headless Chromium (version selector, alias, old version)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SAMPLES, copy_project, serve_directory

from builder.commands.publishing import default_version
from builder.model import Issue

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "gongbao tests", "GIT_AUTHOR_EMAIL": "tests@example.org",
                "GIT_COMMITTER_NAME": "gongbao tests", "GIT_COMMITTER_EMAIL": "tests@example.org"}
OLD, NEW = "2024-12", "2025-01"


def gongbao(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **GIT_IDENTITY)
    result = subprocess.run([sys.executable, "-m", "builder.commands.cli", *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def git(project: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_IDENTITY)
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def gh_pages(tmp_path_factory) -> Path:
    """A project with one issue, published as 2024-12; then an issue of 2025 added and published
    with the default version name and `latest`. Returns the extracted gh-pages tree."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    gongbao(project, "add", str(SAMPLES["000_d2a9df18967429e5"]))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "乌达区 2023年第2期")
    gongbao(project, "publish", "--version", OLD, "--alias", "latest")

    gongbao(project, "add", str(SAMPLES["004_8c6b577f21ba2ac5"]))
    git(project, "add", "-A")
    git(project, "commit", "-qm", "克什克腾旗 2025年第1期")
    published = gongbao(project, "publish", "--alias", "latest")
    assert f"publishing version {NEW}" in published.stderr

    tree = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="tar")
    return tree


def test_versions_json_lists_both_versions_and_the_alias(gh_pages):
    versions = json.loads((gh_pages / "versions.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["aliases"]) for v in versions] == [(NEW, ["latest"]), (OLD, [])]
    assert (gh_pages / "latest").resolve() == (gh_pages / NEW).resolve()
    assert "latest/" in (gh_pages / "index.html").read_text(encoding="utf-8")  # the root redirects there


def test_each_version_is_a_whole_site_with_its_own_urls(gh_pages):
    assert (gh_pages / OLD / "乌达区人民政府" / "2023-02" / "index.html").is_file()
    assert not (gh_pages / OLD / "克什克腾旗人民政府").exists()  # added after that version
    assert (gh_pages / NEW / "克什克腾旗人民政府" / "2025-01" / "index.html").is_file()
    records = json.loads((gh_pages / NEW / "documents.json").read_text(encoding="utf-8"))["results"]
    assert all(r["html_url"].startswith(f"https://gongbao.example.org/{NEW}/") for r in records)


def test_both_versions_load_in_chromium_with_the_version_selector(gh_pages, browser):
    with serve_directory(gh_pages) as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base)  # the root redirects to latest/
        page.wait_for_url(f"{base}latest/")
        assert "克什克腾旗人民政府" in page.locator(".md-content").inner_text()
        selector = page.locator(".md-version")
        selector.wait_for()
        assert NEW in page.locator(".md-version__current").inner_text()
        listed = page.locator(".md-version__list .md-version__link").all_inner_texts()
        assert any(NEW in item for item in listed) and any(OLD in item for item in listed)
        assert page.locator('[data-md-component="outdated"]').is_hidden()

        page.goto(base + quote(f"{OLD}/乌达区人民政府/2023-02/"))
        assert page.locator("h1").inner_text().startswith("乌达区人民政府公报")
        page.locator(".md-version").wait_for()
        assert OLD in page.locator(".md-version__current").inner_text()
        banner = page.locator('[data-md-component="outdated"]')
        banner.wait_for(state="visible")
        assert "旧版本" in banner.inner_text()
        banner.get_by_role("link", name="查看最新版本").click()
        page.wait_for_url(f"{base}latest/")  # the site root, which redirects to the latest version
        page.close()
        assert errors == []


def test_the_default_version_is_named_after_the_newest_issue():
    def issue(year, numbers, date=None):
        return Issue(source="x", year=year, issue_numbers=numbers, date=date)

    assert default_version([issue(2024, [3], "2024-11-30"), issue(2025, [1], "2025-02-14")]) == "2025-02"
    assert default_version([issue(2024, [3], "2024-11-30"), issue(2025, [1, 2, 3])]) == "2025-03"
    assert default_version([issue(None, [])]) is None
