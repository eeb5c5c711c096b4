"""Sidecar files: an editor's corrections and additions for one raw issue.

The raw text is never edited. What it lacks or gets wrong goes in `issue.yml` beside it:

    issue:                      # any of the issue's own fields
      date: 2024-03-31
      total_number: 46
    documents:                  # corrections to single documents
      - match: 东政办发〔2024〕13号     # a 文号 in any spelling, or the start line number
        title: …
        date: 2024-03-25
    accepted:                   # problems an editor reviewed: `gongbao check` no longer fails on them
      duplicate_doc_numbers: [东政办发〔2023〕33号]   # a reprint of a document from an earlier issue
      missing_toc_items: [关于…的通知]               # in the 目录, really not in this issue's text

Every key and type is checked; an unknown key, a wrong type or a date that does not exist is a
`SidecarError` naming the file and line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.errors import SidecarError
from builder.model import DOCUMENT_FIELDS, Issue, Kind
from builder.patterns import (
    ISO_DATE,
    normalize_doc_number,
    parse_doc_number,
)
from builder.yamlfile import read_yaml

SIDECAR_NAMES = ("issue.yml", "issue.yaml")

_ISSUE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "gazette_title": str,
    "publisher": str,
    "year": int,
    "issue_label": str,
    "issue_numbers": list,
    "total_number": int,
    "date": str,
}
_DOCUMENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "match": (str, int),
    **{declared.name: declared.accepts for declared in DOCUMENT_FIELDS if declared.correctable},
}


_KINDS = [kind.value for kind in Kind]
_ACCEPTED_FIELDS: dict[str, type] = {"duplicate_doc_numbers": list, "missing_toc_items": list}


@dataclass(frozen=True)
class Accepted:
    """Problems of an issue an editor has reviewed and accepted (from the sidecar's `accepted:`)."""

    duplicate_doc_numbers: frozenset[str] = frozenset()  # normalized 文号
    missing_toc_items: frozenset[str] = frozenset()  # 目录 titles as printed


#: sidecar names gongbao does not read: an error, so that corrections are never silently ignored
_FOREIGN_SIDECARS = ("issue.toml", "issue.json")


def find_sidecar(raw_path: Path) -> Path | None:
    for name in SIDECAR_NAMES:
        candidate = raw_path.parent / name
        if candidate.is_file():
            return candidate
    for name in _FOREIGN_SIDECARS:
        if (raw_path.parent / name).is_file():
            raise SidecarError(
                f"sidecars are YAML: write the corrections as {SIDECAR_NAMES[0]} ({name} is not read)",
                raw_path.parent / name,
            )
    return None


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping and key, for error messages, and
    reads dates as plain strings so that they are checked here (2023-02-30 is an error, not a
    crash; a date with a time is not a date)."""


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {loader.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_INTERNAL = {"__line__", "__lines__"}


def load_sidecar(path: Path) -> dict[str, Any]:
    """Read and validate a sidecar; raise `SidecarError` with file and line on any problem."""
    data = read_yaml(path, _LineLoader, SidecarError)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SidecarError("expected a mapping with 'issue' and/or 'documents'", path, 1)
    _check_keys(data, {"issue": dict, "documents": list, "accepted": dict}, path, "top level")
    data["issue"] = data.get("issue") or {}
    data["documents"] = data.get("documents") or []
    data["accepted"] = _accepted(data.get("accepted") or {}, path)
    if data["issue"]:
        _check_keys(data["issue"], _ISSUE_FIELDS, path, "issue")
        _check_date(data["issue"], path)
    for entry in data["documents"]:
        if not isinstance(entry, dict):
            raise SidecarError("each item of 'documents' must be a mapping", path, data["__lines__"].get("documents"))
        _check_keys(entry, _DOCUMENT_FIELDS, path, "documents item")
        if "match" not in entry:
            raise SidecarError("a documents item needs 'match' (a 文号 or a start line)", path, entry["__line__"])
        _check_date(entry, path)
        if entry.get("kind") is not None and entry["kind"] not in _KINDS:
            known = "、".join(_KINDS)
            raise SidecarError(
                f"'kind' is not a known kind: {entry['kind']!r} (known: {known})", path, _line_of(entry, "kind")
            )
        if entry.get("doc_number") is not None and parse_doc_number(entry["doc_number"]) is None:
            raise SidecarError(
                f"'doc_number' is not a 文号: {entry['doc_number']!r}", path, _line_of(entry, "doc_number")
            )
    return data


def _accepted(mapping: dict, path: Path) -> Accepted:
    _check_keys(mapping, _ACCEPTED_FIELDS, path, "accepted")
    numbers = set()
    for value in mapping.get("duplicate_doc_numbers") or []:
        number = parse_doc_number(value)
        if number is None:
            raise SidecarError(f"not a 文号: {value!r}", path, _line_of(mapping, "duplicate_doc_numbers"))
        numbers.add(number.normalized)
    return Accepted(frozenset(numbers), frozenset(mapping.get("missing_toc_items") or []))


#: element type of list-valued keys
_LIST_ITEMS = {
    "issue_numbers": int,
    **{declared.name: declared.items for declared in DOCUMENT_FIELDS if declared.correctable and declared.items},
    "duplicate_doc_numbers": str,
    "missing_toc_items": str,
}


def _line_of(mapping: dict, key: str) -> int | None:
    return mapping.get("__lines__", {}).get(key, mapping.get("__line__"))


def _check_keys(mapping: dict, allowed: dict, path: Path, where: str) -> None:
    for key, value in mapping.items():
        if key in _INTERNAL:
            continue
        line = _line_of(mapping, key)
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise SidecarError(f"unknown key '{key}' in {where} (known keys: {known})", path, line)
        expected = allowed[key]
        if value is not None and (not isinstance(value, expected) or isinstance(value, bool)):
            names = "/".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise SidecarError(f"'{key}' in {where} must be {names}, not {type(value).__name__}", path, line)
        item_type = _LIST_ITEMS.get(key)
        if (
            isinstance(value, list)
            and item_type
            and not all(isinstance(v, item_type) and not isinstance(v, bool) for v in value)
        ):
            raise SidecarError(f"'{key}' in {where} must be a list of {item_type.__name__}", path, line)


def _check_date(mapping: dict, path: Path) -> None:
    value = mapping.get("date")
    if value is None:
        return
    try:
        if not ISO_DATE.fullmatch(value):  # fromisoformat alone takes 20231016 and week dates
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except ValueError:
        raise SidecarError(
            f"'date' must be a real date as YYYY-MM-DD, not {value!r}", path, _line_of(mapping, "date")
        ) from None


def apply_sidecar(issue: Issue, data: dict[str, Any]) -> None:
    """Apply validated corrections to a parsed issue."""
    for key, value in (data.get("issue") or {}).items():
        if key not in _INTERNAL:
            setattr(issue, key, value)
    for entry in data.get("documents") or []:
        target = _find_document(issue, entry["match"])
        if target is None:
            issue.warn(f"sidecar item matches no document: {entry['match']}", None)
            continue
        for key, value in entry.items():
            if key == "match" or key in _INTERNAL:
                continue
            if key == "doc_number":
                value = parse_doc_number(value)
            elif key == "kind" and value is not None:
                value = Kind(value)
            setattr(target, key, value)


def _find_document(issue: Issue, match: str | int):
    for document in issue.documents:
        if isinstance(match, int) and document.start_line == match:
            return document
        if (
            isinstance(match, str)
            and document.doc_number
            and normalize_doc_number(match) == document.doc_number.normalized
        ):
            return document
        if isinstance(match, str) and document.title == match:
            return document
    return None
