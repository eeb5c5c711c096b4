"""Revisions of a published document: what changed between two versions of the site, and how.

A document's published *text* is its Markdown body (`builder.render.render_body`: title and
blocks, no front matter); its *metadata* the fields of `TRACKED_FIELDS`. `fingerprint` hashes
both, and documents.json carries the hashes, so the next `gongbao publish` can tell for each
document whether what readers see changed since the deployed version (builder.publishing).

A `Revision` records one such change: the version that first published the revised text, its
date, what changed (labels a reader understands: 正文, 标题, 成文日期 …) and where the earlier text
still is (`previous_version`/`previous_path`). `text_diff` turns two texts into the readable
diff the document page shows: changed paragraphs only, and inside each the characters deleted
and inserted (Chinese has no word boundaries: clauses are matched first, then characters).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from builder.model import DOCUMENT_FIELDS, Document, Issue
from builder.render import render_body

#: metadata a reader sees on a document page, with the label a revision names it by
#: (the document's tracked fields, then the date of the issue it appeared in)
TRACKED_FIELDS = {declared.name: declared.label for declared in DOCUMENT_FIELDS if declared.tracked} | {
    "issue_date": "公报日期"
}
TEXT = "正文"

#: environment variable naming the history file `gongbao publish` writes for the site build
HISTORY_VARIABLE = "GONGBAO_HISTORY"

#: a diff longer than this many changed paragraphs is cut (the earlier version has the whole text)
MAX_DIFF_PARAGRAPHS = 40
#: characters of unchanged text kept around a change inside a paragraph
CONTEXT = 30
#: below this share of characters in common, a changed paragraph is shown as rewritten
REWRITTEN = 0.5

SAME, DELETED, INSERTED = "same", "del", "ins"
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]{}|#+\-.)])")
_ATTRIBUTE_LIST = re.compile(r"\n?\{: [^}\n]*\}")
_CLAUSE = re.compile(r"[^，。；：！？、\n]*[，。；：！？、\n]?")


def _digest(value: object) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def tracked_metadata(metadata: dict, issue_date: str | None) -> dict:
    """The tracked fields out of `Document.metadata()` (or a documents.json record), with the
    date of the issue the document appeared in."""
    values = {name: metadata.get(name) for name in TRACKED_FIELDS if name != "issue_date"}
    values["issue_date"] = issue_date
    return values


@dataclass(frozen=True)
class Fingerprint:
    """Hashes of what readers see of a document: `text_hash` of its text, `content_hash` of its
    text and tracked metadata together."""

    content_hash: str
    text_hash: str

    @classmethod
    def of(cls, text: str, metadata: dict) -> Fingerprint:
        """`text` as `published_text` gives it; its title line is left out of `text_hash`
        (the title is tracked metadata, so a corrected title is not also a changed text)."""
        body = text.split("\n", 1)[1] if text.startswith("# ") and "\n" in text else text
        return cls(_digest([body, metadata]), _digest(body))


def published_text(document: Document) -> str:
    """What a reader reads of a document: its title and body as Markdown, as in its download."""
    return render_body(document)


def fingerprint(document: Document, issue: Issue) -> Fingerprint:
    return Fingerprint.of(published_text(document), tracked_metadata(document.metadata(), issue.date))


def readable(markdown: str) -> str:
    """Published Markdown as a reader reads it, for a diff: no escapes, no attribute lists."""
    text = _ATTRIBUTE_LIST.sub("", markdown)
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", text))


def text_from_download(markdown: str) -> str:
    """The published text inside a document's `.md` download (its body after the front matter)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            return markdown[end + 5 :].lstrip("\n")
    return markdown


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return "" if value is None else str(value)


def field_changes(before: dict, after: dict) -> list[list[str]]:
    """[label, before, after] for each tracked metadata field that differs, as a reader reads it."""
    return [
        [label, _shown(before.get(name)), _shown(after.get(name))]
        for name, label in TRACKED_FIELDS.items()
        if before.get(name) != after.get(name)
    ]


def changed_fields(before: dict, after: dict, text_changed: bool) -> list[str]:
    """Labels of what differs between two tracked-metadata dicts, 正文 first when the text did."""
    return ([TEXT] if text_changed else []) + [label for label, _, _ in field_changes(before, after)]


Segment = tuple[str, str]  # (SAME | DELETED | INSERTED, text)


@dataclass
class TextDiff:
    """The changed paragraphs of a text, each as segments of kept, deleted and inserted text."""

    paragraphs: list[list[Segment]] = field(default_factory=list)
    truncated: bool = False  # more paragraphs changed than MAX_DIFF_PARAGRAPHS

    @property
    def deleted(self) -> int:
        return sum(len(text) for p in self.paragraphs for kind, text in p if kind == DELETED)

    @property
    def inserted(self) -> int:
        return sum(len(text) for p in self.paragraphs for kind, text in p if kind == INSERTED)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _elide(text: str, first: bool, last: bool) -> str:
    """Unchanged text between changes, cut to CONTEXT characters next to each change it touches."""
    if first and last:
        return text
    if first:
        return text if len(text) <= CONTEXT else "…" + text[-CONTEXT:]
    if last:
        return text if len(text) <= CONTEXT else text[:CONTEXT] + "…"
    return text if len(text) <= 2 * CONTEXT else text[:CONTEXT] + "…" + text[-CONTEXT:]


