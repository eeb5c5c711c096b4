"""A simulated builder upgrade for benchmarks/versions.py, loaded by Python at start-up when this
folder is on PYTHONPATH: with GONGBAO_BENCH_UPGRADE set, the renderer writes full-width
parentheses for half-width ones in the text of every document, as a builder release that
normalizes brackets would. Most documents' published text changes (their outlines number
items "(一)"), so the publication after it revises nearly every document at once."""

import os

if os.environ.get("GONGBAO_BENCH_UPGRADE"):
    import builder.render as render

    _escape_chars = render._escape_chars  # every run of source text goes through it, link targets do not

    def escape_chars(text: str) -> str:
        return _escape_chars(text.replace("(", "（").replace(")", "）"))

    render._escape_chars = escape_chars
