"""Archive scale (issue 8), what can be asserted without timing: the synthetic archive is
deterministic and realistic, cache misses parse in parallel with the same results, and adding
one issue to a warm cache parses only that one."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from conftest import ROOT, SAMPLES

from builder.content.cache import IssueCache
from builder.content.corpus import check_corpus, raw_issue_files
from builder.errors import GongbaoError

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_archive import generate


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in raw_issue_files(folder):
        sha.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()


def test_the_synthetic_archive_is_deterministic_realistic_and_valid(tmp_path):
    first = generate(tmp_path / "a", 6, seed=3)
    generate(tmp_path / "b", 6, seed=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(generate(tmp_path / "c", 6, seed=4)[0].parents[2])
    assert len({path.parent.parent.name for path in first}) >= 2  # several counties
    assert all(40 * 1024 <= path.stat().st_size <= 300 * 1024 for path in first)
    issues, problems = check_corpus(tmp_path / "a")
    assert problems == []  # every 目录 item found, no 文号 twice
    for entry in issues:
        assert entry.issue.publisher and entry.issue.year and entry.issue.issue_numbers
        assert len(entry.issue.documents) == len(entry.issue.toc)


def test_parallel_parsing_gives_the_sequential_results_errors_included(tmp_path):
    content = tmp_path / "content"
    generate(content, 5, seed=1)
    bad = content / "某区人民政府" / "2024-01" / "issue.txt"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"")
    raws = raw_issue_files(content)
    sequential = IssueCache(None, 10**8).issues(raws, workers=1)
    parallel = IssueCache(None, 10**8).issues(raws, workers=2)
    for one, other in zip(sequential, parallel, strict=False):
        if isinstance(one, GongbaoError):
            assert isinstance(other, GongbaoError) and (other.path, other.line, other.message) == (
                one.path,
                one.line,
                one.message,
            )
        else:
            assert [d.metadata() for d in one.documents] == [d.metadata() for d in other.documents]
    assert sum(isinstance(result, GongbaoError) for result in parallel) == 1


def test_adding_one_issue_to_a_warm_cache_parses_only_that_one(tmp_path):
    content = tmp_path / "content"
    for sample in SAMPLES.values():
        target = content / sample.relative_to(ROOT / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, target)
    held = raw_issue_files(content)[-1]
    shutil.move(held.parent, tmp_path / "held")
    IssueCache(tmp_path / "cache", 10**8).issues(raw_issue_files(content), workers=2)
    shutil.move(tmp_path / "held", held.parent)
    cache = IssueCache(tmp_path / "cache", 10**8)
    cache.issues(raw_issue_files(content), workers=2)
    assert (cache.hits, cache.misses) == (3, 1)
