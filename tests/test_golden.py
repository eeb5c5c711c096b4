"""Golden files: each sample issue in, its expected model and Markdown out.

Every folder under tests/golden/ is one case: its model.json names the raw issue it was made
from (`source`, relative to the repository), so a new case is a new folder. `pytest
--update-golden` rewrites the folders from the current builder and prints which files changed;
`git diff` then shows exactly what a change did to the output, for review before committing.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from builder.commands.report import inspect_data
from builder.parse import parse_issue
from builder.render import render_document

GOLDEN = ROOT / "tests" / "golden"


def _golden_cases() -> dict[str, Path]:
    """Each golden folder with the raw issue it was made from (the samples seed a missing one)."""
    cases = dict(SAMPLES)
    for folder in sorted(GOLDEN.iterdir()):
        model = folder / "model.json"
        if model.is_file():
            cases[folder.name] = ROOT / json.loads(model.read_text(encoding="utf-8"))["source"]
    return cases


CASES = _golden_cases()


def _expected_files(stem: str) -> dict[str, str]:
    source = CASES[stem]
    issue = parse_issue(source)
    model = inspect_data(issue)
    model["source"] = source.relative_to(ROOT).as_posix()
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


def _rewrite(folder: Path, actual: dict[str, str]) -> list[str]:
    """Write the folder anew; return what changed, one `+ name` / `- name` / `~ name` line each."""
    folder.mkdir(parents=True, exist_ok=True)
    old = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*")}
    changes = [f"- {name}" for name in sorted(set(old) - set(actual))]
    changes += [f"+ {name}" for name in sorted(set(actual) - set(old))]
    changes += [f"~ {name}" for name in sorted(set(actual) & set(old)) if actual[name] != old[name]]
    for stale in folder.glob("*"):
        stale.unlink()
    for name, text in actual.items():
        (folder / name).write_text(text, encoding="utf-8")
    return changes


@pytest.mark.parametrize("stem", sorted(CASES))
def test_sample_issue_matches_golden_files(stem: str, update_golden: bool, capsys) -> None:
    folder = GOLDEN / stem
    actual = _expected_files(stem)
    if update_golden:
        changes = _rewrite(folder, actual)
        with capsys.disabled():
            print(f"\ngolden/{stem}: " + (", ".join(changes) if changes else "unchanged"))
        pytest.skip("golden files rewritten; review them with git diff")
    expected_names = sorted(p.name for p in folder.glob("*"))
    assert expected_names == sorted(actual), "documents added or lost; rerun with --update-golden and review"
    for name, text in actual.items():
        expected = (folder / name).read_text(encoding="utf-8")
        assert text == expected, f"{stem}/{name} differs from its golden file:\n" + _diff(
            expected, text, f"{stem}/{name}"
        )
