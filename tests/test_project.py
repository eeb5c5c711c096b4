"""The project's own shape: runtime dependencies are what the runtime imports, and benchmarks
take their helpers from benchmarks/support.py, not from the tests."""

from __future__ import annotations

import ast
import re
import tomllib

from conftest import ROOT

#: runtime dependencies the builder uses without importing them
USED_WITHOUT_IMPORT = {
    "mkdocs-material": "the theme mkdocs.yml names",
    "mike": "`gongbao publish` runs its command",
}
IMPORT_NAMES = {"pyyaml": "yaml", "charset-normalizer": "charset_normalizer"}
PENDING: set[tuple[str, str]] = set()  # (benchmark, test module) imports still to move


def imported_modules(*paths) -> set[str]:
    """The top-level modules the Python files `paths` import (relative imports left out)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported_by_the_builder():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower() for requirement in project["dependencies"]]
    imported = imported_modules(*(ROOT / "builder").rglob("*.py"))
    unused = [
        name
        for name in names
        if name not in USED_WITHOUT_IMPORT and IMPORT_NAMES.get(name, name.replace("-", "_")) not in imported
    ]
    assert unused == []  # a test- or benchmark-only package belongs in the `test` or `bench` extra


def test_benchmarks_import_nothing_from_the_tests():
    tests = {path.stem for path in (ROOT / "tests").glob("*.py")}
    reaching = {
        (path.name, module)
        for path in (ROOT / "benchmarks").glob("*.py")
        for module in imported_modules(path)
        if module in tests
    }
    assert reaching <= PENDING


def test_the_suite_collects_in_a_clone_without_the_shared_answer_keys(tmp_path):
    """On GitHub a clone has no ../shared beside it: every test module must still import and
    every test must still be collected (those needing the keys skip when they run)."""
    import shutil
    import subprocess
    import sys

    clone = tmp_path / "clone"  # tmp_path / "shared" does not exist
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " error" not in result.stdout.splitlines()[-1], result.stdout[-3000:]
    assert not (tmp_path / "shared").exists()