def _clauses(text: str) -> list[str]:
    return [clause for clause in _CLAUSE.findall(text) if clause]


def _character_diff(old: str, new: str) -> list[Segment]:
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append((SAME, old[i1:i2]))
            continue
        if i2 > i1:
            segments.append((DELETED, old[i1:i2]))
        if j2 > j1:
            segments.append((INSERTED, new[j1:j2]))
    return segments


def _paragraph_diff(old: str, new: str) -> list[Segment]:
    """Characters deleted and inserted in a paragraph, found clause by clause (matching whole
    paragraphs character by character is quadratic: seconds for a long one); a paragraph
    rewritten for the most part reads better as the old one struck out and the new one after it."""
    before, after = _clauses(old), _clauses(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append((SAME, "".join(before[i1:i2])))
        else:
            segments += _character_diff("".join(before[i1:i2]), "".join(after[j1:j2]))
    kept = sum(len(text) for kind, text in segments if kind == SAME)
    if 2 * kept < REWRITTEN * (len(old) + len(new)):
        return [(DELETED, old), (INSERTED, new)]
    merged: list[Segment] = []
    for kind, text in segments:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        elif text:
            merged.append((kind, text))
    last = len(merged) - 1
    return [
        (kind, _elide(text, index == 0, index == last) if kind == SAME else text)
        for index, (kind, text) in enumerate(merged)
    ]


def text_diff(old: str, new: str) -> TextDiff:
    """The readable diff of two published texts: paragraphs matched first, then characters."""
    before, after = _paragraphs(readable(old)), _paragraphs(readable(new))
    diff = TextDiff()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = list(
            zip(before[i1:i2], after[j1:j2], strict=False)
        )  # the shorter side pairs, the rest is added or deleted
        changed = [_paragraph_diff(a, b) for a, b in pairs]
        changed += [[(DELETED, p)] for p in before[i1 + len(pairs) : i2]]
        changed += [[(INSERTED, p)] for p in after[j1 + len(pairs) : j2]]
        diff.paragraphs += changed
    if len(diff.paragraphs) > MAX_DIFF_PARAGRAPHS:
        diff.paragraphs, diff.truncated = diff.paragraphs[:MAX_DIFF_PARAGRAPHS], True
    return diff


@dataclass
class Revision:
    """One change of a document's published text or metadata, newest revisions first in a history.

    `previous_version` holds the earlier text at `previous_path` (None when it was overwritten
    in place); `available` says whether that version is still deployed (a retention policy may
    have pruned it). `diff` is filled by `gongbao publish` for the page; documents.json carries
    the rest (`record`)."""

    version: str
    date: str
    changes: list[str]
    path: str
    previous_version: str | None
    previous_path: str
    fields: list[list[str]] = field(default_factory=list)  # [label, before, after] of changed metadata
    available: bool = True
    diff: TextDiff | None = None

    def record(self) -> dict:
        data = asdict(self)
        del data["diff"]
        return data

    @classmethod
    def from_record(cls, data: dict) -> Revision:
        known = {
            name: data[name] for name in ("version", "date", "changes", "path", "previous_version", "previous_path")
        }
        return cls(**known, fields=data.get("fields", []), available=data.get("available", True))

    def previous_href(self, page_path: str) -> str | None:
        """The earlier text's page, relative to the page at `page_path` inside its version folder."""
        if not self.previous_version or not self.available:
            return None
        return "../" * (page_path.count("/") + 2) + f"{self.previous_version}/{self.previous_path}/"


def history_data(history: dict[str, list[Revision]], version: str) -> dict:
    """The history plan `gongbao publish` hands the site build (builder.site reads it back with
    `load_history`): every document's revisions, diffs included."""
    documents = {}
    for path, revisions in history.items():
        documents[path] = [dict(r.record(), diff=asdict(r.diff) if r.diff else None) for r in revisions]
    return {"version": version, "documents": documents}


def load_history(data: dict) -> dict[str, list[Revision]]:
    history = {}
    for path, revisions in data.get("documents", {}).items():
        loaded = []
        for item in revisions:
            revision = Revision.from_record(item)
            if item.get("diff"):
                revision.diff = TextDiff(
                    [[tuple(s) for s in p] for p in item["diff"]["paragraphs"]], item["diff"]["truncated"]
                )
            loaded.append(revision)
        history[path] = loaded
    return history
