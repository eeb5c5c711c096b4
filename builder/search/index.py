"""The search index: character bigrams over one normalization, in small static files whose size
does not grow with the archive.

Documents are numbered newest first and cut into blocks of `BLOCK_DOCS`; each block has its own
postings, sharded by bigram hash. A query reads block 0 (the newest documents), then the next,
and stops once it has a page of results: what it downloads depends on how far back it has to
look, not on how large the archive is. Layout under `search/` in the built site (read by
overrides/assets/javascripts/search/engine.js):

    meta.json          version, block size, each block's shard count, text page size, fields
    b/<b>/<n>.json.gz  postings of block b's bigrams whose hash is n, with local document numbers:
                       {gram: [doc, count, pos, pos…, doc, …]} (positions delta-coded within a
                       document), and of single characters as "\u0001" + char: [doc, doc, …]
    b/<b>/docs.json    per document of block b: [title length, 文号 line length] (ranking needs
                       no more: a hit before the title's end is a title hit)
    d/<c>.json.gz      documents c*DOC_CHUNK…, each a list of the values meta.json's "fields"
                       names (`RECORD_FIELDS`: url, title, issue, date, publisher, year,
                       departments, length, 文号, 文种), fetched for the results shown and filters
    t/<doc>-<k>.txt.gz the k-th page of a document's normalized text (for phrase snippets)

Read only when a query has no (or few) exact matches, by the relaxed stages of engine.js:

    b/<b>/c<n>.json.gz positions of block b's single characters, as the bigram postings (a short
                       form is matched against the phrases whose characters it follows in order)
    a/<n>.json.gz      short forms and synonyms by the hash of their first character:
                       {form: [alternative forms]} (builder/search/vocabulary.py)
    g/<n>.json.gz      with more than one block: {bigram or "\u0001" + char: [blocks holding it]},
                       so that a query with few matches skips the older blocks that cannot match
    n/<n>.json.gz      文号 by the hash of code and serial, for a 文号 typed without its year and
                       for cited 文号 outside the archive: {"东政发|31": [[year, doc] or
                       [year, url of the cited 文号's page, title or null], …]}, newest first

Files ending in .gz are gzip-compressed here (as Pagefind does), so the index takes a quarter
of the space on the server and a static host serves them as they are; the engine inflates them
with the browser's DecompressionStream. `normalize` here and `normalize` in engine.js are one
definition, tested to agree.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from builder.model import DOCUMENT_FIELDS, BlockKind, DocNumber, Document
from builder.patterns import CLOSE_BRACKETS, OPEN_BRACKETS
from builder.search.vocabulary import alias_table, stop_words

PAGE_CHARS = 1000  # a snippet reads one page (two at a page boundary)
UNIGRAM = "\u0001"  # key prefix of single-character postings: no bigram starts with it
SHARD_TARGET_BYTES = 6000  # a shard's size, roughly: a query reads one shard per bigram
BLOCK_DOCS = 64  # documents per block: a typical query reads one or two blocks
DOC_CHUNK = 16  # documents per metadata file
TABLE_SHARD_ENTRIES = 400  # entries per shard of the alias and 文号 tables

_FULLWIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH[0x3000] = 0x20
_YEAR_BRACKETS = re.compile(rf"[{re.escape(OPEN_BRACKETS)}]\s*((?:19|20)\d{{2}})\s*年?\s*[{re.escape(CLOSE_BRACKETS)}]")
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


@dataclass(frozen=True)
class IndexedDocument:
    """What the index needs of one document page: its model and where and how the site shows it."""

    document: Document
    url: str
    title: str  # as result lists show it (a generic title carries its issue)
    issue: str  # the issue's title
    publisher: str
    year: int | None
    date: str | None  # 成文日期, else the issue's date
    departments: list[str] = field(default_factory=list)


class OutsideNumber(Protocol):
    """A cited 文号 the archive does not hold, with the page the site gives it."""

    @property
    def number(self) -> DocNumber: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str | None: ...


@dataclass
class SearchIndex:
    files: dict[str, str | bytes]  # site path -> content

    @classmethod
    def build(cls, documents: Sequence[IndexedDocument], cited: Iterable[OutsideNumber] = ()) -> SearchIndex:
        """The index files of `documents`, newest first (a lower number is more recent)."""
        texts = [document_text(entry.document) for entry in documents]
        files: dict[str, str | bytes] = {}
        shard_counts, char_shard_counts = [], []
        blocks_of: dict[str, list[int]] = defaultdict(list)
        for block, first in enumerate(range(0, max(1, len(texts)), BLOCK_DOCS)):
            shards = _block_postings(texts[first : first + BLOCK_DOCS])
            shard_counts.append(len(shards))
            for key in sorted(set().union(*shards)):
                blocks_of[key].append(block)
            for n, table in enumerate(shards):
                files[f"search/b/{block}/{n}.json.gz"] = _gzip(_json(table))
            char_shards = _character_postings(texts[first : first + BLOCK_DOCS])
            char_shard_counts.append(len(char_shards))
            for n, table in enumerate(char_shards):
                files[f"search/b/{block}/c{n}.json.gz"] = _gzip(_json(table))
            files[f"search/b/{block}/docs.json"] = _json(
                [
                    [len(normalize(entry.document.title)), _number_length(entry.document)]
                    for entry in documents[first : first + BLOCK_DOCS]
                ]
            )
        for first in range(0, len(documents), DOC_CHUNK):
            files[f"search/d/{first // DOC_CHUNK}.json.gz"] = _gzip(
                _json(
                    [
                        _record(entry, len(texts[doc]))
                        for doc, entry in enumerate(documents[first : first + DOC_CHUNK], first)
                    ]
                )
            )
        for doc, text in enumerate(texts):
            for page in range(max(1, (len(text) + PAGE_CHARS - 1) // PAGE_CHARS)):
                files[f"search/t/{doc}-{page}.txt.gz"] = _gzip(text[page * PAGE_CHARS : (page + 1) * PAGE_CHARS])
        aliases = _hashed_shards(alias_table(texts, normalize), lambda form: form[0])
        for n, table in enumerate(aliases):
            files[f"search/a/{n}.json.gz"] = _gzip(_json(table))
        grams = _gram_blocks(blocks_of) if len(shard_counts) > 1 else []
        for n, table in enumerate(grams):
            files[f"search/g/{n}.json.gz"] = _gzip(_json(table))
        numbers = _hashed_shards(_number_table(documents, cited), lambda key: key)
        for n, table in enumerate(numbers):
            files[f"search/n/{n}.json.gz"] = _gzip(_json(table))
        files["search/meta.json"] = _json(
            {
                "version": 3,
                "documents": len(documents),
                "block": BLOCK_DOCS,
                "chunk": DOC_CHUNK,
                "shards": shard_counts,
                "charShards": char_shard_counts,
                "aliasShards": len(aliases),
                "numberShards": len(numbers),
                "gramShards": len(grams),
                "stopWords": stop_words(normalize),
                "page": PAGE_CHARS,
                "fields": RECORD_FIELDS,
            }
        )
        return cls(files)


#: what a result shows of a document besides its indexed metadata: an `IndexedDocument`'s own
#: fields, and the length of its searched text
_ENTRY_FIELDS = ["url", "title", "issue", "date", "publisher", "year", "departments", "length"]
#: the search record of a document, field by field: meta.json lists these names and engine.js
#: reads a record by them, so a field marked `indexed` in `DOCUMENT_FIELDS` reaches the browser
RECORD_FIELDS = _ENTRY_FIELDS + [declared.name for declared in DOCUMENT_FIELDS if declared.indexed]


def _record(entry: IndexedDocument, length: int) -> list:
    """A document's search record: its values in the order of `RECORD_FIELDS`."""
    values = entry.document.metadata() | {
        "url": entry.url,
        "title": entry.title,
        "issue": entry.issue,
        "date": entry.date,
        "publisher": entry.publisher,
        "year": entry.year,
        "departments": entry.departments,
        "length": length,
    }
    return [values[name] for name in RECORD_FIELDS]


