"""`gongbao publish` in a temporary git repository: adding an issue redeploys the latest version in
place; a sidecar correction cuts a new version whose document page lists the revision and links
the earlier text, which the old version still shows; the retention policy prunes as README says;
both versions browsed from the `gh-pages` tree in headless Chromium."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from conftest import SAMPLES, copy_project, serious_accessibility_violations, serve_directory

pytestmark = pytest.mark.site  # every test here builds a site

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "gongbao tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "gongbao tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
}
OLD, NEW, LATER = "2024-12-20", "2025-02-03", "2030-01-01"
REVISED = "wenhao/乌区政办发-2023-10"  # the document the sidecar corrects
UNTOUCHED = "wenhao/乌区政办发-2023-7"
OLD_TITLE = "乌达区人民政府办公室关于印发《乌达产业园区2023年异味综合整治提质增效工作方案》的通知"
NEW_TITLE = "乌达区人民政府办公室关于印发《乌达产业园区2023年异味综合整治工作方案》的通知"
SIDECAR = f"""documents:
  - match: 乌区政办发〔2023〕10号
    title: {NEW_TITLE}
"""


def gongbao(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **GIT_IDENTITY)
    result = subprocess.run(
        [sys.executable, "-m", "builder.commands.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def git(project: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_IDENTITY)
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True).stdout


def extract(project: Path, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="tar")
    return into


class Publications:
    """The project after each step, and what each `gongbao publish` said."""

    def __init__(self, project: Path, logs: dict[str, str], tree: Path, pruned: Path):
        self.project, self.logs, self.tree, self.pruned = project, logs, tree, pruned


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Publications:
    """One issue published as the first version; a later issue added and published (no new
    version); a correction in a sidecar published (a new version); then, later, a version cut by
    hand with a retention of two years."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    logs = {}
    gongbao(project, "add", str(SAMPLES["000_d2a9df18967429e5"]))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "乌达区 2023年第2期")
    logs["first"] = gongbao(project, "publish", "--alias", "latest", "--date", OLD).stderr

    gongbao(project, "add", str(SAMPLES["004_8c6b577f21ba2ac5"]))
    git(project, "add", "-A")
    git(project, "commit", "-qm", "克什克腾旗 2025年第1期")
    logs["issue added"] = gongbao(project, "publish", "--alias", "latest", "--date", "2025-01-15").stderr

    (project / "content" / "乌达区人民政府" / "2023-02" / "issue.yml").write_text(SIDECAR, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "乌区政办发〔2023〕10号: title corrected")
    logs["corrected"] = gongbao(project, "publish", "--alias", "latest", "--date", NEW).stderr
    tree = extract(project, tmp_path_factory.mktemp("gh-pages"))

    logs["later"] = gongbao(
        project, "publish", "--alias", "latest", "--cut", "--date", LATER, "--keep-years", "2"
    ).stderr
    pruned = extract(project, tmp_path_factory.mktemp("gh-pages-pruned"))
    return Publications(project, logs, tree, pruned)


def versions_of(tree: Path) -> list[tuple[str, list[str]]]:
    return [(v["version"], v["aliases"]) for v in json.loads((tree / "versions.json").read_text(encoding="utf-8"))]


def page(tree: Path, version: str, path: str) -> str:
    return (tree / version / path / "index.html").read_text(encoding="utf-8")


def test_adding_an_issue_redeploys_the_latest_version_without_cutting_one(published):
    assert f"new version {OLD} (the first version)" in published.logs["first"]
    assert f"redeploying version {OLD} (no published text changed)" in published.logs["issue added"]
    assert "revised:" not in published.logs["issue added"]
    # the issue added in place is in the first version, which stayed the only one until the correction
    assert (published.tree / OLD / "克什克腾旗人民政府" / "2025-01" / "index.html").is_file()


def test_a_sidecar_correction_cuts_a_new_version_named_by_date(published):
    log = published.logs["corrected"]
    assert f"new version {NEW} (1 document(s) changed, 0 removed)" in log
    assert f"revised: {REVISED} (标题)" in log
    assert versions_of(published.tree) == [(NEW, ["latest"]), (OLD, [])]
    assert "gh-pages: 2 version(s)" in log and "MB deployed" in log


def test_the_new_page_lists_the_revision_and_links_the_old_page_which_still_shows_the_old_text(published):
    html = page(published.tree, NEW, REVISED)
    section = html[html.index('class="gb-revisions"') : html.index('class="gb-body"')]
    assert "修订记录" in section and 'datetime="2025-02-03"' in section and "修订了标题" in section
    assert f"<del>{OLD_TITLE}</del>" in section and f"<ins>{NEW_TITLE}</ins>" in section  # the field, before and after
    assert "<del>提质增效</del>" in section  # the text's diff, down to the characters
    href = section.split('class="gb-revision__earlier" href="', 1)[1].split('"', 1)[0]
    earlier = (published.tree / NEW / REVISED / unquote(href)).resolve()
    assert earlier == (published.tree / OLD / REVISED).resolve()
    old = page(published.tree, OLD, REVISED)
    assert OLD_TITLE in old and NEW_TITLE not in old and "修订记录" not in old
    assert f">{NEW_TITLE}</h1>" in html and f">{OLD_TITLE}</h1>" in old


