"""Golden files: each sample issue in, its expected model and Markdown out.

`pytest --update-golden` rewrites tests/golden/<sample>/ from the current builder; `git diff`
then shows exactly what a change did to the output, for review before committing.
"""

from __future__ import annotations

import difflib
import json

import pytest
from conftest import ROOT, SAMPLES

from builder import parse_issue
from builder.render import render_document
from builder.report import inspect_data

GOLDEN = ROOT / "tests" / "golden"


def _expected_files(stem: str) -> dict[str, str]:
    issue = parse_issue(SAMPLES[stem])
    model = inspect_data(issue)
    model["source"] = SAMPLES[stem].relative_to(ROOT).as_posix()
    for document in model["documents"]:
        del document["markdown"]  # the Markdown files below hold it
    files = {"model.json": json.dumps(model, ensure_ascii=False, indent=1) + "\n"}
    for position, document in enumerate(issue.documents, 1):
        files[f"{position:02d}.md"] = render_document(document, issue)
    return files


def _diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", "builder", n=2
    )
    return "".join(list(lines)[:80])


@pytest.mark.parametrize("stem", sorted(SAMPLES))
def test_sample_issue_matches_golden_files(stem: str, update_golden: bool) -> None:
    folder = GOLDEN / stem
    actual = _expected_files(stem)
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*"):
            stale.unlink()
        for name, text in actual.items():
            (folder / name).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review them with git diff")
    expected_names = sorted(p.name for p in folder.glob("*"))
    assert expected_names == sorted(actual), "documents added or lost; rerun with --update-golden and review"
    for name, text in actual.items():
        expected = (folder / name).read_text(encoding="utf-8")
        assert text == expected, f"{stem}/{name} differs from its golden file:\n" + _diff(expected, text, f"{stem}/{name}")