def _block_postings(texts: list[str]) -> list[dict[str, list[int]]]:
    """The shards of one block: bigram postings with positions, single-character doc lists."""
    bigrams: dict[str, list[int]] = {}
    unigrams: dict[str, list[int]] = defaultdict(list)
    for doc, text in enumerate(texts):
        positions: dict[str, list[int]] = defaultdict(list)
        for position, gram in enumerate(map(str.__add__, text, text[1:])):
            positions[gram].append(position)
        for gram, found in positions.items():
            if "\n" in gram or gram == "  ":
                continue
            deltas = [found[0]] + [b - a for a, b in itertools.pairwise(found)]
            flat = bigrams.get(gram)
            if flat is None:
                flat = bigrams[gram] = []
            flat += [doc, len(found), *deltas]
        for char in set(text) - {"\n", " "}:
            unigrams[char].append(doc)
    size = sum(len(flat) for flat in bigrams.values()) * 3 + len(bigrams) * 10  # JSON characters, roughly
    count = max(1, size // SHARD_TARGET_BYTES)
    shards: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for gram in sorted(bigrams):
        shards[fnv1a(gram) % count][gram] = bigrams[gram]
    for char in sorted(unigrams):
        shards[fnv1a(UNIGRAM + char) % count][UNIGRAM + char] = unigrams[char]
    return shards


def _gram_blocks(blocks_of: dict[str, list[int]]) -> list[dict[str, list[int]]]:
    """{bigram or single-character key: the blocks holding it}, sharded by hash like the
    postings: a rare query reads only the older blocks that can contain it."""
    size = sum(len(key) * 3 + 4 + 3 * len(blocks) for key, blocks in blocks_of.items())
    count = max(1, size // SHARD_TARGET_BYTES)
    shards: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for key in sorted(blocks_of):
        shards[fnv1a(key) % count][key] = blocks_of[key]
    return shards


def _character_postings(texts: list[str]) -> list[dict[str, list[int]]]:
    """Positions of every character of one block (space and line break aside), sharded by hash:
    {char: [doc, count, pos, pos…, doc, …]} with positions delta-coded within a document."""
    postings: dict[str, list[int]] = {}
    for doc, text in enumerate(texts):
        positions: dict[str, list[int]] = defaultdict(list)
        for position, char in enumerate(text):
            if char not in "\n ":
                positions[char].append(position)
        for char, found in positions.items():
            postings.setdefault(char, []).extend(
                [doc, len(found), found[0], *(b - a for a, b in itertools.pairwise(found))]
            )
    size = sum(len(flat) for flat in postings.values()) * 3 + len(postings) * 8
    count = max(1, size // SHARD_TARGET_BYTES)
    shards: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for char in sorted(postings):
        shards[fnv1a(char) % count][char] = postings[char]
    return shards


def number_key(prefix: str, serial: int) -> str:
    """The 文号 table's key: the issuing code and serial, without the year."""
    return f"{prefix}|{serial}"


def _number_table(documents: Sequence[IndexedDocument], cited: Iterable[OutsideNumber]) -> dict[str, list]:
    """{code|serial: entries, newest year first}: the archive's documents by number, then cited
    文号 outside it with their page (a 文号 typed without its year lists them all)."""
    table: dict[str, list] = defaultdict(list)
    for doc, entry in enumerate(documents):
        number = entry.document.doc_number
        if number is not None and number.prefix:
            table[number_key(number.prefix, number.serial)].append([number.year, doc])
    for outside in cited:
        number = outside.number
        table[number_key(number.prefix, number.serial)].append([number.year, outside.url, outside.title])
    for entries in table.values():
        entries.sort(key=lambda item: (-item[0], len(item), item[1] if len(item) == 2 else 0))
    return dict(table)


def _hashed_shards(table: dict, hashed_part) -> list[dict]:
    """`table` cut into shards of about TABLE_SHARD_ENTRIES, an entry's shard the FNV-1a hash of
    `hashed_part(key)` (what the browser can compute from a query)."""
    count = max(1, -(-len(table) // TABLE_SHARD_ENTRIES))
    shards: list[dict] = [{} for _ in range(count)]
    for key in sorted(table):
        shards[fnv1a(hashed_part(key)) % count][key] = table[key]
    return shards


def _number_length(document: Document) -> int:
    return len(normalize(str(document.doc_number))) if document.doc_number is not None else 0


def _gzip(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)  # mtime 0: reproducible


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
