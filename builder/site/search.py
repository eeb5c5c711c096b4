"""The search index: character bigrams over one normalization, sharded into small static files.

Layout under `search/` in the built site (read by overrides/assets/javascripts/search/engine.js):

    meta.json        documents (url, title, 文号, issue, date, publisher, year, 文种, departments),
                     the shard count and text page size
    s/<n>.json       postings of the bigrams whose hash is n: {gram: [doc, count, pos, pos…, doc, …]}
                     (positions delta-coded within a document), and of single characters as
                     "\u0001" + char: [doc, doc, …] (for one-character queries)
    t/<doc>-<k>.txt  the k-th page of a document's normalized text (for phrase snippets)

A query fetches only the shards of its own bigrams, so what it downloads does not grow with the
archive. `normalize` here and `normalize` in engine.js are one definition, tested to agree.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from builder.model import BlockKind, Document
from builder.site.library import Library

PAGE_CHARS = 2000
UNIGRAM = "\u0001"  # key prefix of single-character postings: no bigram starts with it
SHARD_TARGET_GRAMS = 400  # bigrams per shard, on average

_FULLWIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH[0x3000] = 0x20
_YEAR_BRACKETS = re.compile(r"[〔\[(（【﹝［{]\s*((?:19|20)\d{2})\s*年?\s*[〕\])）】﹞］}]")
_YEAR_WORD = re.compile(r"([发字函])\s*((?:19|20)\d{2})\s*年\s*(\d{1,5})\s*号")
_SPACE_NEAR_WIDE = re.compile(r"[ \t]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t]+")
_SPACES = re.compile(r"[ \t]+")


def normalize(text: str) -> str:
    """The one text form search compares: full-width digits and letters to ASCII, lower case,
    every bracket around a 文号 year to 〔〕 (东政办发[2023]33号, 东政办发2023年33号 ->
    东政办发〔2023〕33号), no spaces or tabs next to a Chinese character. Line breaks stay
    (they separate blocks; no term spans one)."""
    text = text.translate(_FULLWIDTH).lower()
    text = _YEAR_BRACKETS.sub(r"〔\1〕", text)
    text = _YEAR_WORD.sub(r"\1〔\2〕\3号", text)
    text = _SPACE_NEAR_WIDE.sub("", text)
    return _SPACES.sub(" ", text)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript strings are made of)."""
    value = 0x811C9DC5
    for char in text:
        for code in _utf16_units(char):
            value ^= code
            value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def _utf16_units(char: str) -> list[int]:
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def document_text(document: Document) -> str:
    """What a document is searched in: title, 文号, then every body block (headings and
    attachment titles included), one per line."""
    parts = [document.title]
    if document.doc_number is not None:
        parts.append(str(document.doc_number))
    parts += [text for block in document.blocks if block.kind != BlockKind.DOC_NUMBER for text in block.texts()]
    return normalize("\n".join(part.replace("**", "") for part in parts if part))


@dataclass
class SearchIndex:
    files: dict[str, str]  # site path -> content

    @classmethod
    def build(cls, library: Library, departments_of) -> SearchIndex:
        documents = library.documents  # newest issue first: a lower id is more recent
        texts = [document_text(entry.document) for entry in documents]
        bigrams: dict[str, dict[int, list[int]]] = defaultdict(dict)
        unigrams: dict[str, list[int]] = defaultdict(list)
        for doc, text in enumerate(texts):
            for position in range(len(text) - 1):
                gram = text[position:position + 2]
                if "\n" not in gram and gram != "  ":
                    bigrams[gram].setdefault(doc, []).append(position)
            for char in sorted(set(text) - {"\n", " "}):
                unigrams[char].append(doc)
        shard_count = max(1, len(bigrams) // SHARD_TARGET_GRAMS)
        shards: dict[int, dict[str, list[int]]] = defaultdict(dict)
        for gram, postings in bigrams.items():
            flat: list[int] = []
            for doc, positions in postings.items():
                flat += [doc, len(positions)] + [b - a for a, b in zip([0, *positions], positions)]
            shards[fnv1a(gram) % shard_count][gram] = flat
        for char, docs in unigrams.items():
            shards[fnv1a(UNIGRAM + char) % shard_count][UNIGRAM + char] = docs
        files = {f"search/s/{n}.json": json.dumps(shards.get(n, {}), ensure_ascii=False, separators=(",", ":"))
                 for n in range(shard_count)}
        for doc, text in enumerate(texts):
            for page in range(0, max(1, (len(text) + PAGE_CHARS - 1) // PAGE_CHARS)):
                files[f"search/t/{doc}-{page}.txt"] = text[page * PAGE_CHARS:(page + 1) * PAGE_CHARS]
        files["search/meta.json"] = json.dumps(
            {
                "version": 1,
                "shards": shard_count,
                "page": PAGE_CHARS,
                "fields": ["url", "title", "doc_number", "issue", "date", "publisher", "year", "kind", "departments", "length"],
                "docs": [
                    [entry.url, entry.document.title, str(entry.document.doc_number) if entry.document.doc_number else None,
                     entry.issue.title, entry.document.date or entry.issue.issue.date, entry.issue.publisher.name,
                     entry.issue.issue.year, entry.document.kind, departments_of(entry), len(texts[doc])]
                    for doc, entry in enumerate(documents)
                ],
            },
            ensure_ascii=False, separators=(",", ":"),
        )
        return cls(files)
