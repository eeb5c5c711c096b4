"""What search knows about words beyond the text itself: short forms and synonyms, and the
question words a query may carry.

Three sources, one table ({form typed: [forms a document may use instead]}):
  1. builder/search/data/search-terms.yml: common government short forms (发改委 = 发展和改革委员会)
     and synonyms, kept by hand as data;
  2. the texts' own definitions, learned at build time: "紧密型医疗服务共同体(以下简称“医共体”)"
     makes 医共体 stand for 医疗服务共同体;
  3. (in the browser, not here) a short form defined nowhere is matched against longer phrases
     whose characters it follows in order (engine.js).
The table is written as shards by the hash of a form's first character (`search/a/<n>.json.gz`),
so the engine fetches only the shards of the characters a query starts words with, and only
when the query has no exact match.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources

import yaml

from builder.patterns.terms import LONG_FORM_BEFORE, SHORT_FORM_DEFINITION


@cache
def search_terms() -> dict:
    """The hand-kept table: {"abbreviations": {short: [long]}, "synonyms": [[word…]], "stop_words": [...]}."""
    text = resources.files("builder.search").joinpath("data/search-terms.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def defined_abbreviations(text: str) -> dict[str, set[str]]:
    """{short form: {long forms}} from the definitions in one normalized text. The long form is
    the shortest tail of the phrase before the definition that starts with the short form's first
    character and contains its characters in order (紧密型县域医疗卫生共同体 -> 医疗卫生共同体)."""
    found: dict[str, set[str]] = defaultdict(set)
    for match in SHORT_FORM_DEFINITION.finditer(text):
        short = match.group("short")
        run = LONG_FORM_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        if run is None:
            continue
        long_form = _shortest_tail_spelling(run.group(0), short)
        if long_form:
            found[short].add(long_form)
    return found


def _shortest_tail_spelling(run: str, short: str) -> str | None:
    for start in range(len(run) - len(short), -1, -1):
        tail = run[start:]
        if tail[0] == short[0] and is_subsequence(short, tail):
            return tail if tail != short else None
    return None


def is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(char in characters for char in short)


def alias_table(texts: list[str], normalize) -> dict[str, list[str]]:
    """{form: [alternative forms]} from the data file and the texts' definitions, normalized."""
    table: dict[str, set[str]] = defaultdict(set)
    terms = search_terms()
    for short, longs in (terms.get("abbreviations") or {}).items():
        table[normalize(str(short))].update(normalize(long) for long in longs)
    for group in terms.get("synonyms") or []:
        words = [normalize(word) for word in group]
        for word in words:
            table[word].update(other for other in words if other != word)
    for text in texts:
        for short, longs in defined_abbreviations(text).items():
            table[short].update(longs)
    return {form: sorted(alternatives) for form, alternatives in sorted(table.items()) if alternatives}


def stop_words(normalize) -> list[str]:
    """Question words and particles, longest first (a query need not find them in a document)."""
    return sorted({normalize(word) for word in search_terms().get("stop_words") or []}, key=lambda w: (-len(w), w))
