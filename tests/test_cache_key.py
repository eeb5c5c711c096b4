"""The parse cache is keyed on what shapes its output: change parse code and it misses; change the
site and it hits. Each run uses a copy of the builder package, edited, in a fresh interpreter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

RAW = SAMPLES["000_d2a9df18967429e5"]

PROBE = """
import json, sys
from pathlib import Path
from builder.content.cache import IssueCache
cache = IssueCache(Path(sys.argv[1]), max_bytes=10**8)
cache.issue(Path(sys.argv[2]))
print(json.dumps({"hits": cache.hits, "misses": cache.misses}))
"""


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "builder", tmp_path / "code" / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "code"


def parse_with(code: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(cache), str(RAW)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=code,
    )
    return json.loads(result.stdout)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_unchanged_builder_hits(copy: Path, tmp_path: Path) -> None:
    assert parse_with(copy, tmp_path / "cache") == {"hits": 0, "misses": 1}
    assert parse_with(copy, tmp_path / "cache") == {"hits": 1, "misses": 0}


@pytest.mark.parametrize(
    "module", ["parse/segment.py", "parse/cleaning/stages.py", "parse/audit.py", "patterns/docnumber.py"]
)
def test_a_change_to_code_the_parse_runs_misses(copy: Path, tmp_path: Path, module: str) -> None:
    parse_with(copy, tmp_path / "cache")
    append(copy / "builder" / module, "\nCHANGED = True\n")
    assert parse_with(copy, tmp_path / "cache") == {"hits": 0, "misses": 1}


def test_a_new_parse_module_counts_without_being_listed(copy: Path, tmp_path: Path) -> None:
    parse_with(copy, tmp_path / "cache")
    (copy / "builder" / "parse" / "new_stage.py").write_text("STAGE = 1\n", encoding="utf-8")
    assert parse_with(copy, tmp_path / "cache") == {"hits": 0, "misses": 1}


@pytest.mark.parametrize("module", ["site/pages.py", "commands/cli.py"])
def test_a_change_outside_the_parse_hits(copy: Path, tmp_path: Path, module: str) -> None:
    parse_with(copy, tmp_path / "cache")
    append(copy / "builder" / module, "\nCHANGED = True\n")
    assert parse_with(copy, tmp_path / "cache") == {"hits": 1, "misses": 0}


FINGERPRINT = """
from builder.parse.pdf.reader import reader_fingerprint
print(reader_fingerprint())
"""


def pdf_reader_fingerprint(code: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, "-c", FINGERPRINT], capture_output=True, text=True, env=env, check=True, cwd=code
    )
    return result.stdout.strip()


@pytest.mark.parametrize("module", ["parse/pdf/order.py", "patterns/layout.py"])
def test_the_pdf_read_cache_follows_the_code_the_reader_imports(copy: Path, module: str) -> None:
    """A pattern the PDF reader uses lives outside parse/pdf/: changing it must change the key."""
    before = pdf_reader_fingerprint(copy)
    append(copy / "builder" / module, "\nCHANGED = True\n")
    assert pdf_reader_fingerprint(copy) != before


def test_the_pdf_read_cache_ignores_the_site(copy: Path) -> None:
    before = pdf_reader_fingerprint(copy)
    append(copy / "builder" / "site" / "pages.py", "\nCHANGED = True\n")
    assert pdf_reader_fingerprint(copy) == before