def test_an_unchanged_document_shows_no_history(published):
    assert "修订记录" not in page(published.tree, NEW, UNTOUCHED)
    assert "修订记录" not in page(published.tree, NEW, "克什克腾旗人民政府/2025-01")


def test_documents_json_carries_content_hashes_and_the_revision_list(published):
    def records(version):
        data = json.loads((published.tree / version / "documents.json").read_text(encoding="utf-8"))
        return {r["path"]: r for r in data["results"]}

    old, new = records(OLD), records(NEW)
    assert set(old) == set(new)
    for path in new:
        assert len(new[path]["content_hash"]) == 20 and len(new[path]["text_hash"]) == 20
        assert new[path]["revisions"] == [] or path == REVISED
        assert (new[path]["content_hash"] == old[path]["content_hash"]) == (path != REVISED)
    assert new[REVISED]["text_hash"] == old[REVISED]["text_hash"]  # the title is metadata, not text
    [revision] = new[REVISED]["revisions"]
    assert revision["version"] == NEW and revision["date"] == NEW and revision["changes"] == ["标题"]
    assert revision["previous_version"] == OLD and revision["previous_path"] == REVISED
    assert revision["previous_url"] == f"https://gongbao.example.org/{OLD}/{REVISED}/"
    assert revision["fields"] == [["标题", OLD_TITLE, NEW_TITLE]]


def test_aliases_are_redirect_pages_so_pages_counts_no_second_copy(published):
    latest = published.tree / "latest"
    assert latest.is_dir() and not latest.is_symlink()
    assert f"../{NEW}/" in (latest / "index.html").read_text(encoding="utf-8")
    size = sum(p.stat().st_size for p in latest.rglob("*") if p.is_file())
    assert size < 0.1 * sum(p.stat().st_size for p in (published.tree / NEW).rglob("*") if p.is_file())


def test_retention_keeps_the_latest_and_every_version_readers_saw_within_the_years(published):
    log = published.logs["later"]
    assert f"new version {LATER} (cut by hand)" in log  # no text changed: --cut forced it
    # OLD was superseded in 2025, more than two years before 2030: pruned. NEW stayed the latest
    # until this publication, so readers saw it within two years: kept, with the new latest.
    assert f"retention (2 years) deletes version(s) {OLD}" in log
    assert versions_of(published.pruned) == [(LATER, ["latest"]), (NEW, [])]
    assert not (published.pruned / OLD).exists()
    html = page(published.pruned, LATER, REVISED)
    assert "修订记录" in html and f"修订前的版本 {OLD} 已按保留策略删除" in html
    assert "gb-revision__earlier" not in html


def test_both_versions_load_in_chromium_with_the_version_selector(published, browser):
    with serve_directory(published.tree) as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base)  # the root redirects to latest/, which redirects to the version
        page.wait_for_url(f"{base}{NEW}/")
        assert "克什克腾旗人民政府" in page.locator(".md-content").inner_text()
        page.locator(".md-version").wait_for()
        assert NEW in page.locator(".md-version__current").inner_text()
        listed = page.locator(".md-version__list .md-version__link").all_inner_texts()
        assert any(NEW in item for item in listed) and any(OLD in item for item in listed)
        assert page.locator('[data-md-component="outdated"]').is_hidden()
        # the whole page under mike: version selector and alias included
        assert serious_accessibility_violations(page) == []

        page.goto(base + quote(f"{NEW}/{REVISED}/"))
        # the 修订记录 and its diff: no serious accessibility violation
        assert serious_accessibility_violations(page, ".gb-revisions") == []
        page.get_by_role("link", name=f"修订前的文本（版本 {OLD}）").click()
        page.wait_for_url(base + quote(f"{OLD}/{REVISED}/"))
        assert page.locator("h1").inner_text() == OLD_TITLE
        page.locator(".md-version").wait_for()
        assert OLD in page.locator(".md-version__current").inner_text()
        banner = page.locator('[data-md-component="outdated"]')
        banner.wait_for(state="visible")
        assert "旧版本" in banner.inner_text()
        banner.get_by_role("link", name="查看最新版本").click()
        page.wait_for_url(f"{base}{NEW}/")  # the site root, then latest/, then the version
        page.close()
        assert errors == []
