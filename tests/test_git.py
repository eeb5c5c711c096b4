"""builder/commands/git.py: the one place gongbao calls git, in a real temporary repository."""

import subprocess

import pytest

from builder.commands import git
from builder.errors import GongbaoError


@pytest.fixture
def repo(tmp_path):
    def call(*arguments):
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    call("init", "-q", "-b", "main")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "issue.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("two\n", encoding="utf-8")
    call("add", ".")
    call(
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "commit",
        "-q",
        "-m",
        "first",
        "--date",
        "2023-11-14T22:13:20+00:00",
    )
    return tmp_path


def test_changed_files_are_edits_and_new_files_below_the_folder(repo):
    assert git.changed_files_since(repo, "HEAD") == []
    (repo / "a" / "issue.txt").write_text("changed\n", encoding="utf-8")
    (repo / "a" / "issue.yml").write_text("issue: {}\n", encoding="utf-8")  # untracked: new
    (repo / "b.txt").write_text("changed\n", encoding="utf-8")  # outside the folder asked about
    found = git.changed_files_since(repo / "a", "HEAD")
    assert sorted(path.resolve() for path in found) == [
        (repo / "a" / "issue.txt").resolve(),
        (repo / "a" / "issue.yml").resolve(),
    ]


def test_a_failing_command_is_one_error_with_gits_reason(repo):
    with pytest.raises(GongbaoError, match=r"git diff: .*no-such-revision") as error:
        git.changed_files_since(repo, "no-such-revision")
    assert error.value.path == str(repo)


def test_commit_time_and_files_in_a_revision(repo, tmp_path_factory):
    assert git.last_commit_time(repo) is not None and git.last_commit_time(repo).isdigit()
    assert git.last_commit_time(tmp_path_factory.mktemp("not-a-repo")) is None
    assert git.has_file(repo, "main", "b.txt") and not git.has_file(repo, "main", "index.html")
