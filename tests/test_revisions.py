"""When `gongbao publish` cuts a version, what a revision records, the readable diff, the
retention policy, the size budget and the size of a branch as GitHub Pages counts it: plain
data in, no build (tests/test_publishing.py publishes for real)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from builder.commands.ghpages import (
    has_branch,
    read_files,
    read_versions,
    tree_size,
    update_from_remote,
)
from builder.commands.publishing import (
    PAGES_LIMIT,
    PublishedDocument,
    SizeReport,
    plan_publication,
    prune_versions,
)
from builder.content.revisions import (
    DELETED,
    INSERTED,
    MAX_DIFF_PARAGRAPHS,
    SAME,
    Fingerprint,
    Revision,
    text_diff,
)

LATEST = [{"version": "2025-01-10", "aliases": ["latest"], "properties": {"published": "2025-01-10"}}]


def document(path, text="# 标题\n\n正文第一段。\n", title="标题", issue="县/2025-01", position=1, **metadata):
    return PublishedDocument(path, issue, position, {"title": title, **metadata}, text)


def deployed(*documents: PublishedDocument) -> dict[str, PublishedDocument]:
    return {
        d.path: PublishedDocument(
            d.path, d.issue_key, d.position, d.metadata, hashes=Fingerprint.of(d.text, d.metadata)
        )
        for d in documents
    }


def test_only_new_documents_redeploy_the_latest_version_in_place():
    before = [document("wenhao/a-2025-1")]
    plan = plan_publication(
        [*before, document("wenhao/a-2025-2", position=2)], LATEST, deployed(*before), date="2025-02-01"
    )
    assert (plan.version, plan.new_version, plan.changed, plan.history) == ("2025-01-10", False, {}, {})


def test_a_changed_text_cuts_a_version_named_by_date_with_a_revision():
    plan = plan_publication(
        [document("wenhao/a-2025-1", text="# 标题\n\n正文第一段，已更正。\n")],
        LATEST,
        deployed(document("wenhao/a-2025-1")),
        date="2025-02-01",
    )
    assert (plan.version, plan.new_version, plan.changed) == ("2025-02-01", True, {"wenhao/a-2025-1": ["正文"]})
    [revision] = plan.history["wenhao/a-2025-1"]
    assert (revision.version, revision.previous_version, revision.previous_path) == (
        "2025-02-01",
        "2025-01-10",
        "wenhao/a-2025-1",
    )
    assert revision.previous_href("wenhao/a-2025-1") == "../../../2025-01-10/wenhao/a-2025-1/"


def test_a_corrected_doc_number_is_matched_by_its_place_in_the_issue():
    plan = plan_publication(
        [document("wenhao/a-2025-9", doc_number="a〔2025〕9号")],
        LATEST,
        deployed(document("wenhao/a-2025-1", doc_number="a〔2025〕1号")),
        date="2025-02-01",
    )
    assert plan.changed == {"wenhao/a-2025-9": ["文号"]} and plan.removed == []
    [revision] = plan.history["wenhao/a-2025-9"]
    assert revision.previous_path == "wenhao/a-2025-1" and revision.fields == [["文号", "a〔2025〕1号", "a〔2025〕9号"]]


def test_a_removed_document_cuts_a_version_and_an_unknown_baseline_does_too():
    plan = plan_publication(
        [document("wenhao/a-2025-1")],
        LATEST,
        deployed(document("wenhao/a-2025-1"), document("x/y", issue="县/2025-02")),
        date="2025-02-01",
    )
    assert plan.new_version and plan.removed == ["x/y"]
    plan = plan_publication([document("wenhao/a-2025-1")], LATEST, None, date="2025-02-01")
    assert plan.new_version and "no content hashes" in plan.reason


def test_names_by_hand_and_by_date_never_collide_and_an_overwritten_text_is_not_linked():
    plan = plan_publication([document("a")], LATEST, deployed(document("a")), date="2025-01-10", cut=True)
    assert plan.version == "2025-01-10-2" and plan.new_version
    plan = plan_publication(
        [document("a", text="# 标题\n\n改。\n")],
        LATEST,
        deployed(document("a")),
        date="2025-02-01",
        version="2025-01-10",
    )
    assert not plan.new_version and plan.history["a"][0].previous_version is None
    assert plan.history["a"][0].previous_href("a") is None


def test_earlier_revisions_are_carried_and_marked_when_retention_prunes_their_version():
    earlier = Revision("2024-03-01", "2024-03-01", ["正文"], "a", "2023-05-01", "a")
    old = deployed(document("a"))
    old["a"].revisions = [earlier]
    versions = [
        {"version": "2025-01-10", "aliases": ["latest"]},
        {"version": "2024-03-01", "aliases": []},
        {"version": "2023-05-01", "aliases": []},
    ]
    plan = plan_publication([document("a"), document("b", position=2)], versions, old, date="2025-02-01")
    assert plan.history == {"a": [earlier]} and earlier.available
    plan = plan_publication([document("a")], versions, old, date="2027-02-01", cut=True, keep_years=2)
    assert plan.prune == ["2023-05-01", "2024-03-01"] and not plan.history["a"][0].available


def test_retention_keeps_the_latest_and_what_readers_saw_within_the_years():
    versions = [{"version": v} for v in ("2020-01-05", "2021-06-01", "2023-03-01", "2024-02-01", "2025-01-10")]
    # 2020-01-05 was the latest until 2021-06-01, 2021-06-01 until 2023-03-01: both more than a
    # year before 2025-01-10; 2023-03-01 was the latest until 2024-02-01, within it
    assert prune_versions(versions, 1, "2025-01-10") == ["2020-01-05", "2021-06-01"]
    assert prune_versions(versions, 2, "2025-01-10") == ["2020-01-05"]
    assert prune_versions(versions, 10, "2025-01-10") == []
    assert prune_versions(versions, 0, "2025-01-10") == ["2020-01-05", "2021-06-01", "2023-03-01", "2024-02-01"]
    hand_named = [{"version": "redesign"}, {"version": "2010-01-01"}, {"version": "2025-01-10"}]
    assert prune_versions(hand_named, 1, "2025-01-10") == []  # undated: kept; 2010 was the latest until 2025
    dated_by_property = [{"version": "redesign", "properties": {"published": "2015-01-01"}}, *hand_named[1:]]
    assert prune_versions(dated_by_property, 1, "2025-01-10") == ["2010-01-01"]


def test_the_diff_marks_characters_in_changed_paragraphs_only():
    old = "# 关于加强\\*管理\\*的通知\n\n第一段不变。\n\n第二段有一个错字：公报公布了。\n\n第三段将删除。\n"
    new = "# 关于加强\\*管理\\*的通知\n\n第一段不变。\n\n第二段有一个错字：公告公布了。\n\n新增的第四段。\n"
    diff = text_diff(old, new)
    assert diff.paragraphs == [
        [(SAME, "第二段有一个错字：公"), (DELETED, "报"), (INSERTED, "告"), (SAME, "公布了。")],
        [(DELETED, "第三段将删除。"), (INSERTED, "新增的第四段。")],
    ]
    assert (diff.deleted, diff.inserted) == (8, 8) and not diff.truncated
    assert text_diff(old, old).paragraphs == []
    assert text_diff("# t\n\n\\*a\\* &lt;b&gt;\n", "# t\n\n\\*a\\* &lt;c&gt;\n").paragraphs[0][0] == (SAME, "*a* <")


def test_a_long_diff_is_cut_and_long_unchanged_runs_are_elided():
    many = "\n\n".join(f"第{n}段。" for n in range(100))
    diff = text_diff(many, many.replace("段", "节"))
    assert len(diff.paragraphs) == MAX_DIFF_PARAGRAPHS and diff.truncated
    long = "甲" * 200
    [[before, _, _, after]] = text_diff(long + "乙" + long, long + "丙" + long).paragraphs
    assert before == (SAME, "…" + "甲" * 30) and after == (SAME, "甲" * 30 + "…")


def test_the_size_report_warns_well_before_the_pages_limit():
    assert SizeReport(300_000_000, 150_000_000, 2).warning is None
    assert "prune old versions" in SizeReport(760_000_000, 100_000_000, 5).warning  # past 75 %
    assert SizeReport(600_000_000, 450_000_000, 2).warning is not None  # the next version would not fit
    assert "(30% of the 1 GB Pages limit)" in SizeReport(PAGES_LIMIT * 3 // 10, 1, 1).summary("v")


def test_a_symlinked_alias_counts_as_a_copy_of_its_version(tmp_path: Path):
    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "gh-pages")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "index.html").write_text("x" * 1000, encoding="utf-8")
    (tmp_path / "versions.json").write_text("[]", encoding="utf-8")
    (tmp_path / "latest").symlink_to("v1")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    size = tree_size(tmp_path, "gh-pages")
    assert (size.of("v1"), size.of("latest"), size.total) == (1000, 1000, 2002)
    assert read_files(tmp_path, "gh-pages", ["versions.json", "nope", "v1"]) == {
        "versions.json": "[]",
        "nope": None,
        "v1": None,
    }


def test_a_fresh_clone_reads_the_deployed_versions_from_its_remote(tmp_path: Path):
    def git(folder, *args):
        return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout

    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "gh-pages")
    (origin / "versions.json").write_text('[{"version": "2025-01-10", "aliases": ["latest"]}]', encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    clone = tmp_path / "clone"
    clone.mkdir()
    git(clone, "init", "-q", "-b", "main")
    git(clone, "remote", "add", "origin", str(origin))
    git(clone, "fetch", "-q", "origin")  # as actions/checkout leaves it: only origin/gh-pages
    assert not has_branch(clone, "gh-pages") and read_versions(clone, "gh-pages") == []
    update_from_remote(clone, "origin", "gh-pages")
    assert read_versions(clone, "gh-pages")[0]["version"] == "2025-01-10"
