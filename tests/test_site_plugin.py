"""The plugin's parts without a full site: typed config, permalinks, the issue cache, hooks."""

from __future__ import annotations

import copy
import logging
import pickle
from pathlib import Path

import pytest
from conftest import CONTENT, SAMPLES
from mkdocs.config.base import ValidationError

from builder.content import cache as cache_module
from builder.content.cache import IssueCache
from builder.content.corpus import issue_key, raw_issue_files
from builder.errors import GongbaoError
from builder.model import DocNumber, Document, Issue
from builder.parse import parse_issue
from builder.site.library import build_library
from builder.site.permalinks import doc_number_slug, title_slug
from builder.site.plugin import GazetteConfig, cn_date

# --- config -----------------------------------------------------------------------------------


def validate(options: dict):
    config = GazetteConfig()
    config.load_dict(options)
    return config, config.validate()


def test_config_defaults_validate():
    config, (failed, warnings) = validate({})
    assert (failed, warnings) == ([], [])
    assert config.enabled and config.cache and config.cache_dir == ".cache/plugin/gongbao"
    assert config.content_dir is None and config.findings_level == "info"


@pytest.mark.parametrize(
    "options, key",
    [
        ({"latest_issues": 0}, "latest_issues"),
        ({"feed_entries": "ten"}, "feed_entries"),
        ({"findings_level": "loud"}, "findings_level"),
        ({"enabled": "yes"}, "enabled"),
        ({"max_issue_size": -1}, "max_issue_size"),
    ],
)
def test_config_rejects_bad_options(options, key):
    _, (failed, _) = validate(options)
    assert [name for name, _ in failed] == [key]
    assert all(isinstance(error, ValidationError) for _, error in failed)


def test_config_warns_about_unknown_options():
    _, (failed, warnings) = validate({"content": "content"})
    assert failed == [] and [name for name, _ in warnings] == ["content"]


def test_cn_date():
    assert cn_date("2023-07-06") == "2023年7月6日"
    assert cn_date(None) == "" and cn_date("2023年") == "2023年"


# --- permalinks -------------------------------------------------------------------------------


def test_doc_number_slug():
    document = Document(
        title="t", start_line=1, end_line=2, doc_number=DocNumber("东政办发", 2023, 33, "东政办发[2023]33号")
    )
    assert doc_number_slug(document) == "东政办发-2023-33"
    document.doc_number = DocNumber("", 2023, 33, "〔2023〕33号")
    assert doc_number_slug(document) is None


def test_title_slug_is_short_and_path_safe():
    slug = title_slug("关于《东胜区 2023/2024 年度》计划的通知？#1" + "很长" * 40)
    assert "/" not in slug and "#" not in slug and "?" not in slug and " " not in slug
    assert len(slug.encode()) < 255 and slug.startswith("关于-东胜区-2023-2024-年度-计划的通知")
    assert title_slug("《》") == "untitled"


def parsed_corpus():
    return [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]


def urls(library) -> dict[tuple[str, int], str]:
    return {(d.issue.key, d.position): d.url for d in library.documents}


def test_urls_do_not_change_when_issues_are_added_or_removed():
    corpus = parsed_corpus()
    everything = urls(build_library(corpus))
    for left_out in range(len(corpus)):
        subset = urls(build_library(corpus[:left_out] + corpus[left_out + 1 :]))
        assert all(everything[key] == url for key, url in subset.items())


def test_a_reprinted_doc_number_keeps_its_first_url():
    corpus = parsed_corpus()
    older = next(item for item in corpus if item[1] == "东胜区人民政府/2023-07-09")
    reprint = copy.deepcopy(older[2])
    reprint.year, reprint.issue_numbers = 2099, [1]
    newer = (older[0], "东胜区人民政府/2099-01", reprint)
    before = urls(build_library(corpus))
    after = build_library([*corpus, newer])
    assert all(urls(after)[key] == url for key, url in before.items())
    reprinted = [d.url for d in after.documents if d.issue.key == "东胜区人民政府/2099-01" and d.document.doc_number]
    assert reprinted and all(url.endswith("-东胜区人民政府-2099-01/") for url in reprinted)


def test_document_urls_are_unique():
    all_urls = [d.url for d in build_library(parsed_corpus()).documents]
    assert len(all_urls) == len(set(all_urls))


