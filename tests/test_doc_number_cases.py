"""A typed 文号 is read the same way in Python (builder/patterns/docnumber.py) and in the browser
(overrides/assets/javascripts/wenhao.js): one case list, tests/doc_number_cases.yml."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT
from test_search import node_eval

from builder.patterns.docnumber import normalize_doc_number, parse_doc_number_query

CASES = yaml.safe_load((ROOT / "tests" / "doc_number_cases.yml").read_text(encoding="utf-8"))
WENHAO_JS = ROOT / "overrides" / "assets" / "javascripts" / "wenhao.js"


@pytest.mark.parametrize("text, expected", CASES.items())
def test_python_reads_a_typed_doc_number(text, expected):
    parsed = parse_doc_number_query(text)
    assert (list(parsed) if parsed else None) == expected


def test_javascript_reads_every_case_as_python_does():
    script = (
        f"import {{ parseDocNumberQuery, normalizeDocNumber }} from {json.dumps(WENHAO_JS.as_uri())};\n"
        f"const cases = {json.dumps(list(CASES), ensure_ascii=False)};\n"
        "console.log(JSON.stringify(cases.map((text) => { const p = parseDocNumberQuery(text);"
        " return [p && [p.prefix, p.year, p.serial], normalizeDocNumber(text)]; })));"
    )
    javascript = json.loads(node_eval(script))
    python = [
        [(list(p) if (p := parse_doc_number_query(text)) else None), p.normalized if p else None] for text in CASES
    ]
    assert javascript == python


def test_both_languages_have_one_bracket_set():
    from builder.patterns.docnumber import CLOSE_BRACKETS, OPEN_BRACKETS

    script = (
        f"import {{ OPEN_BRACKETS, CLOSE_BRACKETS }} from {json.dumps(WENHAO_JS.as_uri())};\n"
        "console.log(JSON.stringify([OPEN_BRACKETS, CLOSE_BRACKETS]));"
    )
    assert json.loads(node_eval(script)) == [OPEN_BRACKETS, CLOSE_BRACKETS]
    search_js = (ROOT / "overrides" / "assets" / "javascripts" / "search" / "index.js").read_text(encoding="utf-8")
    assert "﹝" not in search_js  # the engine takes its brackets from wenhao.js, not a set of its own


def test_a_complete_bracketed_number_reads_as_the_builder_reads_it_in_text():
    """Where the builder's own reader finds a 文号 (brackets around the year), both agree on it."""
    for text in CASES:
        strict = normalize_doc_number(text)
        if strict is not None:
            assert parse_doc_number_query(text).normalized == strict, text
