"""builder.model.DOCUMENT_FIELDS: a document field is declared once, and every use of a field
(front matter, the sidecar, revisions, the search record) reads that one declaration."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from builder.content.revisions import TRACKED_FIELDS
from builder.errors import SidecarError
from builder.model import DOCUMENT_FIELDS, Document, DocumentField, Kind
from builder.parse import sidecar as sidecar_module
from builder.parse.sidecar import load_sidecar
from builder.search import index as search_module
from builder.search.index import RECORD_FIELDS, IndexedDocument, SearchIndex


def test_metadata_lists_every_declared_field_in_order():
    document = Document("关于某事的通知", 1, 2, kind=Kind.NOTICE)
    metadata = document.metadata()
    assert list(metadata) == [declared.name for declared in DOCUMENT_FIELDS]
    assert metadata["kind"] == "通知" and type(metadata["kind"]) is str  # plain data for YAML and JSON


def test_each_use_reads_its_share_of_the_declaration():
    assert list(TRACKED_FIELDS)[:-1] == [declared.name for declared in DOCUMENT_FIELDS if declared.tracked]
    assert TRACKED_FIELDS["title"] == "标题"
    correctable = {declared.name for declared in DOCUMENT_FIELDS if declared.correctable}
    assert set(sidecar_module._DOCUMENT_FIELDS) == correctable | {"match"}
    indexed = [declared.name for declared in DOCUMENT_FIELDS if declared.indexed]
    assert RECORD_FIELDS[-len(indexed) :] == indexed


def test_a_new_field_is_one_entry(monkeypatch):
    """Declaring 签发人 indexed makes the search record carry it, under its name in meta.json."""
    signer = DocumentField("signer", "签发人", str, lambda d: "张三", indexed=True)
    monkeypatch.setattr("builder.model.DOCUMENT_FIELDS", (*DOCUMENT_FIELDS, signer))
    fields = [*RECORD_FIELDS, "signer"]
    monkeypatch.setattr(search_module, "RECORD_FIELDS", fields)
    entry = IndexedDocument(Document("关于某事的通知", 1, 2), "a/", "关于某事的通知", "2025年第1期", "某县", 2025, None)
    files = SearchIndex.build([entry]).files
    meta = json.loads(files["search/meta.json"])
    assert meta["fields"] == fields
    record = dict(
        zip(meta["fields"], json.loads(search_module.gzip.decompress(files["search/d/0.json.gz"]))[0], strict=True)
    )
    assert record["signer"] == "张三" and record["url"] == "a/" and record["doc_number"] is None


def test_a_sidecar_kind_is_one_of_the_kinds(tmp_path: Path):
    path = tmp_path / "issue.yml"
    path.write_text(
        textwrap.dedent("""
        documents:
          - match: 12
            kind: 公函
    """).lstrip("\n"),
        encoding="utf-8",
    )
    with pytest.raises(SidecarError, match="'kind' is not a known kind: '公函'") as caught:
        load_sidecar(path)
    assert caught.value.line == 3
    path.write_text("documents:\n  - match: 12\n    kind: 大事记\n", encoding="utf-8")
    assert load_sidecar(path)["documents"][0]["kind"] == "大事记"