def test_issues_are_newest_first_and_grouped_by_publisher():
    library = build_library(parsed_corpus())
    assert [i.key for i in library.issues][:2] == ["克什克腾旗人民政府/2025-01", "东胜区人民政府/2024-01-03"]
    assert [p.folder for p in library.publishers] == sorted(p.folder for p in library.publishers)


# --- cache ------------------------------------------------------------------------------------


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "content" / "某区人民政府" / "2023-01" / "issue.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(SAMPLES["004_8c6b577f21ba2ac5"].read_bytes())
    return path


def test_cache_parses_an_unchanged_issue_once(tmp_path, raw, monkeypatch):
    first = IssueCache(tmp_path / "cache", max_bytes=10**8).issue(raw)
    monkeypatch.setattr(cache_module, "parse_raw", lambda *a, **k: pytest.fail("re-parsed an unchanged issue"))
    cache = IssueCache(tmp_path / "cache", max_bytes=10**8)
    second = cache.issue(raw)
    assert (cache.hits, cache.misses) == (1, 0)
    assert second.metadata() == first.metadata()
    assert [d.metadata() for d in second.documents] == [d.metadata() for d in first.documents]


def test_cache_reparses_when_the_sidecar_changes(tmp_path, raw):
    IssueCache(tmp_path / "cache", max_bytes=10**8).issue(raw)
    (raw.parent / "issue.yml").write_text("issue:\n  date: '2025-02-01'\n", encoding="utf-8")
    cache = IssueCache(tmp_path / "cache", max_bytes=10**8)
    assert cache.issue(raw).date == "2025-02-01"
    assert cache.misses == 1


def test_cache_replaces_an_unreadable_entry(tmp_path, raw, caplog):
    cache = IssueCache(tmp_path / "cache", max_bytes=10**8)
    entry = tmp_path / "cache" / f"{cache.key(raw, raw.read_bytes())}.pickle"
    entry.parent.mkdir()
    entry.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        issue = cache.issue(raw)
    assert issue.documents and "unreadable cache entry" in caplog.text
    assert isinstance(pickle.loads(entry.read_bytes()), Issue)


def test_cache_prunes_entries_a_build_did_not_use(tmp_path, raw):
    stale = tmp_path / "cache" / "0000.pickle"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    cache = IssueCache(tmp_path / "cache", max_bytes=10**8)
    cache.issue(raw)
    cache.prune()
    assert not stale.exists() and len(list((tmp_path / "cache").glob("*.pickle"))) == 1


def test_disabled_cache_writes_nothing(tmp_path, raw):
    cache = IssueCache(None, max_bytes=10**8)
    cache.issue(raw)
    cache.prune()
    assert cache.misses == 1 and not (tmp_path / "cache").exists()


def test_cache_passes_on_builder_errors(tmp_path):
    empty = tmp_path / "issue.txt"
    empty.write_bytes(b"")
    with pytest.raises(GongbaoError):
        IssueCache(tmp_path / "cache", max_bytes=10**8).issue(empty)


# --- hooks ------------------------------------------------------------------------------------


class _RecordingServer:
    def __init__(self):
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_a_content_dir_outside_docs_dir(tmp_path):
    from types import SimpleNamespace

    from builder.site.plugin import GazettePlugin

    plugin = GazettePlugin()
    plugin.content_dir = tmp_path / "raw"
    plugin.content_dir.mkdir()
    server = _RecordingServer()
    plugin.on_serve(server, config=SimpleNamespace(docs_dir=str(tmp_path / "docs")), builder=None)
    assert server.watched == [str(tmp_path / "raw")]
    server = _RecordingServer()
    plugin.on_serve(server, config=SimpleNamespace(docs_dir=str(tmp_path / "raw")), builder=None)
    assert server.watched == []  # MkDocs already watches docs_dir


def test_materials_own_search_files_are_kept_only_when_its_search_plugin_is_on():
    import material
    from mkdocs.structure.files import File, Files

    from builder.site.plugin import _drop_unused_theme_files

    theme = str(Path(material.__file__).parent / "templates")
    names = ["assets/javascripts/workers/search.js", "assets/javascripts/lunr/min/lunr.zh.min.js", "assets/x.js.map"]

    def kept(material_search: bool) -> list[str]:
        files = Files([File(name, theme, "/site", True) for name in names])
        _drop_unused_theme_files(files, material_search=material_search)
        return [file.src_uri for file in files]

    assert kept(False) == []
    assert kept(True) == names[:2]  # benchmarks/search_quality.py turns it on to compare with it
