"""Effects precision and recall: the fixture issues of tests/fixtures/effects/ added to the sample
archive, their effects found (builder.parse.effects) and their targets found in the library
(builder.site.effects), against the hand-written answers.yml.

An effect counts as right when its acting document, its kind (废止 / 失效 / 修改) and its target
are right; the target is the archive document it names (by 文号, or by title where the 文号 is
garbled or missing), else the cited 文号 outside the archive.

    .venv/bin/python benchmarks/effects.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.content.corpus import issue_key, raw_issue_files  # noqa: E402
from builder.parse import parse_issue  # noqa: E402
from builder.site.citations import CitationIndex  # noqa: E402
from builder.site.effects import apply_effects  # noqa: E402
from builder.site.library import build_library  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "effects"
CONTENT = ROOT / "content"


def found_effects(fixture: Path) -> set[tuple[str, str, str]]:
    """(acting 文号, effect, target 文号) of every effect the builder finds in `fixture`."""
    parsed = [(raw, issue_key(raw, CONTENT), parse_issue(raw)) for raw in raw_issue_files(CONTENT)]
    parsed.append((fixture, f"fixture/{fixture.stem}", parse_issue(fixture)))
    library = build_library(parsed)
    apply_effects(library, CitationIndex(library))
    found = set()
    for entry in library.documents:
        if entry.issue.raw_path != fixture or entry.document.doc_number is None:
            continue
        for applied in entry.effects_made:
            if applied.effect.rejected:
                continue
            if applied.target is not None and applied.target.document.doc_number is not None:
                target = applied.target.document.doc_number.normalized
            elif applied.external is not None:
                target = applied.external.number.normalized
            else:
                target = f"(not found) {applied.effect.target_title}"
            found.add((entry.document.doc_number.normalized, applied.kind.value, target))
    return found


def main() -> None:
    answers = yaml.safe_load((FIXTURES / "answers.yml").read_text(encoding="utf-8"))
    total_right = total_found = total_expected = 0
    print(f"{'fixture':<24} {'expected':>8} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}")
    for name, expected_rows in answers.items():
        expected = {tuple(row) for row in expected_rows}
        found = found_effects(FIXTURES / name)
        right = len(found & expected)
        precision = right / len(found) if found else 1.0
        recall = right / len(expected) if expected else 1.0
        print(f"{name:<24} {len(expected):>8} {len(found):>6} {right:>6} {precision:>9.2f} {recall:>7.2f}")
        for row in sorted(found - expected):
            print(f"    wrong:  {' '.join(row)}")
        for row in sorted(expected - found):
            print(f"    missed: {' '.join(row)}")
        total_right, total_found, total_expected = (
            total_right + right,
            total_found + len(found),
            total_expected + len(expected),
        )
    precision = total_right / total_found if total_found else 1.0
    recall = total_right / total_expected if total_expected else 1.0
    print(f"{'all':<24} {total_expected:>8} {total_found:>6} {total_right:>6} {precision:>9.2f} {recall:>7.2f}")


if __name__ == "__main__":
    main()
